// The base's dry/wet mix and active fade, checked on every registered effect that has a base mix:
// mix=0 is the input delayed by the latency, mix=0.5 the mean of that and the wet signal, a mix
// sweep adds no step the dry and wet signals do not have, and a faded-out effect passes its input
// delayed by exactly its latency.
#include "common/Signals.h"
#include "dsp/ChainSpec.h"
#include "dsp/EffectChain.h"
#include "dsp/EffectRegistry.h"

#include <QTest>
#include <algorithm>
#include <cmath>

using namespace fxrack;
using namespace fxrack::dsp;

namespace {

constexpr double kRate = 48000.0;
constexpr int kChannels = 2;
constexpr int kMaxBlock = 512;
constexpr int kFrames = 9000;
// Odd sizes, so blocks straddle the control grid, the dry delay's wrap and the ramps' ends.
constexpr int kBlockSizes[] = {1, 97, 255, 511, 13, 333, 7, 512, 64};

std::unique_ptr<Effect> makePrepared(const EffectType& type, double mix)
{
    auto effect = type.create();
    // At their defaults the shelves, peaks and Gain pass the signal unchanged: give them a gain.
    if (type.findParam("gain") >= 0)
        effect->setParameter("gain", 2.0);
    // Without an impulse response the Convolver passes the signal unchanged: give it one.
    if (type.findParam("ir") >= 0)
        effect->setText("ir", std::string(FXRACK_TESTS_DIR) + "/dsp/reference/convolver_ir_stereo.wav");
    effect->setParameter("mix", mix);
    effect->prepare({kRate, kMaxBlock, kChannels});
    return effect;
}

// Runs `effect` over `buffer` in the odd block sizes; `beforeBlock(index)` runs before each.
template <typename BeforeBlock>
void runInOddBlocks(Effect& effect, AudioBuffer& buffer, BeforeBlock beforeBlock)
{
    int pos = 0;
    for (int b = 0; pos < buffer.numFrames(); ++b) {
        const int n = std::min(kBlockSizes[b % std::size(kBlockSizes)], buffer.numFrames() - pos);
        beforeBlock(b);
        auto block = buffer.block(pos, n);
        effect.process(block);
        pos += n;
    }
}
void runInOddBlocks(Effect& effect, AudioBuffer& buffer)
{
    runInOddBlocks(effect, buffer, [](int) {});
}

// The input delayed by `latency` frames (zeros before it).
AudioBuffer delayed(const AudioBuffer& input, int latency)
{
    AudioBuffer out(input.numChannels(), input.numFrames());
    for (int c = 0; c < input.numChannels(); ++c)
        for (int i = latency; i < input.numFrames(); ++i)
            out.channel(c)[i] = input.channel(c)[i - latency];
    return out;
}

// The registered types whose mix the Effect base owns.
void addBaseMixRows()
{
    QTest::addColumn<QString>("name");
    int rows = 0;
    for (const EffectType* type : EffectRegistry::builtin().types()) {
        if (type->mix != MixSource::Base)
            continue;
        QTest::newRow(type->name.c_str()) << QString::fromStdString(type->name);
        ++rows;
    }
    QVERIFY(rows > 20); // all but the few effects without a base mix
}

const EffectType& typeNamed(const QString& name)
{
    const EffectType* type = EffectRegistry::builtin().find(name.toStdString());
    Q_ASSERT(type);
    return *type;
}

} // namespace

class TestMix : public QObject {
    Q_OBJECT

private slots:
    void everyEffectButNormalizeHasAMix()
    {
        for (const EffectType* type : EffectRegistry::builtin().types()) {
            const bool expected = type->mix != MixSource::None;
            QVERIFY2((type->findParam("mix") >= 0) == expected, type->name.c_str());
            QVERIFY2((type->create()->mixParamId() >= 0) == (type->mix == MixSource::Base),
                     type->name.c_str());
        }
        // Reverb alone keeps its own (Freeverb's output stage); Normalize has none.
        QCOMPARE(EffectRegistry::builtin().find("Reverb")->mix, MixSource::Effect);
        QCOMPARE(EffectRegistry::builtin().find("Normalize")->mix, MixSource::None);
        for (const char* name : {"Delay", "Overdrive", "Chorus", "Flanger"})
            QCOMPARE(EffectRegistry::builtin().find(name)->mix, MixSource::Base);
    }

