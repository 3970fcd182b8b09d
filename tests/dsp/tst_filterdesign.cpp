// The filter designs against scipy.signal (reference data from reference/gen_filter_reference.py)
// and against their defining properties.
#include "dsp/AudioBuffer.h"
#include "dsp/design/ButterworthDesigner.h"
#include "dsp/design/FirDesign.h"
#include "dsp/design/FirFilter.h"
#include "dsp/design/IirDesign.h"
#include "dsp/design/Rbj.h"
#include "dsp/design/Response.h"
#include "dsp/design/SosFilter.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <complex>
#include <fstream>
#include <limits>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

using namespace fxrack::dsp;

namespace {

struct IirCase {
    std::string kind;
    std::string btype;
    int order = 0;
    double cutoffHz = 0.0;
    double sampleRate = 0.0;
    double rp = 0.0;
    double rs = 0.0;
    std::vector<std::array<double, 6>> sos;
    std::vector<double> freqs;
    std::vector<std::complex<double>> response;
    std::vector<double> impulse;

    QString label() const
    {
        return QStringLiteral("%1 %2 order %3 at %4 Hz, fs %5")
            .arg(QString::fromStdString(kind), QString::fromStdString(btype))
            .arg(order)
            .arg(cutoffHz)
            .arg(sampleRate);
    }
};

struct FirCase {
    int numTaps = 0;
    double lowHz = 0.0;
    double highHz = 0.0;
    bool passZero = true;
    std::string window;
    double sampleRate = 0.0;
    std::vector<double> taps;
};

std::string referencePath(const char* name)
{
    return std::string(FXRACK_TESTS_DIR) + "/dsp/reference/" + name;
}

std::vector<IirCase> loadIirCases()
{
    std::ifstream in(referencePath("iir_reference.txt"));
    std::vector<IirCase> cases;
    std::string word;
    while (in >> word) {
        if (word == "#") {
            std::getline(in, word);
        } else if (word == "case") {
            IirCase c;
            int sections = 0;
            in >> c.kind >> c.btype >> c.order >> c.cutoffHz >> c.sampleRate >> c.rp >> c.rs >> sections;
            for (int i = 0; i < sections; ++i) {
                in >> word; // "sos"
                std::array<double, 6> row{};
                for (auto& v : row)
                    in >> v;
                c.sos.push_back(row);
            }
            int n = 0;
            in >> word >> n; // "resp"
            for (int i = 0; i < n; ++i) {
                double f = 0.0, re = 0.0, im = 0.0;
                in >> f >> re >> im;
                c.freqs.push_back(f);
                c.response.emplace_back(re, im);
            }
            in >> word >> n; // "imp"
            c.impulse.resize(static_cast<size_t>(n));
            for (auto& v : c.impulse)
                in >> v;
            cases.push_back(std::move(c));
        }
    }
    return cases;
}

std::vector<FirCase> loadFirCases()
{
    std::ifstream in(referencePath("fir_reference.txt"));
    std::vector<FirCase> cases;
    std::string word;
    while (in >> word) {
        if (word == "#") {
            std::getline(in, word);
        } else if (word == "case") {
            FirCase c;
            int passZero = 0, n = 0;
            in >> c.numTaps >> c.lowHz >> c.highHz >> passZero >> c.window >> c.sampleRate >> n;
            c.passZero = passZero != 0;
            in >> word; // "taps"
            c.taps.resize(static_cast<size_t>(n));
            for (auto& v : c.taps)
                in >> v;
            cases.push_back(std::move(c));
        }
    }
    return cases;
}

SosCascade designFor(const IirCase& c)
{
    const PassType type = c.btype == "lowpass" ? PassType::LowPass : PassType::HighPass;
    if (c.kind == "butter")
        return butterworth(c.order, c.cutoffHz, type, c.sampleRate);
    if (c.kind == "cheby1")
        return chebyshev1(c.order, c.rp, c.cutoffHz, type, c.sampleRate);
    if (c.kind == "cheby2")
        return chebyshev2(c.order, c.rs, c.cutoffHz, type, c.sampleRate);
    return elliptic(c.order, c.rp, c.rs, c.cutoffHz, type, c.sampleRate);
}

// Empty when `sos` has scipy's sections of case `c`, in its order, each coefficient within 1e-9
// (the b's relative to the section's largest b, which the gain can make tiny); else what differs.
QString sectionsDifferFromScipy(const IirCase& c, const SosCascade& sos)
{
    if (sos.count != static_cast<int>(c.sos.size()))
        return c.label() + QStringLiteral(": %1 sections, scipy %2").arg(sos.count).arg(c.sos.size());
    for (int s = 0; s < sos.count; ++s) {
        const auto& ref = c.sos[static_cast<size_t>(s)];
        const Biquad& q = sos[s];
        const double ours[6] = {q.b0, q.b1, q.b2, 1.0, q.a1, q.a2};
        double scaleB = 0.0;
        for (int k = 0; k < 3; ++k)
            scaleB = std::max(scaleB, std::abs(ref[static_cast<size_t>(k)]));
        for (int k = 0; k < 6; ++k) {
            const double scale = k < 3 ? scaleB : 2.0;
            const double err = std::abs(ours[k] - ref[static_cast<size_t>(k)]) / scale;
            if (!(err <= 1e-9))
                return c.label() + QStringLiteral(": section %1 coefficient %2 is %3, scipy %4")
                                       .arg(s)
                                       .arg(k)
                                       .arg(ours[k], 0, 'g', 17)
                                       .arg(ref[static_cast<size_t>(k)], 0, 'g', 17);
        }
    }
    return {};
}

FirWindow windowFor(const std::string& name)
{
    for (size_t i = 0; i < std::size(kFirWindowNames); ++i)
        if (kFirWindowNames[i] == name)
            return static_cast<FirWindow>(i);
    return FirWindow::Boxcar;
}

// Runs a cascade on a unit impulse through the real kernel (float I/O, double state).
std::vector<double> impulseResponse(const SosCascade& cascade, int length)
{
    AudioBuffer buffer(1, length);
    buffer.channel(0)[0] = 1.0f;
    SosFilter filter;
    filter.prepare(1);
    filter.setCoefficients(cascade);
    auto block = buffer.block();
    filter.process(block);
    return {buffer.channel(0), buffer.channel(0) + length};
}

double db(std::complex<double> h)
{
    return 20.0 * std::log10(std::abs(h));
}

} // namespace

