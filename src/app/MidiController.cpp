#include "MidiController.h"

#include "RackModel.h"
#include "session/SessionMidi.h"

#include <QElapsedTimer>
#include <QThread>
#include <chrono>

namespace fxrack::app {

// The rack model as MIDI targets: reads from a chain kept in step with the model (the mapper
// reads parameter metadata and current values from effects), writes through RackModel::apply*.
class MidiController::Targets final : public midi::MidiTargets {
public:
    explicit Targets(RackModel* model) : m_model(model) { rebuild(); }
    void rebuild()
    {
        try {
            m_chain = m_model->buildChain();
        } catch (const std::exception&) {
            m_chain = dsp::EffectChain{};
        }
    }
    void follow(int row, int paramId, double value)
    {
        if (row >= 0 && row < m_chain.size())
            try {
                m_chain.at(row).setParameter(paramId, value);
            } catch (const std::exception&) {
                rebuild();
            }
    }
    const dsp::Effect* effect(int slot) const override
    {
        return slot >= 0 && slot < m_chain.size() ? &m_chain.at(slot) : nullptr;
    }
    bool isBypassed(int slot) const override
    {
        return slot >= 0 && slot < m_model->count() && m_model->slotAt(slot).bypassed;
    }
    void setParameter(int slot, int paramId, double value) override
    {
        // The rate bounds some values (a cutoff below Nyquist): MIDI stops at the limit.
        value = std::min(value, m_model->upperLimit(slot, paramId));
        if (slot < m_model->count() && m_model->value(slot, paramId) != value)
            m_model->applyParameter(slot, paramId, value);
    }
    void setBypass(int slot, bool bypassed) override
    {
        if (slot < m_model->count() && m_model->slotAt(slot).bypassed != bypassed)
            m_model->applyBypassed(slot, bypassed);
    }
    void action(midi::TargetKind kind, int index) override
    {
        if (onAction)
            onAction(kind, index);
    }
    std::function<void(midi::TargetKind, int)> onAction;

private:
    RackModel* m_model;
    dsp::EffectChain m_chain;
};

namespace {
QElapsedTimer& clock()
{
    static QElapsedTimer timer = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return timer;
}
} // namespace

MidiController::MidiController(RackModel* model, QObject* parent)
    : QObject(parent), m_model(model), m_targets(std::make_unique<Targets>(model))
{
    syncRack();
    m_targets->onAction = [this](midi::TargetKind kind, int index) {
        if (kind == midi::TargetKind::Snapshot) {
            recallSnapshot(index);
        } else if (kind == midi::TargetKind::StoreSnapshot) {
            storeSnapshot(index);
        } else if (kind == midi::TargetKind::GlobalBypass) {
            applyGlobalBypass(index == 1);
        } else if (kind == midi::TargetKind::NextPreset || kind == midi::TargetKind::PreviousPreset) {
            emit presetStep(kind == midi::TargetKind::NextPreset ? 1 : -1);
        }
    };
    connect(m_model, &RackModel::structureChanged, this, &MidiController::syncRack);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, &MidiController::syncRack);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MidiController::syncRack);
    connect(m_model, &RackModel::parameterChanged, this,
            [this](int row, int paramId, double value) { m_targets->follow(row, paramId, value); });
    m_timer.setInterval(kDispatchIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &MidiController::dispatch);
}

MidiController::~MidiController() = default;

void MidiController::setGlobalBypass(bool on)
{
    m_mapper.setGlobalBypass(on);
    applyGlobalBypass(on);
}

void MidiController::applyGlobalBypass(bool on)
{
    // Every slot bypassed, and back to each slot's own flag.
    if (on && !m_globalBypass) {
        m_bypassBeforeGlobal.clear();
        for (int row = 0; row < m_model->count(); ++row)
            m_bypassBeforeGlobal.push_back(m_model->slotAt(row).bypassed);
    }
    for (int row = 0; row < m_model->count(); ++row)
        m_targets->setBypass(row, on || (row < static_cast<int>(m_bypassBeforeGlobal.size()) &&
                                         m_bypassBeforeGlobal[static_cast<size_t>(row)]));
    if (std::exchange(m_globalBypass, on) != on)
        emit globalBypassChanged(on);
}

