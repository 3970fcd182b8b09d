// Gain, Normalize, Reverb and Delay against the catalogue's checks.
#include "common/Signals.h"
#include "dsp/ChainSpec.h"
#include "dsp/Errors.h"
#include "dsp/effects/Delay.h"
#include "dsp/effects/Normalize.h"

#include <QTest>
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

using namespace fxrack;
using namespace fxrack::dsp;

namespace {

std::unique_ptr<Effect> make(const std::string& spec, double rate = 48000.0, int channels = 1,
                             int maxBlock = 4096)
{
    auto chain = parseChain(spec);
    auto effect = chain.remove(0);
    effect->prepare({rate, maxBlock, channels});
    return effect;
}

void run(Effect& effect, dsp::AudioBuffer& buffer)
{
    auto block = buffer.block();
    effect.process(block);
}

// A fixed loudness for the lufs strategy, standing in for libebur128 (tested in io).
class FixedMeter : public LoudnessMeter {
public:
    explicit FixedMeter(double lufs) : m_lufs(lufs) {}
    void begin(double, int) override { ++begun; }
    void add(const AudioBlock& b) override { frames += b.numFrames(); }
    double integratedLufs() override { return m_lufs; }
    int begun = 0;
    long frames = 0;

private:
    double m_lufs;
};

// Freeverb as Jezar wrote it, one sample at a time, with FXRack's per-channel generalisation
// (every channel's bank hears the mono sum; channel c's delays are offset by 23 * c samples;
// width mixes partners 0<->1, 2<->3; a lone last channel takes all the wet). Delay lengths are
// Freeverb's tunings scaled to the rate and rounded, nothing more: they are chosen to share no
// common factor, so the combs' resonances do not pile up on one frequency.
class PlainFreeverb {
public:
    PlainFreeverb(double rate, int channels, double room, double damping, double mix, double width)
        : m_banks(static_cast<size_t>(channels))
    {
        const int combTuning[8] = {1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617};
        const int allPassTuning[4] = {556, 441, 341, 225};
        for (int c = 0; c < channels; ++c) {
            auto& bank = m_banks[static_cast<size_t>(c)];
            const auto length = [&](int tuning) {
                return static_cast<size_t>(std::max(1L, std::lround((tuning + 23 * c) * rate / 44100.0)));
            };
            for (int j = 0; j < 8; ++j)
                bank.combs[static_cast<size_t>(j)].assign(length(combTuning[j]), 0.0f);
            for (int k = 0; k < 4; ++k)
                bank.allPasses[static_cast<size_t>(k)].assign(length(allPassTuning[k]), 0.0f);
        }
        m_feedback = static_cast<float>(room * 0.28 + 0.7);
        m_damp = static_cast<float>(damping * 0.4);
        const float wet = static_cast<float>(mix) * 3.0f;
        m_wet1 = wet * static_cast<float>(width / 2 + 0.5);
        m_wet2 = wet * static_cast<float>((1 - width) / 2);
        m_dry = static_cast<float>(1.0 - mix);
        m_gain = 0.015f * (channels > 1 ? 1.0f : 2.0f);
    }

    void process(dsp::AudioBuffer& buffer)
    {
        const int channels = buffer.numChannels();
        std::vector<float> wet(static_cast<size_t>(channels));
        for (int i = 0; i < buffer.numFrames(); ++i) {
            float in = 0.0f;
            for (int c = 0; c < channels; ++c)
                in += buffer.channel(c)[i];
            in *= m_gain;
            for (int c = 0; c < channels; ++c)
                wet[static_cast<size_t>(c)] = bankSample(m_banks[static_cast<size_t>(c)], in);
            for (int c = 0; c < channels; ++c) {
                const int partner = (c ^ 1) < channels ? (c ^ 1) : c;
                const float w1 = partner == c ? m_wet1 + m_wet2 : m_wet1;
                const float w2 = partner == c ? 0.0f : m_wet2;
                float& x = buffer.channel(c)[i];
                x = x * m_dry + wet[static_cast<size_t>(c)] * w1 + wet[static_cast<size_t>(partner)] * w2;
            }
        }
    }

private:
    struct Bank {
        std::array<std::vector<float>, 8> combs;
        std::array<float, 8> store{};
        std::array<std::vector<float>, 4> allPasses;
        size_t index[12] = {};
    };

