#include "midi/ProcessorTargets.h"

#include "dsp/Errors.h"
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
    // The mapper clamped the value to the parameter's range; the rate may still refuse it (a
    // cutoff above Nyquist, a combination the effect rejects): that value is skipped, the run goes on.
    try {
        m_processor.setParameter(slot, paramId, value);
    } catch (const dsp::ParameterError&) {
        ++m_refused;
    }
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
