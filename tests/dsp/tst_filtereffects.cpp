// The filter and EQ effects as the rack uses them: registration, parameters, the catalogue's
// checks, block independence, click-free live sweeps and the Nyquist error.
#include "common/Signals.h"
#include "dsp/AudioBuffer.h"
#include "dsp/EffectRegistry.h"
#include "dsp/Errors.h"
#include "dsp/design/IirDesign.h"
#include "dsp/design/Response.h"
#include "dsp/effects/BiquadEq.h"
#include "dsp/effects/DesignableFir.h"
#include "dsp/effects/Gain.h"
#include "dsp/effects/IirFilter.h"

#include <QtTest>
#include <cmath>
#include <complex>
#include <memory>
#include <numbers>
#include <random>
#include <string>
#include <vector>

using namespace fxrack::dsp;

namespace {

const EffectRegistry& filterRegistry()
{
    return EffectRegistry::builtin();
}

// The filters and EQs of the catalogue.
std::vector<const EffectType*> filterTypes()
{
    std::vector<const EffectType*> out;
    for (const auto* type : EffectRegistry::builtin().types())
        if (type->category == "filter" || type->category == "eq")
            out.push_back(type);
    return out;
}

std::unique_ptr<Effect> make(const std::string& name)
{
    return filterRegistry().create(name);
}

double magnitudeDb(const Effect& effect, double hz)
{
    const auto h = frequencyResponse(effect, hz);
    return h ? 20.0 * std::log10(std::abs(*h)) : std::nan("");
}

// Non-default but sensible settings, so gains and bands are really exercised.
void configure(Effect& e)
{
    const std::string& n = e.name();
    if (n == "ParametricEQ")
        e.setParameter("gain", 6.0);
    if (n == "Peaking" || n == "LoShelving" || n == "HiShelving")
        e.setParameter("gain", 2.0);
    if (n == "DesignableFIR") {
        e.setParameter("cutoff", 500.0);
        e.setParameter("cutoff_high", 3000.0);
        e.setParameter("pass_zero", 0.0);
    }
}

double maxStep(const float* x, int n)
{
    double step = 0.0;
    for (int i = 1; i < n; ++i)
        step = std::max(step, std::abs(static_cast<double>(x[i]) - x[i - 1]));
    return step;
}

} // namespace

class TestFilterEffects : public QObject {
    Q_OBJECT

private slots:
    void everyCatalogueFilterIsRegistered();
    void parametersFollowTheCatalogue();
    void chebyshev2DefaultsToARealStopBand();
    void linkwitzRileyIsTwoButterworthsAndSumsToAllPass();
    void linkwitzRileyRefusesOddOrder();
    void parametricEqGivesTheGainAsked();
    void shelvesInDbReachTheGainNotTwice();
    void peakingIsParametricEqInDb();
    void designableFirBandAndState();
    void blockwiseEqualsWhole();
    void cutoffSweepDoesNotClick();
    void liveRedesignsEqualTheGenericDesigns();
    void nyquistErrorNamesEffectAndParameter();
    void frequencyResponseOnlyForFilters();
    void responseIncludesTheMixAndTheDryPathsDelay();
};

void TestFilterEffects::everyCatalogueFilterIsRegistered()
{
    const char* filters[] = {"LoButterworth",   "HiButterworth",   "LoChebyshev1", "HiChebyshev1",
                             "LoChebyshev2",    "HiChebyshev2",    "LoElliptic",   "HiElliptic",
                             "LoLinkwitzRiley", "HiLinkwitzRiley", "DesignableFIR"};
    for (const char* name : filters) {
        const auto* type = filterRegistry().find(name);
        QVERIFY2(type, name);
        QCOMPARE(QString::fromStdString(type->category), QStringLiteral("filter"));
    }
    const char* eqs[] = {"LoShelving", "HiShelving", "ParametricEQ", "Peaking",
                         "Notch",      "AllPass",    "BandPass"};
    for (const char* name : eqs) {
        const auto* type = filterRegistry().find(name);
        QVERIFY2(type, name);
        QCOMPARE(QString::fromStdString(type->category), QStringLiteral("eq"));
    }
    // Every one can be made with its defaults and prepared at 44.1 kHz.
    for (const auto* type : filterTypes()) {
        auto e = type->create();
        e->prepare({44100.0, 512, 2});
        QVERIFY2(fxrack::test::processesAudibly(*e, 2, 44100.0, 512), type->name.c_str());
    }
}