    float bankSample(Bank& bank, float in)
    {
        float sum = 0.0f;
        for (size_t j = 0; j < 8; ++j) {
            float& slot = bank.combs[j][bank.index[j]];
            const float y = slot;
            bank.store[j] = y * (1.0f - m_damp) + bank.store[j] * m_damp;
            slot = in + bank.store[j] * m_feedback;
            sum += y;
            bank.index[j] = (bank.index[j] + 1) % bank.combs[j].size();
        }
        float out = sum;
        for (size_t k = 0; k < 4; ++k) {
            float& slot = bank.allPasses[k][bank.index[8 + k]];
            const float buffered = slot;
            slot = out + buffered * 0.5f;
            out = buffered - out;
            bank.index[8 + k] = (bank.index[8 + k] + 1) % bank.allPasses[k].size();
        }
        return out;
    }

    std::vector<Bank> m_banks;
    float m_feedback, m_damp, m_wet1, m_wet2, m_dry, m_gain;
};

// Power of x[from, to) at `hz` under a Hann window (Goertzel).
double tonePower(const float* x, int from, int to, double hz, double rate)
{
    const double w = 2.0 * std::numbers::pi * hz / rate;
    const double k = 2.0 * std::cos(w);
    double s1 = 0.0, s2 = 0.0;
    for (int i = from; i < to; ++i) {
        const double hann = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * (i - from) / (to - from));
        const double s = hann * x[i] + k * s1 - s2;
        s2 = s1;
        s1 = s;
    }
    return s1 * s1 + s2 * s2 - k * s1 * s2;
}

} // namespace

class TestBasicEffects : public QObject {
    Q_OBJECT

private slots:
    void delayImpulseGivesTheDesignedEchoes()
    {
        auto delay = make("Delay(delay_samples=2, feedback=0.5, taps=3, mix=1)");
        dsp::AudioBuffer buffer(1, 12);
        buffer.channel(0)[0] = 1.0f;
        run(*delay, buffer);
        const std::vector<float> expected{0, 0, 1, 0, 0.5f, 0, 0.25f, 0, 0, 0, 0, 0};
        for (int i = 0; i < 12; ++i)
            QCOMPARE(buffer.channel(0)[i], expected[static_cast<size_t>(i)]);
    }

    void delayKeepsTheInputLengthAndCarriesHistoryAcrossBlocks()
    {
        auto delay = make("Delay(delay_samples=3, feedback=0.5, taps=2, mix=1)");
        dsp::AudioBuffer first(1, 2), second(1, 6);
        first.channel(0)[0] = 1.0f;
        run(*delay, first);
        run(*delay, second);
        QCOMPARE(first.numFrames(), 2);
        QCOMPARE(second.channel(0)[1], 1.0f); // sample 3
        QCOMPARE(second.channel(0)[4], 0.5f); // sample 6
    }

    void delayFromTempoMatchesTorchFx_data()
    {
        QTest::addColumn<QString>("time");
        QTest::addColumn<int>("samples");
        QTest::newRow("1/4") << "1/4" << 22050;
        QTest::newRow("1/8") << "1/8" << 11025;
        QTest::newRow("1/16") << "1/16" << 5512;
        QTest::newRow("1/8d") << "1/8d" << 16537;
        QTest::newRow("1/8t") << "1/8t" << 7350;
    }
    void delayFromTempoMatchesTorchFx()
    {
        QFETCH(QString, time);
        QFETCH(int, samples);
        auto chain = parseChain("Delay(bpm=120, delay_time=\"" + time.toStdString() + "\")");
        QCOMPARE(static_cast<Delay&>(chain.at(0)).delayFor(44100.0), samples);
    }

    void pingPongAlternatesChannels()
    {
        auto delay =
            make("Delay(delay_samples=2, feedback=0.5, taps=2, mix=1, strategy=ping_pong)", 48000, 2);
        dsp::AudioBuffer buffer(2, 8);
        buffer.channel(0)[0] = 1.0f; // left only
        run(*delay, buffer);
        QCOMPARE(buffer.channel(0)[2], 1.0f); // first echo on the same side
        QCOMPARE(buffer.channel(1)[2], 0.0f);
        QCOMPARE(buffer.channel(1)[4], 0.5f); // second echo on the other side
        QCOMPARE(buffer.channel(0)[4], 0.0f);
    }