    // Parameters that had a mix before keep its position and default.
    void ownMixesKeepTheirPlaceAndDefault()
    {
        const auto& registry = EffectRegistry::builtin();
        QCOMPARE(registry.find("Chorus")->findParam("mix"), 2);
        QCOMPARE(registry.find("Chorus")->params[2].defaultValue, 0.5);
        QCOMPARE(registry.find("Flanger")->findParam("mix"), 3);
        QCOMPARE(registry.find("Delay")->findParam("mix"), 4);
        QCOMPARE(registry.find("Delay")->params[4].defaultValue, 0.2);
        QCOMPARE(registry.find("Overdrive")->findParam("mix"), 2);
        // Positional in the chain language, as before (only an appended mix is named-only).
        const auto chain = parseChain("Chorus(0.5, 2, 0.25)");
        QCOMPARE(chain.at(0).param("mix"), 0.25);
    }

    void mixZeroIsTheInputDelayedByTheLatency_data() { addBaseMixRows(); }
    void mixZeroIsTheInputDelayedByTheLatency()
    {
        QFETCH(QString, name);
        auto effect = makePrepared(typeNamed(name), 0.0);
        const auto input = test::whiteNoise(kChannels, kFrames);
        auto out = test::copyOf(input);
        runInOddBlocks(*effect, out);
        const auto expected = delayed(input, effect->latencySamples());
        QVERIFY2(test::maxAbsDifference(expected, out) <= 1e-7,
                 qPrintable(QString::number(test::maxAbsDifference(expected, out))));
    }

    void mixHalfIsTheMeanOfDryAndWet_data() { addBaseMixRows(); }
    void mixHalfIsTheMeanOfDryAndWet()
    {
        QFETCH(QString, name);
        const auto& type = typeNamed(name);
        const auto input = test::whiteNoise(kChannels, kFrames);
        auto half = test::copyOf(input);
        auto halfEffect = makePrepared(type, 0.5);
        runInOddBlocks(*halfEffect, half);
        auto wet = test::copyOf(input);
        auto wetEffect = makePrepared(type, 1.0);
        runInOddBlocks(*wetEffect, wet);
        QVERIFY(test::maxAbsDifference(wet, input) > 0.0); // the wet signal is not the input
        const auto dry = delayed(input, halfEffect->latencySamples());
        double worst = 0.0;
        for (int c = 0; c < kChannels; ++c)
            for (int i = 0; i < kFrames; ++i) {
                const double mean = 0.5 * (static_cast<double>(dry.channel(c)[i]) + wet.channel(c)[i]);
                worst = std::max(worst, std::abs(half.channel(c)[i] - mean));
            }
        QVERIFY2(worst <= 1e-6, qPrintable(QString::number(worst)));
    }

