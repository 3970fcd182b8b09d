// Dynamics, drive and modulation effects: Compressor, NoiseGate, Limiter, Overdrive, Chorus,
// Flanger, Tremolo (the catalogue's dynamics, drive and modulation effects).

#include "dsp/AudioBuffer.h"
#include "dsp/EffectRegistry.h"
#include "dsp/Errors.h"
#include "dsp/FastErf.h"
#include "dsp/effects/Dynamics.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace fxrack::dsp;

namespace {

constexpr double kRate = 48000.0;
using Params = std::vector<std::pair<std::string, double>>;

const EffectRegistry& registry()
{
    return EffectRegistry::builtin();
}

// The dynamics, drive and modulation effects of the catalogue.
std::vector<const EffectType*> dynamicsTypes()
{
    std::vector<const EffectType*> out;
    for (const auto* type : EffectRegistry::builtin().types())
        if (type->category == "dynamics" || type->category == "drive" || type->category == "modulation")
            out.push_back(type);
    return out;
}

std::unique_ptr<Effect> makeEffect(const std::string& name, const Params& params, int channels, int maxBlock)
{
    auto effect = registry().create(name);
    for (const auto& [param, value] : params)
        effect->setParameter(param, value);
    effect->prepare({kRate, maxBlock, channels});
    return effect;
}

using Signal = std::vector<std::vector<float>>; // [channel][frame]

Signal makeSignal(int channels, int frames)
{
    return Signal(static_cast<size_t>(channels), std::vector<float>(static_cast<size_t>(frames)));
}

// Noise in bursts: 0.3 s at `amplitude`, 0.3 s at 1e-4 of it, so gates open and close and
// compressors attack and release.
Signal burstNoise(int channels, int frames, float amplitude, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    auto s = makeSignal(channels, frames);
    const int burst = static_cast<int>(0.3 * kRate);
    for (int i = 0; i < frames; ++i) {
        const float level = (i / burst) % 2 == 0 ? amplitude : amplitude * 1e-4f;
        for (auto& ch : s)
            ch[static_cast<size_t>(i)] = level * dist(rng);
    }
    return s;
}

Signal sine(int channels, int frames, double hz, double amplitude)
{
    auto s = makeSignal(channels, frames);
    for (int i = 0; i < frames; ++i)
        for (auto& ch : s)
            ch[static_cast<size_t>(i)] =
                static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * hz * i / kRate));
    return s;
}

// Runs `effect` over `signal` in place, in blocks of the given sizes (cycled), or whole when empty.
void run(Effect& effect, Signal& signal, const std::vector<int>& blockSizes = {})
{
    std::vector<float*> pointers;
    for (auto& ch : signal)
        pointers.push_back(ch.data());
    const int frames = static_cast<int>(signal.front().size());
    AudioBlock all(pointers.data(), static_cast<int>(pointers.size()), frames);
    if (blockSizes.empty()) {
        effect.process(all);
        return;
    }
    size_t k = 0;
    for (int start = 0; start < frames;) {
        const int n = std::min(blockSizes[k++ % blockSizes.size()], frames - start);
        auto sub = all.subBlock(start, n);
        effect.process(sub);
        start += n;
    }
}

// Like run(), but applies a live parameter change (audio-thread path) at frame `at`.
void runWithChange(Effect& effect, Signal& signal, const std::vector<int>& blockSizes, int at, int id,
                   double value)
{
    std::vector<float*> pointers;
    for (auto& ch : signal)
        pointers.push_back(ch.data());
    const int frames = static_cast<int>(signal.front().size());
    AudioBlock all(pointers.data(), static_cast<int>(pointers.size()), frames);
    size_t k = 0;
    for (int start = 0; start < frames;) {
        int n = std::min(blockSizes[k++ % blockSizes.size()], frames - start);
        if (start < at && start + n > at)
            n = at - start;
        if (start == at)
            effect.applyParameter(id, value);
        auto sub = all.subBlock(start, n);
        effect.process(sub);
        start += n;
    }
}

