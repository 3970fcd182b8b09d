// Live edits change only the slot they name (issue 12): the other effects keep their state, a
// bypassed effect keeps its latency, and a NaN fades out and back in. Driven block by block
// through the offline backend, so an edit lands at an exact audio time.
#include "common/Signals.h"
#include "dsp/ChainSpec.h"
#include "dsp/EffectRegistry.h"
#include "realtime/OfflineBackend.h"
#include "realtime/RealtimeProcessor.h"

#include <QtTest>
#include <cmath>
#include <functional>
#include <limits>

using namespace fxrack;
using namespace fxrack::realtime;

namespace {

constexpr int kRate = 48000;
constexpr int kBlock = 256;

using Edit = std::function<void(RealtimeProcessor&)>;

// Runs `chain` over `input` live, calling each edit once the audio reaches its time.
dsp::AudioBuffer renderLive(const std::string& chain, const dsp::AudioBuffer& input,
                            std::vector<std::pair<double, Edit>> edits = {})
{
    OfflineBackend backend(input, -1, OfflineBackend::Pace::Manual);
    RealtimeProcessor p(dsp::parseChain(chain), backend,
                        StreamConfig(kRate, kBlock, input.numChannels(), input.numChannels()));
    p.start();
    size_t next = 0;
    while (!backend.finished()) {
        const double seconds = static_cast<double>(backend.framesDone()) / kRate;
        while (next < edits.size() && seconds >= edits[next].first)
            edits[next++].second(p);
        backend.pump(1);
        p.poll();
    }
    p.stop();
    dsp::AudioBuffer out(input.numChannels(), input.numFrames());
    out.block().copyFrom(const_cast<dsp::AudioBuffer&>(backend.output()).block());
    return out;
}

double maxDifference(const dsp::AudioBuffer& a, const dsp::AudioBuffer& b)
{
    double worst = 0.0;
    for (int c = 0; c < a.numChannels(); ++c)
        for (int i = 0; i < a.numFrames(); ++i)
            worst = std::max(worst, static_cast<double>(std::fabs(a.channel(c)[i] - b.channel(c)[i])));
    return worst;
}

dsp::AudioBuffer impulse(int channels, int frames)
{
    dsp::AudioBuffer b(channels, frames);
    for (int c = 0; c < channels; ++c)
        b.channel(c)[0] = 0.5f;
    return b;
}

std::unique_ptr<dsp::Effect> unityGain()
{
    auto g = dsp::EffectRegistry::builtin().create("Gain");
    g->setParameter("gain", 1.0);
    return g;
}

// Passes its input through, and writes one NaN once `at` frames have gone by: a broken effect.
class NanInjector final : public dsp::Effect {
public:
    static const dsp::EffectType& type()
    {
        static const dsp::EffectType t{"NanInjector",
                                       "effect",
                                       {},
                                       "test effect",
                                       [] { return std::make_unique<NanInjector>(s_at); },
                                       dsp::MixSource::None};
        return t;
    }
    static inline long long s_at = 0;
    explicit NanInjector(long long at) : Effect(type()), m_at(at) {}

protected:
    void doPrepare(const dsp::ProcessSpec&) override {}
    void doReset() noexcept override {}
    void doProcess(dsp::AudioBlock& block) noexcept override
    {
        if (m_seen <= m_at && m_at < m_seen + block.numFrames())
            block.channel(0)[m_at - m_seen] = std::numeric_limits<float>::quiet_NaN();
        m_seen += block.numFrames();
    }

private:
    long long m_at;
    long long m_seen = 0;
};

dsp::AudioBuffer sine(double hz, int frames)
{
    dsp::AudioBuffer b(1, frames);
    for (int i = 0; i < frames; ++i)
        b.channel(0)[i] = 0.3f * static_cast<float>(std::sin(2 * M_PI * hz * i / kRate));
    return b;
}

// The largest step a 0.3 sine near 1 kHz takes, plus what a 10 ms fade between two such signals
// adds: a click is far above it.
constexpr float kSineEditStep = 0.3f * 2 * float(M_PI) * 1000 / kRate + 0.6f / 480 + 1e-4f;

std::unique_ptr<dsp::Effect> longFir()
{
    return dsp::parseChain("DesignableFIR(cutoff=20000, num_taps=101)").remove(0);
}

// Edit k of a dragged filter-order knob: the Gain before it moves too, and a second Gain comes
// and goes (each a replaceChain, as the app sends one for every rack edit).
std::string knobEdit(int k)
{
    return "Gain(gain=" + std::to_string(0.5 + 0.05 * (k % 11)) +
           ") | HiButterworth(cutoff=100, order=" + std::to_string(2 + 2 * (k % 4)) + ")" +
           (k % 7 < 3 ? " | Gain(gain=0.5)" : "");
}

} // namespace

