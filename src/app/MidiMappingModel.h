#pragma once

#include <QAbstractTableModel>

class QUndoStack;

namespace fxrack::app {

class MidiController;

// The MIDI mapping table as a model: one row a mapping, columns source, target, min, max, curve
// and takeover. Min, max, curve and takeover are editable; every edit is a MidiMappingCommand on
// the undo stack (undoable with the rack's edits).
class MidiMappingModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Source, Target, Min, Max, Curve, Takeover, ColumnCount };

    MidiMappingModel(MidiController* midi, QUndoStack* undo, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    // Removes the mappings of `rows` as one undo step.
    void removeMappings(QList<int> rows);
    // The values an editable column takes (curves, takeovers); empty for numbers.
    static QStringList choices(int column);

private:
    MidiController* m_midi;
    QUndoStack* m_undo;
};

} // namespace fxrack::app