    void gainTypesConvert()
    {
        for (auto [spec, factor] :
             std::vector<std::pair<std::string, float>>{{"Gain(2)", 2.0f},
                                                        {"Gain(-6.0206, gain_type=db)", 0.5f},
                                                        {"Gain(4, gain_type=power)", 2.0f}}) {
            auto gain = make(spec);
            dsp::AudioBuffer buffer(1, 4);
            std::fill_n(buffer.channel(0), 4, 0.25f);
            run(*gain, buffer);
            QVERIFY2(std::abs(buffer.channel(0)[3] - 0.25f * factor) < 1e-6f, spec.c_str());
        }
        auto clamped = make("Gain(10, clamp=true)");
        dsp::AudioBuffer buffer(1, 4);
        std::fill_n(buffer.channel(0), 4, 0.5f);
        run(*clamped, buffer);
        QCOMPARE(buffer.channel(0)[0], 1.0f);
    }

    void negativeAmplitudeOrPowerGainIsAnError()
    {
        QVERIFY_THROWS_EXCEPTION(ParameterError, parseChain("Gain(-1)"));
        QVERIFY_THROWS_EXCEPTION(ParameterError, parseChain("Gain(-1, gain_type=power)"));
        parseChain("Gain(-1, gain_type=db)"); // attenuation in dB is fine
    }

    void gainSweepRampsWithoutSteps()
    {
        // gain 0 -> 1.5 applied live on a DC signal: the ramp never jumps by more than one
        // ramp step, where an unsmoothed change would jump by the full 1.5.
        auto gain = make("Gain(0)");
        dsp::AudioBuffer buffer(1, 48000);
        std::fill_n(buffer.channel(0), 48000, 1.0f);
        for (int start = 0; start < 48000; start += 480) {
            gain->applyParameter(0, 1.5 * start / 48000.0);
            auto block = buffer.block(start, 480);
            gain->process(block);
        }
        float worst = 0.0f;
        for (int i = 1; i < 48000; ++i)
            worst = std::max(worst, std::abs(buffer.channel(0)[i] - buffer.channel(0)[i - 1]));
        QVERIFY2(worst < 0.001f, qPrintable(QString::number(worst)));
        QVERIFY(buffer.channel(0)[47999] > 1.3f);
        // Once the knob stops, the gain settles exactly on its target within the ramp time.
        gain->applyParameter(0, 1.5);
        dsp::AudioBuffer tail(1, 4800);
        std::fill_n(tail.channel(0), 4800, 1.0f);
        auto block = tail.block();
        gain->process(block);
        QCOMPARE(tail.channel(0)[4799], 1.5f);
    }

    void normalizePeakUsesTheWholeSignal()
    {
        auto norm = make("Normalize(peak=0.95)", 48000, 2);
        auto input = test::whiteNoise(2, 48000, 0.1f);
        input.channel(1)[30000] = 0.4f; // one loud sample late in the signal
        norm->beginAnalysis();
        // Analysed in chunks, as the stream processor does.
        for (int start = 0; start < 48000; start += 1000)
            norm->analyze(input.block(start, 1000));
        norm->endAnalysis();
        for (int start = 0; start < 48000; start += 1000) {
            auto block = input.block(start, 1000);
            norm->process(block);
        }
        QVERIFY(std::abs(test::peakOf(input) - 0.95) <= 0.95 * 1e-6);
        // Every chunk got the same gain: the early, quiet part was not pushed to 0.95.
        double earlyPeak = 0.0;
        for (int i = 0; i < 1000; ++i)
            earlyPeak = std::max(earlyPeak, std::abs(static_cast<double>(input.channel(0)[i])));
        QVERIFY(earlyPeak < 0.95 * 0.1 / 0.4 + 1e-6);
    }