class TestLiveEdits : public QObject {
    Q_OBJECT
private slots:
    void effectsKeepTheirStateThroughEditsOfOtherSlots_data()
    {
        QTest::addColumn<QString>("chain");
        QTest::addColumn<bool>("impulseInput");
        QTest::newRow("reverb tail") << "Reverb(room_size=0.9)" << true;
        QTest::newRow("delay echoes") << "Delay(delay_samples=24000, feedback=0.7, mix=0.5, taps=3)" << true;
        QTest::newRow("chorus LFO") << "Chorus(rate_hz=0.7, depth_ms=5)" << false;
        QTest::newRow("compressor envelope")
            << "Compressor(threshold=-30, attack_ms=5, release_ms=400)" << false;
    }
    void effectsKeepTheirStateThroughEditsOfOtherSlots()
    {
        QFETCH(QString, chain);
        QFETCH(bool, impulseInput);
        const auto input = impulseInput ? impulse(2, 2 * kRate) : test::makeTestSignal(2, 2 * kRate);
        const auto plain = renderLive(chain.toStdString(), input);
        // A Gain(1.0) inserted after the effect at 0.5 s, moved before it at 0.9 s, and removed
        // at 1.4 s: the effect itself is never touched, so its output must not change.
        const auto edited = renderLive(chain.toStdString(), input,
                                       {{0.5, [](RealtimeProcessor& p) { p.addEffect(unityGain(), 1); }},
                                        {0.9, [](RealtimeProcessor& p) { p.moveEffect(1, 0); }},
                                        {1.4, [](RealtimeProcessor& p) { p.removeEffect(0); }}});
        float late = 0.0f;
        for (int i = 7 * kRate / 5; i < 2 * kRate; ++i)
            late = std::max(late, std::fabs(plain.channel(0)[i]));
        QVERIFY2(late > 1e-5f, "the effect must still sound after 1.4 s for this test to mean anything");
        const double difference = maxDifference(plain, edited);
        QVERIFY2(difference < 1e-5, qPrintable(QString::number(difference)));
    }

    void replaceChainKeepsTheInstancesItCan()
    {
        // What the app sends for a rack edit: the whole new chain. The reverb is the same shape
        // in both, so it keeps its instance and its tail.
        const auto input = impulse(2, 2 * kRate);
        const auto plain = renderLive("Reverb(room_size=0.9)", input);
        const auto edited = renderLive(
            "Reverb(room_size=0.9)", input,
            {{0.5,
              [](RealtimeProcessor& p) {
                  p.replaceChain(dsp::parseChain("Reverb(room_size=0.9) | Gain(1.0)"));
              }},
             {0.9,
              [](RealtimeProcessor& p) {
                  p.replaceChain(dsp::parseChain("Gain(1.0) | Reverb(room_size=0.9)"));
              }},
             {1.3, [](RealtimeProcessor& p) { p.replaceChain(dsp::parseChain("Reverb(room_size=0.9)")); }}});
        const double difference = maxDifference(plain, edited);
        QVERIFY2(difference < 1e-5, qPrintable(QString::number(difference)));
    }

    void aStructuralChangeRebuildsOnlyItsSlot()
    {
        // The filter's order changes (a structural parameter): the reverb after it keeps its tail,
        // and the filter's own slot crossfades instead of cutting.
        auto input = impulse(1, 2 * kRate);
        const auto plain = renderLive("LoButterworth(8000, order=2) | Reverb(room_size=0.9)", input);
        const auto edited = renderLive("LoButterworth(8000, order=2) | Reverb(room_size=0.9)", input,
                                       {{0.5, [](RealtimeProcessor& p) { p.setParameter("0.order", 4); }}});
        // Silence reaches the filter after 0.5 s, so both filters put out zeros then: the reverb
        // alone decides the output, and it must be the same instance with the same tail.
        const double difference = maxDifference(plain, edited);
        QVERIFY2(difference < 1e-5, qPrintable(QString::number(difference)));
    }

