// The effects made fast for issue 14 (Compressor, NoiseGate, Limiter, Chorus, Flanger, Tremolo)
// against verbatim copies of their per-sample loops before it, kept here as the direct reference:
// random parameter sets, live changes that ramp (several at once, some before the last ended), the
// base's mix, block sizes from 1 frame up and random, 1 to 4 channels, 22.05 to 96 kHz, on inputs
// that cross every threshold (noise and tones from -70 to +6 dBFS, silence, clicks).
// Also the Compressor's fastLn and fastExp2 against std::log and std::exp2.

#include "dsp/AudioBuffer.h"
#include "dsp/Denormals.h"
#include "dsp/Effect.h"
#include "dsp/EffectRegistry.h"
#include "dsp/FastExpLog.h"

#include <QTest>
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <numbers>
#include <random>
#include <string>
#include <vector>

using namespace fxrack::dsp;

namespace reference {

// ---------------------------------------------------------------------------------------------
// Verbatim from src/dsp/effects/Dynamics.cpp before issue 14 (only the class names differ).

constexpr double kTinyDb = 1e-9;
constexpr double kTinyLevel = 1e-15;
constexpr double kGateDetectorReleaseMs = 10.0;

double framePeak(const AudioBlock& block, int frame) noexcept
{
    float peak = 0.0f;
    for (int c = 0; c < block.numChannels(); ++c)
        peak = std::max(peak, std::abs(block.channel(c)[frame]));
    return peak;
}

double onePoleCoefficient(double ms, double sampleRate) noexcept
{
    const double samples = ms * 0.001 * sampleRate;
    return samples > 0.0 ? std::exp(-1.0 / samples) : 0.0;
}

double dbToFactor(double db) noexcept
{
    return std::pow(10.0, db / 20.0);
}

void applyGain(const AudioBlock& block, int frame, double gain) noexcept
{
    const auto g = static_cast<float>(gain);
    for (int c = 0; c < block.numChannels(); ++c)
        block.channel(c)[frame] *= g;
}

class Compressor final : public Effect {
public:
    enum Param { Threshold, Ratio, AttackMs, ReleaseMs, KneeDb, MakeupDb };
    explicit Compressor(const EffectType& type) : Effect(type) {}

    static double gainReductionDb(double levelDb, double thresholdDb, double ratio, double kneeDb) noexcept
    {
        const double over = levelDb - thresholdDb;
        const double slope = 1.0 - 1.0 / ratio;
        if (2.0 * over <= -kneeDb)
            return 0.0;
        if (2.0 * over < kneeDb) {
            // Quadratic knee: meets both straight lines with matching slope.
            const double x = over + kneeDb / 2.0;
            return slope * x * x / (2.0 * kneeDb);
        }
        return slope * over;
    }

    void doReset() noexcept override
    {
        m_peakDb = 0.0;
        m_reductionDb = 0.0;
    }

