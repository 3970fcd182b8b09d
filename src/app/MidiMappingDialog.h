#pragma once

#include <QDialog>

class QTableView;
class QUndoStack;

namespace fxrack::app {

class MidiController;
class MidiMappingModel;

// The MIDI mapping table: every mapping of the session with its source, target, range, curve and
// takeover, all editable; mappings are added and removed with its buttons, and every change is
// undoable (the rack's undo stack). A refused edit's reason shows under the table.
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