    void normalizeStrategies()
    {
        auto input = test::whiteNoise(2, 20000, 0.5f);
        for (int i = 0; i < 20000; ++i)
            input.channel(1)[i] *= 0.5f;
        const auto normalised = [&](const std::string& spec) {
            auto norm = make(spec, 48000, 2, 20000);
            auto out = test::copyOf(input);
            norm->beginAnalysis();
            norm->analyze(out.block());
            norm->endAnalysis();
            run(*norm, out);
            return out;
        };
        // rms: the output RMS equals `peak`.
        {
            auto out = normalised("Normalize(peak=0.2, strategy=rms)");
            double sum = 0;
            for (int c = 0; c < 2; ++c)
                for (int i = 0; i < 20000; ++i)
                    sum += out.channel(c)[i] * static_cast<double>(out.channel(c)[i]);
            QVERIFY(std::abs(std::sqrt(sum / 40000) - 0.2) < 1e-5);
        }
        // per_channel: each channel peaks at `peak`.
        {
            auto out = normalised("Normalize(peak=0.9, strategy=per_channel)");
            for (int c = 0; c < 2; ++c) {
                double peak = 0;
                for (int i = 0; i < 20000; ++i)
                    peak = std::max(peak, std::abs(static_cast<double>(out.channel(c)[i])));
                QVERIFY(std::abs(peak - 0.9) < 1e-6);
            }
        }
        // percentile: the 90th percentile of |x| lands on `peak` (numpy's linear rule).
        {
            auto out = normalised("Normalize(peak=0.5, strategy=percentile, percentile=90)");
            std::vector<double> values;
            for (int c = 0; c < 2; ++c)
                for (int i = 0; i < 20000; ++i)
                    values.push_back(std::abs(static_cast<double>(out.channel(c)[i])));
            std::sort(values.begin(), values.end());
            const double rank = 0.9 * (values.size() - 1);
            const double p90 = values[static_cast<size_t>(rank)];
            QVERIFY2(std::abs(p90 - 0.5) < 0.5 * 1e-3, qPrintable(QString::number(p90)));
        }
    }

    void normalizePercentileWorksAfterALargeGain()
    {
        // A chain may put a big gain before Normalize: |x| far above full scale still has bins.
        auto norm = make("Normalize(peak=1.0, strategy=percentile, percentile=50)", 48000, 1, 48000);
        auto input = test::sine(1, 48000, 1000.0, 48000.0, 50.0f); // a 0.5 sine after Gain(100)
        norm->beginAnalysis();
        norm->analyze(input.block());
        norm->endAnalysis();
        run(*norm, input);
        std::vector<double> values;
        for (int i = 0; i < 48000; ++i)
            values.push_back(std::abs(static_cast<double>(input.channel(0)[i])));
        std::sort(values.begin(), values.end());
        const double median = values[static_cast<size_t>(0.5 * (values.size() - 1))];
        QVERIFY2(std::abs(median - 1.0) < 1e-3, qPrintable(QString::number(median)));
    }

    void normalizeLufsAsksItsMeterAndNeverExceedsPeak()
    {
        auto chain = parseChain("Normalize(peak=1.0, strategy=lufs, lufs=-20)");
        auto effect = chain.remove(0);
        effect->prepare({48000, 4096, 2});
        auto& norm = static_cast<Normalize&>(*effect);
        QVERIFY_THROWS_EXCEPTION(ParameterError, norm.beginAnalysis()); // no meter: a clear error
        auto meter = std::make_shared<FixedMeter>(-26.0);
        norm.setLoudnessMeter(meter);
        auto input = test::whiteNoise(2, 4096, 0.1f);
        norm.beginAnalysis();
        norm.analyze(input.block());
        norm.endAnalysis();
        QCOMPARE(meter->frames, 4096L);
        QVERIFY(std::abs(norm.gainFor(0) - std::pow(10.0, 6.0 / 20.0)) < 1e-9); // +6 dB to -20 LUFS
        // A loudness target that would clip gets its gain (and more, for what limiting takes);
        // the true-peak limiter keeps every sample under the ceiling (-1 dBTP by default).
        norm.setLoudnessMeter(std::make_shared<FixedMeter>(-60.0));
        norm.beginAnalysis();
        norm.analyze(input.block());
        norm.endAnalysis();
        QVERIFY(norm.gainFor(0) >= std::pow(10.0, 40.0 / 20.0) * (1 - 1e-9));
        QVERIFY(norm.limiterReductionDb() > 10.0);
        norm.reset();
        auto output = test::copyOf(input);
        auto block = output.block();
        norm.process(block);
        QVERIFY(test::peakOf(output) <= std::pow(10.0, -1.0 / 20.0));
        QVERIFY(test::peakOf(output) > std::pow(10.0, -6.0 / 20.0)); // limited, not muted
    }