    void doProcess(AudioBlock& block) noexcept override
    {
        constexpr double kDbPerLn = 20.0 / 2.302585092994046; // 20 / ln(10)
        const auto timeConstant = [fs = spec().sampleRate](double ms) { return onePoleCoefficient(ms, fs); };
        for (int i = 0; i < block.numFrames(); ++i) {
            const double thresholdDb = nextSmoothed(Threshold);
            const double ratio = nextSmoothed(Ratio);
            const double kneeDb = nextSmoothed(KneeDb);
            followSmoothed(MakeupDb, m_makeup, dbToFactor);
            followSmoothed(AttackMs, m_attack, timeConstant);
            followSmoothed(ReleaseMs, m_release, timeConstant);

            const double peak = framePeak(block, i);
            double targetDb = 0.0;
            if (peak > kTinyLevel)
                targetDb = gainReductionDb(kDbPerLn * std::log(peak), thresholdDb, ratio, kneeDb);

            // Smooth decoupled peak detector: the release stage holds peaks, the attack stage
            // smooths onsets; no release is applied twice.
            m_peakDb = std::max(targetDb, m_release * m_peakDb + (1.0 - m_release) * targetDb);
            m_reductionDb = m_attack * m_reductionDb + (1.0 - m_attack) * m_peakDb;
            if (m_peakDb < kTinyDb)
                m_peakDb = 0.0;
            if (m_reductionDb < kTinyDb)
                m_reductionDb = 0.0;

            const double gain =
                m_reductionDb == 0.0 ? m_makeup : m_makeup * std::exp(-m_reductionDb / kDbPerLn);
            applyGain(block, i, gain);
        }
    }

protected:
    void doPrepare(const ProcessSpec& /*spec*/) override {}
    void updateControls() noexcept override
    {
        const double fs = spec().sampleRate;
        m_makeup = dbToFactor(smoothed(MakeupDb));
        m_attack = onePoleCoefficient(smoothed(AttackMs), fs);
        m_release = onePoleCoefficient(smoothed(ReleaseMs), fs);
    }

private:
    double m_makeup = 1.0;
    double m_attack = 0.0;
    double m_release = 0.0;
    double m_peakDb = 0.0;
    double m_reductionDb = 0.0;
};

class NoiseGate final : public Effect {
public:
    enum Param { Threshold, AttackMs, HoldMs, ReleaseMs, RangeDb };
    explicit NoiseGate(const EffectType& type) : Effect(type) {}

    void doReset() noexcept override
    {
        m_envelope = 0.0;
        m_holdLeft = 0;
        m_gain = dbToFactor(param(RangeDb));
    }

    void doProcess(AudioBlock& block) noexcept override
    {
        const double samplesPerMs = spec().sampleRate * 0.001;
        const auto timeConstant = [fs = spec().sampleRate](double ms) { return onePoleCoefficient(ms, fs); };
        for (int i = 0; i < block.numFrames(); ++i) {
            followSmoothed(Threshold, m_threshold, dbToFactor);
            followSmoothed(RangeDb, m_range, dbToFactor);
            followSmoothed(AttackMs, m_attack, timeConstant);
            followSmoothed(ReleaseMs, m_release, timeConstant);
            const double holdMs = nextSmoothed(HoldMs);

            m_envelope = std::max(framePeak(block, i), m_envelope * m_envelopeDecay);
            if (m_envelope < kTinyLevel)
                m_envelope = 0.0;

            bool open = false;
            if (m_envelope >= m_threshold) {
                m_holdLeft = static_cast<int64_t>(holdMs * samplesPerMs);
                open = true;
            } else if (m_holdLeft > 0) {
                --m_holdLeft;
                open = true;
            }
            const double target = open ? 1.0 : m_range;
            const double coefficient = target > m_gain ? m_attack : m_release;
            m_gain = target + coefficient * (m_gain - target);
            applyGain(block, i, m_gain);
        }
    }

protected:
    void doPrepare(const ProcessSpec& spec) override
    {
        m_envelopeDecay = onePoleCoefficient(kGateDetectorReleaseMs, spec.sampleRate);
        doReset();
    }
    void updateControls() noexcept override
    {
        const double fs = spec().sampleRate;
        m_threshold = dbToFactor(smoothed(Threshold));
        m_range = dbToFactor(smoothed(RangeDb));
        m_attack = onePoleCoefficient(smoothed(AttackMs), fs);
        m_release = onePoleCoefficient(smoothed(ReleaseMs), fs);
    }

private:
    double m_threshold = 0.0;
    double m_range = 0.0;
    double m_attack = 0.0;
    double m_release = 0.0;
    double m_envelopeDecay = 0.0;
    double m_envelope = 0.0;
    double m_gain = 0.0;
    int64_t m_holdLeft = 0;
};

class Limiter final : public Effect {
public:
    enum Param { Ceiling, ReleaseMs, LookaheadMs };
    explicit Limiter(const EffectType& type) : Effect(type) {}

    int latencySamples() const noexcept override
    {
        return static_cast<int>(std::lround(param(LookaheadMs) * 0.001 * spec().sampleRate));
    }