float peak(const std::vector<float>& x, size_t from = 0, size_t to = SIZE_MAX)
{
    float p = 0.0f;
    for (size_t i = from; i < std::min(to, x.size()); ++i)
        p = std::max(p, std::abs(x[i]));
    return p;
}

double db(double ratio)
{
    return 20.0 * std::log10(ratio);
}

void fft(std::vector<std::complex<double>>& a)
{
    const size_t n = a.size();
    for (size_t i = 1, j = 0; i < n; ++i) {
        size_t bit = n >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j)
            std::swap(a[i], a[j]);
    }
    for (size_t len = 2; len <= n; len <<= 1) {
        const double angle = -2.0 * std::numbers::pi / static_cast<double>(len);
        const std::complex<double> step(std::cos(angle), std::sin(angle));
        for (size_t i = 0; i < n; i += len) {
            std::complex<double> w(1.0);
            for (size_t k = 0; k < len / 2; ++k) {
                const auto u = a[i + k];
                const auto v = a[i + k + len / 2] * w;
                a[i + k] = u + v;
                a[i + k + len / 2] = u - v;
                w *= step;
            }
        }
    }
}

} // namespace

class TestDynamics : public QObject {
    Q_OBJECT

private slots:
    void fastErfIsWithinFourTenMillionthsOfErf();
    void registersTheCatalogueInOrder();
    void blockwiseEqualsWhole_data();
    void blockwiseEqualsWhole();
    void liveParameterChangeIsBlockSizeIndependent_data();
    void liveParameterChangeIsBlockSizeIndependent();
    void compressorStaticCurveMatchesRatio();
    void compressorKneeIsContinuous();
    void gateClosesToRangeAndOpensAgain();
    void limiterNeverExceedsCeiling_data();
    void limiterNeverExceedsCeiling();
    void limiterLimitsByGainNotByClipping();
    void limiterDelaysByReportedLatency();
    void overdriveAliasingIsInaudibleAtFullDrive_data();
    void overdriveAliasingIsInaudibleAtFullDrive();
    void overdriveReportsItsLatency();
    void tremoloEnvelopeRatioMatchesDepth_data();
    void tremoloEnvelopeRatioMatchesDepth();
    void delayModulationChangesSignalAndMixZeroIsDry_data();
    void delayModulationChangesSignalAndMixZeroIsDry();
    void outOfRangeParameterNamesEffectAndParameter();
    void silenceAfterLoudSignalIsCleanZero_data();
    void silenceAfterLoudSignalIsCleanZero();
};

void TestDynamics::registersTheCatalogueInOrder()
{
    struct Expected {
        const char* name;
        const char* category;
        Params params;
    };
    const std::vector<Expected> expected = {
        {"Compressor",
         "dynamics",
         {{"threshold", -18},
          {"ratio", 4},
          {"attack_ms", 10},
          {"release_ms", 100},
          {"knee_db", 6},
          {"makeup_db", 0},
          {"mix", 1}}},
        {"NoiseGate",
         "dynamics",
         {{"threshold", -50},
          {"attack_ms", 1},
          {"hold_ms", 50},
          {"release_ms", 100},
          {"range_db", -80},
          {"mix", 1}}},
        {"Limiter", "dynamics", {{"ceiling", -1}, {"release_ms", 50}, {"lookahead_ms", 5}, {"mix", 1}}},
        {"Overdrive", "drive", {{"drive", 0.5}, {"tone", 0.5}, {"mix", 1.0}}},
        {"Chorus", "modulation", {{"rate_hz", 0.8}, {"depth_ms", 3}, {"mix", 0.5}}},
        {"Flanger", "modulation", {{"rate_hz", 0.25}, {"depth_ms", 2}, {"feedback", 0.5}, {"mix", 0.5}}},
        {"Tremolo", "modulation", {{"rate_hz", 5}, {"depth", 0.5}, {"mix", 1}}},
    };
    // The catalogue lists them in this order (the palette and `effects` show it).
    const auto types = registry().types();
    auto position = [&](const char* name) {
        for (size_t i = 0; i < types.size(); ++i)
            if (types[i]->name == name)
                return static_cast<long>(i);
        return -1L;
    };
    for (size_t i = 1; i < expected.size(); ++i)
        QVERIFY2(position(expected[i - 1].name) < position(expected[i].name), expected[i].name);
    for (const auto& e : expected) {
        const auto* type = registry().find(e.name);
        QVERIFY2(type, e.name);
        QCOMPARE(type->category, std::string(e.category));
        QCOMPARE(type->params.size(), e.params.size());
        for (size_t i = 0; i < e.params.size(); ++i) {
            QCOMPARE(type->params[i].name, e.params[i].first);
            QCOMPARE(type->params[i].defaultValue, e.params[i].second);
            QVERIFY(e.params[i].second >= type->params[i].minValue &&
                    e.params[i].second <= type->params[i].maxValue);
        }
    }
    const auto* limiter = registry().find("Limiter");
    QVERIFY(!limiter->params[2].continuous); // lookahead_ms is structural
    QVERIFY(limiter->params[0].continuous);
}

