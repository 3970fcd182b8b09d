#include "session/SessionMidi.h"

#include "session/DocumentCodec.h"

namespace fxrack::session {

namespace {

int rackIndex(const std::vector<RackEntry>& rack, const QString& id)
{
    for (size_t i = 0; i < rack.size(); ++i)
        if (rack[i].id == id)
            return static_cast<int>(i);
    return -1;
}

} // namespace

QString snapshotName(int index)
{
    return QString(QChar('A' + index));
}

QStringList addSessionMappings(const Session& session, midi::MidiMapper& mapper)
{
    QStringList notices;
    for (const MidiMappingEntry& entry : session.midiMappings) {
        try {
            midi::MappingSpec spec = midi::parseMappingSpec(entry.map.toStdString());
            if (!spec.mapping.global()) {
                const int slot = rackIndex(session.rack, entry.effect);
                spec.mapping.target.slotKey = mapper.slotKey(slot);
                if (spec.mapping.target.slotKey == 0) {
                    notices << QStringLiteral("midi mapping %1: no effect %2 in the rack; dropped")
                                   .arg(entry.map, entry.effect);
                    continue;
                }
            }
            mapper.add(spec.mapping);
        } catch (const midi::MappingError& e) {
            notices << QString::fromStdString(e.what());
        }
    }
    return notices;
}

std::vector<MidiMappingEntry> sessionMappings(const midi::MidiMapper& mapper,
                                              const std::vector<RackEntry>& rack)
{
    std::vector<MidiMappingEntry> out;
    for (int row = 0; row < static_cast<int>(mapper.mappings().size()); ++row) {
        const midi::MidiMapping& m = mapper.mappings()[static_cast<size_t>(row)];
        MidiMappingEntry entry;
        entry.map = QString::fromStdString(mapper.spec(row));
        if (!m.global()) {
            const int slot = mapper.slotIndex(m.target.slotKey);
            if (slot < 0 || slot >= static_cast<int>(rack.size()))
                continue;
            entry.effect = rack[static_cast<size_t>(slot)].id;
        }
        out.push_back(std::move(entry));
    }
    return out;
}

realtime::RackSnapshot rackSnapshot(const SnapshotEntry& snapshot, const std::vector<RackEntry>& rack)
{
    realtime::RackSnapshot out;
    for (const RackEntry& slot : rack) {
        realtime::SlotSnapshot s;
        const int i = rackIndex(snapshot.rack, slot.id);
        if (i >= 0 && snapshot.rack[static_cast<size_t>(i)].type == slot.type) {
            const RackEntry& stored = snapshot.rack[static_cast<size_t>(i)];
            s.type = stored.type;
            for (const ParamValue& p : stored.params)
                s.values.push_back(p.value);
            s.bypassed = stored.bypass;
        }
        out.effects.push_back(std::move(s));
    }
    return out;
}

SnapshotEntry snapshotEntry(const QString& name, const dsp::EffectChain& chain,
                            const std::vector<RackEntry>& rack)
{
    SnapshotEntry s;
    s.name = name;
    for (int i = 0; i < chain.size() && i < static_cast<int>(rack.size()); ++i) {
        RackEntry e = RackEntry::fromEffect(chain.at(i));
        e.id = rack[static_cast<size_t>(i)].id;
        e.bypass = chain.isBypassed(i);
        s.rack.push_back(std::move(e));
    }
    return s;
}

void storeSnapshot(Session& session, SnapshotEntry snapshot)
{
    for (SnapshotEntry& s : session.snapshots)
        if (s.name == snapshot.name) {
            s = std::move(snapshot);
            return;
        }
    if (static_cast<int>(session.snapshots.size()) >= Session::kMaxSnapshots)
        throw SessionError(
            SessionError::Kind::Field, QStringLiteral("snapshots"),
            QStringLiteral("a session holds at most %1 snapshots").arg(Session::kMaxSnapshots));
    session.snapshots.push_back(std::move(snapshot));
}

const SnapshotEntry* findSnapshot(const Session& session, const QString& name)
{
    for (const SnapshotEntry& s : session.snapshots)
        if (s.name.compare(name, Qt::CaseInsensitive) == 0)
            return &s;
    return nullptr;
}

void readMidiAndSnapshots(detail::ObjectReader& r, Session& session, const dsp::EffectRegistry& registry)
{
    if (r.has(QStringLiteral("midi"))) {
        detail::ObjectReader midi(r.object(QStringLiteral("midi")), QStringLiteral("midi"));
        const QJsonArray mappings = midi.array(QStringLiteral("mappings"));
        for (qsizetype i = 0; i < mappings.size(); ++i) {
            const QString path = QStringLiteral("midi.mappings[%1]").arg(i);
            if (!mappings.at(i).isObject())
                throw SessionError(SessionError::Kind::Field, path,
                                   QStringLiteral("expected an object, got %1")
                                       .arg(detail::describeJsonType(mappings.at(i))));
            detail::ObjectReader m(mappings.at(i).toObject(), path);
            MidiMappingEntry entry;
            entry.map = m.requiredString(QStringLiteral("map"));
            entry.effect = m.string(QStringLiteral("effect"), {});
            midi::MappingSpec spec;
            try {
                spec = midi::parseMappingSpec(entry.map.toStdString());
            } catch (const midi::MappingError& e) {
                m.fail(QStringLiteral("map"), QString::fromStdString(e.what()));
            }
            if (!spec.mapping.global() && rackIndex(session.rack, entry.effect) < 0)
                m.fail(QStringLiteral("effect"),
                       QStringLiteral("no rack entry has the id \"%1\"").arg(entry.effect));
            session.midiMappings.push_back(std::move(entry));
        }
    }
    if (r.has(QStringLiteral("snapshots"))) {
        detail::ObjectReader snaps(r.object(QStringLiteral("snapshots")), QStringLiteral("snapshots"));
        session.snapshotMorphSeconds =
            snaps.number(QStringLiteral("morph_seconds"), 0.0, 0.0, realtime::kMaxMorphSeconds);
        const QJsonArray list = snaps.array(QStringLiteral("list"));
        if (list.size() > Session::kMaxSnapshots)
            snaps.fail(QStringLiteral("list"),
                       QStringLiteral("at most %1 snapshots").arg(Session::kMaxSnapshots));
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString path = QStringLiteral("snapshots.list[%1]").arg(i);
            if (!list.at(i).isObject())
                throw SessionError(
                    SessionError::Kind::Field, path,
                    QStringLiteral("expected an object, got %1").arg(detail::describeJsonType(list.at(i))));
            detail::ObjectReader s(list.at(i).toObject(), path);
            SnapshotEntry entry;
            entry.name = s.requiredString(QStringLiteral("name"));
            if (findSnapshot(session, entry.name))
                s.fail(QStringLiteral("name"), QStringLiteral("\"%1\" is given twice").arg(entry.name));
            const QJsonArray rack = s.array(QStringLiteral("rack"));
            for (qsizetype j = 0; j < rack.size(); ++j)
                entry.rack.push_back(detail::readRackEntry(rack.at(j),
                                                           path + QStringLiteral(".rack[%1]").arg(j),
                                                           registry, session.audio.sampleRateHz, true));
            session.snapshots.push_back(std::move(entry));
        }
    }
}

void writeMidiAndSnapshots(JsonWriter& w, const Session& session, const dsp::EffectRegistry& registry)
{
    // Written only when there is something: a session without them reads as before.
    if (!session.midiMappings.empty()) {
        w.key(u"midi");
        w.beginObject();
        w.key(u"mappings");
        w.beginArray();
        for (const MidiMappingEntry& m : session.midiMappings) {
            w.beginObject();
            w.text(u"map", m.map);
            if (!m.effect.isEmpty()) {
                w.text(u"effect", m.effect);
            }
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }
    if (!session.snapshots.empty() || session.snapshotMorphSeconds != 0.0) {
        w.key(u"snapshots");
        w.beginObject();
        w.number(u"morph_seconds", session.snapshotMorphSeconds);
        w.key(u"list");
        w.beginArray();
        for (const SnapshotEntry& s : session.snapshots) {
            w.beginObject();
            w.text(u"name", s.name);
            w.key(u"rack");
            w.beginArray();
            for (const RackEntry& e : s.rack)
                detail::writeRackEntry(w, e, registry, true);
            w.endArray();
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }
}

} // namespace fxrack::session