    void editsFasterThanTheTransitionsFoldIntoTheNewest()
    {
        // 500 structural edits, with 0 to 2 callbacks between two (a crossfade takes 2): before
        // folding, the plans queued behind one another, the small command queue filled and the
        // edit threw BackendError. Now an edit the audio thread has not taken yet is replaced by
        // the next, and the audio thread goes to the newest chain.
        constexpr int kEdits = 500;
        const auto input = sine(997, (2 * kEdits + 100) * kBlock);
        OfflineBackend backend(input, -1, OfflineBackend::Pace::Manual);
        ProcessorOptions options;
        options.commandCapacity = 64;
        RealtimeProcessor p(dsp::parseChain(knobEdit(0)), backend, StreamConfig(kRate, kBlock, 1, 1),
                            options);
        p.start();
        for (int k = 1; k <= kEdits; ++k) {
            backend.pump(k % 3);
            p.replaceChain(dsp::parseChain(knobEdit(k)));
            if (k % 50 == 0)
                p.poll();
        }
        // Every edit is either installed or folded into a later one; the last one is installed
        // within the running transition (2 callbacks) and the callback after it.
        int lag = 0;
        const auto landed = [&] { return p.stats().chainSwaps + p.stats().editsFolded; };
        while (landed() < uint64_t(kEdits) && lag < 50) {
            backend.pump(1);
            ++lag;
        }
        qInfo("%llu plans installed, %llu folded, the last installed %d callbacks after it was sent",
              (unsigned long long)p.stats().chainSwaps, (unsigned long long)p.stats().editsFolded, lag);
        QCOMPARE(landed(), uint64_t(kEdits));
        QVERIFY2(lag <= 3, qPrintable(QString::number(lag)));
        QVERIFY(p.stats().editsFolded > kEdits / 3);
        QCOMPARE(dsp::formatChain(p.effects()), dsp::formatChain(dsp::parseChain(knobEdit(kEdits))));
        backend.pump(40); // 200 ms: the crossfade and the gain's ramp end, the new filter settles
        const int end = static_cast<int>(backend.framesDone());
        p.stop();
        // The audio side runs the last chain with its values: the output is the one a run of that
        // chain alone gives.
        const auto reference = renderLive(knobEdit(kEdits), input);
        for (int i = end - 4096; i < end; ++i)
            QVERIFY2(std::fabs(backend.output().channel(0)[i] - reference.channel(0)[i]) < 1e-4f,
                     qPrintable(QString("frame %1: %2 against %3")
                                    .arg(i)
                                    .arg(backend.output().channel(0)[i])
                                    .arg(reference.channel(0)[i])));
        const float step = test::maxStep(backend.output().channel(0), 1, end);
        qInfo("largest step %g", step);
        QVERIFY2(step <= kSineEditStep, qPrintable(QString("%1 > %2").arg(step).arg(kSineEditStep)));
    }

    void insertsMovesRemovesAndRebuildsFoldToo()
    {
        // Every kind of edit, six at a time with no callback between them, the bursts 0 to 2
        // callbacks apart: a slot inserted and rebuilt before it ever ran enters faded in, one
        // moved and moved back stays, a rebuild of a rebuild crossfades from what runs.
        const auto input = sine(997, 400 * kBlock);
        OfflineBackend backend(input, -1, OfflineBackend::Pace::Manual);
        RealtimeProcessor p(dsp::parseChain("Gain(gain=0.8) | HiButterworth(cutoff=100, order=2) | "
                                            "LoButterworth(cutoff=8000, order=2)"),
                            backend, StreamConfig(kRate, kBlock, 1, 1));
        p.start();
        for (int r = 0; r < 60; ++r) {
            backend.pump(r % 3);
            p.addEffect(dsp::parseChain("LoButterworth(cutoff=5000, order=2)").remove(0), 0);
            p.setParameter("0.order", 4);
            p.setParameter("2.order", 2 + 2 * (r % 3));
            p.moveEffect(1, 3);
            p.removeEffect(0);
            p.moveEffect(2, 0);
            p.setParameter("0.gain", 0.25 + 0.25 * (r % 3));
        }
        QVERIFY(p.stats().editsFolded > 100);
        backend.pump(60);
        const int end = static_cast<int>(backend.framesDone());
        p.stop();
        const std::string last = dsp::formatChain(p.effects());
        QCOMPARE(last,
                 dsp::formatChain(dsp::parseChain("Gain(gain=0.75) | HiButterworth(cutoff=100, order=6) | "
                                                  "LoButterworth(cutoff=8000, order=2)")));
        const auto reference = renderLive(last, input);
        for (int i = end - 4096; i < end; ++i)
            QVERIFY2(std::fabs(backend.output().channel(0)[i] - reference.channel(0)[i]) < 1e-4f,
                     qPrintable(QString("frame %1").arg(i)));
        const float step = test::maxStep(backend.output().channel(0), 1, end);
        QVERIFY2(step <= kSineEditStep, qPrintable(QString("%1 > %2").arg(step).arg(kSineEditStep)));
    }