void TestDynamics::blockwiseEqualsWhole_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<float>("amplitude");
    QTest::newRow("Compressor") << "Compressor" << 0.8f;
    QTest::newRow("NoiseGate") << "NoiseGate" << 0.1f;
    QTest::newRow("Limiter") << "Limiter" << 2.0f;
    QTest::newRow("Overdrive") << "Overdrive" << 0.8f;
    QTest::newRow("Chorus") << "Chorus" << 0.5f;
    QTest::newRow("Flanger") << "Flanger" << 0.5f;
    QTest::newRow("Tremolo") << "Tremolo" << 0.5f;
}

void TestDynamics::blockwiseEqualsWhole()
{
    QFETCH(QString, name);
    QFETCH(float, amplitude);
    const int frames = static_cast<int>(10 * kRate);
    const auto input = burstNoise(2, frames, amplitude, 1234);

    auto whole = input;
    auto wholeEffect = makeEffect(name.toStdString(), {}, 2, frames);
    run(*wholeEffect, whole);

    std::mt19937 rng(99);
    std::uniform_int_distribution<int> size(1, 4096);
    std::vector<int> sizes(2000);
    for (auto& s : sizes)
        s = size(rng);
    auto blockwise = input;
    auto blockEffect = makeEffect(name.toStdString(), {}, 2, 4096);
    run(*blockEffect, blockwise, sizes);

    double maxDiff = 0.0;
    double maxChange = 0.0;
    for (size_t c = 0; c < 2; ++c)
        for (size_t i = 0; i < static_cast<size_t>(frames); ++i) {
            maxDiff = std::max(maxDiff, static_cast<double>(std::abs(whole[c][i] - blockwise[c][i])));
            maxChange = std::max(maxChange, static_cast<double>(std::abs(whole[c][i] - input[c][i])));
        }
    QVERIFY2(maxDiff <= 1e-6, qPrintable(QString("max difference %1").arg(maxDiff)));
    QVERIFY2(maxChange > 1e-3, "the effect did nothing to the signal, so the comparison proves nothing");
}

void TestDynamics::liveParameterChangeIsBlockSizeIndependent_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("param");
    QTest::addColumn<double>("value");
    QTest::newRow("Compressor threshold") << "Compressor"
                                          << "threshold" << -30.0;
    QTest::newRow("Compressor attack_ms") << "Compressor"
                                          << "attack_ms" << 1.0;
    QTest::newRow("NoiseGate range_db") << "NoiseGate"
                                        << "range_db" << -20.0;
    QTest::newRow("Limiter ceiling") << "Limiter"
                                     << "ceiling" << -6.0;
    QTest::newRow("Overdrive drive") << "Overdrive"
                                     << "drive" << 0.9;
    QTest::newRow("Overdrive tone") << "Overdrive"
                                    << "tone" << 0.1;
    QTest::newRow("Chorus rate_hz") << "Chorus"
                                    << "rate_hz" << 3.0;
    QTest::newRow("Flanger feedback") << "Flanger"
                                      << "feedback" << -0.7;
    QTest::newRow("Tremolo depth") << "Tremolo"
                                   << "depth" << 0.9;
}