    void doReset() noexcept override
    {
        std::fill(m_delay.begin(), m_delay.end(), 0.0f);
        std::fill(m_gains.begin(), m_gains.end(), 1.0);
        m_gainSum = static_cast<double>(m_window);
        m_released = 1.0;
        m_pos = 0;
        m_frame = 0;
        m_minHead = 0;
        m_minCount = 0;
    }

    void doProcess(AudioBlock& block) noexcept override
    {
        if (isSmoothing(Ceiling) || isSmoothing(ReleaseMs))
            limit<true>(block);
        else
            limit<false>(block);
    }

protected:
    void doPrepare(const ProcessSpec& spec) override
    {
        m_window = latencySamples() + 1;
        const auto window = static_cast<size_t>(m_window);
        m_delay.assign(window * static_cast<size_t>(spec.numChannels), 0.0f);
        m_gains.assign(window, 1.0);
        m_minValues.assign(window, 1.0);
        m_minFrames.assign(window, 0);
        doReset();
    }
    void updateControls() noexcept override
    {
        m_ceiling = dbToFactor(smoothed(Ceiling));
        m_release = onePoleCoefficient(smoothed(ReleaseMs), spec().sampleRate);
    }

private:
    template <bool kRamping> void limit(AudioBlock& block) noexcept
    {
        const int channels = std::min(block.numChannels(), spec().numChannels);
        const int window = m_window;
        const auto timeConstant = [fs = spec().sampleRate](double ms) { return onePoleCoefficient(ms, fs); };
        for (int i = 0; i < block.numFrames(); ++i) {
            if constexpr (kRamping) {
                followSmoothed(Ceiling, m_ceiling, dbToFactor);
                followSmoothed(ReleaseMs, m_release, timeConstant);
            }
            const double ceiling = m_ceiling;
            const double release = m_release;

            const double peak = framePeak(block, i);
            const double needed = peak > ceiling ? ceiling / peak : 1.0;

            const auto wrap = [window](int index) {
                return static_cast<size_t>(index >= window ? index - window : index);
            };
            if (m_minCount > 0 && m_minFrames[static_cast<size_t>(m_minHead)] <= m_frame - window) {
                m_minHead = static_cast<int>(wrap(m_minHead + 1));
                --m_minCount;
            }
            while (m_minCount > 0 && m_minValues[wrap(m_minHead + m_minCount - 1)] >= needed)
                --m_minCount;
            const auto back = wrap(m_minHead + m_minCount);
            m_minValues[back] = needed;
            m_minFrames[back] = m_frame;
            ++m_minCount;
            const double held = m_minValues[static_cast<size_t>(m_minHead)];

            m_released = held < m_released ? held : held + release * (m_released - held);

            const auto pos = static_cast<size_t>(m_pos);
            m_gainSum += m_released - m_gains[pos];
            m_gains[pos] = m_released;
            const double gain = m_gainSum / window;

            const auto ceilingF = static_cast<float>(ceiling);
            const auto g = static_cast<float>(gain);
            const auto readPos = static_cast<size_t>(m_pos + 1 == window ? 0 : m_pos + 1);
            for (int c = 0; c < channels; ++c) {
                float* line = m_delay.data() + static_cast<size_t>(c) * static_cast<size_t>(window);
                float* x = block.channel(c) + i;
                line[pos] = *x;
                *x = std::clamp(line[readPos] * g, -ceilingF, ceilingF);
            }

            if (++m_pos == window) {
                m_pos = 0;
                m_gainSum = 0.0;
                for (double v : m_gains)
                    m_gainSum += v;
            }
            ++m_frame;
        }
    }

