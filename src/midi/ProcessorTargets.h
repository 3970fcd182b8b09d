#pragma once

#include "midi/MidiTargets.h"

#include <functional>

namespace fxrack::realtime {
class RealtimeProcessor;
}

namespace fxrack::midi {

// MIDI targets on a RealtimeProcessor (the CLI's rack): parameters and bypass go straight to
// the processor; global actions to `onAction`. Control thread.
class ProcessorTargets final : public MidiTargets {
public:
    explicit ProcessorTargets(realtime::RealtimeProcessor& processor,
                              std::function<void(TargetKind, int)> onAction = {})
        : m_processor(processor), m_onAction(std::move(onAction))
    {}
    const dsp::Effect* effect(int slot) const override;
    bool isBypassed(int slot) const override;
    void setParameter(int slot, int paramId, double value) override;
    void setBypass(int slot, bool bypassed) override;
    void action(TargetKind kind, int index) override;
    // Values the processor refused (ParameterError), skipped.
    uint64_t refused() const noexcept { return m_refused; }

private:
    realtime::RealtimeProcessor& m_processor;
    std::function<void(TargetKind, int)> m_onAction;
    uint64_t m_refused = 0;
};

} // namespace fxrack::midi
