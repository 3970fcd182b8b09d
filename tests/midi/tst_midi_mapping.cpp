// The MIDI parser, the --map grammar, curves, takeover modes and the mapping table's identity
// keys, driven with parsed bytes against a real effect chain (the targets record what they get).
#include "dsp/ChainSpec.h"
#include "dsp/EffectChain.h"
#include "dsp/EffectRegistry.h"
#include "midi/MidiMapper.h"

#include <QtTest>
#include <vector>

using namespace fxrack;
using namespace fxrack::midi;

namespace {

// A real chain as the targets; every call is also recorded.
class ChainTargets final : public MidiTargets {
public:
    explicit ChainTargets(const std::string& spec) : chain(dsp::parseChain(spec)) {}
    const dsp::Effect* effect(int slot) const override
    {
        return slot >= 0 && slot < chain.size() ? &chain.at(slot) : nullptr;
    }
    bool isBypassed(int slot) const override { return chain.isBypassed(slot); }
    void setParameter(int slot, int paramId, double value) override
    {
        chain.at(slot).setParameter(paramId, value);
        ++sets;
    }
    void setBypass(int slot, bool bypassed) override { chain.setBypassed(slot, bypassed); }
    void action(TargetKind kind, int index) override { actions.push_back({kind, index}); }
    double param(const char* path) const
    {
        const auto a = chain.resolve(path);
        return chain.at(a.slot).param(a.paramId);
    }

    dsp::EffectChain chain;
    int sets = 0;
    std::vector<std::pair<TargetKind, int>> actions;
};

// Feeds raw bytes through a parser into the mapper, then flushes.
struct Feeder {
    MidiParser parser;
    MidiMapper& mapper;
    MidiTargets& targets;
    int64_t ns = 1'000'000'000;
    void send(std::initializer_list<unsigned char> bytes, bool flush = true)
    {
        std::vector<unsigned char> b(bytes);
        ns += 1'000'000;
        parser.parse(b.data(), b.size(), 0, ns,
                     [&](const MidiEvent& e) { mapper.handle(e, "test:out", targets); });
        if (flush)
            mapper.flush(targets);
    }
    void cc(int ch, int n, int v, bool flush = true)
    {
        send({static_cast<unsigned char>(0xB0 | (ch - 1)), static_cast<unsigned char>(n),
              static_cast<unsigned char>(v)},
             flush);
    }
};

} // namespace

class TestMidiMapping : public QObject {
    Q_OBJECT
private slots:
    void parserGivesEveryKindAndNrpn()
    {
        MidiParser p;
        std::vector<MidiEvent> got;
        auto collect = [&](const MidiEvent& e) { got.push_back(e); };
        const unsigned char msgs[][3] = {{0xB2, 7, 100},     {0x91, 60, 90}, {0x91, 60, 0}, {0x80, 61, 3},
                                         {0xE0, 0x7F, 0x7F}, {0xB0, 99, 1},  {0xB0, 98, 2}, {0xB0, 6, 64},
                                         {0xB0, 38, 5},      {0xB0, 96, 0}};
        for (const auto& m : msgs)
            p.parse(m, 3, 0, 0, collect);
        const unsigned char pc[] = {0xC3, 12};
        p.parse(pc, 2, 0, 0, collect);
        QCOMPARE(int(got[0].kind), int(EventKind::Cc));
        QCOMPARE(int(got[0].channel), 3);
        QCOMPARE(int(got[0].value), 100);
        QCOMPARE(int(got[1].kind), int(EventKind::NoteOn));
        QCOMPARE(int(got[2].kind), int(EventKind::NoteOff)); // note on with velocity 0
        QCOMPARE(int(got[3].kind), int(EventKind::NoteOff));
        QCOMPARE(int(got[4].kind), int(EventKind::PitchBend));
        QCOMPARE(int(got[4].value), 16383);
        // CC 99, 98: plain CCs; CC 6 then 38: each a CC and an NRPN of number 1*128+2.
        std::vector<MidiEvent> nrpn;
        for (const auto& e : got)
            if (e.kind == EventKind::Nrpn)
                nrpn.push_back(e);
        QCOMPARE(nrpn.size(), size_t(3));
        QCOMPARE(int(nrpn[0].number), 130);
        QCOMPARE(int(nrpn[0].value), 64 << 7);
        QCOMPARE(int(nrpn[1].value), (64 << 7) | 5);
        QCOMPARE(int(nrpn[2].value), ((64 << 7) | 5) + 1); // increment
        QCOMPARE(int(got.back().kind), int(EventKind::ProgramChange));
        QCOMPARE(int(got.back().number), 12);
        QCOMPARE(int(got.back().channel), 4);
    }

