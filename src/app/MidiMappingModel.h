#pragma once

#include "midi/MidiMapping.h"

#include <QAbstractTableModel>

class QUndoStack;

namespace fxrack::app {

class MidiController;

// The MIDI mapping table as a model: one row a mapping, columns source, target, min, max, curve
// and takeover, all editable, and its scope. Source and target are typed in the --map grammar (docs/midi.md):
// a source like `ch1:cc7` or `port@chany:note36`, a target like `1.cutoff`, `bypass:2`, `bypass`,
// `snapshot:1`, `preset:next` or `tap:0`. An edit that does not parse, or names a slot or
// parameter that is not there, is refused with lastError() set and editRefused emitted. Every
// edit, addition and removal is a MidiMappingCommand on the undo stack (undoable with the
// rack's edits).
class MidiMappingModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // Scope (read-only) says where a mapping is kept: the session (an effect's) or the app's
    // settings (global: bypass all, snapshots, presets), so both kinds show in one table.
    enum Column { Source, Target, Min, Max, Curve, Takeover, Scope, ColumnCount };

    MidiMappingModel(MidiController* midi, QUndoStack* undo, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    // Adds a mapping at the end as one undo step (a free CC to the first slot's bypass, or to
    // bypass all on an empty rack) and returns its row, to be edited.
    int addMapping();
    // Removes the mappings of `rows` as one undo step.
    void removeMappings(QList<int> rows);
    // Why the last refused edit was refused (one line); empty after an edit that was made.
    QString lastError() const { return m_lastError; }
    // The values an editable column takes (curves, takeovers); empty for numbers.
    static QStringList choices(int column);
    // A parser's or target check's refusal as one translated line naming only the part at fault.
    static QString errorText(const midi::MappingError& error);

signals:
    void editRefused(const QString& error);

private:
    bool refuse(const QString& error);
    bool setSpec(const QModelIndex& index, const QString& text);
    // A row given a new target: a range set for the old parameter becomes the new parameter's
    // knob range (kept inverted when it was), or none for a target without one.
    void takeTargetRange(const midi::MidiMapping& before, midi::MidiMapping& after) const;

    MidiController* m_midi;
    QUndoStack* m_undo;
    QString m_lastError;
};

} // namespace fxrack::app