void MidiController::syncRack()
{
    std::vector<uint64_t> keys;
    for (int row = 0; row < m_model->count(); ++row)
        keys.push_back(m_model->slotAt(row).uid);
    m_mapper.setRackKeys(keys);
    bool changed = false;
    // A slot back in the rack (an undone removal) gets its mappings back, at their rows.
    for (auto it = m_removed.begin(); it != m_removed.end();) {
        if (m_model->rowOfUid(it->first) < 0) {
            ++it;
            continue;
        }
        for (const auto& [row, mapping] : it->second)
            m_mapper.insert(std::min(row, static_cast<int>(m_mapper.mappings().size())), mapping);
        it = m_removed.erase(it);
        changed = true;
    }
    // A removed effect takes its mappings with it, kept aside under its uid.
    for (int row = static_cast<int>(m_mapper.mappings().size()) - 1; row >= 0; --row) {
        const auto& m = m_mapper.mappings()[static_cast<size_t>(row)];
        if (!m.global() && m_mapper.slotIndex(m.target.slotKey) < 0) {
            auto& kept = m_removed[m.target.slotKey];
            kept.insert(kept.begin(), {row, m});
            m_mapper.remove(row);
            changed = true;
        }
    }
    m_targets->rebuild();
    if (changed)
        emit mappingsChanged();
    if (m_learnUid != 0 && m_model->rowOfUid(m_learnUid) < 0)
        cancelLearn();
}

double MidiController::now() const
{
    return static_cast<double>(clock().nsecsElapsed()) * 1e-9;
}

int MidiController::setInputs(const QStringList& patterns)
{
    m_patterns = patterns;
    m_inputs.reset();
    emit inputsChanged();
    if (patterns.isEmpty()) {
        if (!m_morph.active())
            m_timer.stop();
        return 0;
    }
    m_inputs = std::make_unique<midi::MidiInputs>(midi::MidiApi::Any, "fxrack");
    int opened = 0;
    for (const QString& p : patterns)
        opened += m_inputs->open(p.toStdString());
    m_timer.start();
    return opened;
}

void MidiController::startRescan()
{
    // Listed on a worker, like the device bar's lists: listing opens a client of each MIDI system,
    // which can block the GUI (and this dispatch) for milliseconds. At most one listing at a time.
    if (m_listing)
        return;
    m_listing = true;
    auto present = std::make_shared<std::vector<midi::MidiPortInfo>>();
    QThread* lister =
        QThread::create([present, api = m_inputs->api()] { *present = midi::listMidiInputs(api); });
    connect(lister, &QThread::finished, lister, &QObject::deleteLater);
    connect(lister, &QThread::finished, this, [this, present] {
        m_listing = false;
        if (m_inputs) // inputs chosen again meanwhile: the fresh listing serves them as well
            m_inputs->rescan(*present);
    });
    lister->start();
}

QStringList MidiController::openPorts() const
{
    QStringList out;
    if (m_inputs)
        for (const auto& name : m_inputs->openPorts())
            out << QString::fromStdString(name);
    return out;
}

QStringList MidiController::availablePorts()
{
    QStringList out;
    for (const auto& p : midi::listMidiInputs())
        out << QString::fromStdString(p.name);
    return out;
}

quint64 MidiController::messages() const
{
    return m_inputs ? m_inputs->received() : 0;
}

void MidiController::insertMapping(int row, const midi::MidiMapping& mapping)
{
    m_mapper.insert(row, mapping);
    emit mappingsChanged();
}

void MidiController::replaceMapping(int row, const midi::MidiMapping& mapping)
{
    m_mapper.replace(row, mapping);
    emit mappingsChanged();
}

void MidiController::removeMapping(int row)
{
    m_mapper.remove(row);
    emit mappingsChanged();
}

QStringList MidiController::loadSessionMappings(const session::Session& session)
{
    // The session's own mappings replace the rack's; the global ones stay (they are the app's).
    m_removed.clear(); // the old rack's slots do not come back
    for (int row = static_cast<int>(m_mapper.mappings().size()) - 1; row >= 0; --row)
        if (!m_mapper.mappings()[static_cast<size_t>(row)].global())
            m_mapper.remove(row);
    session::Session rackOnly = session;
    rackOnly.midiMappings.clear();
    for (const auto& entry : session.midiMappings)
        if (!entry.effect.isEmpty())
            rackOnly.midiMappings.push_back(entry);
    const QStringList notices = session::addSessionMappings(rackOnly, m_mapper);
    emit mappingsChanged();
    return notices;
}

QStringList MidiController::globalMappings() const
{
    QStringList out;
    for (int row = 0; row < static_cast<int>(m_mapper.mappings().size()); ++row)
        if (m_mapper.mappings()[static_cast<size_t>(row)].global())
            out << QString::fromStdString(m_mapper.spec(row));
    return out;
}

void MidiController::setGlobalMappings(const QStringList& specs)
{
    for (int row = static_cast<int>(m_mapper.mappings().size()) - 1; row >= 0; --row)
        if (m_mapper.mappings()[static_cast<size_t>(row)].global())
            m_mapper.remove(row);
    for (const QString& spec : specs) {
        try {
            const midi::MappingSpec parsed = midi::parseMappingSpec(spec.toStdString());
            if (parsed.mapping.global())
                m_mapper.add(parsed.mapping);
        } catch (const midi::MappingError&) {
            // A hand-edited settings file: the others still load.
        }
    }
    emit mappingsChanged();
}

