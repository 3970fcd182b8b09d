#pragma once

#include <QDialog>

class QTableView;
class QUndoStack;

namespace fxrack::app {

class MidiController;
class MidiMappingModel;

// The MIDI mapping table: every mapping of the session with its source, target, range, curve and
// takeover; edits and removals are undoable (the rack's undo stack).
class MidiMappingDialog : public QDialog {
    Q_OBJECT
public:
    MidiMappingDialog(MidiController* midi, QUndoStack* undo, QWidget* parent = nullptr);
    MidiMappingModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }

private:
    MidiMappingModel* m_model;
    QTableView* m_view;
};

} // namespace fxrack::app
