#pragma once

#include "dsp/ChainSpec.h"
#include "dsp/EffectChain.h"
#include "dsp/EffectRegistry.h"

#include <QAbstractListModel>
#include <QList>
#include <vector>

class QUndoStack;

namespace fxrack::app {

// One effect of the rack as the GUI document holds it: a type and its parameter values.
// The DSP instances the engine runs are built from this, never shared with it.
struct RackSlot {
    quint64 uid = 0; // stable across moves, so cards and commands can find their slot
    const dsp::EffectType* type = nullptr;
    QList<double> values;
    bool bypassed = false;
};

// The rack: an ordered list of effects (STYLE item 11). User edits go through the undo stack
// when one is set (addEffect ... setParameter, moveRows and drops); the undo commands call the
// apply*() functions, which change the model directly and emit the signals the engine follows.
class RackModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { TypeRole = Qt::UserRole + 1, CategoryRole, BypassedRole, UidRole, SpecRole };

    static inline const QString kRowsMimeType = QStringLiteral("application/x-fxrack-rack-rows");
    static inline const QString kEffectMimeType = QStringLiteral("application/x-fxrack-effect-type");

    explicit RackModel(const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin(),
                       QObject* parent = nullptr);

    void setUndoStack(QUndoStack* stack) { m_undo = stack; }
    QUndoStack* undoStack() const { return m_undo; }
    const dsp::EffectRegistry& registry() const { return m_registry; }

    // QAbstractItemModel
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;
    bool moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
                  const QModelIndex& destinationParent, int destinationChild) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

    // Reading.
    int count() const { return static_cast<int>(m_slots.size()); }
    const RackSlot& slotAt(int row) const { return m_slots.at(static_cast<size_t>(row)); }
    int rowOfUid(quint64 uid) const;
    double value(int row, int paramId) const { return slotAt(row).values.at(paramId); }
    std::vector<dsp::EffectSpec> specs() const;
    QString chainSpec() const;
    // An unprepared chain of the rack (bypass flags included). Throws dsp::ParameterError.
    dsp::EffectChain buildChain() const;

    // Replaces the whole rack (new, open, preset); not undoable, the caller clears the stack.
    // Throws dsp::ParameterError for unknown effects or bad values.
    void setSpecs(const std::vector<dsp::EffectSpec>& specs);
    // The same from a chain (bypass flags included): what sessions and presets load.
    void setChain(const dsp::EffectChain& chain);
    void setChainSpec(const QString& spec);
    static std::vector<dsp::EffectSpec> defaultSpecs();

    // A slot of `typeName` with its default values; uid 0 until inserted.
    RackSlot makeSlot(const QString& typeName) const;

    // User edits: undoable through the stack when set, else applied directly. Return false
    // (and change nothing) for invalid arguments.
    bool addEffect(const QString& typeName, int row = -1);
    bool removeEffect(int row);
    bool duplicateEffect(int row);
    bool moveEffect(int from, int to); // `to`: the row it ends up in
    bool setBypassed(int row, bool bypassed);
    // `gesture` groups the changes of one knob drag into one undo command (0: never merged).
    bool setParameter(int row, int paramId, double value, int gesture = 0);

    // Direct changes, for the undo commands.
    int applyInsert(int row, RackSlot slot); // returns the row
    RackSlot applyTake(int row);
    void applyMove(int from, int count, int destinationChild);
    void applyBypassed(int row, bool bypassed);
    void applyParameter(int row, int paramId, double value);

signals:
    // A parameter value changed (any thread-free consumer: the engine, the cards, the plot).
    void parameterChanged(int row, int paramId, double value);
    void bypassChanged(int row, bool bypassed);
    // The list of effects or a structural parameter changed: the engine rebuilds its chain.
    void structureChanged();
    // Any change at all: the document is modified (the undo stack tracks clean state).
    void rackChanged();

private:
    bool validRow(int row) const { return row >= 0 && row < count(); }
    bool validParam(int row, int paramId, double value) const;

    const dsp::EffectRegistry& m_registry;
    std::vector<RackSlot> m_slots;
    QUndoStack* m_undo = nullptr;
    quint64 m_nextUid = 1;
};

} // namespace fxrack::app