class TestFilterDesign : public QObject {
    Q_OBJECT

private slots:
    void referenceDataIsThere();
    void iirResponsesMatchScipy();
    void iirSectionsMatchScipyPairing();
    void iirImpulseResponsesMatchSosfilt();
    void highOrdersUpTo16AreStable();
    void aNanCutoffDesignsAtTheLowest();
    void firwinMatchesScipy();
    void firFilterIsAConvolutionCarriedAcrossBlocks();
    void rbjPeakingReachesItsGain();
    void rbjShelvesReachTheirGainNotTwice();
    void rbjNotchAllPassBandPass();
    void linkwitzRileyIsTwoButterworths();
    void butterworthDesignerMatchesScipy();
    void butterworthDesignerEqualsTheGenericDesign();
    void sosFilterKeepsStateAcrossCoefficientChanges();
};

void TestFilterDesign::referenceDataIsThere()
{
    QVERIFY(loadIirCases().size() >= 400);
    QVERIFY(loadFirCases().size() >= 30);
}

void TestFilterDesign::iirResponsesMatchScipy()
{
    // Relative to |H| with a floor of 1e-6 * max|H|: deep in a stop band |H| can be 1e-30, and
    // both scipy's and our values there carry rounding far above 1e-6 of such a tiny number;
    // what matters for audio is the error against the filter's level, which the floor bounds.
    for (const auto& c : loadIirCases()) {
        const SosCascade sos = designFor(c);
        double maxRef = 0.0;
        for (const auto& h : c.response)
            maxRef = std::max(maxRef, std::abs(h));
        for (size_t i = 0; i < c.freqs.size(); ++i) {
            const auto ours = sosResponse(sos, c.freqs[i], c.sampleRate);
            const auto ref = c.response[i];
            const double scale = std::max(std::abs(ref), 1e-6 * maxRef);
            const double err = std::abs(ours - ref) / scale;
            if (!(err <= 1e-6))
                QFAIL(
                    qPrintable(c.label() + QStringLiteral(": at %1 Hz H = %2%3j, scipy %4%5j (rel. error %6)")
                                               .arg(c.freqs[i])
                                               .arg(ours.real())
                                               .arg(ours.imag(), 0, 'g', 6)
                                               .arg(ref.real())
                                               .arg(ref.imag(), 0, 'g', 6)
                                               .arg(err)));
        }
    }
}

