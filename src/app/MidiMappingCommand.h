#pragma once

#include "midi/MidiMapping.h"

#include <QUndoCommand>

namespace fxrack::app {

class MidiController;

// One edit of the MIDI mapping table, on the rack's undo stack: a mapping added (learned or
// typed), removed, or changed. Holds rows and values, never pointers into the table.
class MidiMappingCommand : public QUndoCommand {
public:
    enum class Kind { Insert, Remove, Replace };
    // `applied`: the change is already made (a learned mapping); the first redo does nothing.
    MidiMappingCommand(MidiController* midi, Kind kind, int row, midi::MidiMapping before,
                       midi::MidiMapping after, bool applied = false);
    void redo() override;
    void undo() override;

private:
    MidiController* m_midi;
    Kind m_kind;
    int m_row;
    midi::MidiMapping m_before, m_after;
    bool m_skipRedo;
};

} // namespace fxrack::app