midi::MidiMapping MidiController::mappingFromSpec(const std::string& text) const
{
    const midi::MappingSpec spec = midi::parseMappingSpec(text);
    midi::checkSpecTarget(spec, text, m_model->count(), m_targets->effect(spec.slot));
    midi::MidiMapping m = spec.mapping;
    if (!m.global())
        m.target.slotKey = m_mapper.slotKey(spec.slot);
    return m;
}

const dsp::Effect* MidiController::targetEffect(const midi::MidiMapping& m) const
{
    return m.global() ? nullptr : m_targets->effect(m_mapper.slotIndex(m.target.slotKey));
}

QString MidiController::targetText(const midi::MidiMapping& m) const
{
    const int slot = m_mapper.slotIndex(m.target.slotKey);
    switch (m.target.kind) {
    case midi::TargetKind::Parameter:
        return QStringLiteral("%1.%2").arg(slot).arg(QString::fromStdString(m.target.param));
    case midi::TargetKind::SlotBypass:
        return tr("bypass %1").arg(slot);
    case midi::TargetKind::GlobalBypass:
        return tr("bypass all");
    case midi::TargetKind::Snapshot:
        return m.target.index >= 0 ? tr("snapshot %1").arg(QChar('A' + m.target.index))
                                   : tr("snapshot by program");
    case midi::TargetKind::StoreSnapshot:
        return tr("store snapshot %1").arg(QChar('A' + m.target.index));
    case midi::TargetKind::NextPreset:
        return tr("next preset");
    case midi::TargetKind::PreviousPreset:
        return tr("previous preset");
    case midi::TargetKind::TapTempo:
        return tr("tap tempo %1").arg(slot);
    }
    return {};
}

void MidiController::startLearn(quint64 uid, int paramId)
{
    const int row = m_model->rowOfUid(uid);
    if (row < 0)
        return;
    midi::MidiMapping templ;
    templ.target.slotKey = uid;
    if (paramId < 0) {
        templ.target.kind = midi::TargetKind::SlotBypass;
    } else {
        templ.target.param = m_model->slotAt(row).type->params.at(static_cast<size_t>(paramId)).name;
    }
    if (isLearning())
        cancelLearn();
    m_mapper.startLearn(templ);
    m_learnUid = uid;
    m_learnParam = paramId;
    emit learnStarted(uid, paramId);
}

void MidiController::startLearnGlobal(const midi::MidiTarget& target)
{
    midi::MidiMapping templ;
    templ.target = target;
    templ.target.slotKey = 0;
    if (!templ.global())
        return;
    if (isLearning())
        cancelLearn();
    m_mapper.startLearn(templ);
    m_learnGlobal = true;
    emit learnStarted(0, -1);
}

void MidiController::cancelLearn()
{
    if (!isLearning())
        return;
    m_mapper.cancelLearn();
    m_learnGlobal = false;
    const quint64 uid = std::exchange(m_learnUid, 0);
    emit learnFinished(uid, std::exchange(m_learnParam, -1), false);
}

void MidiController::dispatch()
{
    if (m_inputs) {
        m_inputs->drain(
            [&](const midi::MidiEvent& e, const std::string& port) { m_mapper.handle(e, port, *m_targets); });
        m_mapper.flush(*m_targets);
        for (const std::string& w : m_mapper.takeWarnings())
            emit message(QString::fromStdString(w));
        if (const int64_t a = m_inputs->lastActivityNs(); a != m_lastActivity) {
            m_lastActivity = a;
            emit activity();
        }
        if (++m_rescan % 500 == 0) // about once a second: hot-plug
            startRescan();
    }
    // A learnt CC 0..31 waits a moment for its LSB (a 14-bit pair); without one it is 7-bit.
    if (!m_mapper.learnWaitsForLsb()) {
        m_lsbWait.invalidate();
    } else if (!m_lsbWait.isValid()) {
        m_lsbWait.start();
    } else if (m_lsbWait.hasExpired(kLsbWaitMs)) {
        m_mapper.finishLearn();
        m_lsbWait.invalidate();
    }
    if (isLearning() && m_mapper.learned()) {
        m_learnGlobal = false;
        const quint64 uid = std::exchange(m_learnUid, 0);
        emit mappingsChanged();
        emit learnFinished(uid, std::exchange(m_learnParam, -1), true);
    }
    if (m_morph.active()) {
        m_morph.step(
            now(), [this](int slot, int id, double v) { m_targets->setParameter(slot, id, v); },
            [this](int slot, bool on) { m_targets->setBypass(slot, on); });
    }
    if (!m_inputs && !m_morph.active() && !m_mapper.learnWaitsForLsb())
        m_timer.stop();
}