    double m_ceiling = 1.0;
    double m_release = 0.0;
    int m_window = 1;
    int m_pos = 0;
    int64_t m_frame = 0;
    std::vector<float> m_delay;
    std::vector<double> m_gains;
    double m_gainSum = 0.0;
    double m_released = 1.0;
    std::vector<double> m_minValues;
    std::vector<int64_t> m_minFrames;
    int m_minHead = 0;
    int m_minCount = 0;
};

// ---------------------------------------------------------------------------------------------
// Verbatim from src/dsp/effects/Modulation.{h,cpp} before issue 14 (only the class names differ).

constexpr float kTinySample = 1e-30f;
constexpr double kMinReadDelay = 2.0;

size_t nextPowerOfTwo(size_t n)
{
    size_t p = 1;
    while (p < n)
        p <<= 1;
    return p;
}

class ModulationDelayLine {
public:
    void prepare(int channels, int maxDelaySamples)
    {
        const size_t size = nextPowerOfTwo(static_cast<size_t>(maxDelaySamples) + 4);
        m_mask = size - 1;
        m_data.assign(size * static_cast<size_t>(channels), 0.0f);
        m_write = 0;
    }
    void clear() noexcept
    {
        std::fill(m_data.begin(), m_data.end(), 0.0f);
        m_write = 0;
    }
    float read(int channel, double delaySamples) const noexcept
    {
        const double d = std::clamp(delaySamples, kMinReadDelay, static_cast<double>(m_mask - 2));
        const auto whole = static_cast<size_t>(d);
        const auto f = static_cast<float>(d - static_cast<double>(whole));
        const float* line = m_data.data() + offset(channel);
        const size_t base = m_write + (m_mask + 1);
        const float newer = line[(base - whole + 1) & m_mask];
        const float y0 = line[(base - whole) & m_mask];
        const float y1 = line[(base - whole - 1) & m_mask];
        const float older = line[(base - whole - 2) & m_mask];
        const float c1 = 0.5f * (y1 - newer);
        const float c2 = newer - 2.5f * y0 + 2.0f * y1 - 0.5f * older;
        const float c3 = 0.5f * (older - newer) + 1.5f * (y0 - y1);
        return ((c3 * f + c2) * f + c1) * f + y0;
    }
    void push(int channel, float x) noexcept { m_data[offset(channel) + m_write] = x; }
    void advance() noexcept { m_write = (m_write + 1) & m_mask; }

private:
    size_t offset(int channel) const noexcept { return static_cast<size_t>(channel) * (m_mask + 1); }
    std::vector<float> m_data;
    size_t m_mask = 0;
    size_t m_write = 0;
};

struct ModulationLfo {
    double phase = 0.0;
    static constexpr double kChannelSpread = 0.25;

    double value(int channel) const noexcept
    {
        const double p = phase + kChannelSpread * channel;
        return 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * p);
    }
    void advance(double cyclesPerSample) noexcept
    {
        phase += cyclesPerSample;
        if (phase >= 1.0)
            phase -= 1.0;
    }
};

class ModulatedDelayEffect : public Effect {
public:
    void doReset() noexcept override
    {
        m_line.clear();
        m_lfo.phase = 0.0;
    }

protected:
    static constexpr int kRateHzId = 0;
    static constexpr int kDepthMsId = 1;

    ModulatedDelayEffect(const EffectType& type, double baseDelayMs)
        : Effect(type), m_baseDelayMs(baseDelayMs)
    {}
    void doPrepare(const ProcessSpec& spec) override
    {
        const double maxMs = m_baseDelayMs + paramInfo(kDepthMsId).maxValue;
        m_line.prepare(spec.numChannels, static_cast<int>(std::ceil(maxMs * 0.001 * spec.sampleRate)) + 2);
        doReset();
    }

    template <typename Frame, typename Feed>
    void processSweep(AudioBlock& block, Frame frame, Feed feed) noexcept
    {
        const double fs = spec().sampleRate;
        const double samplesPerMs = fs * 0.001;
        const double baseDelayMs = m_baseDelayMs;
        const int channels = std::min(block.numChannels(), spec().numChannels);
        for (int i = 0; i < block.numFrames(); ++i) {
            const double rate = nextSmoothed(kRateHzId);
            const double depthMs = nextSmoothed(kDepthMsId);
            const auto frameValue = frame();
            for (int c = 0; c < channels; ++c) {
                float* x = block.channel(c) + i;
                const double delay = (baseDelayMs + depthMs * m_lfo.value(c)) * samplesPerMs;
                const float wet = m_line.read(c, delay);
                m_line.push(c, feed(*x, wet, frameValue));
                *x = wet;
            }
            m_line.advance();
            m_lfo.advance(rate / fs);
        }
    }

