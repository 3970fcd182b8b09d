// The Overdrive's half-band oversampling against the design it replaced (tests/common/
// LegacyOverdrive.h, the earlier code verbatim: one 369-tap Kaiser FIR each way at 8x):
//  - aliasing: high sines (5, 9, 13 and 17 kHz, full scale) at three drives; the energy at every
//    frequency that is not a harmonic of the sine, relative to the fundamental, is no more than
//    the old design's plus kAliasMarginDb;
//  - pass band: small sines (the shaper is linear there) from 50 Hz to 18 kHz come out with the
//    old design's gain within kPassBandToleranceDb, and with its phase once each design's own
//    latency is taken off (which checks the reported latency at every frequency);
//  - parameters: drive and tone ramps after live changes give the old design's output within
//    kRampTolerance, on a signal whose harmonics stay where both designs are transparent.
// Frequencies sit on DFT bins of an kN-sample window (an odd number of cycles), so the output is
// periodic in the window and every harmonic and alias falls on a bin: no window, no leakage.
#include "common/LegacyOverdrive.h"
#include "dsp/AudioBlock.h"
#include "dsp/EffectRegistry.h"
#include "dsp/effects/OverdriveFilters.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

using namespace fxrack;
using namespace fxrack::dsp;

namespace {

constexpr double kRate = 48000.0;
constexpr int kN = 16384;     // the analysis window
constexpr int kSettle = 4096; // samples before it: both designs' filters fill in under 100
constexpr int kBlock = 64;    // the live block size of the bench goal
constexpr double kAliasMarginDb = 1.0;
constexpr double kPassBandToleranceDb = 0.005;
constexpr double kPhaseToleranceRad = 1e-3;
// Of full scale: both designs' pass-band ripple (about 1e-4 of the signal) and the drive ramp's
// remaining misalignment of 0.4 samples (see parameterRampsMatchBefore()).
constexpr double kRampTolerance = 2e-4;

// The bin nearest `hz` with an odd index: odd, so that no alias of a harmonic lands on a harmonic.
int oddBin(double hz)
{
    return static_cast<int>(std::lround(hz * kN / kRate)) | 1;
}

std::unique_ptr<Effect> prepared(std::unique_ptr<Effect> effect, double drive, double tone)
{
    effect->setParameter("drive", drive);
    effect->setParameter("tone", tone);
    effect->prepare({kRate, kBlock, 1});
    return effect;
}

std::unique_ptr<Effect> makeNew(double drive, double tone)
{
    return prepared(EffectRegistry::builtin().create("Overdrive"), drive, tone);
}

std::unique_ptr<Effect> makeOld(double drive, double tone)
{
    return prepared(test::LegacyOverdrive::registeredType().create(), drive, tone);
}

// A sine exactly periodic in kN samples (the phase index wraps in integers).
std::vector<float> periodicSine(int bin, double amplitude, int frames)
{
    std::vector<float> x(static_cast<size_t>(frames));
    for (int i = 0; i < frames; ++i) {
        const auto phase = static_cast<double>((static_cast<long>(bin) * i) % kN);
        x[static_cast<size_t>(i)] =
            static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * phase / kN));
    }
    return x;
}

// Runs the effect over `x` in kBlock-frame blocks; with an `id`, a block also ends at frame
// `changeAt`, where the parameter is set to `value` live.
void runBlocks(Effect& effect, std::vector<float>& x, int changeAt = -1, int id = -1, double value = 0.0)
{
    float* channel = x.data();
    const int frames = static_cast<int>(x.size());
    AudioBlock all(&channel, 1, frames);
    for (int start = 0; start < frames;) {
        int n = std::min(kBlock, frames - start);
        if (start < changeAt && start + n > changeAt)
            n = changeAt - start;
        if (start == changeAt && id >= 0)
            effect.applyParameter(id, value);
        auto block = all.subBlock(start, n);
        effect.process(block);
        start += n;
    }
}

