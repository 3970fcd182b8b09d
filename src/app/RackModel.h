#pragma once

#include "MissingFileWatcher.h"
#include "dsp/ChainSpec.h"
#include "dsp/EffectChain.h"
#include "dsp/EffectRegistry.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <memory>
#include <vector>

class QUndoStack;

namespace fxrack::app {

// One effect of the rack as the GUI document holds it: a type and its parameter values.
// The DSP instances the engine runs are built from this, never shared with it.
struct RackSlot {
    quint64 uid = 0; // stable across moves, so cards and commands can find their slot
    const dsp::EffectType* type = nullptr;
    QList<double> values;
    // One per parameter: the text of a text parameter (an IR's path), empty for the others.
    QStringList texts;
    bool bypassed = false;
};

// One value of a rack edit that changes several at once (a rate change's clamping).
struct ParameterChange {
    int row = 0;
    int paramId = 0;
    double oldValue = 0.0;
    double newValue = 0.0;
};

// The rack: an ordered list of effects (STYLE item 11). User edits go through the undo stack
// when one is set (addEffect ... setParameter, moveRows and drops); the undo commands call the
// apply*() functions, which change the model directly and emit the signals the engine follows.
class RackModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { TypeRole = Qt::UserRole + 1, CategoryRole, BypassedRole, UidRole, SpecRole, LoadRole };

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
    QString text(int row, int paramId) const { return slotAt(row).texts.value(paramId); }
    // Empty when the text of parameter `paramId` of `row` can be used as far as the file's header
    // tells (found, audio, channels, length), or there is no IR; else why not, in one line naming
    // the file. Reads the header only (GUI thread): the engine loads the samples on its loader.
    QString textProblem(int row, int paramId) const;
    // The live engine's load of `row`'s file (an impulse response), which is not part of the
    // document: under way (the card says "loading…"), or failed with `error` (the card shows it
    // and the engine runs the slot dry) until the text changes or the file appears: an error
    // makes the rack wait for its missing files again, since one may have gone after the last
    // edit. No undo step; emits dataChanged with LoadRole.
    void setTextLoad(int row, bool loading, const QString& error = {});
    bool isTextLoading(int row) const;
    QString textLoadError(int row) const;
    // Every load ended (the engine stopped).
    void clearTextLoads();
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

    // The rate the rack's values are checked against: the running stream's, or the session's
    // when stopped (the app keeps it so; 48 kHz until told). 0: not known, only the metadata counts.
    double sampleRate() const { return m_sampleRate; }
    // Moves the rack to `hz`. Values the new rate refuses (a cutoff at or above its Nyquist) are
    // clamped to the highest it accepts, each with a note (valueClamped); the clamping and the
    // rate are one undo step, whose undo restores both. A change that clamps nothing is no step.
    void setSampleRate(double hz);
    // The highest value parameter `paramId` of `row` may take at the rack's rate, the other values
    // as they are (dsp/RateLimits.h); the metadata's maximum where the rate does not bound it.
    double upperLimit(int row, int paramId) const;
    // Empty when the effect in `row` runs with `value` at the rack's rate, else why not (naming the
    // effect and the parameter): the same validation the engine applies.
    QString checkParameter(int row, int paramId, double value) const;
    // The engine refused `refused` and still runs `running`: the rack shows what runs (no undo
    // step), unless the value has moved on since (the refusal arrives queued).
    void revertToEngine(int row, int paramId, double refused, double running);

    // A slot of `typeName` with its default values; uid 0 until inserted.
    RackSlot makeSlot(const QString& typeName) const;
    // A slot of `effect`'s type with its values and texts; uid 0 until inserted.
    RackSlot makeSlot(const dsp::Effect& effect) const;

    // User edits: undoable through the stack when set, else applied directly. Return false
    // (and change nothing) for invalid arguments.
    bool addEffect(const QString& typeName, int row = -1);
    bool removeEffect(int row);
    bool duplicateEffect(int row);
    bool moveEffect(int from, int to); // `to`: the row it ends up in
    bool setBypassed(int row, bool bypassed);
    // `gesture` groups the changes of one knob drag into one undo command (0: never merged).
    // A value above what the rack's rate allows (upperLimit) is clamped to it, with a note.
    bool setParameter(int row, int paramId, double value, int gesture = 0);
    // Sets the text of a text parameter (an IR's path) as one undo step. A path that does not
    // load is kept (the card says so, the engine passes the slot dry): the file may come back.
    bool setText(int row, int paramId, const QString& text);

    // Direct changes, for the undo commands.
    int applyInsert(int row, RackSlot slot); // returns the row
    RackSlot applyTake(int row);
    void applyMove(int from, int count, int destinationChild);
    void applyBypassed(int row, bool bypassed);
    void applyParameter(int row, int paramId, double value);
    void applyText(int row, int paramId, const QString& text);
    void applySampleRate(double hz);

signals:
    // The rate values are checked against changed: knob ranges follow it, so does the plot.
    void sampleRateChanged(double hz);
    // Parameter `paramId` of `row` took `used` instead of `asked` (a typed value above the rate's
    // limit, a rate change, a value the engine refused); `note` says so, naming both.
    void valueClamped(int row, int paramId, double asked, double used, const QString& note);
    // A parameter value changed (any thread-free consumer: the engine, the cards, the plot).
    void parameterChanged(int row, int paramId, double value);
    void bypassChanged(int row, bool bypassed);
    // The text of a text parameter changed: the engine rebuilds that slot only.
    void textChanged(int row, int paramId, const QString& text);
    // The file a text parameter names was missing and is there now (MissingFileWatcher): the
    // card checks it again and the engine loads it. Not an edit: no undo step, no rackChanged.
    void textFileAppeared(int row, int paramId, const QString& text);
    // The list of effects or a structural parameter changed: the engine rebuilds its chain.
    void structureChanged();
    // Any change at all: the document is modified (the undo stack tracks clean state).
    void rackChanged();

private:
    bool validRow(int row) const { return row >= 0 && row < count(); }
    // An unprepared effect of the slot in `row` with its values, to ask the DSP's validation.
    std::unique_ptr<dsp::Effect> effectAt(int row) const;
    dsp::EffectSpec specOf(const RackSlot& slot) const;
    QString clampNote(int row, int paramId, double asked, double used, double rate) const;
    void watchMissingFiles();
    void fileAppeared(const QString& path);

    const dsp::EffectRegistry& m_registry;
    std::vector<RackSlot> m_slots;
    QUndoStack* m_undo = nullptr;
    quint64 m_nextUid = 1;
    double m_sampleRate = 48000.0;
    QSet<quint64> m_loading;              // by uid
    QHash<quint64, QString> m_loadErrors; // by uid
    MissingFileWatcher m_missingFiles;
};

} // namespace fxrack::app