    void normalizeOfSilenceLeavesItAlone()
    {
        auto norm = make("Normalize()", 48000, 1);
        dsp::AudioBuffer buffer(1, 100);
        norm->beginAnalysis();
        norm->analyze(buffer.block());
        norm->endAnalysis();
        run(*norm, buffer);
        QCOMPARE(test::peakOf(buffer), 0.0);
    }

    void reverbDryMixIsTheInputAndTheTailRingsOut()
    {
        auto dry = make("Reverb(mix=0)", 48000, 2);
        auto input = test::whiteNoise(2, 4800);
        auto out = test::copyOf(input);
        run(*dry, out);
        QCOMPARE(test::maxAbsDifference(input, out), 0.0);

        auto wet = make("Reverb(room_size=0.8, mix=1)", 48000, 2, 96000);
        dsp::AudioBuffer impulse(2, 96000);
        impulse.channel(0)[0] = impulse.channel(1)[0] = 1.0f;
        run(*wet, impulse);
        double late = 0.0, end = 0.0;
        for (int i = 24000; i < 26000; ++i)
            late = std::max(late, std::abs(static_cast<double>(impulse.channel(0)[i])));
        for (int i = 94000; i < 96000; ++i)
            end = std::max(end, std::abs(static_cast<double>(impulse.channel(0)[i])));
        QVERIFY(late > 1e-4);     // still ringing at 0.5 s
        QVERIFY(end < late / 10); // and decaying
        QVERIFY(wet->tailSeconds() > 1.0);
        // Stereo spread: the channels' tails differ.
        double differ = 0.0;
        for (int i = 0; i < 96000; ++i)
            differ = std::max(differ,
                              std::abs(static_cast<double>(impulse.channel(0)[i] - impulse.channel(1)[i])));
        QVERIFY(differ > 1e-3);
    }

    // Blocks of every length mix the reverb's AVX (8 frames), SSE2 (4 frames) and scalar paths in
    // different places than one whole block does: the output must be the same bits, for one,
    // two and three channels (two banks in one loop, and a lone bank).
    void reverbSimdAndScalarPathsGiveTheSameBits_data()
    {
        QTest::addColumn<int>("channels");
        QTest::newRow("mono") << 1;
        QTest::newRow("stereo") << 2;
        QTest::newRow("three channels") << 3;
    }
    void reverbSimdAndScalarPathsGiveTheSameBits()
    {
        QFETCH(int, channels);
        const int frames = 48000;
        const auto input = test::whiteNoise(channels, frames, 0.5f);
        auto whole = test::copyOf(input);
        auto wholeReverb = make("Reverb(room_size=0.7, damping=0.3, width=0.8)", 48000, channels, frames);
        run(*wholeReverb, whole);

        auto pieces = test::copyOf(input);
        auto pieceReverb = make("Reverb(room_size=0.7, damping=0.3, width=0.8)", 48000, channels, 777);
        int start = 0;
        for (int len = 1; start < frames; len = len % 777 + 13) {
            const int n = std::min(len, frames - start);
            auto block = pieces.block().subBlock(start, n);
            pieceReverb->process(block);
            start += n;
        }
        QCOMPARE(test::maxAbsDifference(whole, pieces), 0.0);
        QVERIFY(test::maxAbsDifference(whole, input) > 0.01); // the reverb did something
    }