// One DFT bin of the kN samples from `from`, by a direct sum with exact integer phases.
std::complex<double> dftBin(const std::vector<float>& x, int from, int bin)
{
    std::complex<double> sum = 0.0;
    for (int i = 0; i < kN; ++i) {
        const auto phase = static_cast<double>((static_cast<long>(bin) * i) % kN);
        sum += static_cast<double>(x[static_cast<size_t>(from + i)]) *
               std::polar(1.0, -2.0 * std::numbers::pi * phase / kN);
    }
    return sum;
}

// Energy at the bins that are not the sine's harmonics (nor DC), relative to the fundamental, in
// dB. Parseval: the window's whole energy less the harmonics' own bins.
double aliasedDb(const std::vector<float>& y, int bin)
{
    double total = 0.0;
    for (int i = 0; i < kN; ++i)
        total += std::norm(static_cast<double>(y[static_cast<size_t>(kSettle + i)]));
    // Bins k and kN - k both hold a real signal's energy at k.
    auto energy = [&](int k) {
        const double e = std::norm(dftBin(y, kSettle, k)) / kN;
        return k == 0 ? e : 2.0 * e;
    };
    const double fundamental = energy(bin);
    double harmonics = energy(0);
    for (int k = bin; k < kN / 2; k += bin)
        harmonics += energy(k);
    return 10.0 * std::log10(std::max(total - harmonics, 1e-300) / fundamental);
}

} // namespace

class TestOverdrive : public QObject {
    Q_OBJECT

private slots:
    void filtersAreSymmetricWithHalfBandZeros();
    void filtersAreWhatTheScriptDesigns();
    void aliasingIsNoWorseThanBefore_data();
    void aliasingIsNoWorseThanBefore();
    void passBandMatchesBefore();
    void parameterRampsMatchBefore_data();
    void parameterRampsMatchBefore();
};

void TestOverdrive::filtersAreSymmetricWithHalfBandZeros()
{
    // The structure Overdrive.cpp relies on: symmetric taps (folded in pairs), unity gain at DC,
    // and for the half-band stages every other tap zero and the centre one 1/2 (the interpolators
    // pass their input through on the odd outputs, and the decimators use one multiply there).
    auto check = [](const double* h, int taps, bool halfBand) {
        double sum = 0.0;
        for (int j = 0; j < taps; ++j) {
            QCOMPARE(h[j], h[taps - 1 - j]);
            sum += h[j];
            const int fromCentre = std::abs(j - (taps - 1) / 2);
            if (halfBand && fromCentre == 0)
                QCOMPARE(h[j], 0.5);
            else if (halfBand && fromCentre % 2 == 0)
                QCOMPARE(h[j], 0.0);
        }
        QVERIFY2(std::abs(sum - 1.0) < 1e-4, qPrintable(QString("DC gain %1").arg(sum)));
    };
    check(OverdriveFilters::kStage1, OverdriveFilters::kStage1Taps, false);
    check(OverdriveFilters::kStage2, OverdriveFilters::kStage2Taps, true);
    check(OverdriveFilters::kStage3, OverdriveFilters::kStage3Taps, true);
}