    ModulationDelayLine m_line;
    ModulationLfo m_lfo;

private:
    double m_baseDelayMs;
};

class Chorus final : public ModulatedDelayEffect {
public:
    explicit Chorus(const EffectType& type) : ModulatedDelayEffect(type, 8.0) {}
    void doProcess(AudioBlock& block) noexcept override
    {
        processSweep(
            block, [] { return 0; }, [](float x, float /*wet*/, int /*unused*/) noexcept { return x; });
    }
};

class Flanger final : public ModulatedDelayEffect {
public:
    enum Param { RateHz, DepthMs, Feedback, Mix };
    explicit Flanger(const EffectType& type) : ModulatedDelayEffect(type, 0.1) {}
    void doProcess(AudioBlock& block) noexcept override
    {
        processSweep(
            block, [this]() noexcept { return static_cast<float>(nextSmoothed(Feedback)); },
            [](float x, float wet, float feedback) noexcept {
                float loop = x + feedback * wet;
                if (std::abs(loop) < kTinySample)
                    loop = 0.0f;
                return loop;
            });
    }
};

class Tremolo final : public Effect {
public:
    enum Param { RateHz, Depth };
    explicit Tremolo(const EffectType& type) : Effect(type) {}
    void doReset() noexcept override { m_lfo.phase = 0.0; }
    void doProcess(AudioBlock& block) noexcept override
    {
        const double fs = spec().sampleRate;
        for (int i = 0; i < block.numFrames(); ++i) {
            const double rate = nextSmoothed(RateHz);
            const double depth = nextSmoothed(Depth);
            const auto gain = static_cast<float>(1.0 - depth * m_lfo.value(0));
            for (int c = 0; c < block.numChannels(); ++c)
                block.channel(c)[i] *= gain;
            m_lfo.advance(rate / fs);
        }
    }

protected:
    void doPrepare(const ProcessSpec& /*spec*/) override {}

private:
    ModulationLfo m_lfo;
};

} // namespace reference

