// Snapshot recall with a morph: a real processor on the offline backend, pumped block by block
// so the control steps and the audio interleave exactly. Each parameter moves monotonically from
// snapshot A to B and arrives at B exactly; the audio glides, its steps far below an instant
// recall's.
#include "dsp/ChainSpec.h"
#include "realtime/OfflineBackend.h"
#include "realtime/RealtimeProcessor.h"
#include "realtime/Snapshot.h"

#include <QtTest>

using namespace fxrack;
using namespace fxrack::realtime;

namespace {

constexpr int kRate = 48000, kBlock = 128;

struct Run {
    std::vector<double> gain, second; // the control side's values, a block apart
    double maxStep = 0.0;             // the largest sample-to-sample change of the output in the morph
    bool audioMonotonic = true;
    RackSnapshot end;
};

// DC of 0.5 through Gain(0.2) and a second effect whose parameter `name` goes from `a` to `b`
// while the gain goes to 1. With a second Gain the output is 0.5 * the product of the gains, so
// it shows the path sample by sample; a low-pass passes DC at every cutoff.
Run recall(double seconds, const char* second = "LoButterworth(2000)", const char* name = "cutoff",
           double a = 2000, double b = 8000)
{
    dsp::AudioBuffer input(1, kRate * 4);
    for (int i = 0; i < input.numFrames(); ++i)
        input.channel(0)[i] = 0.5f;
    OfflineBackend backend(std::move(input), -1, OfflineBackend::Pace::Manual);
    RealtimeProcessor p(dsp::parseChain(std::string("Gain(0.2) | ") + second), backend,
                        StreamConfig(kRate, kBlock, 1, 1));
    const int id = p.effects().at(1).findParam(name);
    p.start();
    backend.pump(kRate / 4 / kBlock);
    const RackSnapshot snapA = captureSnapshot(p.effects());
    p.setParameter("0.gain", 1.0);
    p.setParameter(1, id, b);
    const RackSnapshot snapB = captureSnapshot(p.effects());
    p.setParameter("0.gain", 0.2);
    p.setParameter(1, id, a);
    backend.pump(kRate / 2 / kBlock); // settled at A
    QTest::qVerify(captureSnapshot(p.effects()) == snapA, "A", "", __FILE__, __LINE__);
    SnapshotMorph morph;
    const auto now = [&] { return static_cast<double>(backend.framesDone()) / kRate; };
    const long long first = backend.framesDone();
    morph.start(p.effects(), snapB, seconds, now());
    Run run;
    const auto set = [&](int slot, int id, double v) { p.setParameter(slot, id, v); };
    const auto bypass = [&](int slot, bool on) { p.setBypass(slot, on); };
    while (morph.step(now(), set, bypass) || now() * kRate < first + kRate * (seconds + 0.5)) {
        run.gain.push_back(p.effects().at(0).param(0));
        run.second.push_back(p.effects().at(1).param(id));
        backend.pump(1);
    }
    run.end = captureSnapshot(p.effects());
    p.stop();
    const float* out = backend.output().channel(0);
    for (long long i = first + 1; i < backend.framesDone(); ++i) {
        const double d = out[i] - out[i - 1];
        run.maxStep = std::max(run.maxStep, std::abs(d));
        if (d < -1e-6) {
            if (run.audioMonotonic)
                qInfo("first fall at %lld: %g (%g -> %g)", i - first, d, out[i - 1], out[i]);
            run.audioMonotonic = false;
        }
    }
    QTest::qVerify(run.end == snapB, "arrived at B", "", __FILE__, __LINE__);
    return run;
}

bool monotonic(const std::vector<double>& v)
{
    for (size_t i = 1; i < v.size(); ++i)
        if (v[i] < v[i - 1])
            return false;
    return true;
}

} // namespace

class TestSnapshotMorph : public QObject {
    Q_OBJECT
private slots:
    void captureHoldsEveryParameterAndBypass()
    {
        auto chain = dsp::parseChain("Gain(0.5) | LoButterworth(300)");
        chain.setBypassed(1, true);
        const RackSnapshot s = captureSnapshot(chain);
        QCOMPARE(s.effects.size(), size_t(2));
        QCOMPARE(s.effects[0].type, std::string("Gain"));
        QCOMPARE(int(s.effects[0].values.size()), chain.at(0).paramCount());
        QCOMPARE(s.effects[0].values[0], 0.5);
        QVERIFY(s.effects[1].bypassed);
    }

    void aOneSecondMorphMovesMonotonicallyAndArrivesExactly()
    {
        const Run filter = recall(1.0);
        QVERIFY(filter.gain.size() > 300);
        QVERIFY(monotonic(filter.gain));
        QVERIFY(monotonic(filter.second));
        QCOMPARE(filter.gain.back(), 1.0);
        QCOMPARE(filter.second.back(), 8000.0);
        // Half way through, it is half way (the gain linearly, the cutoff geometrically).
        const size_t half = static_cast<size_t>(0.5 * kRate / kBlock);
        QVERIFY(qAbs(filter.gain[half] - 0.6) < 0.02);
        QVERIFY(qAbs(filter.second[half] - 4000.0) < 150.0);
        // Two gains: the output itself must rise without a step back.
        const Run morph = recall(1.0, "Gain(1)", "gain", 1.0, 1.5);
        QVERIFY(monotonic(morph.gain));
        QCOMPARE(morph.second.back(), 1.5);
        QVERIFY(morph.audioMonotonic);
        // 0.65 of output over 1 s: 1.4e-5 a sample on average; the steps (every 10 ms) ramp out
        // inside each parameter's own ramp.
        QVERIFY2(morph.maxStep < 6e-5, qPrintable(QString::number(morph.maxStep)));
        const Run instant = recall(0.0, "Gain(1)", "gain", 1.0, 1.5);
        QVERIFY(monotonic(instant.gain));
        qInfo("largest output step: %g with a 1 s morph, %g recalled at once", morph.maxStep,
              instant.maxStep);
        QVERIFY2(morph.maxStep * 4 < instant.maxStep,
                 qPrintable(QString("%1 vs %2").arg(morph.maxStep).arg(instant.maxStep)));
    }

    void slotsOfAnotherTypeAreLeftAlone()
    {
        auto chain = dsp::parseChain("Gain(0.5) | LoButterworth(300)");
        RackSnapshot s = captureSnapshot(dsp::parseChain("Gain(2) | HiButterworth(300)"));
        SnapshotMorph morph;
        morph.start(chain, s, 0.0, 0.0);
        std::vector<std::tuple<int, int, double>> sets;
        QVERIFY(!morph.step(
            0.0, [&](int slot, int id, double v) { sets.emplace_back(slot, id, v); }, [](int, bool) {}));
        QCOMPARE(sets.size(), size_t(1));
        QCOMPARE(std::get<0>(sets[0]), 0);
        QCOMPARE(std::get<2>(sets[0]), 2.0);
    }
};

QTEST_APPLESS_MAIN(TestSnapshotMorph)
#include "tst_snapshot_morph.moc"