void TestOverdrive::filtersAreWhatTheScriptDesigns()
{
    const QString python = "/usr/bin/python3";
    const QString script = FXRACK_SOURCE_DIR "/src/dsp/effects/design_overdrive_filters.py";
    QProcess probe;
    probe.start(python, {"-c", "import scipy.signal, numpy"});
    if (!probe.waitForFinished(60000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
        QSKIP("needs Debian's python3 with scipy and numpy (packaging/install-deps.sh --tests)");
    QTemporaryDir dir;
    const QString output = dir.filePath("OverdriveFilters.h");
    QProcess design;
    design.start(python, {script, output});
    QVERIFY(design.waitForFinished(120000));
    QVERIFY2(design.exitCode() == 0, design.readAllStandardError().constData());
    QFile fresh(output);
    QFile shipped(FXRACK_SOURCE_DIR "/src/dsp/effects/OverdriveFilters.h");
    QVERIFY(fresh.open(QIODevice::ReadOnly) && shipped.open(QIODevice::ReadOnly));
    QVERIFY2(fresh.readAll() == shipped.readAll(),
             "OverdriveFilters.h is not what design_overdrive_filters.py writes: rerun the script");
}

void TestOverdrive::aliasingIsNoWorseThanBefore_data()
{
    QTest::addColumn<double>("hz");
    QTest::addColumn<double>("drive");
    for (double hz : {5000.0, 9000.0, 13000.0, 17000.0})
        for (double drive : {0.3, 0.6, 1.0})
            QTest::newRow(qPrintable(QString("%1 Hz, drive %2").arg(hz).arg(drive))) << hz << drive;
}

void TestOverdrive::aliasingIsNoWorseThanBefore()
{
    QFETCH(double, hz);
    QFETCH(double, drive);
    const int bin = oddBin(hz);
    const auto input = periodicSine(bin, 1.0, kSettle + kN); // full scale: the hardest case
    auto before = input;
    runBlocks(*makeOld(drive, 1.0), before);
    auto after = input;
    runBlocks(*makeNew(drive, 1.0), after);

    const double oldDb = aliasedDb(before, bin);
    const double newDb = aliasedDb(after, bin);
    qInfo("%5.0f Hz, drive %.1f: aliased energy %6.1f dB (before %6.1f dB)", hz, drive, newDb, oldDb);
    QVERIFY2(newDb <= oldDb + kAliasMarginDb,
             qPrintable(QString("aliasing %1 dB, before %2 dB").arg(newDb).arg(oldDb)));
    // The measurement sees aliasing at all: both designs leave some, far below the fundamental.
    QVERIFY(oldDb < -60.0 && oldDb > -150.0);
}

void TestOverdrive::passBandMatchesBefore()
{
    // drive 0 and -60 dB: erf is linear there to 1e-7, so this is the filters' response (the
    // tone filter at 20 kHz is the same in both).
    auto oldEffect = makeOld(0.0, 1.0);
    auto newEffect = makeNew(0.0, 1.0);
    const int oldLatency = oldEffect->latencySamples();
    const int newLatency = newEffect->latencySamples();
    double worstDb = 0.0;
    double worstPhase = 0.0;
    int checked = 0;
    for (double hz = 50.0; hz <= 18000.0; hz *= 1.35) {
        const int bin = oddBin(hz);
        const auto input = periodicSine(bin, 1e-3, kSettle + kN);
        auto before = input;
        oldEffect->reset();
        runBlocks(*oldEffect, before);
        auto after = input;
        newEffect->reset();
        runBlocks(*newEffect, after);
        const auto x = dftBin(input, kSettle, bin);
        // Each output relative to the input, with its own latency taken off (a delay of d samples
        // turns bin k by -2 pi k d / N).
        auto relative = [&](const std::vector<float>& y, int latency) {
            return dftBin(y, kSettle, bin) / x * std::polar(1.0, 2.0 * std::numbers::pi * bin * latency / kN);
        };
        const auto hOld = relative(before, oldLatency);
        const auto hNew = relative(after, newLatency);
        const double db = 20.0 * std::log10(std::abs(hNew) / std::abs(hOld));
        const double phase = std::arg(hNew / hOld);
        worstDb = std::max(worstDb, std::abs(db));
        worstPhase = std::max(worstPhase, std::abs(phase));
        QVERIFY2(std::abs(db) <= kPassBandToleranceDb,
                 qPrintable(QString("%1 Hz: %2 dB from before").arg(bin * kRate / kN).arg(db)));
        QVERIFY2(std::abs(phase) <= kPhaseToleranceRad,
                 qPrintable(QString("%1 Hz: %2 rad from before").arg(bin * kRate / kN).arg(phase)));
        ++checked;
    }
    qInfo("pass band to 18 kHz, %d frequencies: within %.5f dB and %.2e rad of before", checked, worstDb,
          worstPhase);
    QVERIFY(checked >= 20);
}

void TestOverdrive::parameterRampsMatchBefore_data()
{
    QTest::addColumn<double>("drive");
    QTest::addColumn<double>("tone");
    QTest::addColumn<QString>("param");
    QTest::addColumn<double>("value");
    QTest::newRow("drive 0 -> 0.5") << 0.0 << 0.5 << "drive" << 0.5;
    QTest::newRow("drive 0.5 -> 0.1") << 0.5 << 0.9 << "drive" << 0.1;
    QTest::newRow("tone 0.1 -> 0.8") << 0.3 << 0.1 << "tone" << 0.8;
    QTest::newRow("tone 1 -> 0.3") << 0.3 << 1.0 << "tone" << 0.3;
}

void TestOverdrive::parameterRampsMatchBefore()
{
    // A 300 Hz and a 1.1 kHz sine: at these drives their harmonics that matter end well below
    // 18 kHz, where both designs pass everything within their ripple, so the outputs differ only
    // by the latency and that ripple if the drive and tone laws and ramps are the same.
    QFETCH(double, drive);
    QFETCH(double, tone);
    QFETCH(QString, param);
    QFETCH(double, value);
    const int frames = static_cast<int>(0.5 * kRate);
    std::vector<float> input(static_cast<size_t>(frames));
    for (int i = 0; i < frames; ++i)
        input[static_cast<size_t>(i)] =
            static_cast<float>(0.25 * std::sin(2.0 * std::numbers::pi * 200.0 * i / kRate) +
                               0.15 * std::sin(2.0 * std::numbers::pi * 700.0 * i / kRate));
    auto oldEffect = makeOld(drive, tone);
    auto newEffect = makeNew(drive, tone);
    const int id = newEffect->findParam(param.toStdString());
    QCOMPARE(oldEffect->findParam(param.toStdString()), id);
    // Where the ramp meets the signal differs by design: the drive acts before the decimators
    // and the tone after them, and the new filters are longer. Relative to the aligned output
    // the tone ramp starts the latency early (old 46, new 54 samples) and the drive ramp the
    // interpolators' delay early (old 23, new 27.4 samples), so the new effect gets its change
    // later by the difference (rounded); the ramps' shapes and the laws must then agree.
    const int at = 64 * 100;
    const int shift = param == "tone" ? newEffect->latencySamples() - oldEffect->latencySamples() : 4;
    auto before = input;
    runBlocks(*oldEffect, before, at, id, value);
    auto after = input;
    runBlocks(*newEffect, after, at + shift, id, value);
    auto unchanged = input;
    runBlocks(*makeNew(drive, tone), unchanged);

    const auto oldLatency = static_cast<size_t>(oldEffect->latencySamples());
    const auto newLatency = static_cast<size_t>(newEffect->latencySamples());
    double worst = 0.0;
    double effectOfChange = 0.0;
    for (size_t i = 1000; i + newLatency < input.size(); ++i) {
        worst =
            std::max(worst, static_cast<double>(std::abs(after[i + newLatency] - before[i + oldLatency])));
        effectOfChange = std::max(effectOfChange, static_cast<double>(std::abs(after[i] - unchanged[i])));
    }
    qInfo("%s: new and old outputs within %.2e (the change moved them by %.2f)", qPrintable(param), worst,
          effectOfChange);
    QVERIFY2(worst < kRampTolerance, qPrintable(QString("outputs differ by %1").arg(worst)));
    QVERIFY2(effectOfChange > 0.05, "the change did not change the sound, so the comparison proves nothing");
}

QTEST_APPLESS_MAIN(TestOverdrive)
#include "tst_overdrive.moc"