void TestFilterEffects::parametersFollowTheCatalogue()
{
    auto names = [](const std::string& effect) {
        QStringList out;
        for (const auto& p : filterRegistry().find(effect)->params)
            out << QString::fromStdString(p.name);
        return out;
    };
    // Every effect but Normalize ends with the Effect base's dry/wet mix.
    QCOMPARE(names("LoButterworth"), (QStringList{"cutoff", "order", "mix"}));
    QCOMPARE(names("HiChebyshev1"), (QStringList{"cutoff", "order", "ripple", "mix"}));
    QCOMPARE(names("LoChebyshev2"), (QStringList{"cutoff", "order", "attenuation", "mix"}));
    QCOMPARE(names("LoElliptic"),
             (QStringList{"cutoff", "order", "passband_ripple", "stopband_attenuation", "mix"}));
    QCOMPARE(names("HiLinkwitzRiley"), (QStringList{"cutoff", "order", "mix"}));
    QCOMPARE(names("LoShelving"), (QStringList{"cutoff", "q", "gain", "gain_scale", "mix"}));
    QCOMPARE(names("ParametricEQ"), (QStringList{"frequency", "q", "gain", "mix"}));
    QCOMPARE(names("Peaking"), (QStringList{"cutoff", "q", "gain", "gain_scale", "mix"}));
    QCOMPARE(names("Notch"), (QStringList{"cutoff", "q", "mix"}));
    QCOMPARE(names("DesignableFIR"),
             (QStringList{"cutoff", "num_taps", "pass_zero", "window", "cutoff_high", "mix"}));

    auto lo = make("LoButterworth");
    QCOMPARE(lo->param("order"), 5.0);
    QCOMPARE(lo->param("cutoff"), 1000.0);
    QVERIFY(lo->paramInfo(0).continuous);
    QVERIFY(!lo->paramInfo(1).continuous);
    QCOMPARE(make("LoChebyshev1")->param("order"), 4.0);
    QCOMPARE(make("HiChebyshev1")->param("ripple"), 0.1);
    QCOMPARE(make("LoElliptic")->param("passband_ripple"), 0.1);
    QCOMPARE(make("LoElliptic")->param("stopband_attenuation"), 40.0);
    QCOMPARE(make("LoShelving")->param("q"), 0.707);
    QCOMPARE(make("LoShelving")->param("gain"), 1.0);
    auto fir = make("DesignableFIR");
    QCOMPARE(fir->param("num_taps"), 101.0);
    QCOMPARE(fir->param("pass_zero"), 1.0);
    QCOMPARE(fir->paramInfo(fir->findParam("window")).choiceIndex("hamming"), 0);
    QCOMPARE(fir->param("window"), 0.0);
    QVERIFY(!fir->paramInfo(fir->findParam("window")).continuous);
    QVERIFY(!make("HiShelving")->paramInfo(3).continuous);
}

void TestFilterEffects::chebyshev2DefaultsToARealStopBand()
{
    auto e = make("LoChebyshev2");
    QCOMPARE(e->param("attenuation"), 40.0);
    e->setParameter("ripple", 60.0); // TorchFX's name is accepted as an alias
    QCOMPARE(e->param("attenuation"), 60.0);
    e->setParameter("attenuation", 40.0);
    e->prepare({48000.0, 512, 1});
    // The stop band is at least 40 dB down (TorchFX's 0.1 dB default gives no stop band).
    QVERIFY(magnitudeDb(*e, 5000.0) < -39.9);
    QVERIFY(std::abs(magnitudeDb(*e, 100.0)) < 0.1);
}

