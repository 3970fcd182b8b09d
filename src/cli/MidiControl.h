#pragma once

#include "cli/LiveScript.h"
#include "midi/MidiInputs.h"
#include "midi/MidiMapper.h"
#include "midi/ProcessorTargets.h"
#include "session/Session.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace fxrack::cli {

// `live --midi-in PORT --map SPEC`: MIDI inputs and the mapping table driving the processor.
// Control thread: dispatch() drains the inputs' wait-free queues and applies the mapped values
// (coalesced per target), so MIDI adds at most the live loop's period (1 ms) to the audio path.
class MidiControl {
public:
    // UsageError for a bad API, a malformed spec, a slot or parameter the rack lacks (naming
    // the --map part at fault) or a port that is not there (naming the --midi-in). A session's
    // mappings (when `session` is given) come first; one whose effect is gone is reported.
    MidiControl(realtime::RealtimeProcessor& processor, const std::string& api,
                const std::vector<std::string>& ports, const session::Session* session,
                const std::vector<std::string>& specs, std::function<void(midi::TargetKind, int)> onAction);
    bool active() const { return m_inputs != nullptr; }
    void dispatch();
    // A scripted edit moved, inserted or removed a slot: mappings follow their effect.
    void follow(const ScriptedEdit& edit);
    uint64_t messages() const { return m_inputs ? m_inputs->received() : 0; }
    uint64_t dropped() const { return m_inputs ? m_inputs->dropped() : 0; }
    std::vector<std::string> ports() const
    {
        return m_inputs ? m_inputs->openPorts() : std::vector<std::string>{};
    }
    const midi::MidiMapper& mapper() const { return m_mapper; }

private:
    realtime::RealtimeProcessor& m_processor;
    std::unique_ptr<midi::MidiInputs> m_inputs;
    midi::MidiMapper m_mapper;
    midi::ProcessorTargets m_targets;
    int m_rounds = 0;
};

} // namespace fxrack::cli
