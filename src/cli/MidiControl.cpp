#include "cli/MidiControl.h"

#include "cli/Command.h"
#include "realtime/RealtimeProcessor.h"
#include "session/SessionMidi.h"

#include <iostream>

namespace fxrack::cli {

MidiControl::MidiControl(realtime::RealtimeProcessor& processor, const std::string& api,
                         const std::vector<std::string>& ports, const session::Session* session,
                         const std::vector<std::string>& specs,
                         std::function<void(midi::TargetKind, int)> onAction)
    : m_processor(processor), m_targets(processor, std::move(onAction))
{
    const auto& chain = processor.effects();
    m_mapper.resetRack(chain.size());
    if (session)
        for (const QString& notice : session::addSessionMappings(*session, m_mapper))
            std::cerr << "fxrack-cli: " << notice.toStdString() << std::endl;
    for (const std::string& text : specs) {
        try {
            const midi::MappingSpec spec = midi::parseMappingSpec(text);
            midi::checkSpecTarget(spec, text, chain.size(),
                                  spec.slot >= 0 && spec.slot < chain.size() ? &chain.at(spec.slot)
                                                                             : nullptr);
            m_mapper.add(spec);
        } catch (const midi::MappingError& e) {
            throw UsageError{e.what()};
        }
    }
    if (ports.empty()) {
        if (!specs.empty())
            throw UsageError{"--map needs --midi-in PORT (see 'fxrack-cli devices --midi')"};
        return;
    }
    midi::MidiApi midiApi = midi::MidiApi::Any;
    try {
        midiApi = midi::parseMidiApi(api);
    } catch (const std::invalid_argument& e) {
        throw UsageError{std::string("--midi-api: ") + e.what()};
    }
    m_inputs = std::make_unique<midi::MidiInputs>(midiApi, "fxrack-cli");
    for (const std::string& port : ports)
        if (m_inputs->open(port) == 0)
            throw UsageError{"--midi-in " + port +
                             ": no MIDI input port matches (see 'fxrack-cli devices --midi')"};
}

void MidiControl::dispatch()
{
    if (!m_inputs)
        return;
    m_inputs->drain(
        [&](const midi::MidiEvent& e, const std::string& port) { m_mapper.handle(e, port, m_targets); });
    m_mapper.flush(m_targets);
    for (const std::string& warning : m_mapper.takeWarnings())
        std::cerr << "fxrack-cli: " << warning << std::endl;
    if (++m_rounds % 1000 == 0) // about once a second: hot-plug
        m_inputs->rescan();
}

void MidiControl::follow(const ScriptedEdit& edit)
{
    switch (edit.kind) {
    case ScriptedEdit::Kind::Insert:
        m_mapper.slotInserted(edit.index);
        break;
    case ScriptedEdit::Kind::Remove:
        m_mapper.slotRemoved(edit.index);
        break;
    case ScriptedEdit::Kind::Move:
        m_mapper.slotMoved(edit.index, edit.to);
        break;
    default:
        break;
    }
}

} // namespace fxrack::cli