    void aBypassSentBeforeAFoldedRemovalDoesNotKeepTheSlot()
    {
        // A bypass change queued between two edits that fold lands after the folded plan, in which
        // the slot it names may already be leaving: it must not bring that slot back (the slot
        // then never fell silent, its plan never ended its transition, and no later edit landed).
        dsp::AudioBuffer input(1, 200 * kBlock);
        std::fill_n(input.channel(0), input.numFrames(), 0.2f);
        OfflineBackend backend(input, -1, OfflineBackend::Pace::Manual);
        auto chain = dsp::parseChain("Gain(gain=0.5) | Gain(gain=0.8)");
        chain.setBypassed(1, true);
        RealtimeProcessor p(std::move(chain), backend, StreamConfig(kRate, kBlock, 1, 1));
        p.start();
        backend.pump(4);
        p.replaceEffect(0, dsp::parseChain("Gain(gain=0.5)").remove(0)); // its plan is not taken yet
        p.setBypass(1, false);
        p.removeEffect(1); // folds into the plan above
        QCOMPARE(p.stats().editsFolded, uint64_t(1));
        backend.pump(20);
        p.poll();
        const auto swaps = p.stats().chainSwaps;
        p.setBypass(0, true); // a later edit still lands
        p.addEffect(dsp::parseChain("Gain(gain=0.25)").remove(0));
        backend.pump(20);
        p.poll();
        QCOMPARE(p.stats().chainSwaps, swaps + 1);
        const float out = backend.output().channel(0)[backend.framesDone() - 1];
        QVERIFY2(std::fabs(out - 0.2f * 0.25f) < 1e-5f, qPrintable(QString::number(out)));
        p.stop();
    }

    void aRestartWithFoldedEditsPendingRunsTheLastOne()
    {
        // Edits folded into a plan the audio thread never took, then the stream stops and starts
        // again (a device reconnect): the rack that runs is the last edit's, and edits land after.
        dsp::AudioBuffer input(1, 100 * kBlock);
        std::fill_n(input.channel(0), input.numFrames(), 0.2f);
        OfflineBackend backend(input, -1, OfflineBackend::Pace::Manual);
        RealtimeProcessor p(dsp::parseChain("Gain(gain=0.5) | LoButterworth(cutoff=8000, order=2)"), backend,
                            StreamConfig(kRate, kBlock, 1, 1));
        p.start();
        backend.pump(4);
        p.replaceChain(dsp::parseChain("Gain(gain=0.6) | LoButterworth(cutoff=8000, order=4)"));
        p.setParameter(0, 0, 0.7);
        p.addEffect(dsp::parseChain("Gain(gain=0.5)").remove(0));
        p.setBypass(2, true);
        p.moveEffect(2, 0);
        QCOMPARE(p.stats().editsFolded, uint64_t(2));
        p.stop();
        p.start();
        backend.pump(40);
        p.poll();
        float out = backend.output().channel(0)[backend.framesDone() - 1];
        QVERIFY2(std::fabs(out - 0.2f * 0.7f) < 1e-6f, qPrintable(QString::number(out)));
        p.setBypass(0, false);
        backend.pump(40);
        p.poll();
        out = backend.output().channel(0)[backend.framesDone() - 1];
        QVERIFY2(std::fabs(out - 0.2f * 0.7f * 0.5f) < 1e-6f, qPrintable(QString::number(out)));
        p.stop();
    }