// A ramping cutoff is redesigned on the audio thread from the effect's kept analog prototype
// (IirFilter::designLive); every family, pass type and order must land on the coefficients of
// the generic design (IirDesign.h), also after a ripple change that replaces the prototype.
void TestFilterEffects::liveRedesignsEqualTheGenericDesigns()
{
    constexpr double fs = 48000.0;
    struct Family {
        const char* name;
        SosCascade (*generic)(int order, double rp, double rs, double fc, PassType type);
    };
    const Family families[] = {
        {"Butterworth",
         [](int n, double, double, double fc, PassType t) { return butterworth(n, fc, t, fs); }},
        {"Chebyshev1",
         [](int n, double rp, double, double fc, PassType t) { return chebyshev1(n, rp, fc, t, fs); }},
        {"Chebyshev2",
         [](int n, double, double rs, double fc, PassType t) { return chebyshev2(n, rs, fc, t, fs); }},
        {"Elliptic",
         [](int n, double rp, double rs, double fc, PassType t) { return elliptic(n, rp, rs, fc, t, fs); }},
        {"LinkwitzRiley",
         [](int n, double, double, double fc, PassType t) { return linkwitzRiley(n, fc, t, fs); }},
    };
    AudioBuffer silence(1, 4096); // longer than the 50 ms ramp
    int compared = 0;
    for (const auto& family : families) {
        for (const PassType type : {PassType::LowPass, PassType::HighPass}) {
            const std::string name = std::string(type == PassType::LowPass ? "Lo" : "Hi") + family.name;
            const bool linkwitzRiley = std::string(family.name) == "LinkwitzRiley";
            for (int order = linkwitzRiley ? 2 : 1; order <= kMaxIirOrder; order += linkwitzRiley ? 2 : 1) {
                auto e = make(name);
                e->setParameter("order", order);
                e->prepare({fs, 4096, 1});
                auto& sos = dynamic_cast<IirFilter&>(*e);
                double rp = 0.1;
                double rs = 40.0;
                int step = 0;
                for (double fc = 10.0; fc <= 0.49 * fs; fc *= 2.2, ++step) {
                    if (step == 5 && family.name != std::string("Butterworth") && !linkwitzRiley) {
                        // A new ripple: the kept prototype must be replaced.
                        rp = 0.5;
                        rs = 60.0;
                        if (std::string(family.name) == "Elliptic") {
                            e->setParameter("passband_ripple", rp);
                            e->setParameter("stopband_attenuation", rs);
                        } else {
                            e->setParameter(family.name == std::string("Chebyshev1") ? "ripple"
                                                                                     : "attenuation",
                                            family.name == std::string("Chebyshev1") ? rp : rs);
                        }
                    }
                    e->setParameter("cutoff", fc);
                    auto block = silence.block();
                    e->process(block);
                    const SosCascade& live = sos.currentCoefficients();
                    const SosCascade want = family.generic(order, rp, rs, fc, type);
                    const QString label = QStringLiteral("%1 order %2 at %3 Hz")
                                              .arg(QString::fromStdString(name))
                                              .arg(order)
                                              .arg(fc);
                    QCOMPARE(live.count, want.count);
                    for (int i = 0; i < want.count; ++i) {
                        const auto& a = live.sections[static_cast<size_t>(i)];
                        const auto& b = want.sections[static_cast<size_t>(i)];
                        const double got[] = {a.b0, a.b1, a.b2, a.a1, a.a2};
                        const double ref[] = {b.b0, b.b1, b.b2, b.a1, b.a2};
                        for (int c = 0; c < 5; ++c)
                            QVERIFY2(std::abs(got[c] - ref[c]) <= 1e-12 * std::abs(ref[c]),
                                     qPrintable(label));
                    }
                    ++compared;
                }
            }
        }
    }
    QVERIFY(compared > 1000);
}

