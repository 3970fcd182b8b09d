#include "midi/ProcessorTargets.h"

#include "realtime/RealtimeProcessor.h"

namespace fxrack::midi {

const dsp::Effect* ProcessorTargets::effect(int slot) const
{
    const auto& chain = m_processor.effects();
    return slot >= 0 && slot < chain.size() ? &chain.at(slot) : nullptr;
}

bool ProcessorTargets::isBypassed(int slot) const
{
    const auto& chain = m_processor.effects();
    return slot >= 0 && slot < chain.size() && chain.isBypassed(slot);
}

void ProcessorTargets::setParameter(int slot, int paramId, double value)
{
    m_processor.setParameter(slot, paramId, value); // the mapper clamped it to the parameter's range
}

void ProcessorTargets::setBypass(int slot, bool bypassed)
{
    m_processor.setBypass(slot, bypassed);
}

void ProcessorTargets::action(TargetKind kind, int index)
{
    if (m_onAction)
        m_onAction(kind, index);
}

} // namespace fxrack::midi
