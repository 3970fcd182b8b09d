#pragma once

#include "midi/MidiInputs.h"
#include "midi/MidiMapper.h"
#include "realtime/Snapshot.h"
#include "session/Session.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <array>
#include <map>
#include <memory>
#include <optional>

namespace fxrack::app {

class RackModel;

// The app's MIDI control: the inputs the device bar picks, the mapping table, MIDI learn and the
// snapshots A..H with their morph. Targets are the rack model (RackModel::apply*, no undo step:
// a controller is a performance, not an edit), so the engine, the knobs and the plot follow as
// they do for a knob. GUI thread: a 2 ms timer drains the inputs' wait-free queues
// (docs/midi.md), so MIDI adds at most 2 ms to the path.
//
// Mappings name their slot by the rack's uid: they follow a card that moves and are dropped
// with one that is removed, kept aside under its uid so that an undone removal (which brings
// the same uid back) brings them back too. Table edits go through the rack's undo stack (MidiMappingCommand).
class MidiController : public QObject {
    Q_OBJECT
public:
    static constexpr int kDispatchIntervalMs = 2;
    static constexpr int kSnapshots = realtime::kMaxSnapshots;
    // How long learn waits after a CC 0..31 for its LSB (CC + 32), which a 14-bit controller
    // sends right after it.
    static constexpr int kLsbWaitMs = 100;

    explicit MidiController(RackModel* model, QObject* parent = nullptr);
    ~MidiController() override;

    // The ports to listen to: names (substrings), "all", or none. Returns how many opened.
    int setInputs(const QStringList& patterns);
    QStringList inputs() const { return m_patterns; }
    QStringList openPorts() const;
    static QStringList availablePorts();
    quint64 messages() const;

    midi::MidiMapper& mapper() { return m_mapper; }
    const midi::MidiMapper& mapper() const { return m_mapper; }
    // Table edits (the undo commands call these): each emits mappingsChanged.
    void insertMapping(int row, const midi::MidiMapping& mapping);
    void replaceMapping(int row, const midi::MidiMapping& mapping);
    void removeMapping(int row);
    // A session's mappings replace the table (the rack must be the session's); notices for
    // the ones dropped.
    QStringList loadSessionMappings(const session::Session& session);
    // The global mappings (bypass all, snapshots, presets), which the app's settings keep: as
    // specs, and replaced from specs (a malformed one is skipped).
    QStringList globalMappings() const;
    void setGlobalMappings(const QStringList& specs);
    // A spec typed in the mapping table as a mapping of this rack, its slot index turned into the
    // slot's uid. Throws midi::MappingError naming the part at fault, also when the slot or its
    // parameter is not there.
    midi::MidiMapping mappingFromSpec(const std::string& spec) const;
    // The target of a mapping as a path ("1.cutoff", "bypass 2", "snapshot A", ...).
    QString targetText(const midi::MidiMapping& mapping) const;
    // The effect a mapping's target is on (its current values), or null (a global target, a
    // slot that is gone).
    const dsp::Effect* targetEffect(const midi::MidiMapping& mapping) const;

    // MIDI learn for parameter `paramId` of the slot `uid` (-1: its bypass switch).
    void startLearn(quint64 uid, int paramId);
    // MIDI learn for a global target (bypass all, a snapshot, next/previous preset): the mapping
    // is global, so the app's settings keep it. learnStarted/learnFinished carry uid 0.
    void startLearnGlobal(const midi::MidiTarget& target);
    void cancelLearn();
    bool isLearning() const { return m_learnUid != 0 || m_learnGlobal; }
    quint64 learningUid() const { return m_learnUid; }
    int learningParam() const { return m_learnParam; }

    // Bypass all (the global bypass a mapping toggles): every slot bypassed, then each slot's own
    // flag back.
    void setGlobalBypass(bool on);
    bool globalBypass() const { return m_globalBypass; }

    // Snapshots of the rack, 0..7 (A..H).
    void storeSnapshot(int index);
    bool hasSnapshot(int index) const;
    // Recalls with a morph of `morphSeconds()`; false when the snapshot is empty.
    bool recallSnapshot(int index);
    void setMorphSeconds(double seconds);
    double morphSeconds() const { return m_morphSeconds; }
    bool isMorphing() const { return m_morph.active(); }
    // The A/B key: recalls whichever of A and B was not recalled last.
    void compareAB();
    // The snapshots as session entries against `rack` (the session's rack, in the model's
    // order), and back: a session's snapshots replace these (the rack must be the session's).
    std::vector<session::SnapshotEntry> sessionSnapshots(const std::vector<session::RackEntry>& rack) const;
    void loadSessionSnapshots(const session::Session& session);

    // Drains the inputs now (the timer does it); for tests.
    void dispatch();
    // One event as if it came from `port`, through the mappings to the rack at once; for tests.
    void feed(const midi::MidiEvent& event, const std::string& port);

signals:
    void activity(); // a message arrived (the device bar's light)
    void inputsChanged();
    void learnStarted(quint64 uid, int paramId);
    void learnFinished(quint64 uid, int paramId, bool learned); // learned false: cancelled
    void mappingsChanged();
    void snapshotsChanged();
    void globalBypassChanged(bool on);
    // A mapping asked for the next (+1) or previous (-1) preset.
    void presetStep(int step);
    void message(const QString& text);

private:
    class Targets;
    // Hot-plug: lists the ports on a worker, then rescans the inputs with that list here.
    void startRescan();
    void syncRack();
    void applyGlobalBypass(bool on);
    double now() const;

    RackModel* m_model;
    std::unique_ptr<Targets> m_targets;
    std::unique_ptr<midi::MidiInputs> m_inputs;
    midi::MidiMapper m_mapper;
    QStringList m_patterns;
    QTimer m_timer;
    QElapsedTimer m_lsbWait;
    int m_rescan = 0;
    bool m_listing = false; // a hot-plug listing runs on a worker
    int64_t m_lastActivity = 0;
    quint64 m_learnUid = 0;
    int m_learnParam = -1;
    bool m_learnGlobal = false;
    std::array<std::optional<realtime::RackSnapshot>, kSnapshots> m_snapshots;
    std::array<std::vector<quint64>, kSnapshots> m_snapshotUids; // the slots each snapshot holds
    realtime::SnapshotMorph m_morph;
    double m_morphSeconds = 0.0;
    int m_lastRecalled = -1;
    std::vector<bool> m_bypassBeforeGlobal; // each slot's own flag while "bypass all" holds
    bool m_globalBypass = false;
    // The mappings of removed slots by uid, each with the table row it had.
    std::map<quint64, std::vector<std::pair<int, midi::MidiMapping>>> m_removed;
};

} // namespace fxrack::app