void TestDynamics::liveParameterChangeIsBlockSizeIndependent()
{
    // The ramp after a live change is state too: it must not depend on where blocks end.
    QFETCH(QString, name);
    QFETCH(QString, param);
    QFETCH(double, value);
    const int frames = static_cast<int>(3 * kRate);
    const int at = static_cast<int>(1.1 * kRate);
    const auto input = burstNoise(2, frames, 0.8f, 77);
    auto reference = input;
    auto referenceEffect = makeEffect(name.toStdString(), {}, 2, frames);
    const int id = referenceEffect->findParam(param.toStdString());
    QVERIFY(id >= 0);
    runWithChange(*referenceEffect, reference, {frames}, at, id, value);
    QCOMPARE(referenceEffect->param(id), value);

    auto blockwise = input;
    auto blockEffect = makeEffect(name.toStdString(), {}, 2, 4096);
    runWithChange(*blockEffect, blockwise, {1, 4096, 333, 17, 1000, 64}, at, id, value);
    auto unchanged = input;
    auto unchangedEffect = makeEffect(name.toStdString(), {}, 2, 4096);
    run(*unchangedEffect, unchanged, {512});

    double maxDiff = 0.0;
    double effectOfChange = 0.0;
    for (size_t c = 0; c < 2; ++c)
        for (size_t i = 0; i < static_cast<size_t>(frames); ++i) {
            maxDiff = std::max(maxDiff, static_cast<double>(std::abs(reference[c][i] - blockwise[c][i])));
            effectOfChange =
                std::max(effectOfChange, static_cast<double>(std::abs(reference[c][i] - unchanged[c][i])));
        }
    QVERIFY2(maxDiff <= 1e-6, qPrintable(QString("max difference %1").arg(maxDiff)));
    QVERIFY2(effectOfChange > 1e-3, "the change did not change the output");
}

void TestDynamics::compressorStaticCurveMatchesRatio()
{
    const double thresholdDb = -18.0;
    const double amplitude = std::pow(10.0, (thresholdDb + 12.0) / 20.0);
    auto signal = sine(2, static_cast<int>(kRate), 1000.0, amplitude);
    auto effect =
        makeEffect("Compressor", {{"threshold", thresholdDb}, {"ratio", 4}, {"knee_db", 0}}, 2, 512);
    run(*effect, signal, {512});
    // Steady state: the last 0.2 s, well after 10 ms attack.
    const double reduction = db(amplitude / peak(signal[0], static_cast<size_t>(0.8 * kRate)));
    QVERIFY2(std::abs(reduction - 9.0) <= 0.5, qPrintable(QString("gain reduction %1 dB").arg(reduction)));
    QCOMPARE(Compressor::gainReductionDb(thresholdDb + 12.0, thresholdDb, 4.0, 0.0), 9.0);

    // makeup_db raises the output by exactly its value.
    auto lifted = sine(2, static_cast<int>(kRate), 1000.0, amplitude);
    auto withMakeup =
        makeEffect("Compressor", {{"threshold", thresholdDb}, {"knee_db", 0}, {"makeup_db", 6}}, 2, 512);
    run(*withMakeup, lifted, {512});
    const double gainDifference = db(peak(lifted[0], static_cast<size_t>(0.8 * kRate)) /
                                     peak(signal[0], static_cast<size_t>(0.8 * kRate)));
    QVERIFY2(std::abs(gainDifference - 6.0) < 0.01, qPrintable(QString("makeup %1 dB").arg(gainDifference)));
}