void TestFilterDesign::iirSectionsMatchScipyPairing()
{
    // Same sections in the same order proves the zpk2sos pairing is scipy's, not just the response.
    for (const auto& c : loadIirCases()) {
        const QString why = sectionsDifferFromScipy(c, designFor(c));
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }
}

void TestFilterDesign::iirImpulseResponsesMatchSosfilt()
{
    for (const auto& c : loadIirCases()) {
        const auto ours = impulseResponse(designFor(c), static_cast<int>(c.impulse.size()));
        double peak = 0.0;
        for (double v : c.impulse)
            peak = std::max(peak, std::abs(v));
        for (size_t i = 0; i < c.impulse.size(); ++i) {
            const double err = std::abs(ours[i] - c.impulse[i]);
            QVERIFY2(err <= 1e-5 * std::max(peak, 1e-3),
                     qPrintable(c.label() + QStringLiteral(": impulse[%1] = %2, sosfilt %3")
                                                .arg(i)
                                                .arg(ours[i], 0, 'g', 10)
                                                .arg(c.impulse[i], 0, 'g', 10)));
        }
    }
}

void TestFilterDesign::highOrdersUpTo16AreStable()
{
    for (int order = 1; order <= kMaxIirOrder; ++order) {
        for (const PassType type : {PassType::LowPass, PassType::HighPass}) {
            const SosCascade designs[] = {butterworth(order, 2000.0, type, 48000.0),
                                          chebyshev1(order, 0.1, 2000.0, type, 48000.0),
                                          chebyshev2(order, 60.0, 2000.0, type, 48000.0),
                                          elliptic(order, 0.1, 60.0, 2000.0, type, 48000.0)};
            for (int d = 0; d < 4; ++d) {
                const SosCascade& sos = designs[d];
                QCOMPARE(sos.count, (order + 1) / 2);
                for (int s = 0; s < sos.count; ++s) {
                    // Poles inside the unit circle: |a2| < 1 and |a1| < 1 + a2.
                    QVERIFY(std::abs(sos[s].a2) < 1.0);
                    QVERIFY(std::abs(sos[s].a1) < 1.0 + sos[s].a2);
                }
                const double passHz = type == PassType::LowPass ? 20.0 : 20000.0;
                const double gain = db(sosResponse(sos, passHz, 48000.0));
                // Chebyshev II's cutoff is its stop-band edge: at low order the pass band starts
                // far from it, so only "no gain" is checked for it.
                const bool passBandReached = d != 2 || order >= 4;
                QVERIFY2(gain < 0.2 && (gain > -1.0 || !passBandReached),
                         qPrintable(QStringLiteral("order %1: %2 dB").arg(order).arg(gain)));
            }
        }
    }
}