void TestFilterEffects::linkwitzRileyIsTwoButterworthsAndSumsToAllPass()
{
    auto lo = make("LoLinkwitzRiley");
    lo->setParameter("cutoff", 2000.0);
    lo->setParameter("order", 4.0);
    auto hi = make("HiLinkwitzRiley");
    hi->setParameter("cutoff", 2000.0);
    hi->setParameter("order", 4.0);
    lo->prepare({48000.0, 1024, 1});
    hi->prepare({48000.0, 1024, 1});

    // Impulse responses: LR4 equals two cascaded 2nd-order Butterworth low-passes (scipy design).
    const int n = 1024;
    AudioBuffer a(1, n), b(1, n);
    a.channel(0)[0] = b.channel(0)[0] = 1.0f;
    auto blockA = a.block();
    lo->process(blockA);
    SosFilter twice;
    twice.prepare(1);
    auto bw = butterworth(2, 2000.0, PassType::LowPass, 48000.0);
    bw.append(butterworth(2, 2000.0, PassType::LowPass, 48000.0));
    twice.setCoefficients(bw);
    twice.process(b.block());
    for (int i = 0; i < n; ++i)
        QVERIFY(std::abs(a.channel(0)[i] - b.channel(0)[i]) < 1e-7);

    // Low + high: flat magnitude, in the frequency domain and in the time domain.
    for (double f = 10.0; f < 24000.0; f *= 1.1) {
        const auto sum = *frequencyResponse(*lo, f) + *frequencyResponse(*hi, f);
        QVERIFY2(std::abs(std::abs(sum) - 1.0) < 1e-9, qPrintable(QString::number(f)));
    }
    AudioBuffer h(1, n);
    h.channel(0)[0] = 1.0f;
    auto blockH = h.block();
    hi->process(blockH);
    std::vector<std::complex<double>> spectrum(64);
    for (int k = 1; k < 64; ++k) {
        const double w = std::numbers::pi * k / 64.0;
        std::complex<double> s = 0.0;
        for (int i = 0; i < n; ++i)
            s += static_cast<double>(a.channel(0)[i] + h.channel(0)[i]) * std::polar(1.0, -w * i);
        QVERIFY(std::abs(std::abs(s) - 1.0) < 1e-4);
    }
}

void TestFilterEffects::linkwitzRileyRefusesOddOrder()
{
    auto e = make("LoLinkwitzRiley");
    e->setParameter("order", 3.0);
    try {
        e->prepare({48000.0, 512, 2});
        QFAIL("odd order accepted");
    } catch (const ParameterError& error) {
        const QString message = QString::fromUtf8(error.what());
        QVERIFY2(message.contains("LoLinkwitzRiley") && message.contains("order") && message.contains("even"),
                 error.what());
    }
}

void TestFilterEffects::parametricEqGivesTheGainAsked()
{
    auto e = make("ParametricEQ");
    e->setParameter("frequency", 1000.0);
    e->setParameter("q", 1.0);
    e->setParameter("gain", 6.0);
    e->prepare({48000.0, 512, 1});
    QVERIFY(std::abs(magnitudeDb(*e, 1000.0) - 6.0) < 1e-9);

    // And the signal really is +6 dB: a 1 kHz sine comes out 10^(6/20) times larger.
    const int n = 48000;
    AudioBuffer buffer(1, n);
    for (int i = 0; i < n; ++i)
        buffer.channel(0)[i] =
            static_cast<float>(0.1 * std::sin(2.0 * std::numbers::pi * 1000.0 * i / 48000.0));
    auto block = buffer.block();
    e->process(block);
    const double peak = [&] {
        double p = 0.0;
        for (int i = n / 2; i < n; ++i)
            p = std::max(p, std::abs(static_cast<double>(buffer.channel(0)[i])));
        return p;
    }();
    QVERIFY(std::abs(20.0 * std::log10(peak / 0.1) - 6.0) < 0.01);
}