void TestDynamics::compressorKneeIsContinuous()
{
    // Below the knee nothing, inside it a smooth blend, above it the ratio's straight line.
    QCOMPARE(Compressor::gainReductionDb(-30.0, -18.0, 4.0, 6.0), 0.0);
    const double eps = 1e-9;
    for (double edge : {-21.0, -15.0}) {
        const double below = Compressor::gainReductionDb(edge - eps, -18.0, 4.0, 6.0);
        const double above = Compressor::gainReductionDb(edge + eps, -18.0, 4.0, 6.0);
        QVERIFY(std::abs(below - above) < 1e-6);
    }
    QVERIFY(Compressor::gainReductionDb(-18.0, -18.0, 4.0, 6.0) > 0.0); // the soft knee acts at the threshold
    QCOMPARE(Compressor::gainReductionDb(-6.0, -18.0, 4.0, 6.0), 9.0);
}

void TestDynamics::gateClosesToRangeAndOpensAgain()
{
    // 0.5 s at -20 dBFS (open), 2 s at -70 dBFS (below -50: closes), 0.5 s at -30 dBFS (opens).
    const int loud = static_cast<int>(0.5 * kRate);
    const int quiet = static_cast<int>(2.0 * kRate);
    const int frames = loud + quiet + loud;
    auto signal = sine(2, frames, 440.0, 1.0);
    auto input = signal;
    for (int i = 0; i < frames; ++i) {
        const double level = i < loud           ? 0.1
                             : i < loud + quiet ? std::pow(10.0, -70.0 / 20.0)
                                                : std::pow(10.0, -30.0 / 20.0);
        for (size_t c = 0; c < 2; ++c)
            input[c][static_cast<size_t>(i)] = signal[c][static_cast<size_t>(i)] *= static_cast<float>(level);
    }
    auto effect = makeEffect("NoiseGate", {}, 2, 256);
    run(*effect, signal, {256});

    auto gainDb = [&](int from, int to) {
        return db(peak(signal[0], static_cast<size_t>(from), static_cast<size_t>(to)) /
                  peak(input[0], static_cast<size_t>(from), static_cast<size_t>(to)));
    };
    QVERIFY2(std::abs(gainDb(loud / 2, loud)) < 0.1,
             qPrintable(QString("open gain %1 dB").arg(gainDb(loud / 2, loud))));
    const double closed = gainDb(loud + quiet - static_cast<int>(0.2 * kRate), loud + quiet);
    QVERIFY2(std::abs(closed - -80.0) < 1.0, qPrintable(QString("closed gain %1 dB").arg(closed)));
    const double reopened = gainDb(frames - loud / 2, frames);
    QVERIFY2(std::abs(reopened) < 0.1, qPrintable(QString("reopened gain %1 dB").arg(reopened)));
}

void TestDynamics::limiterNeverExceedsCeiling_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("ceilingDb");
    QTest::newRow("hot noise, -1 dB") << 0 << -1.0;
    QTest::newRow("hot noise, -12 dB") << 0 << -12.0;
    QTest::newRow("single-sample spikes in silence") << 1 << -1.0;
    QTest::newRow("single-sample spikes on noise") << 2 << -3.0;
    QTest::newRow("+12 dB sine") << 3 << -1.0;
}

void TestDynamics::limiterNeverExceedsCeiling()
{
    QFETCH(int, kind);
    QFETCH(double, ceilingDb);
    const int frames = static_cast<int>(3 * kRate);
    Signal signal;
    switch (kind) {
    case 0:
        signal = burstNoise(2, frames, 8.0f, 7);
        break;
    case 3:
        signal = sine(2, frames, 100.0, 4.0);
        break;
    default: {
        signal = kind == 1 ? makeSignal(2, frames) : burstNoise(2, frames, 0.5f, 8);
        std::mt19937 rng(3);
        std::uniform_int_distribution<int> where(0, frames - 1);
        for (int k = 0; k < 200; ++k)
            signal[static_cast<size_t>(k % 2)][static_cast<size_t>(where(rng))] =
                (k % 3 == 0 ? -1.0f : 1.0f) * (2.0f + k);
    }
    }
    auto effect = makeEffect("Limiter", {{"ceiling", ceilingDb}}, 2, 1024);
    run(*effect, signal, {1024, 1, 37, 480});
    const auto ceiling = static_cast<float>(std::pow(10.0, ceilingDb / 20.0));
    for (const auto& ch : signal) {
        QVERIFY2(peak(ch) <= ceiling,
                 qPrintable(QString("peak %1 above ceiling %2").arg(peak(ch)).arg(ceiling)));
        QVERIFY(peak(ch) > 0.5f * ceiling); // it still passes the signal
    }
}