namespace {

const EffectRegistry& registry()
{
    return EffectRegistry::builtin();
}

std::unique_ptr<Effect> makeReference(const std::string& name)
{
    const EffectType& type = *registry().find(name);
    if (name == "Compressor")
        return std::make_unique<reference::Compressor>(type);
    if (name == "NoiseGate")
        return std::make_unique<reference::NoiseGate>(type);
    if (name == "Limiter")
        return std::make_unique<reference::Limiter>(type);
    if (name == "Chorus")
        return std::make_unique<reference::Chorus>(type);
    if (name == "Flanger")
        return std::make_unique<reference::Flanger>(type);
    return std::make_unique<reference::Tremolo>(type);
}

// A value of parameter `info` drawn as its knob moves (log knobs in equal ratios), one time in
// six at either end of its range (a hard knee, ratio 1, no look-ahead, no depth, most feedback).
double randomValue(const ParamInfo& info, std::mt19937& rng)
{
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const double end = u(rng);
    if (end < 1.0 / 12)
        return info.minValue;
    if (end < 1.0 / 6)
        return info.maxValue;
    if (info.scale == Scale::Log && info.minValue > 0.0)
        return info.minValue * std::pow(info.maxValue / info.minValue, u(rng));
    return info.minValue + (info.maxValue - info.minValue) * u(rng);
}

// Segments of 20 to 150 ms: noise and tones from -70 to +6 dBFS, silence and clicks, per channel
// partly shared (a stereo image) and partly not.
AudioBuffer testInput(int channels, int frames, double rate, std::mt19937& rng)
{
    AudioBuffer x(channels, frames);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    int pos = 0;
    while (pos < frames) {
        const int length = std::min(frames - pos, static_cast<int>(rate * (0.02 + 0.13 * u(rng))));
        const int kind = static_cast<int>(u(rng) * 5);
        const double level = std::pow(10.0, (-70.0 + 76.0 * u(rng)) / 20.0);
        const double hz = 20.0 * std::pow(1000.0, u(rng)) * rate / 48000.0;
        const double spread = u(rng);
        for (int i = 0; i < length; ++i) {
            const double common = kind == 0   ? gauss(rng)
                                  : kind == 1 ? std::sin(2.0 * std::numbers::pi * hz * (pos + i) / rate)
                                  : kind == 2 ? 0.0
                                  : kind == 3
                                      ? (i % 997 == 0 ? 1.0 : 0.0)
                                      : gauss(rng) * std::sin(2.0 * std::numbers::pi * 3.0 * i / rate);
            for (int c = 0; c < channels; ++c) {
                const double own = kind == 2 ? 0.0 : gauss(rng) * 0.3;
                x.channel(c)[pos + i] = static_cast<float>(level * ((1.0 - spread) * common + spread * own));
            }
        }
        pos += length;
    }
    return x;
}

struct Outcome {
    double worst = 0.0; // max |fast - reference| / max(1, |reference|)
    double reach = 0.0; // the reference output's peak
};

// One random case: both effects get the same parameters, the same live changes at the same
// block boundaries, the same input and the same blocks.
Outcome runCase(const std::string& name, uint32_t seed)
{
    std::mt19937 rng(seed);
    const double rates[] = {22050.0, 44100.0, 48000.0, 96000.0};
    const double rate = rates[seed % 4];
    const int channels = 1 + static_cast<int>((seed / 4) % 4);
    const int fixedSizes[] = {0, 1, 7, 64, 100, 512}; // 0: random sizes
    const int fixed = fixedSizes[(seed / 16) % 6];
    const int maxBlock = fixed > 0 ? std::max(fixed, 64) : 700;

    auto fast = registry().create(name);
    auto slow = makeReference(name);
    const auto& type = fast->type();
    for (int id = 0; id < fast->paramCount(); ++id) {
        const auto& info = type.params[static_cast<size_t>(id)];
        // Half the cases start from the defaults; mix stays 1 in most, as it usually is.
        if (seed % 2 == 0 && (info.name != "mix" || seed % 5 == 0)) {
            double value = randomValue(info, rng);
            if (info.name == "rate_hz")
                value = std::min(value, 0.45 * rate);
            fast->setParameter(id, value);
            slow->setParameter(id, value);
        }
    }
    fast->prepare({rate, maxBlock, channels});
    slow->prepare({rate, maxBlock, channels});

    const int frames = static_cast<int>(rate * 0.8);
    auto input = testInput(channels, frames, rate, rng);
    AudioBuffer a(channels, frames), b(channels, frames);
    a.block().copyFrom(input.block());
    b.block().copyFrom(input.block());

    std::uniform_int_distribution<int> size(1, maxBlock);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    int pos = 0;
    while (pos < frames) {
        // Live changes between blocks, about every 40 ms: they ramp, often into another's ramp.
        if (u(rng) < (fixed > 0 ? fixed : maxBlock / 2) / (rate * 0.04)) {
            const int id = static_cast<int>(u(rng) * fast->paramCount());
            const auto& info = type.params[static_cast<size_t>(id)];
            if (info.continuous && !info.isText()) {
                double value = randomValue(info, rng);
                if (info.name == "rate_hz")
                    value = std::min(value, 0.45 * rate);
                fast->applyParameter(id, value);
                slow->applyParameter(id, value);
            }
        }
        const int n = std::min(frames - pos, fixed > 0 ? fixed : size(rng));
        auto blockA = a.block(pos, n);
        auto blockB = b.block(pos, n);
        fast->process(blockA);
        slow->process(blockB);
        pos += n;
    }

    Outcome out;
    for (int c = 0; c < channels; ++c)
        for (int i = 0; i < frames; ++i) {
            const double expected = b.channel(c)[i];
            const double diff = std::abs(static_cast<double>(a.channel(c)[i]) - expected);
            out.worst = std::max(out.worst, diff / std::max(1.0, std::abs(expected)));
            out.reach = std::max(out.reach, std::abs(expected));
        }
    return out;
}

} // namespace