    void aBypassedEffectKeepsItsLatency()
    {
        const auto input = test::makeTestSignal(1, 2 * kRate);
        OfflineBackend backend(input, -1, OfflineBackend::Pace::Manual);
        RealtimeProcessor p(dsp::parseChain("DesignableFIR(cutoff=4000, num_taps=101)"), backend,
                            StreamConfig(kRate, kBlock, 1, 1));
        QCOMPARE(p.chainLatencySamples(), 50);
        p.start();
        while (backend.framesDone() < kRate)
            backend.pump(1);
        p.setBypass(0, true);
        const long long bypassAt = backend.framesDone(); // the next callback takes it
        QCOMPARE(p.chainLatencySamples(), 50);           // a bypassed slot still delays its dry path
        while (!backend.finished())
            backend.pump(1);
        p.stop();
        const long long after = bypassAt + kRate / 100; // after the 10 ms fade
        const float* y = backend.output().channel(0);
        const float* x = input.channel(0);
        for (long long i = after; i < 2 * kRate; ++i)
            QCOMPARE(y[i], x[i - 50]);
        // Before the bypass the FIR ran: its output is not the delayed input.
        double filtered = 0.0;
        for (int i = kRate / 2; i < kRate - kBlock; ++i)
            filtered = std::max(filtered, static_cast<double>(std::fabs(y[i] - x[i - 50])));
        QVERIFY(filtered > 0.01);
    }

    void editsOfAnEffectWithLatencyDoNotClick_data()
    {
        // Inserting, removing or moving an effect with latency changes the chain's latency: the
        // slot fades against the undelayed input, so the delay comes and goes with the fade.
        QTest::addColumn<QString>("chain");
        QTest::addColumn<int>("kind");
        const QString fir = "DesignableFIR(cutoff=20000, num_taps=101)";
        QTest::newRow("insert") << "Gain(1.0)" << 0;
        QTest::newRow("remove") << fir << 1;
        QTest::newRow("bypass and back") << fir << 2;
        QTest::newRow("move forward") << fir + " | Gain(0.5)" << 3;
        QTest::newRow("move backward") << "Gain(0.5) | " + fir << 4;
        QTest::newRow("move while bypassed") << fir + " | Gain(0.5)" << 5;
        QTest::newRow("remove while bypassed") << fir << 6;
    }
    void editsOfAnEffectWithLatencyDoNotClick()
    {
        QFETCH(QString, chain);
        QFETCH(int, kind);
        std::vector<std::pair<double, Edit>> edits;
        switch (kind) {
        case 0:
            edits = {{0.5, [](RealtimeProcessor& p) { p.addEffect(longFir(), 1); }}};
            break;
        case 1:
            edits = {{0.5, [](RealtimeProcessor& p) { p.removeEffect(0); }}};
            break;
        case 2:
            edits = {{0.5, [](RealtimeProcessor& p) { p.setBypass(0, true); }},
                     {0.7, [](RealtimeProcessor& p) { p.setBypass(0, false); }}};
            break;
        case 3:
            edits = {{0.5, [](RealtimeProcessor& p) { p.moveEffect(0, 1); }}};
            break;
        case 4:
            edits = {{0.5, [](RealtimeProcessor& p) { p.moveEffect(1, 0); }}};
            break;
        case 5:
            edits = {{0.1, [](RealtimeProcessor& p) { p.setBypass(0, true); }},
                     {0.5, [](RealtimeProcessor& p) { p.moveEffect(0, 1); }}};
            break;
        default:
            edits = {{0.1, [](RealtimeProcessor& p) { p.setBypass(0, true); }},
                     {0.5, [](RealtimeProcessor& p) { p.removeEffect(0); }}};
            break;
        }
        const auto out = renderLive(chain.toStdString(), sine(997, kRate), edits);
        const float step = test::maxStep(out.channel(0), kRate / 10, out.numFrames());
        QVERIFY2(step <= kSineEditStep, qPrintable(QString("%1 > %2").arg(step).arg(kSineEditStep)));
        // The edit did happen: the end of the output is what the edited chain gives.
        if (kind == 1 || kind == 6)
            for (int i = kRate - 1000; i < kRate; ++i)
                QCOMPARE(out.channel(0)[i], sine(997, kRate).channel(0)[i]);
    }

    void aStopDuringAMoveLeavesTheSlotIn()
    {
        const auto in = sine(997, kRate);
        OfflineBackend backend(in, -1, OfflineBackend::Pace::Manual);
        RealtimeProcessor p(dsp::parseChain("Gain(1.0) | Gain(0.5)"), backend,
                            StreamConfig(kRate, kBlock, 1, 1));
        p.start();
        backend.pump(10);
        p.moveEffect(1, 0);
        backend.pump(1); // the fade-out is under way
        p.stop();
        p.start();
        backend.pump(20);
        const float* y = backend.output().channel(0);
        for (int i = 12 * kBlock; i < 20 * kBlock; ++i)
            QVERIFY(std::fabs(y[i] - 0.5f * in.channel(0)[i]) < 1e-6f);
    }