void TestFilterEffects::shelvesInDbReachTheGainNotTwice()
{
    for (const char* name : {"LoShelving", "HiShelving"}) {
        auto e = make(name);
        e->setParameter("cutoff", 1000.0);
        e->setParameter("gain_scale", 1.0); // db
        e->setParameter("gain", 6.0);
        e->prepare({48000.0, 512, 1});
        const double shelfHz = std::string(name) == "LoShelving" ? 1.0 : 23999.0;
        QVERIFY2(std::abs(magnitudeDb(*e, shelfHz) - 6.0) < 0.01, name);
        // Linear gain 2 is +6.02 dB too.
        auto lin = make(name);
        lin->setParameter("gain", 2.0);
        QVERIFY2(std::abs(magnitudeDb(*lin, shelfHz) - 20.0 * std::log10(2.0)) < 0.01, name);
    }
    // A linear gain must be positive; in dB a cut is fine.
    auto bad = make("LoShelving");
    bad->setParameter("gain", -1.0);
    QVERIFY_THROWS_EXCEPTION(ParameterError, bad->prepare({48000.0, 512, 1}));
    bad->setParameter("gain_scale", 1.0);
    bad->prepare({48000.0, 512, 1});
}

void TestFilterEffects::peakingIsParametricEqInDb()
{
    auto peaking = make("Peaking");
    peaking->setParameter("cutoff", 2500.0);
    peaking->setParameter("q", 2.0);
    peaking->setParameter("gain", 0.5);
    auto eq = make("ParametricEQ");
    eq->setParameter("frequency", 2500.0);
    eq->setParameter("q", 2.0);
    eq->setParameter("gain", 20.0 * std::log10(0.5));
    for (double f = 20.0; f < 24000.0; f *= 1.5)
        QVERIFY(std::abs(*frequencyResponse(*peaking, f) - *frequencyResponse(*eq, f)) < 1e-12);
    QVERIFY(std::abs(magnitudeDb(*peaking, 2500.0) + 6.0206) < 1e-3);
}

void TestFilterEffects::designableFirBandAndState()
{
    auto e = make("DesignableFIR");
    e->setParameter("cutoff", 500.0);
    e->setParameter("cutoff_high", 3000.0);
    e->setParameter("pass_zero", 0.0);
    e->setParameter("num_taps", 201.0);
    e->prepare({48000.0, 512, 1});
    // scipy: -51.5 dB at 50 Hz, 0 dB at 1750 Hz, -75.8 dB at 10 kHz for these 201 taps.
    QVERIFY(std::abs(magnitudeDb(*e, 1750.0)) < 1e-9);
    QVERIFY(std::abs(magnitudeDb(*e, 50.0) + 51.48) < 0.01);
    QVERIFY(magnitudeDb(*e, 10000.0) < -30.0);
    // Linear phase: an impulse comes out centred (num_taps - 1) / 2 samples late, as reported.
    QCOMPARE(e->latencySamples(), 100);
    AudioBuffer impulse(1, 512);
    impulse.channel(0)[0] = 1.0f;
    auto block = impulse.block();
    e->process(block);
    int peak = 0;
    for (int i = 1; i < 512; ++i)
        if (std::abs(impulse.channel(0)[i]) > std::abs(impulse.channel(0)[peak]))
            peak = i;
    QCOMPARE(peak, e->latencySamples());
    // Symmetric about it, within the FFT convolution's rounding (1e-6 of the unit impulse; the
    // direct form was exact).
    for (int k = 1; k <= 100; ++k)
        QVERIFY(std::abs(impulse.channel(0)[100 - k] - impulse.channel(0)[100 + k]) < 1e-6f);
    // An even length cannot pass Nyquist.
    auto hp = make("DesignableFIR");
    hp->setParameter("pass_zero", 0.0);
    hp->setParameter("num_taps", 100.0);
    QVERIFY_THROWS_EXCEPTION(ParameterError, hp->prepare({48000.0, 512, 1}));
}