void TestFilterDesign::aNanCutoffDesignsAtTheLowest()
{
    // No live value can be NaN (values are checked before they are sent), but the designs promise
    // not to produce NaN from a bad value: a NaN cutoff (or rate) gives the lowest cutoff's design.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double lowest = 1e-9 * 48000.0 / 2.0;
    for (int order = 1; order <= 8; ++order) {
        for (PassType type : {PassType::LowPass, PassType::HighPass}) {
            const auto check = [&](const char* name, auto&& design) {
                const SosCascade bad = design(nan, 48000.0);
                const SosCascade badRate = design(1000.0, nan);
                const SosCascade good = design(lowest, 48000.0);
                QVERIFY2(bad.count == good.count && badRate.count == good.count, name);
                for (int s = 0; s < good.count; ++s)
                    for (const SosCascade* c : {&bad, &badRate}) {
                        const Biquad& q = (*c)[s];
                        const Biquad& g = good[s];
                        QVERIFY2(
                            q.b0 == g.b0 && q.b1 == g.b1 && q.b2 == g.b2 && q.a1 == g.a1 && q.a2 == g.a2,
                            qPrintable(QStringLiteral("%1 order %2 section %3").arg(name).arg(order).arg(s)));
                    }
            };
            check("butterworth", [&](double f, double fs) { return butterworth(order, f, type, fs); });
            check("chebyshev1", [&](double f, double fs) { return chebyshev1(order, 0.5, f, type, fs); });
            check("chebyshev2", [&](double f, double fs) { return chebyshev2(order, 40.0, f, type, fs); });
            check("elliptic", [&](double f, double fs) { return elliptic(order, 0.5, 40.0, f, type, fs); });
            check("linkwitzRiley",
                  [&](double f, double fs) { return linkwitzRiley(2 * order, f, type, fs); });
            check("ButterworthDesigner",
                  [&](double f, double fs) { return ButterworthDesigner(order).design(f, type, fs); });
        }
    }
}

void TestFilterDesign::firwinMatchesScipy()
{
    for (const auto& c : loadFirCases()) {
        const auto taps = firwin(c.numTaps, c.lowHz, c.highHz, c.passZero, windowFor(c.window), c.sampleRate);
        QVERIFY(firwinProblem(c.numTaps, c.lowHz, c.highHz, c.passZero, c.sampleRate).empty());
        QCOMPARE(taps.size(), c.taps.size());
        for (size_t i = 0; i < taps.size(); ++i)
            QVERIFY2(
                std::abs(taps[i] - c.taps[i]) <= 1e-12,
                qPrintable(QStringLiteral("firwin(%1, [%2, %3], pass_zero=%4, %5): tap %6 = %7, scipy %8")
                               .arg(c.numTaps)
                               .arg(c.lowHz)
                               .arg(c.highHz)
                               .arg(c.passZero)
                               .arg(QString::fromStdString(c.window))
                               .arg(i)
                               .arg(taps[i], 0, 'g', 17)
                               .arg(c.taps[i], 0, 'g', 17)));
    }
    // scipy refuses an even-length filter that passes Nyquist; so do we.
    QVERIFY(!firwinProblem(64, 1000.0, 0.0, false, 48000.0).empty());
    QVERIFY(!firwinProblem(64, 1000.0, 3000.0, true, 48000.0).empty());
    QVERIFY(firwinProblem(64, 1000.0, 3000.0, false, 48000.0).empty());
}

void TestFilterDesign::firFilterIsAConvolutionCarriedAcrossBlocks()
{
    const auto taps = firwin(31, 3000.0, 0.0, true, FirWindow::Hamming, 48000.0);
    const int n = 500;
    std::vector<float> x(n);
    for (int i = 0; i < n; ++i)
        x[static_cast<size_t>(i)] = static_cast<float>(std::sin(0.37 * i) + 0.3 * std::cos(2.1 * i));
    AudioBuffer buffer(1, n);
    std::copy(x.begin(), x.end(), buffer.channel(0));
    FirFilter fir;
    fir.prepare(1, 31);
    fir.setTaps(taps);
    for (int start = 0; start < n;) {
        const int len = std::min(n - start, 1 + (start * 7) % 23);
        auto block = buffer.block(start, len);
        fir.process(block);
        start += len;
    }
    for (int i = 0; i < n; ++i) {
        double expected = 0.0;
        for (int k = 0; k < 31 && k <= i; ++k)
            expected += taps[static_cast<size_t>(k)] * x[static_cast<size_t>(i - k)];
        QVERIFY(std::abs(buffer.channel(0)[i] - expected) < 1e-6);
    }
}