class TestSpeedups : public QObject {
    Q_OBJECT

    std::map<QString, double> m_worst; // per effect, over its cases

private slots:
    void cleanupTestCase()
    {
        for (const auto& [name, worst] : m_worst)
            qInfo("%s: worst difference from the loop before issue 14: %g", qPrintable(name), worst);
    }

    void matchesTheLoopBeforeIt_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<uint32_t>("seed");
        for (const char* name : {"Compressor", "NoiseGate", "Limiter", "Chorus", "Flanger", "Tremolo"})
            for (uint32_t seed = 0; seed < 96; ++seed)
                QTest::addRow("%s %u", name, seed) << QString(name) << seed;
    }
    // 1e-6 of full scale (relative above it): the tolerance for every rewritten effect.
    // Limiter, NoiseGate and Tremolo keep every bit. The Compressor's ln and exp (5e-13, 1e-11)
    // and the reordered detector (last bits) move its float gain by a rounding at most (6e-8).
    // Chorus and Flanger: the LFO of a run (within 2e-15 of the per-frame cos) now and then moves
    // the interpolation fraction across a float rounding (6e-8 of the signal's step); in the
    // Flanger the feedback loop then carries float rounding noise of the size the loop before had
    // against float64 (tests/dsp/tst_modulation): the worst of 1,500 random cases was 6.2e-7, of
    // these 96 per effect too (printed at the end).
    void matchesTheLoopBeforeIt()
    {
        QFETCH(QString, name);
        QFETCH(uint32_t, seed);
        ScopedNoDenormals noDenormals; // as on the audio thread and the batch workers
        const auto out = runCase(name.toStdString(), seed);
        QVERIFY(std::isfinite(out.worst));
        m_worst[name] = std::max(m_worst[name], out.worst);
        QVERIFY(out.reach > 1e-4); // the case made sound
        QVERIFY2(out.worst <= 1e-6, qPrintable(QString("%1 seed %2: %3").arg(name).arg(seed).arg(out.worst)));
    }

    // fastLn over every 61st float from 1e-15 (the detector's floor) to 1e30, against std::log:
    // within 3e-11 (the series' bound is 2e-11).
    void fastLnMatchesLog()
    {
        double worst = 0.0;
        for (auto bits = std::bit_cast<uint32_t>(1e-15f); bits < std::bit_cast<uint32_t>(1e30f); bits += 61) {
            const float v = std::bit_cast<float>(bits);
            worst = std::max(worst, std::abs(fastLn(v) - std::log(static_cast<double>(v))));
        }
        qInfo("fastLn: worst absolute error %g", worst);
        QVERIFY2(worst < 3e-11, qPrintable(QString::number(worst)));
    }

    // fastExp2 over [-1000, 0], against std::exp2: within 2e-11 relative (the series' bound 1e-11).
    void fastExp2MatchesExp2()
    {
        double worst = 0.0;
        for (int i = 0; i <= 10000000; ++i) {
            const double y = -1000.0 * i / 10000000.0;
            const double expected = std::exp2(y);
            worst = std::max(worst, std::abs(fastExp2(y) - expected) / expected);
        }
        QCOMPARE(fastExp2(0.0), 1.0);
        QCOMPARE(fastExp2(-3.0), 0.125);
        qInfo("fastExp2: worst relative error %g", worst);
        QVERIFY2(worst < 2e-11, qPrintable(QString::number(worst)));
    }
};

QTEST_APPLESS_MAIN(TestSpeedups)
#include "tst_speedups.moc"