void TestDynamics::limiterLimitsByGainNotByClipping()
{
    // A clipper would flatten the tops of a +12 dB sine; a limiter scales it, so only the crests
    // (a few samples per half period, not most of them) touch the ceiling.
    const int frames = static_cast<int>(2 * kRate);
    auto signal = sine(1, frames, 100.0, 4.0);
    auto effect = makeEffect("Limiter", {}, 1, 512);
    run(*effect, signal, {512});
    const auto ceiling = static_cast<float>(std::pow(10.0, -1.0 / 20.0));
    int atCeiling = 0;
    const auto steady = static_cast<size_t>(kRate);
    for (size_t i = steady; i < signal[0].size(); ++i)
        atCeiling += std::abs(signal[0][i]) >= ceiling * 0.999f ? 1 : 0;
    QVERIFY2(atCeiling < static_cast<int>(0.05 * kRate),
             qPrintable(QString("%1 samples at the ceiling").arg(atCeiling)));
    QVERIFY(peak(signal[0], steady) > 0.95f * ceiling); // and it is not over-limiting
}

void TestDynamics::limiterDelaysByReportedLatency()
{
    for (double lookaheadMs : {5.0, 1.3, 0.0}) {
        auto effect = makeEffect("Limiter", {{"lookahead_ms", lookaheadMs}}, 2, 512);
        const int latency = effect->latencySamples();
        QCOMPARE(latency, static_cast<int>(std::lround(lookaheadMs * kRate / 1000.0)));
        auto signal = makeSignal(2, 2000);
        signal[0][10] = 0.5f; // below the ceiling: passes unchanged, only delayed
        signal[1][10] = -0.25f;
        run(*effect, signal, {7});
        for (size_t i = 0; i < signal[0].size(); ++i) {
            const bool at = static_cast<int>(i) == 10 + latency;
            QCOMPARE(signal[0][i], at ? 0.5f : 0.0f);
            QCOMPARE(signal[1][i], at ? -0.25f : 0.0f);
        }
    }
}

void TestDynamics::overdriveAliasingIsInaudibleAtFullDrive_data()
{
    QTest::addColumn<double>("hz");
    for (double hz : {5000.0, 7500.0, 10000.0, 12345.0, 15000.0})
        QTest::newRow(qPrintable(QString("%1 Hz").arg(hz))) << hz;
}

void TestDynamics::overdriveAliasingIsInaudibleAtFullDrive()
{
    QFETCH(double, hz);
    constexpr size_t n = 65536;
    const int skip = 4096;
    auto signal = sine(1, static_cast<int>(n) + skip, hz, 1.0); // full scale: the hardest case
    auto effect = makeEffect("Overdrive", {{"drive", 1.0}, {"tone", 1.0}}, 1, 1024);
    run(*effect, signal, {1024});

    // 4-term Blackman-Harris window: side lobes at -92 dB, main lobe 4 bins either side.
    std::vector<std::complex<double>> spectrum(n);
    for (size_t i = 0; i < n; ++i) {
        const double t = 2.0 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
        const double w =
            0.35875 - 0.48829 * std::cos(t) + 0.14128 * std::cos(2 * t) - 0.01168 * std::cos(3 * t);
        spectrum[i] = w * signal[0][i + skip];
    }
    fft(spectrum);
    const double binHz = kRate / static_cast<double>(n);
    double fundamental = 0.0;
    double aliased = 0.0;
    double harmonics = 0.0;
    for (size_t k = 0; k <= n / 2; ++k) {
        const double f = static_cast<double>(k) * binHz;
        const double energy = std::norm(spectrum[k]);
        const double harmonic = std::round(f / hz);
        const bool nearHarmonic = harmonic >= 1.0 && std::abs(f - harmonic * hz) <= 8 * binHz;
        if (nearHarmonic && harmonic == 1.0)
            fundamental += energy;
        else if (nearHarmonic)
            harmonics += energy;
        else if (!nearHarmonic)
            aliased += energy;
    }
    const double ratioDb = 10.0 * std::log10(aliased / fundamental);
    qInfo("%.0f Hz: aliased energy %.1f dB below the fundamental", hz, -ratioDb);
    QVERIFY2(ratioDb <= -60.0, qPrintable(QString("aliasing at %1 dB").arg(ratioDb)));
    // The shaper really works hard: where the 3rd harmonic is in the pass band, it is strong.
    if (3.0 * hz < 18000.0)
        QVERIFY(10.0 * std::log10(harmonics / fundamental) > -20.0);
}