void MidiController::feed(const midi::MidiEvent& event, const std::string& port)
{
    m_mapper.handle(event, port, *m_targets);
    m_mapper.flush(*m_targets);
    for (const std::string& w : m_mapper.takeWarnings())
        emit message(QString::fromStdString(w));
    if (m_mapper.learnWaitsForLsb())
        m_timer.start(); // its wait for the LSB ends
}

void MidiController::storeSnapshot(int index)
{
    if (index < 0 || index >= kSnapshots)
        return;
    try {
        m_snapshots[static_cast<size_t>(index)] = realtime::captureSnapshot(m_model->buildChain());
        m_snapshotUids[static_cast<size_t>(index)].clear();
        for (int row = 0; row < m_model->count(); ++row)
            m_snapshotUids[static_cast<size_t>(index)].push_back(m_model->slotAt(row).uid);
    } catch (const std::exception&) {
        return;
    }
    emit snapshotsChanged();
}

bool MidiController::hasSnapshot(int index) const
{
    return index >= 0 && index < kSnapshots && m_snapshots[static_cast<size_t>(index)].has_value();
}

bool MidiController::recallSnapshot(int index)
{
    if (!hasSnapshot(index))
        return false;
    // The snapshot's slots by uid, in the rack's order now: a moved card keeps its values.
    const auto& stored = *m_snapshots[static_cast<size_t>(index)];
    const auto& uids = m_snapshotUids[static_cast<size_t>(index)];
    realtime::RackSnapshot target;
    for (int row = 0; row < m_model->count(); ++row) {
        const auto it = std::find(uids.begin(), uids.end(), m_model->slotAt(row).uid);
        target.effects.push_back(it == uids.end() ? realtime::SlotSnapshot{}
                                                  : stored.effects[static_cast<size_t>(it - uids.begin())]);
    }
    try {
        m_morph.start(m_model->buildChain(), target, m_morphSeconds, now());
    } catch (const std::exception&) {
        return false;
    }
    m_lastRecalled = index;
    m_timer.start();
    dispatch();
    return true;
}

void MidiController::setMorphSeconds(double seconds)
{
    m_morphSeconds = std::clamp(seconds, 0.0, realtime::kMaxMorphSeconds);
}

void MidiController::compareAB()
{
    recallSnapshot(m_lastRecalled == 0 ? 1 : 0);
}

std::vector<session::SnapshotEntry>
MidiController::sessionSnapshots(const std::vector<session::RackEntry>& rack) const
{
    std::vector<session::SnapshotEntry> out;
    for (int i = 0; i < kSnapshots; ++i) {
        if (!hasSnapshot(i))
            continue;
        const auto& stored = *m_snapshots[static_cast<size_t>(i)];
        const auto& uids = m_snapshotUids[static_cast<size_t>(i)];
        session::SnapshotEntry entry;
        entry.name = session::snapshotName(i);
        for (size_t k = 0; k < uids.size() && k < stored.effects.size(); ++k) {
            const int row = m_model->rowOfUid(uids[k]);
            if (row < 0 || row >= static_cast<int>(rack.size()))
                continue; // the effect is gone
            const realtime::SlotSnapshot& slot = stored.effects[k];
            try {
                session::RackEntry e = session::RackEntry::defaults(slot.type, m_model->registry());
                for (size_t p = 0; p < e.params.size() && p < slot.values.size(); ++p)
                    e.params[p].value = slot.values[p];
                e.bypass = slot.bypassed;
                e.id = rack[static_cast<size_t>(row)].id;
                entry.rack.push_back(std::move(e));
            } catch (const std::exception&) {
            }
        }
        out.push_back(std::move(entry));
    }
    return out;
}

void MidiController::loadSessionSnapshots(const session::Session& session)
{
    m_snapshots = {};
    m_snapshotUids = {};
    m_lastRecalled = -1;
    for (const session::SnapshotEntry& entry : session.snapshots) {
        const int index = entry.name.isEmpty() ? -1 : entry.name.at(0).toUpper().unicode() - 'A';
        if (index < 0 || index >= kSnapshots || entry.name.size() != 1)
            continue;
        m_snapshots[static_cast<size_t>(index)] = session::rackSnapshot(entry, session.rack);
        for (int row = 0; row < m_model->count(); ++row)
            m_snapshotUids[static_cast<size_t>(index)].push_back(m_model->slotAt(row).uid);
    }
    setMorphSeconds(session.snapshotMorphSeconds);
    emit snapshotsChanged();
}

} // namespace fxrack::app