    void aLongFirRebuildDoesNotDropOut()
    {
        // A structural change rebuilds the FIR; the new one runs through its 1000-sample latency
        // before the crossfade starts, so the output never dips towards silence.
        const auto out = renderLive("DesignableFIR(cutoff=4000, num_taps=2001)", sine(440, kRate),
                                    {{0.5, [](RealtimeProcessor& p) { p.setParameter("0.window", 1); }}});
        float minPeak = 1.0f;
        for (int w = kRate / 10; w + 128 < kRate; w += 64) {
            float peak = 0.0f;
            for (int i = w; i < w + 128; ++i)
                peak = std::max(peak, std::fabs(out.channel(0)[i]));
            minPeak = std::min(minPeak, peak);
        }
        QVERIFY2(minPeak > 0.2f, qPrintable(QString::number(minPeak)));
    }

    void aNanRecoveryThroughALookaheadFadesIn()
    {
        // The chain restarts from silence and its 10 ms look-ahead delays the sound: the fade-in
        // waits for it, so the sound does not jump in after the fade.
        dsp::AudioBuffer input(1, kRate);
        const double hz = 436.3;
        for (int i = 0; i < kRate; ++i)
            input.channel(0)[i] = 0.3f * static_cast<float>(std::sin(2 * M_PI * hz * i / kRate));
        dsp::EffectChain chain;
        const long long at = 10 * kBlock + 77;
        NanInjector::s_at = at;
        chain.add(std::make_unique<NanInjector>(at));
        chain.add(dsp::parseChain("Limiter(ceiling=0, lookahead_ms=10)").remove(0));
        OfflineBackend backend(input, -1, OfflineBackend::Pace::Manual);
        RealtimeProcessor p(std::move(chain), backend, StreamConfig(kRate, kBlock, 1, 1));
        p.start();
        while (backend.pump(16)) {
        }
        const float* y = backend.output().channel(0);
        const float allowed = 0.3f * 2 * float(M_PI) * float(hz) / kRate + 0.3f / 240.0f + 1e-6f;
        const float step = test::maxStep(y, 2 * kBlock, kRate);
        QVERIFY2(step <= allowed, qPrintable(QString("%1 > %2").arg(step).arg(allowed)));
        QCOMPARE(p.stats().safetyNonFinite, uint64_t(1));
        float late = 0.0f;
        for (int i = kRate / 2; i < kRate; ++i)
            late = std::max(late, std::fabs(y[i]));
        QVERIFY(late > 0.25f); // it came back
    }

    void aNanFadesOutAndTheOutputComesBack()
    {
        dsp::AudioBuffer input(1, kRate);
        const double hz = 440.0;
        for (int i = 0; i < kRate; ++i)
            input.channel(0)[i] = 0.3f * static_cast<float>(std::sin(2 * M_PI * hz * i / kRate));
        dsp::EffectChain chain;
        const long long at = 10 * kBlock + 77;
        NanInjector::s_at = at; // the live instance is a clone
        chain.add(std::make_unique<NanInjector>(at));
        OfflineBackend backend(input, -1, OfflineBackend::Pace::Manual);
        RealtimeProcessor p(std::move(chain), backend, StreamConfig(kRate, kBlock, 1, 1));
        p.start();
        while (backend.pump(16)) {
        }
        const float* y = backend.output().channel(0);
        // The fades move the output by at most its own value over 5 ms (240 frames) a sample, on
        // top of the sine's own largest step: no click.
        const float sineStep = 0.3f * 2 * float(M_PI) * float(hz) / kRate;
        const float allowed = sineStep + 0.3f / 240.0f + 1e-6f;
        const float step = test::maxStep(y, 1, kRate);
        QVERIFY2(step <= allowed, qPrintable(QString("%1 > %2").arg(step).arg(allowed)));
        // 5 ms into the next block the output is the input again.
        for (int i = 11 * kBlock + 240; i < kRate; ++i)
            QCOMPARE(y[i], input.channel(0)[i]);
        QCOMPARE(p.stats().safetyNonFinite, uint64_t(1));
    }
};

QTEST_APPLESS_MAIN(TestLiveEdits)
#include "tst_live_edits.moc"