void TestDynamics::overdriveReportsItsLatency()
{
    auto effect = makeEffect("Overdrive", {{"drive", 0.0}, {"tone", 1.0}}, 1, 256);
    const int latency = effect->latencySamples();
    QVERIFY(latency > 0);
    auto signal = makeSignal(1, 1000);
    signal[0][100] = 1e-3f; // small: the shaper is linear there
    run(*effect, signal, {256});
    const auto it = std::max_element(signal[0].begin(), signal[0].end(),
                                     [](float a, float b) { return std::abs(a) < std::abs(b); });
    QCOMPARE(static_cast<int>(it - signal[0].begin()), 100 + latency);

    // The dry path is delayed to match, so mix=0 is the input delayed by exactly the latency.
    auto dryEffect = makeEffect("Overdrive", {{"mix", 0.0}}, 1, 256);
    const auto input = burstNoise(1, 5000, 0.5f, 5);
    auto dry = input;
    run(*dryEffect, dry, {100});
    for (size_t i = 0; i < dry[0].size(); ++i)
        QCOMPARE(dry[0][i],
                 i < static_cast<size_t>(latency) ? 0.0f : input[0][i - static_cast<size_t>(latency)]);
}

void TestDynamics::tremoloEnvelopeRatioMatchesDepth_data()
{
    QTest::addColumn<double>("depth");
    QTest::newRow("default 0.5") << 0.5;
    QTest::newRow("0.8") << 0.8;
    QTest::newRow("0.1") << 0.1;
}

void TestDynamics::tremoloEnvelopeRatioMatchesDepth()
{
    QFETCH(double, depth);
    auto signal = makeSignal(2, static_cast<int>(2 * kRate));
    for (auto& ch : signal)
        std::fill(ch.begin(), ch.end(), 0.5f); // DC, so the output is the envelope
    auto effect = makeEffect("Tremolo", {{"depth", depth}}, 2, 512);
    run(*effect, signal, {512});
    const auto [lo, hi] = std::minmax_element(signal[0].begin(), signal[0].end());
    QVERIFY(std::abs(*lo / *hi - (1.0 - depth)) < 1e-3);
    QVERIFY(std::abs(*hi - 0.5f) < 1e-4);
    QCOMPARE(signal[0], signal[1]); // a tremolo pulses both channels together
}

void TestDynamics::delayModulationChangesSignalAndMixZeroIsDry_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("Chorus") << "Chorus";
    QTest::newRow("Flanger") << "Flanger";
}

void TestDynamics::delayModulationChangesSignalAndMixZeroIsDry()
{
    QFETCH(QString, name);
    const auto input = burstNoise(2, static_cast<int>(2 * kRate), 0.5f, 11);

    auto wet = input;
    auto effect = makeEffect(name.toStdString(), {}, 2, 512);
    run(*effect, wet, {512});
    float difference = 0.0f;
    for (size_t i = 0; i < input[0].size(); ++i)
        difference = std::max(difference, std::abs(wet[0][i] - input[0][i]));
    QVERIFY2(difference > 0.05f, qPrintable(QString("max change %1").arg(difference)));
    QVERIFY(wet[0] != wet[1]); // the LFO is spread across channels

    auto dry = input;
    auto dryEffect = makeEffect(name.toStdString(), {{"mix", 0.0}}, 2, 512);
    run(*dryEffect, dry, {512});
    QCOMPARE(dry, input);
}

