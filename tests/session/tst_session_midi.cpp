// MIDI mappings and snapshots in the .fxrack session: they round-trip, follow their effect by
// rack id, refuse bad values naming the field, and a session without them still opens.
#include "dsp/ChainSpec.h"
#include "session/SessionError.h"
#include "session/SessionIo.h"
#include "session/SessionMidi.h"

#include <QtTest>

using namespace fxrack;
using namespace fxrack::session;

namespace {

Session twoGains()
{
    Session s;
    s.rack = rackFromChain(dsp::parseChain("Gain(0.5) | LoButterworth(1000)"));
    return s;
}

QByteArray withKeys(const char* keys)
{
    return QByteArray(R"({"format": "fxrack-session", "format_version": 1,
        "rack": [{"type": "Gain", "id": "gain-1"}, {"type": "LoButterworth", "id": "lo"}], )") +
           keys + "}";
}

} // namespace

class TestSessionMidi : public QObject {
    Q_OBJECT
private slots:
    void mappingsAndSnapshotsRoundTrip()
    {
        Session s = twoGains();
        midi::MidiMapper mapper;
        mapper.resetRack(2);
        mapper.add(midi::parseMappingSpec("ch1:cc7=1.cutoff:200..8000:log:pickup"));
        mapper.add(midi::parseMappingSpec("ch1:pc=snapshot"));
        mapper.add(midi::parseMappingSpec("ch10:note36=bypass:0"));
        s.midiMappings = sessionMappings(mapper, s.rack);
        QCOMPARE(s.midiMappings.size(), size_t(3));
        QCOMPARE(s.midiMappings[0].effect, QString("lobutterworth-1"));
        QVERIFY(s.midiMappings[1].effect.isEmpty());
        auto chain = chainFromSession(s);
        storeSnapshot(s, snapshotEntry("A", chain, s.rack));
        chain.at(0).setParameter(0, 2.0);
        chain.setBypassed(1, true);
        storeSnapshot(s, snapshotEntry("B", chain, s.rack));
        s.snapshotMorphSeconds = 2.5;
        const QByteArray json = SessionIo::serialize(s);
        const Session back = SessionIo::parse(json);
        QCOMPARE(back.midiMappings, s.midiMappings);
        QCOMPARE(back.snapshots.size(), size_t(2));
        QCOMPARE(back.snapshots, s.snapshots);
        QCOMPARE(back.snapshotMorphSeconds, 2.5);
        QCOMPARE(back.rack, s.rack);
        // Back into a mapper: the same table.
        midi::MidiMapper again;
        again.resetRack(2);
        QVERIFY(addSessionMappings(back, again).isEmpty());
        for (int row = 0; row < 3; ++row)
            QCOMPARE(again.spec(row), mapper.spec(row));
        const auto b = rackSnapshot(*findSnapshot(back, "b"), back.rack);
        QCOMPARE(b.effects[0].values[0], 2.0);
        QVERIFY(b.effects[1].bypassed);
    }

    void mappingsFollowTheirEffectById()
    {
        // The file's mapping says slot 1, but its effect ("gain-1") is at slot 0.
        const Session s = SessionIo::parse(
            withKeys(R"("midi": {"mappings": [{"map": "ch1:cc7=1.gain:0..2", "effect": "gain-1"}]})"));
        midi::MidiMapper mapper;
        mapper.resetRack(2);
        QVERIFY(addSessionMappings(s, mapper).isEmpty());
        QCOMPARE(mapper.spec(0), std::string("ch1:cc7=0.gain:0..2"));
        // A snapshot naming its effects by id lands on their slots, whatever the order.
        const Session t = SessionIo::parse(withKeys(R"("snapshots": {"list": [{"name": "A", "rack": [
            {"type": "LoButterworth", "id": "lo", "params": {"cutoff": 500}},
            {"type": "Gain", "id": "gain-1", "params": {"gain": 0.25}}]}]})"));
        const auto a = rackSnapshot(t.snapshots[0], t.rack);
        QCOMPARE(a.effects[0].type, std::string("Gain"));
        QCOMPARE(a.effects[0].values[0], 0.25);
        QCOMPARE(a.effects[1].values[0], 500.0);
    }

    void badValuesNameTheField_data()
    {
        QTest::addColumn<QByteArray>("keys");
        QTest::addColumn<QString>("field");
        QTest::newRow("spec")
            << QByteArray(R"("midi": {"mappings": [{"map": "ch1:cc7=0.gain:wobble", "effect": "gain-1"}]})")
            << "midi.mappings[0].map";
        QTest::newRow("effect")
            << QByteArray(R"("midi": {"mappings": [{"map": "ch1:cc7=0.gain", "effect": "nope"}]})")
            << "midi.mappings[0].effect";
        QTest::newRow("morph") << QByteArray(R"("snapshots": {"morph_seconds": 11})")
                               << "snapshots.morph_seconds";
        QTest::newRow("twice") << QByteArray(R"("snapshots": {"list": [{"name": "A"}, {"name": "a"}]})")
                               << "snapshots.list[1].name";
        QTest::newRow("param")
            << QByteArray(
                   R"("snapshots": {"list": [{"name": "A", "rack": [{"type": "Gain", "id": "gain-1", "params": {"gian": 1}}]}]})")
            << "snapshots.list[0].rack[0].params.gian";
    }
    void badValuesNameTheField()
    {
        QFETCH(QByteArray, keys);
        QFETCH(QString, field);
        try {
            SessionIo::parse(withKeys(keys));
            QFAIL("accepted");
        } catch (const SessionError& e) {
            QVERIFY2(QString(e.what()).contains(field + ": "), e.what());
        }
    }

    void aSessionWithoutThemStillOpensAndSavesWithoutThem()
    {
        const Session s = SessionIo::read(QStringLiteral(FXRACK_TESTS_DIR "/session/fixtures/v1.fxrack"));
        QVERIFY(s.midiMappings.empty());
        QVERIFY(s.snapshots.empty());
        const QByteArray json = SessionIo::serialize(s);
        QVERIFY(!json.contains("\"midi\""));
        QVERIFY(!json.contains("\"snapshots\""));
    }

    void atMostEightSnapshots()
    {
        Session s = twoGains();
        const auto chain = chainFromSession(s);
        for (int i = 0; i < Session::kMaxSnapshots; ++i)
            storeSnapshot(s, snapshotEntry(snapshotName(i), chain, s.rack));
        storeSnapshot(s, snapshotEntry("C", chain, s.rack)); // replaces
        QVERIFY_THROWS_EXCEPTION(SessionError, storeSnapshot(s, snapshotEntry("I", chain, s.rack)));
    }
};

QTEST_APPLESS_MAIN(TestSessionMidi)
#include "tst_session_midi.moc"