void TestFilterEffects::blockwiseEqualsWhole()
{
    // 10 s of stereo noise, whole against random blocks of 1..4096 frames. At 2 s the Hz
    // parameter moves live (both runs at that same sample), so the ramp and its coefficient
    // updates must not depend on the block sizes either.
    const int n = 10 * 48000;
    const int changeAt = 2 * 48000;
    std::mt19937 rng(1234);
    std::normal_distribution<float> noise(0.0f, 0.25f);
    AudioBuffer input(2, n);
    for (int c = 0; c < 2; ++c)
        for (int i = 0; i < n; ++i)
            input.channel(c)[i] = noise(rng);
    for (const auto* type : filterTypes()) {
        auto whole = type->create();
        auto parts = type->create();
        configure(*whole);
        configure(*parts);
        whole->prepare({48000.0, n, 2});
        parts->prepare({48000.0, 4096, 2});
        const double moved = whole->param(0) * 1.5;
        AudioBuffer a(2, n);
        AudioBuffer b(2, n);
        for (int c = 0; c < 2; ++c) {
            std::copy_n(input.channel(c), n, a.channel(c));
            std::copy_n(input.channel(c), n, b.channel(c));
        }
        auto first = a.block(0, changeAt);
        whole->process(first);
        whole->applyParameter(0, moved);
        auto rest = a.block(changeAt, n - changeAt);
        whole->process(rest);

        std::uniform_int_distribution<int> size(1, 4096);
        int start = 0;
        bool changed = false;
        while (start < n) {
            if (start == changeAt && !changed) {
                parts->applyParameter(0, moved);
                changed = true;
            }
            const int limit = start < changeAt ? changeAt : n;
            const int len = std::min(size(rng), limit - start);
            auto block = b.block(start, len);
            parts->process(block);
            start += len;
        }
        double worst = 0.0;
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < n; ++i)
                worst = std::max(worst, std::abs(static_cast<double>(a.channel(c)[i]) - b.channel(c)[i]));
        QVERIFY2(worst <= 1e-6,
                 qPrintable(QStringLiteral("%1: %2").arg(QString::fromStdString(type->name)).arg(worst)));
    }
}

void TestFilterEffects::cutoffSweepDoesNotClick()
{
    // Sweep 500 Hz -> 5 kHz over 1 s, one applyParameter per block (as the audio thread does),
    // on a pass-band tone. The largest sample-to-sample step of the output must not exceed the
    // input's: a click is exactly a step the input does not have. The same sweep with the state
    // reset at every coefficient change (what a naive implementation does) must fail the check,
    // which shows the test can see clicks.
    // A warm-up at the start cutoff lets the filter's own start transient die out first.
    const int n = 48000;
    const int warmUp = 9600;
    const int blockSize = 256;
    auto sweep = [&](const std::string& name, double toneHz, bool resetEachBlock) {
        auto e = make(name);
        e->setParameter(0, 500.0);
        e->prepare({48000.0, blockSize, 1});
        AudioBuffer buffer(1, warmUp + n);
        for (int i = 0; i < warmUp + n; ++i)
            buffer.channel(0)[i] =
                static_cast<float>(0.5 * std::sin(2.0 * std::numbers::pi * toneHz * i / 48000.0));
        const double inputStep = maxStep(buffer.channel(0), warmUp + n);
        auto warm = buffer.block(0, warmUp);
        e->process(warm);
        for (int start = 0; start < n; start += blockSize) {
            e->applyParameter(0, 500.0 * std::pow(10.0, static_cast<double>(start) / n));
            if (resetEachBlock)
                e->reset();
            auto block = buffer.block(warmUp + start, std::min(blockSize, n - start));
            e->process(block);
        }
        return maxStep(buffer.channel(0) + warmUp - 1, n + 1) / inputStep;
    };
    struct Case {
        const char* name;
        double toneHz;
        bool clicksWhenReset;
    };
    // High-pass tones are off any simple ratio of the rate, so the sampled peak step is the
    // sine's true one. A tone in the pass band comes out slightly faster while the cutoff rises
    // (the group delay shrinks: up to 0.8 % for the 5th-order Butterworth here); hence the 1 %.
    const Case cases[] = {{"LoButterworth", 200.0, true},   {"HiButterworth", 10987.3, false},
                          {"LoChebyshev1", 200.0, true},    {"HiChebyshev1", 10987.3, false},
                          {"LoChebyshev2", 200.0, true},    {"HiChebyshev2", 10987.3, false},
                          {"LoElliptic", 200.0, true},      {"HiElliptic", 10987.3, false},
                          {"LoLinkwitzRiley", 200.0, true}, {"HiLinkwitzRiley", 10987.3, false},
                          {"Notch", 200.0, true},           {"DesignableFIR", 200.0, false}};
    for (const auto& c : cases) {
        const double smooth = sweep(c.name, c.toneHz, false);
        QVERIFY2(smooth <= 1.01,
                 qPrintable(QStringLiteral("%1: output step %2 x input's").arg(c.name).arg(smooth)));
        // Zeroed state clicks where the filter blocks the step it makes: the low-passes and the
        // notch (a high-pass lets that step through, so resetting it is nearly inaudible).
        if (c.clicksWhenReset) {
            const double clicky = sweep(c.name, c.toneHz, true);
            QVERIFY2(clicky > 1.5,
                     qPrintable(QStringLiteral("%1: resetting gives only %2 x").arg(c.name).arg(clicky)));
        }
    }
}