void TestFilterDesign::rbjPeakingReachesItsGain()
{
    SosCascade sos;
    sos.push(rbj::peaking(1000.0, 1.0, 6.0, 48000.0));
    QVERIFY(std::abs(db(sosResponse(sos, 1000.0, 48000.0)) - 6.0) < 1e-9);
    QVERIFY(std::abs(db(sosResponse(sos, 10.0, 48000.0))) < 0.01);
    sos.clear();
    sos.push(rbj::peaking(3000.0, 4.0, -12.0, 44100.0));
    QVERIFY(std::abs(db(sosResponse(sos, 3000.0, 44100.0)) + 12.0) < 1e-9);
}

void TestFilterDesign::rbjShelvesReachTheirGainNotTwice()
{
    SosCascade low;
    low.push(rbj::lowShelf(200.0, 0.707, 6.0, 48000.0));
    QVERIFY(std::abs(db(sosResponse(low, 0.0, 48000.0)) - 6.0) < 1e-9);
    QVERIFY(std::abs(db(sosResponse(low, 23999.0, 48000.0))) < 0.01);
    SosCascade high;
    high.push(rbj::highShelf(2000.0, 0.707, -9.0, 48000.0));
    QVERIFY(std::abs(db(sosResponse(high, 24000.0, 48000.0)) + 9.0) < 1e-9);
    QVERIFY(std::abs(db(sosResponse(high, 0.0, 48000.0))) < 1e-9);
}

void TestFilterDesign::rbjNotchAllPassBandPass()
{
    SosCascade notch;
    notch.push(rbj::notch(1000.0, 2.0, 48000.0));
    QVERIFY(std::abs(sosResponse(notch, 1000.0, 48000.0)) < 1e-9);
    QVERIFY(std::abs(std::abs(sosResponse(notch, 0.0, 48000.0)) - 1.0) < 1e-12);
    SosCascade all;
    all.push(rbj::allPass(1000.0, 0.707, 48000.0));
    for (double f : {10.0, 300.0, 1000.0, 5000.0, 20000.0})
        QVERIFY(std::abs(std::abs(sosResponse(all, f, 48000.0)) - 1.0) < 1e-12);
    QVERIFY(std::abs(std::arg(sosResponse(all, 1000.0, 48000.0)) - M_PI) < 1e-9 ||
            std::abs(std::arg(sosResponse(all, 1000.0, 48000.0)) + M_PI) < 1e-9);
    SosCascade band;
    band.push(rbj::bandPass(1000.0, 5.0, 48000.0));
    QVERIFY(std::abs(std::abs(sosResponse(band, 1000.0, 48000.0)) - 1.0) < 1e-9);
    QVERIFY(std::abs(sosResponse(band, 10.0, 48000.0)) < 0.01);
}

void TestFilterDesign::linkwitzRileyIsTwoButterworths()
{
    const auto lr = linkwitzRiley(4, 2000.0, PassType::LowPass, 48000.0);
    const auto bw = butterworth(2, 2000.0, PassType::LowPass, 48000.0);
    QCOMPARE(lr.count, 2);
    for (double f : {20.0, 500.0, 2000.0, 9000.0, 23000.0}) {
        const auto h = sosResponse(bw, f, 48000.0);
        QVERIFY(std::abs(sosResponse(lr, f, 48000.0) - h * h) < 1e-12);
    }
    // -6 dB at the crossover, and low + high is an all-pass.
    const auto hi = linkwitzRiley(4, 2000.0, PassType::HighPass, 48000.0);
    QVERIFY(std::abs(db(sosResponse(lr, 2000.0, 48000.0)) + 6.0206) < 1e-3);
    for (double f = 20.0; f < 24000.0; f *= 1.3)
        QVERIFY(std::abs(std::abs(sosResponse(lr, f, 48000.0) + sosResponse(hi, f, 48000.0)) - 1.0) < 1e-9);
}