    void specGrammarRoundTrips_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("formatted");
        QTest::newRow("cc") << "ch1:cc7=1.gain:0..2"
                            << "ch1:cc7=1.gain:0..2";
        QTest::newRow("14-bit") << "ch1:cc1/33=0.cutoff:200..8000"
                                << "ch1:cc1/33=0.cutoff:200..8000";
        QTest::newRow("log pickup") << "ch1:cc20=0.cutoff:200..8000:log:pickup"
                                    << "ch1:cc20=0.cutoff:200..8000:log:pickup";
        QTest::newRow("note bypass") << "ch10:note36=bypass:2"
                                     << "ch10:note36=bypass:2";
        QTest::newRow("pc snapshot") << "ch1:pc=snapshot"
                                     << "ch1:pc=snapshot";
        QTest::newRow("port, any channel") << "nano:1@chany:nrpn300=0.mix"
                                           << "nano:1@chany:nrpn300=0.mix";
        QTest::newRow("snapshot B") << "ch2:note40=snapshot:B"
                                    << "ch2:note40=snapshot:2";
        QTest::newRow("relative") << "ch1:cc16=0.cutoff:reloffset"
                                  << "ch1:cc16=0.cutoff:reloffset";
        QTest::newRow("inverted") << "cc11=0.mix:1..0:exp"
                                  << "chany:cc11=0.mix:1..0:exp";
        QTest::newRow("presets, tap") << "ch1:cc80=preset:next"
                                      << "ch1:cc80=preset:next";
        QTest::newRow("tap") << "ch1:note50=tap:1"
                             << "ch1:note50=tap:1";
        QTest::newRow("global bypass") << "ch1:cc64=bypass"
                                       << "ch1:cc64=bypass";
        QTest::newRow("store snapshot") << "ch1:note60=store:C"
                                        << "ch1:note60=store:3";
    }
    void specGrammarRoundTrips()
    {
        QFETCH(QString, spec);
        QFETCH(QString, formatted);
        const MappingSpec s = parseMappingSpec(spec.toStdString());
        QCOMPARE(QString::fromStdString(formatMappingSpec(s.mapping, s.slot)), formatted);
        QCOMPARE(parseMappingSpec(formatted.toStdString()).mapping, s.mapping);
    }

    void malformedSpecsNameThePart_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("part");
        QTest::newRow("no target") << "ch1:cc7"
                                   << "ch1:cc7";
        QTest::newRow("channel") << "ch17:cc7=0.gain"
                                 << "ch17";
        QTest::newRow("cc number") << "ch1:cc200=0.gain"
                                   << "cc200";
        QTest::newRow("source") << "ch1:xy7=0.gain"
                                << "xy7";
        QTest::newRow("range") << "ch1:cc7=0.gain:a..2"
                               << "a..2";
        QTest::newRow("option") << "ch1:cc7=0.gain:wobble"
                                << "wobble";
        QTest::newRow("target") << "ch1:cc7=gain"
                                << "gain";
        QTest::newRow("lsb") << "ch1:cc1/70=0.gain"
                             << "cc1/70";
        QTest::newRow("relative 14-bit") << "ch1:cc1/33=0.gain:rel2c"
                                         << "rel2c";
    }
    void malformedSpecsNameThePart()
    {
        QFETCH(QString, spec);
        QFETCH(QString, part);
        try {
            parseMappingSpec(spec.toStdString());
            QFAIL("accepted");
        } catch (const MappingError& e) {
            const QString what = e.what();
            QVERIFY2(what.contains(": " + part + ":"), qPrintable(what));
            QCOMPARE(QString::fromStdString(e.part), part); // what the app's translated line names
        }
    }

    void errorsCarryTheirProblemForTranslation()
    {
        const auto error = [](const char* spec) {
            try {
                parseMappingSpec(spec);
            } catch (const MappingError& e) {
                return e;
            }
            return MappingError("accepted", MappingError::Problem::Option, "");
        };
        const MappingError channel = error("ch17:cc7=0.gain");
        QCOMPARE(channel.problem, MappingError::Problem::Number);
        QCOMPARE(channel.low, 1);
        QCOMPARE(channel.high, 16);
        QCOMPARE(error("ch1:cc1/70=0.gain").low, 32);
        QCOMPARE(error("ch1:xy7=0.gain").problem, MappingError::Problem::Source);
        QCOMPARE(error("ch1:cc7=gain").problem, MappingError::Problem::Target);
        QCOMPARE(error("ch1:cc7=snapshot:Z").problem, MappingError::Problem::Snapshot);
        QCOMPARE(error("ch1:cc7=store").problem, MappingError::Problem::Snapshot); // which one to store
        QCOMPARE(error("ch1:cc7=preset").part, std::string("preset"));
        QCOMPARE(error("ch1:cc7=preset").problem, MappingError::Problem::Preset);
        QCOMPARE(error("ch1:pc=0.gain:rel2c").problem, MappingError::Problem::RelativeNeedsCc);
        // The target checks against a rack.
        const auto effect = dsp::EffectRegistry::builtin().create("Gain");
        try {
            checkSpecTarget(parseMappingSpec("ch1:cc7=3.gain"), "ch1:cc7=3.gain", 2, nullptr);
            QFAIL("accepted");
        } catch (const MappingError& e) {
            QCOMPARE(e.problem, MappingError::Problem::NoSuchSlot);
            QCOMPARE(e.part, std::string("slot 3"));
            QCOMPARE(e.high, 2);
        }
        try {
            checkSpecTarget(parseMappingSpec("ch1:cc7=1.nosuch"), "ch1:cc7=1.nosuch", 2, effect.get());
            QFAIL("accepted");
        } catch (const MappingError& e) {
            QCOMPARE(e.problem, MappingError::Problem::NoSuchParameter);
            QCOMPARE(e.part, std::string("1.nosuch"));
            QCOMPARE(e.effect, std::string("Gain"));
        }
    }

    void curvesAndTheirInverses()
    {
        for (Curve c : {Curve::Linear, Curve::Log, Curve::Exp})
            for (double n : {0.0, 0.1, 0.5, 0.77, 1.0}) {
                const double v = curveValue(c, 200, 8000, n);
                QVERIFY(qAbs(curvePosition(c, 200, 8000, v) - n) < 1e-9);
                const double inv = curveValue(c, 8000, 200, n); // inverted range
                QVERIFY(qAbs(curvePosition(c, 8000, 200, inv) - n) < 1e-9);
            }
        QCOMPARE(curveValue(Curve::Log, 200, 8000, 0.5), std::sqrt(200.0 * 8000.0));
        QCOMPARE(curveValue(Curve::Linear, 2, 0, 0.25), 1.5);
        QVERIFY(curveValue(Curve::Exp, 0, 1, 0.5) < 0.2);
        QCOMPARE(relativeStep(Takeover::RelativeTwosComplement, 1), 1);
        QCOMPARE(relativeStep(Takeover::RelativeTwosComplement, 127), -1);
        QCOMPARE(relativeStep(Takeover::RelativeBinaryOffset, 65), 1);
        QCOMPARE(relativeStep(Takeover::RelativeBinaryOffset, 62), -2);
        QCOMPARE(relativeStep(Takeover::RelativeSignMagnitude, 3), 3);
        QCOMPARE(relativeStep(Takeover::RelativeSignMagnitude, 64 + 3), -3);
    }

    void ccFourteenBitNrpnAndPitchBendReachTheirValues()
    {
        ChainTargets t("Gain(1) | LoButterworth(1000) | Gain(1)");
        MidiMapper m;
        m.resetRack(3);
        m.add(parseMappingSpec("ch1:cc7=0.gain:0..2"));
        m.add(parseMappingSpec("ch1:cc1/33=1.cutoff:100..10000:log"));
        m.add(parseMappingSpec("ch2:nrpn300=2.gain:0..1"));
        m.add(parseMappingSpec("ch3:pb=0.mix"));
        Feeder f{{}, m, t};
        f.cc(1, 7, 127);
        QCOMPARE(t.param("0.gain"), 2.0);
        f.cc(1, 7, 0);
        QCOMPARE(t.param("0.gain"), 0.0);
        f.cc(1, 1, 64);
        QCOMPARE(t.param("1.cutoff"), 100.0 * std::pow(100.0, (64 << 7) / 16383.0));
        f.cc(1, 33, 100);
        QCOMPARE(t.param("1.cutoff"), 100.0 * std::pow(100.0, ((64 << 7) | 100) / 16383.0));
        f.cc(2, 99, 2);
        f.cc(2, 98, 44); // 2*128+44 = 300
        f.cc(2, 6, 127);
        f.cc(2, 38, 127);
        QCOMPARE(t.param("2.gain"), 1.0);
        f.send({0xE2, 0x00, 0x40}); // 8192 of 16383
        QCOMPARE(t.param("0.mix"), 8192 / 16383.0);
        f.cc(2, 7, 127); // channel 2: not mapped
        QCOMPARE(t.param("0.gain"), 0.0);
    }

    void manyToOneAndOneToManyCoalescedPerTarget()
    {
        ChainTargets t("Gain(1) | Gain(1)");
        MidiMapper m;
        m.resetRack(2);
        m.add(parseMappingSpec("ch1:cc7=0.gain:0..2"));
        m.add(parseMappingSpec("ch1:cc7=1.gain:2..0")); // one source, two targets, one inverted
        m.add(parseMappingSpec("ch1:cc8=0.gain:0..1")); // a second source, same target
        Feeder f{{}, m, t};
        f.cc(1, 7, 127);
        QCOMPARE(t.param("0.gain"), 2.0);
        QCOMPARE(t.param("1.gain"), 0.0);
        f.cc(1, 8, 127);
        QCOMPARE(t.param("0.gain"), 1.0);
        // A burst before one flush: one call per target, the latest value.
        t.sets = 0;
        for (int v = 0; v <= 127; ++v)
            f.cc(1, 7, v, false);
        m.flush(t);
        QCOMPARE(t.sets, 2);
        QCOMPARE(t.param("0.gain"), 2.0);
        QCOMPARE(t.param("1.gain"), 0.0);
    }

    void pickUpWaitsForTheControllerToPassTheValue()
    {
        ChainTargets t("Gain(1)");
        MidiMapper m;
        m.resetRack(1);
        m.add(parseMappingSpec("ch1:cc20=0.gain:0..2:pickup"));
        Feeder f{{}, m, t};
        f.cc(1, 20, 10); // far below 1.0: nothing
        QCOMPARE(t.param("0.gain"), 1.0);
        f.cc(1, 20, 50);
        QCOMPARE(t.param("0.gain"), 1.0);
        f.cc(1, 20, 70); // passed 63.5: picked up
        QCOMPARE(t.param("0.gain"), 70 * 2 / 127.0);
        f.cc(1, 20, 20);
        QCOMPARE(t.param("0.gain"), 20 * 2 / 127.0);
        // Someone else moves the parameter: the controller must pick it up again.
        t.chain.at(0).setParameter(0, 1.8);
        f.cc(1, 20, 30);
        QCOMPARE(t.param("0.gain"), 1.8);
        f.cc(1, 20, 120); // passes 1.8 (114.3)
        QCOMPARE(t.param("0.gain"), 120 * 2 / 127.0);
    }

    void relativeEncodersStepFromTheCurrentValue()
    {
        ChainTargets t("Gain(1)");
        MidiMapper m;
        m.resetRack(1);
        m.add(parseMappingSpec("ch1:cc16=0.gain:0..127:rel2c"));
        m.add(parseMappingSpec("ch1:cc17=0.gain:0..127:reloffset"));
        m.add(parseMappingSpec("ch1:cc18=0.gain:0..127:relsign"));
        Feeder f{{}, m, t};
        f.cc(1, 16, 3);
        QCOMPARE(t.param("0.gain"), 4.0);
        f.cc(1, 16, 126); // -2
        QCOMPARE(t.param("0.gain"), 2.0);
        f.cc(1, 17, 64 + 5);
        QCOMPARE(t.param("0.gain"), 7.0);
        f.cc(1, 18, 64 + 6); // -6
        QCOMPARE(t.param("0.gain"), 1.0);
        for (int i = 0; i < 10; ++i)
            f.cc(1, 18, 64 + 63);
        QCOMPARE(t.param("0.gain"), 0.0); // held at the range's end
    }

    void notesToggleBypassAndProgramsRecallSnapshots()
    {
        ChainTargets t("Gain(1) | Gain(1) | Gain(1)");
        MidiMapper m;
        m.resetRack(3);
        m.add(parseMappingSpec("ch10:note36=bypass:2"));
        m.add(parseMappingSpec("ch1:pc=snapshot"));
        m.add(parseMappingSpec("ch1:cc64=bypass"));
        m.add(parseMappingSpec("ch1:cc80=preset:next"));
        m.add(parseMappingSpec("ch1:note37=0.gain:0..1:toggle"));
        m.add(parseMappingSpec("ch1:cc81=store:D"));
        Feeder f{{}, m, t};
        f.send({0x99, 36, 100});
        QVERIFY(t.chain.isBypassed(2));
        f.send({0x89, 36, 0}); // the release changes nothing
        QVERIFY(t.chain.isBypassed(2));
        f.send({0x99, 36, 1});
        QVERIFY(!t.chain.isBypassed(2));
        f.send({0xC0, 3});
        f.cc(1, 64, 127);
        f.cc(1, 64, 0);
        f.cc(1, 80, 127);
        f.cc(1, 80, 127); // held: not a new press
        QCOMPARE(t.actions.size(), size_t(4));
        QCOMPARE(t.actions[0], std::make_pair(TargetKind::Snapshot, 3));
        QCOMPARE(t.actions[1], std::make_pair(TargetKind::GlobalBypass, 1));
        QCOMPARE(t.actions[2], std::make_pair(TargetKind::GlobalBypass, 0));
        QCOMPARE(t.actions[3], std::make_pair(TargetKind::NextPreset, 0));
        f.cc(1, 81, 127); // a footswitch press stores snapshot D
        f.cc(1, 81, 0);
        QCOMPARE(t.actions.size(), size_t(5));
        QCOMPARE(t.actions[4], std::make_pair(TargetKind::StoreSnapshot, 3));
        QVERIFY(parseMappingSpec("ch1:cc81=store:D").mapping.global());
        f.send({0x90, 37, 100});
        QCOMPARE(t.param("0.gain"), 0.0);
        f.send({0x90, 37, 100});
        QCOMPARE(t.param("0.gain"), 1.0);
    }

    void tapTempoSetsTheDelaysBpm()
    {
        ChainTargets t("Gain(1) | Delay()");
        MidiMapper m;
        m.resetRack(2);
        m.add(parseMappingSpec("ch1:note50=tap:1"));
        Feeder f{{}, m, t};
        for (int i = 0; i < 5; ++i) {
            f.ns += 500'000'000 - 1'000'000; // send() adds 1 ms: taps 0.5 s apart
            f.send({0x90, 50, 100});
        }
        QCOMPARE(t.param("1.bpm"), 120.0);
    }

    void mappingsFollowTheirEffectAndGoAwayWithIt()
    {
        ChainTargets t("Gain(1) | Gain(1) | Gain(1)");
        MidiMapper m;
        m.resetRack(3);
        m.add(parseMappingSpec("ch1:cc7=1.gain:0..2"));
        m.add(parseMappingSpec("ch1:cc8=2.gain:0..2"));
        // The rack moves slot 1 to 0 (the chain and the mapper alike).
        t.chain.move(1, 0);
        m.slotMoved(1, 0);
        QCOMPARE(QString::fromStdString(m.spec(0)), QString("ch1:cc7=0.gain:0..2"));
        Feeder f{{}, m, t};
        f.cc(1, 7, 127);
        QCOMPARE(t.param("0.gain"), 2.0);
        QCOMPARE(t.param("1.gain"), 1.0);
        const auto removed = m.slotRemoved(0);
        t.chain.remove(0);
        QCOMPARE(removed.size(), size_t(1));
        QCOMPARE(m.mappings().size(), size_t(1));
        QCOMPARE(QString::fromStdString(m.spec(0)), QString("ch1:cc8=1.gain:0..2"));
        m.slotInserted(0);
        t.chain.insert(0, dsp::parseChain("Gain(1)").remove(0));
        QCOMPARE(QString::fromStdString(m.spec(0)), QString("ch1:cc8=2.gain:0..2"));
        // A spec naming a slot the rack lacks is refused, naming the slot.
        try {
            m.add(parseMappingSpec("ch1:cc9=7.gain"));
            QFAIL("accepted");
        } catch (const MappingError& e) {
            QVERIFY2(QString(e.what()).contains("slot 7"), e.what());
        }
    }

    void aMappingWhoseTargetIsGoneIsDroppedAndReported()
    {
        ChainTargets t("Gain(1) | Gain(1)");
        MidiMapper m;
        m.resetRack(2);
        m.add(parseMappingSpec("ch1:cc7=1.nosuch"));
        m.add(parseMappingSpec("ch1:cc7=0.gain:0..2"));
        Feeder f{{}, m, t};
        f.cc(1, 7, 127);
        QCOMPARE(t.param("0.gain"), 2.0);
        QCOMPARE(m.mappings().size(), size_t(1));
        const auto warnings = m.takeWarnings();
        QCOMPARE(warnings.size(), size_t(1));
        QVERIFY(QString::fromStdString(warnings[0]).contains("nosuch"));
    }

    // A learn template for slot 0's gain over 0..2.
    static MidiMapping gainTemplate(const MidiMapper& m)
    {
        MidiMapping templ;
        templ.target.slotKey = m.slotKey(0);
        templ.target.param = "gain";
        templ.min = 0;
        templ.max = 2;
        return templ;
    }

    void learnMakesAMappingFromTheNextControl()
    {
        ChainTargets t("Gain(1)");
        MidiMapper m;
        m.resetRack(1);
        const MidiMapping templ = gainTemplate(m);
        m.startLearn(templ);
        Feeder f{{}, m, t};
        f.cc(3, 99, 0); // NRPN selection is plumbing, not the control
        f.cc(3, 21, 127);
        QVERIFY(m.learnWaitsForLsb()); // CC 21 may be the MSB of a 14-bit pair
        m.finishLearn();               // no LSB: a 7-bit CC
        QVERIFY(!m.isLearning());
        const auto row = m.learned();
        QVERIFY(row.has_value());
        QCOMPARE(QString::fromStdString(m.spec(*row)), QString("test:out@ch3:cc21=0.gain:0..2"));
        QCOMPARE(t.param("0.gain"), 1.0); // the teaching message moved nothing
        f.cc(3, 21, 0);
        QCOMPARE(t.param("0.gain"), 0.0);
    }

    void learnMakesA14BitMappingFromAnMsbAndItsLsb()
    {
        ChainTargets t("Gain(1)");
        MidiMapper m;
        m.resetRack(1);
        const MidiMapping templ = gainTemplate(m);
        m.startLearn(templ);
        Feeder f{{}, m, t};
        f.cc(2, 1, 64); // MSB
        QVERIFY(m.isLearning());
        QVERIFY(!m.learned().has_value());
        f.cc(2, 33, 0); // its LSB
        QVERIFY(!m.isLearning());
        const auto row = m.learned();
        QVERIFY(row.has_value());
        QCOMPARE(QString::fromStdString(m.spec(*row)), QString("test:out@ch2:cc1/33=0.gain:0..2"));
        QCOMPARE(t.param("0.gain"), 1.0); // the teaching messages moved nothing
        // A 7-bit controller's next message ends the wait: its own CC again, or any other.
        m.startLearn(templ);
        f.cc(2, 7, 10);
        f.cc(2, 7, 11);
        QVERIFY(!m.isLearning());
        QCOMPARE(QString::fromStdString(m.spec(*m.learned())), QString("test:out@ch2:cc7=0.gain:0..2"));
        m.startLearn(templ);
        f.cc(2, 8, 10);
        f.cc(5, 40, 11); // CC 40 is 8 + 32, but on another channel
        QCOMPARE(QString::fromStdString(m.spec(*m.learned())), QString("test:out@ch2:cc8=0.gain:0..2"));
        // Cancelling drops a held MSB.
        m.startLearn(templ);
        f.cc(2, 9, 10);
        m.cancelLearn();
        QVERIFY(!m.isLearning());
        f.cc(2, 41, 10);
        QVERIFY(!m.learned().has_value());
        QCOMPARE(m.mappings().size(), size_t(3));
    }
};

QTEST_APPLESS_MAIN(TestMidiMapping)
#include "tst_midi_mapping.moc"