    // A sweep 0 -> 1 -> 0, a step every block: y = d + m (w - d) moves from one sample to the next
    // by (1 - m) dd + m dw - dm (w - d), so no step may exceed the larger of the dry and wet
    // signals' own steps by more than one sample's mix ramp times |w - d|. A mix that jumped would
    // add (its jump) * |w - d| at once.
    void mixSweepNeverClicks_data() { addBaseMixRows(); }
    void mixSweepNeverClicks()
    {
        QFETCH(QString, name);
        const auto& type = typeNamed(name);
        const auto input = test::whiteNoise(kChannels, kFrames);
        auto dryEffect = makePrepared(type, 0.0);
        auto dry = test::copyOf(input);
        runInOddBlocks(*dryEffect, dry);
        auto wetEffect = makePrepared(type, 1.0);
        auto wet = test::copyOf(input);
        runInOddBlocks(*wetEffect, wet);

        auto swept = makePrepared(type, 0.0);
        const int mixId = swept->mixParamId();
        QVERIFY(mixId >= 0);
        auto out = test::copyOf(input);
        constexpr int kSteps = 10;
        runInOddBlocks(*swept, out, [&](int b) {
            const int phase = b % (2 * kSteps);
            const double mix =
                phase <= kSteps ? phase / double(kSteps) : (2 * kSteps - phase) / double(kSteps);
            swept->applyParameter(mixId, mix);
        });

        const double rampSamples = type.params[static_cast<size_t>(mixId)].rampMs * 0.001 * kRate;
        double worstExcess = 0.0;
        double sweptMax = 0.0, fixedMax = 0.0;
        for (int c = 0; c < kChannels; ++c) {
            const float* d = dry.channel(c);
            const float* w = wet.channel(c);
            const float* y = out.channel(c);
            for (int i = 1; i < kFrames; ++i) {
                const double own = std::max(std::abs(d[i] - d[i - 1]), std::abs(w[i] - w[i - 1]));
                const double allowed = own + std::abs(w[i - 1] - d[i - 1]) / rampSamples + 1e-6;
                const double step = std::abs(y[i] - y[i - 1]);
                worstExcess = std::max(worstExcess, step - allowed);
                sweptMax = std::max(sweptMax, step);
                fixedMax = std::max(fixedMax, own);
            }
        }
        QVERIFY2(worstExcess <= 0.0,
                 qPrintable(QStringLiteral("a step exceeds the bound by %1").arg(worstExcess)));
        QVERIFY2(sweptMax <= fixedMax * 1.01 + 1e-6,
                 qPrintable(QStringLiteral("swept %1, fixed %2").arg(sweptMax).arg(fixedMax)));
    }

    // Faded out, an effect with a latency gives its input delayed by exactly that latency.
    void inactiveEffectIsTheInputDelayedByItsLatency_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("latency");
        QTest::newRow("DesignableFIR 101 taps") << "DesignableFIR(cutoff=2000, num_taps=101)" << 50;
        QTest::newRow("Limiter") << "Limiter(ceiling=-12)" << 240;
    }
    void inactiveEffectIsTheInputDelayedByItsLatency()
    {
        QFETCH(QString, spec);
        QFETCH(int, latency);
        EffectChain chain = parseChain(spec.toStdString());
        auto& effect = chain.at(0);
        effect.prepare({kRate, kMaxBlock, kChannels});
        QCOMPARE(effect.latencySamples(), latency);

        const auto input = test::whiteNoise(kChannels, kFrames);
        auto out = test::copyOf(input);
        constexpr int kOffAt = 3000;
        int switchedAt = -1;
        int pos = 0;
        for (int b = 0; pos < kFrames; ++b) {
            if (switchedAt < 0 && pos >= kOffAt) {
                effect.setActive(false);
                switchedAt = pos;
            }
            const int n = std::min(kBlockSizes[b % std::size(kBlockSizes)], kFrames - pos);
            auto block = out.block(pos, n);
            effect.process(block);
            pos += n;
        }
        QVERIFY(effect.isSilentlyBypassed());
        const auto expected = delayed(input, latency);
        const int fadeEnd = switchedAt + static_cast<int>(std::lround(Effect::kActiveFadeSeconds * kRate));
        double afterFade = 0.0, beforeSwitch = 0.0;
        for (int c = 0; c < kChannels; ++c) {
            for (int i = fadeEnd; i < kFrames; ++i)
                afterFade = std::max(
                    afterFade, static_cast<double>(std::abs(out.channel(c)[i] - expected.channel(c)[i])));
            for (int i = latency; i < switchedAt; ++i)
                beforeSwitch = std::max(
                    beforeSwitch, static_cast<double>(std::abs(out.channel(c)[i] - expected.channel(c)[i])));
        }
        QCOMPARE(afterFade, 0.0);
        QVERIFY(beforeSwitch > 0.01); // the effect did something while active
    }
};

QTEST_APPLESS_MAIN(TestMix)
#include "tst_mix.moc"