void TestFilterDesign::butterworthDesignerMatchesScipy()
{
    // The closed form against scipy's butter(..., output='sos') sections, as the generic design
    // is checked in iirSectionsMatchScipyPairing.
    int checked = 0;
    for (const auto& c : loadIirCases()) {
        if (c.kind != "butter")
            continue;
        const PassType type = c.btype == "lowpass" ? PassType::LowPass : PassType::HighPass;
        const QString why =
            sectionsDifferFromScipy(c, ButterworthDesigner(c.order).design(c.cutoffHz, type, c.sampleRate));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        ++checked;
    }
    QVERIFY(checked >= 100);
}

void TestFilterDesign::butterworthDesignerEqualsTheGenericDesign()
{
    // Every order, both types, Linkwitz-Riley too, at five rates over the whole cutoff range
    // (log-spaced from 1 Hz to just below Nyquist): the same sections in the same order as the
    // generic design (analog prototype, bilinear transform, zpk2sos), each coefficient within
    // 1e-12 (the b's relative to their section's largest, which the gain can make tiny). Where
    // a section's zeros differ, the odd order's zero at the origin went to another section: only
    // allowed at a tie, a pair whose real part is within rounding of -1/2 (low-pass: as near the
    // origin as -1) or 1/2 (high-pass: as near as 1); the poles must agree there too. The cutoffs
    // of those ties, and a few ulps either side, are designed as well, so that the rule is run.
    double worst = 0.0;
    long designs = 0;
    int ties = 0;
    const auto compare = [&](int order, int repeats, double cutoff, PassType type, double fs) {
        const SosCascade generic =
            repeats == 1 ? butterworth(order, cutoff, type, fs) : linkwitzRiley(order, cutoff, type, fs);
        const SosCascade ours =
            ButterworthDesigner(repeats == 1 ? order : order / 2, repeats).design(cutoff, type, fs);
        const QString label = QStringLiteral("%1 order %2%3 at %4 Hz, fs %5")
                                  .arg(type == PassType::LowPass ? "low-pass" : "high-pass")
                                  .arg(order)
                                  .arg(repeats == 2 ? " Linkwitz-Riley" : "")
                                  .arg(cutoff, 0, 'g', 17)
                                  .arg(fs);
        if (ours.count != generic.count)
            return label + QStringLiteral(": %1 sections, generic %2").arg(ours.count).arg(generic.count);
        const double tieRe = type == PassType::LowPass ? -0.5 : 0.5;
        bool zerosMoved = false;
        bool tieWhereMoved = false;
        for (int s = 0; s < ours.count; ++s) {
            const Biquad& a = ours[s];
            const Biquad& g = generic[s];
            double err = std::max(std::abs(a.a1 - g.a1), std::abs(a.a2 - g.a2));
            if ((a.b2 == 0.0) != (g.b2 == 0.0)) {
                zerosMoved = true;
                tieWhereMoved = tieWhereMoved || std::abs(-g.a1 / 2.0 - tieRe) < 1e-9;
            } else {
                const double scaleB = std::max({std::abs(g.b0), std::abs(g.b1), std::abs(g.b2), 1e-300});
                err = std::max({err, std::abs(a.b0 - g.b0) / scaleB, std::abs(a.b1 - g.b1) / scaleB,
                                std::abs(a.b2 - g.b2) / scaleB});
            }
            worst = std::max(worst, err);
            if (!(err <= 1e-12))
                return label + QStringLiteral(": section %1 off by %2").arg(s).arg(err, 0, 'g', 3);
        }
        if (zerosMoved && !tieWhereMoved)
            return label + QStringLiteral(": the origin's zero is elsewhere, and no tie");
        ties += zerosMoved ? 1 : 0;
        ++designs;
        return QString();
    };
    const double rates[] = {8000.0, 44100.0, 48000.0, 96000.0, 192000.0};
    for (double fs : rates) {
        for (int step = 0; step <= 400; ++step) {
            const double cutoff = std::min(std::pow(fs / 2.0, step / 400.0), fs / 2.0 * (1.0 - 1e-6));
            for (PassType type : {PassType::LowPass, PassType::HighPass}) {
                for (int order = 1; order <= kMaxIirOrder; ++order) {
                    for (int repeats : {1, 2}) {
                        if (repeats == 2 && order % 2 != 0)
                            continue;
                        const QString why = compare(order, repeats, cutoff, type, fs);
                        QVERIFY2(why.isEmpty(), qPrintable(why));
                    }
                }
            }
        }
    }
    QVERIFY(designs > 90000);
    // The ties: the pair with c = cos(pi m / 2n) has real part (1 - K^2) / (1 + 2 K c + K^2), which
    // is -1/2 at K = c + sqrt(c^2 + 3) and 1/2 at K = (sqrt(c^2 + 3) - c) / 3.
    int tieDesigns = 0;
    for (double fs : rates) {
        for (int n = 3; n <= kMaxIirOrder; n += 2) {
            for (int m = 2; m < n; m += 2) {
                const double c = std::cos(std::numbers::pi * m / (2.0 * n));
                for (PassType type : {PassType::LowPass, PassType::HighPass}) {
                    const double k = type == PassType::LowPass ? c + std::sqrt(c * c + 3.0)
                                                               : (std::sqrt(c * c + 3.0) - c) / 3.0;
                    double cutoff = std::atan(k) / std::numbers::pi * fs;
                    for (int i = 0; i < 4; ++i)
                        cutoff = std::nextafter(cutoff, 0.0);
                    for (int i = 0; i <= 8; ++i, cutoff = std::nextafter(cutoff, fs)) {
                        const QString why = compare(n, 1, cutoff, type, fs);
                        QVERIFY2(why.isEmpty(), qPrintable(why));
                        if (2 * n <= kMaxIirOrder) {
                            const QString lr = compare(2 * n, 2, cutoff, type, fs);
                            QVERIFY2(lr.isEmpty(), qPrintable(lr));
                        }
                        ++tieDesigns;
                    }
                }
            }
        }
    }
    qInfo("%ld designs, largest difference %.3g, %d ties at the origin's zero", designs, worst, ties);
    QVERIFY(tieDesigns > 2000);
    QVERIFY(ties > 0); // the tie rule above was run
}