void TestDynamics::outOfRangeParameterNamesEffectAndParameter()
{
    int checked = 0;
    for (const auto* type : dynamicsTypes()) {
        auto effect = type->create();
        for (const auto& info : type->params) {
            for (double bad : {info.maxValue + 1.0, info.minValue - 1.0}) {
                try {
                    effect->setParameter(info.name, bad);
                    QFAIL(qPrintable(QString::fromStdString(type->name + "." + info.name + " accepted ") +
                                     QString::number(bad)));
                } catch (const ParameterError& e) {
                    const std::string message = e.what();
                    QVERIFY2(message.find(type->name) != std::string::npos, e.what());
                    QVERIFY2(message.find(info.name) != std::string::npos, e.what());
                    ++checked;
                }
            }
            QCOMPARE(effect->param(info.name), info.defaultValue); // rejected, not clamped
        }
    }
    QCOMPARE(checked, 2 * (7 + 6 + 4 + 3 + 3 + 4 + 3)); // the base mix on all but the own-mix effects
}

void TestDynamics::silenceAfterLoudSignalIsCleanZero_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("feedback");
    for (const char* name : {"Compressor", "NoiseGate", "Limiter", "Overdrive", "Chorus", "Tremolo"})
        QTest::newRow(name) << name << 0.0;
    QTest::newRow("Flanger, feedback 0.95") << "Flanger" << 0.95;
    QTest::newRow("Flanger, feedback -0.95") << "Flanger" << -0.95;
}

void TestDynamics::silenceAfterLoudSignalIsCleanZero()
{
    // Runs without flush-to-zero on purpose: the effects must not rely on it.
    QFETCH(QString, name);
    QFETCH(double, feedback);
    const int loud = static_cast<int>(kRate);
    const int frames = static_cast<int>(12 * kRate);
    auto signal = burstNoise(2, frames, 4.0f, 21);
    for (auto& ch : signal)
        std::fill(ch.begin() + loud, ch.end(), 0.0f);
    Params params;
    if (name == "Flanger")
        params = {{"feedback", feedback}};
    auto effect = makeEffect(name.toStdString(), params, 2, 512);
    run(*effect, signal, {512});
    for (const auto& ch : signal) {
        for (float v : ch) {
            QVERIFY(std::isfinite(v));
            QVERIFY(std::fpclassify(v) != FP_SUBNORMAL);
        }
        QCOMPARE(peak(ch, static_cast<size_t>(frames - static_cast<int>(kRate))), 0.0f);
    }
}

// The Overdrive's waveshaper: every float from -6 to 6 in steps of 2^-14 (and the ends), against
// std::erf in double. Odd, never beyond +-1 and exactly +-1 from |x| = 4 on (close to 1 it wobbles
// by a few ulp, as float rounding of any formula does; the accuracy bound covers that).
void TestDynamics::fastErfIsWithinFourTenMillionthsOfErf()
{
    double worst = 0.0;
    for (int i = -6 * 16384; i <= 6 * 16384; ++i) {
        const float x = static_cast<float>(i) / 16384.0f;
        const float y = fastErf(x);
        worst = std::max(worst, std::abs(static_cast<double>(y) - std::erf(static_cast<double>(x))));
        QVERIFY(std::abs(y) <= 1.0f);
        QCOMPARE(fastErf(-x), -y);
    }
    QVERIFY2(worst < 4e-7, qPrintable(QString::number(worst)));
    QCOMPARE(fastErf(4.0f), 1.0f);
    QCOMPARE(fastErf(-100.0f), -1.0f);
    QCOMPARE(fastErf(0.0f), 0.0f);
}

QTEST_APPLESS_MAIN(TestDynamics)
#include "tst_dynamics.moc"