void TestFilterEffects::nyquistErrorNamesEffectAndParameter()
{
    for (const auto* type : filterTypes()) {
        auto e = type->create();
        e->setParameter(0, 30000.0);
        try {
            e->prepare({48000.0, 512, 2});
            QFAIL(qPrintable(QString::fromStdString(type->name) + " accepted a cutoff above Nyquist"));
        } catch (const ParameterError& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.contains(QString::fromStdString(type->name)) &&
                         message.contains(QString::fromStdString(type->params[0].name)) &&
                         message.contains("Nyquist"),
                     error.what());
        }
        e->setParameter(0, 24000.0); // at Nyquist is refused too
        QVERIFY_THROWS_EXCEPTION(ParameterError, e->prepare({48000.0, 512, 2}));
        e->prepare({96000.0, 512, 2}); // but fine at 96 kHz
    }
}

void TestFilterEffects::frequencyResponseOnlyForFilters()
{
    auto lo = make("LoButterworth");
    lo->prepare({44100.0, 512, 2});
    QVERIFY(frequencyResponse(*lo, 100.0).has_value());
    QVERIFY(std::abs(magnitudeDb(*lo, 1000.0) + 3.0103) < 1e-3);
    QVERIFY(!frequencyResponse(*lo, 100.0, 1500.0).has_value()); // cutoff above that Nyquist
    const auto gainType = Gain::describe();
    Gain gain(gainType);
    QVERIFY(!frequencyResponse(gain, 100.0).has_value());
}

void TestFilterEffects::responseIncludesTheMixAndTheDryPathsDelay()
{
    // What the plot shows is what the engine does: a sine through the effect at mix=0.5 comes out
    // with the plotted magnitude. The FIR's latency makes the dry and wet paths line up in phase.
    for (const char* name : {"LoButterworth", "DesignableFIR"}) {
        auto e = make(name);
        e->setParameter("cutoff", 2000.0);
        e->setParameter("mix", 0.5);
        e->prepare({48000.0, 512, 1});
        const double hz = 2500.0;
        const double plotted = std::abs(*frequencyResponse(*e, hz));
        AudioBuffer b(1, 48000);
        for (int i = 0; i < b.numFrames(); ++i)
            b.channel(0)[i] = static_cast<float>(std::sin(2 * std::numbers::pi * hz * i / 48000.0));
        for (int pos = 0; pos < b.numFrames(); pos += 512) {
            auto block = b.block(pos, std::min(512, b.numFrames() - pos));
            e->process(block);
        }
        double peak = 0.0;
        for (int i = 24000; i < 48000; ++i)
            peak = std::max(peak, static_cast<double>(std::fabs(b.channel(0)[i])));
        QVERIFY2(std::abs(peak - plotted) < 2e-3,
                 qPrintable(QString("%1: %2 vs %3").arg(name).arg(peak).arg(plotted)));
        QVERIFY(plotted > 0.5 && plotted < 0.95); // neither the wet nor the dry magnitude alone
    }
}

QTEST_APPLESS_MAIN(TestFilterEffects)
#include "tst_filtereffects.moc"