    // The SIMD reverb is Freeverb: for any rate from 8 to 192 kHz, one to 64 channels and block
    // lengths that are not multiples of 4 or 8, it gives what a plain one-sample-at-a-time
    // Freeverb with the same delay lengths gives.
    void reverbIsPlainFreeverb_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("block");
        for (double rate : {8000.0, 44100.0, 48000.0, 96000.0, 192000.0})
            for (int channels : {1, 2, 3, 5})
                for (int block : {64, 333})
                    QTest::addRow("%g Hz, %d ch, blocks of %d", rate, channels, block)
                        << rate << channels << block;
        QTest::addRow("48000 Hz, 64 ch, blocks of 333") << 48000.0 << 64 << 333;
    }
    void reverbIsPlainFreeverb()
    {
        QFETCH(double, rate);
        QFETCH(int, channels);
        QFETCH(int, block);
        const int frames = static_cast<int>(rate / 2);
        const auto input = test::whiteNoise(channels, frames, 0.5f);
        auto expected = test::copyOf(input);
        PlainFreeverb(rate, channels, 0.7, 0.3, 0.4, 0.8).process(expected);

        auto got = test::copyOf(input);
        auto reverb = make("Reverb(room_size=0.7, damping=0.3, mix=0.4, width=0.8)", rate, channels, block);
        for (int start = 0; start < frames; start += block) {
            auto part = got.block().subBlock(start, std::min(block, frames - start));
            reverb->process(part);
        }
        QVERIFY2(test::maxAbsDifference(expected, got) < 1e-6,
                 qPrintable(QString::number(test::maxAbsDifference(expected, got))));
    }

    // Freeverb's delay lengths share no common factor. Rounded to multiples of 8, every comb
    // of every channel resonates at an eighth of the rate (and its multiples): the tail rings
    // there with a metallic tone instead of decaying as diffuse noise.
    void reverbTailHasNoCommonResonanceAtAnEighthOfTheRate()
    {
        const double rate = 44100.0;
        const int frames = static_cast<int>(rate * 2);
        auto reverb = make("Reverb(room_size=0.9, damping=0.2, mix=1)", rate, 2, frames);
        dsp::AudioBuffer impulse(2, frames);
        impulse.channel(0)[0] = impulse.channel(1)[0] = 1.0f;
        run(*reverb, impulse);
        const float* tail = impulse.channel(0);
        const int from = static_cast<int>(rate * 0.3);
        const double eighth = rate / 8;
        std::vector<double> around; // every 2 Hz within 300 Hz of it
        for (double hz = eighth - 300.0; hz <= eighth + 300.0; hz += 2.0)
            around.push_back(tonePower(tail, from, frames, hz, rate));
        std::nth_element(around.begin(), around.begin() + around.size() / 2, around.end());
        const double median = around[around.size() / 2];
        const double atEighth = tonePower(tail, from, frames, eighth, rate);
        QVERIFY2(
            atEighth < 10.0 * median,
            qPrintable(QString("%1 dB above its neighbourhood").arg(10.0 * std::log10(atEighth / median))));
    }

    // Each channel's delay lines are longer by the stereo spread: the tail must cover the last
    // channel's longest comb, or a 6-channel batch tail is cut before it has decayed by 60 dB.
    void reverbTailCoversTheLongestChannel()
    {
        auto stereo = make("Reverb(room_size=0.8)", 48000, 2);
        auto six = make("Reverb(room_size=0.8)", 48000, 6);
        const double ratio = six->tailSeconds() / stereo->tailSeconds();
        QVERIFY2(std::abs(ratio - (1617.0 + 5 * 23) / (1617.0 + 23)) < 1e-9,
                 qPrintable(QString::number(ratio)));
    }

    void reverbScalesItsDelaysToTheSampleRate()
    {
        // The first comb echo arrives after the same time, not the same sample count.
        const auto firstEcho = [](double rate) {
            auto reverb = make("Reverb(mix=1, damping=0)", rate, 1, static_cast<int>(rate));
            dsp::AudioBuffer impulse(1, static_cast<int>(rate / 10));
            impulse.channel(0)[0] = 1.0f;
            run(*reverb, impulse);
            // The all-passes pass the impulse at once; the earliest comb echo (1116 at 44.1k)
            // shows as the first sample after the all-pass region that changes sharply.
            int i = static_cast<int>(rate * 1100 / 44100.0);
            float base = std::abs(impulse.channel(0)[i]);
            for (; i < impulse.numFrames() - 1; ++i)
                if (std::abs(impulse.channel(0)[i]) > base + 0.005f)
                    return i / rate;
            return 0.0;
        };
        const double at44 = firstEcho(44100.0), at96 = firstEcho(96000.0);
        QVERIFY(at44 > 0.02);
        QVERIFY2(std::abs(at44 - at96) < 0.0005, qPrintable(QString("%1 vs %2").arg(at44).arg(at96)));
    }
};

QTEST_APPLESS_MAIN(TestBasicEffects)
#include "tst_basiceffects.moc"
