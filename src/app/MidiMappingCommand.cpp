#include "MidiMappingCommand.h"

#include "MidiController.h"

#include <QCoreApplication>

namespace fxrack::app {

MidiMappingCommand::MidiMappingCommand(MidiController* midi, Kind kind, int row, midi::MidiMapping before,
                                       midi::MidiMapping after, bool applied)
    : m_midi(midi), m_kind(kind), m_row(row), m_before(std::move(before)), m_after(std::move(after)),
      m_skipRedo(applied)
{
    switch (kind) {
    case Kind::Insert:
        setText(QCoreApplication::translate("MidiMappingCommand", "Add MIDI Mapping"));
        break;
    case Kind::Remove:
        setText(QCoreApplication::translate("MidiMappingCommand", "Remove MIDI Mapping"));
        break;
    case Kind::Replace:
        setText(QCoreApplication::translate("MidiMappingCommand", "Change MIDI Mapping"));
        break;
    }
}

void MidiMappingCommand::redo()
{
    if (std::exchange(m_skipRedo, false))
        return;
    switch (m_kind) {
    case Kind::Insert:
        m_midi->insertMapping(m_row, m_after);
        break;
    case Kind::Remove:
        m_midi->removeMapping(m_row);
        break;
    case Kind::Replace:
        m_midi->replaceMapping(m_row, m_after);
        break;
    }
}

void MidiMappingCommand::undo()
{
    switch (m_kind) {
    case Kind::Insert:
        m_midi->removeMapping(m_row);
        break;
    case Kind::Remove:
        m_midi->insertMapping(m_row, m_before);
        break;
    case Kind::Replace:
        m_midi->replaceMapping(m_row, m_before);
        break;
    }
}

} // namespace fxrack::app