void TestFilterDesign::sosFilterKeepsStateAcrossCoefficientChanges()
{
    // A DC input through a low-pass settles at 1; replacing the coefficients by the same design
    // must not disturb the output (state kept), while reset() does.
    const auto sos = butterworth(4, 1000.0, PassType::LowPass, 48000.0);
    SosFilter filter;
    filter.prepare(2);
    filter.setCoefficients(sos);
    AudioBuffer buffer(2, 4800);
    for (int c = 0; c < 2; ++c)
        std::fill_n(buffer.channel(c), 4800, 1.0f);
    auto block = buffer.block();
    filter.process(block);
    QVERIFY(std::abs(buffer.channel(1)[4799] - 1.0f) < 1e-5);
    AudioBuffer next(2, 1);
    next.channel(0)[0] = next.channel(1)[0] = 1.0f;
    filter.setCoefficients(sos);
    auto one = next.block();
    filter.process(one);
    QVERIFY(std::abs(next.channel(0)[0] - 1.0f) < 1e-5);
    filter.reset();
    next.channel(0)[0] = 1.0f;
    filter.process(one);
    QVERIFY(next.channel(0)[0] < 0.01f);
}

QTEST_APPLESS_MAIN(TestFilterDesign)
#include "tst_filterdesign.moc"
