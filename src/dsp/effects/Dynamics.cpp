#include "dsp/effects/Dynamics.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace fxrack::dsp {
namespace {

// Envelope state below this is silence; flushing it keeps denormals out of the recursions.
constexpr double kTinyDb = 1e-9;
constexpr double kTinyLevel = 1e-15;

// The peak the gate's detector holds across the zero crossings of a tone: 10 ms bridges half a
// period down to 50 Hz; hold_ms bridges the rest.
constexpr double kGateDetectorReleaseMs = 10.0;

double framePeak(const AudioBlock& block, int frame) noexcept
{
    float peak = 0.0f;
    for (int c = 0; c < block.numChannels(); ++c)
        peak = std::max(peak, std::abs(block.channel(c)[frame]));
    return peak;
}

// One-pole coefficient for a time constant: the state covers 1 - 1/e of a step in `ms`.
// Computed in double; 0 ms gives 0 (an instant follower).
double onePoleCoefficient(double ms, double sampleRate) noexcept
{
    const double samples = ms * 0.001 * sampleRate;
    return samples > 0.0 ? std::exp(-1.0 / samples) : 0.0;
}

double dbToFactor(double db) noexcept
{
    return std::pow(10.0, db / 20.0);
}

// An attack or release time: it ramps in equal ratios, as its logarithmic knob moves.
ParamInfo timeConstantParam(std::string name, double def, double min, double max, std::string help)
{
    auto p = withHelp(msParam(std::move(name), def, min, max), std::move(help));
    p.smoothing = Smoothing::Multiplicative;
    return p;
}

void applyGain(const AudioBlock& block, int frame, double gain) noexcept
{
    const auto g = static_cast<float>(gain);
    for (int c = 0; c < block.numChannels(); ++c)
        block.channel(c)[frame] *= g;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Compressor

EffectType Compressor::describe()
{
    return {"Compressor",
            "dynamics",
            {withHelp(dbParam("threshold", -18.0, -80.0, 0.0),
                      "level (sample peak) above which the gain is reduced"),
             withHelp(ratioParam("ratio", 4.0, 1.0, 100.0), "dB in per dB out above the threshold"),
             timeConstantParam("attack_ms", 10.0, 0.05, 1000.0, "time constant of the gain going down"),
             timeConstantParam("release_ms", 100.0, 1.0, 5000.0, "time constant of the gain coming back"),
             withHelp(dbParam("knee_db", 6.0, 0.0, 24.0),
                      "width of the soft knee around the threshold (0 = hard knee)"),
             withHelp(dbParam("makeup_db", 0.0, -24.0, 48.0), "gain added after compression")},
            "Feed-forward soft-knee compressor with a stereo-linked peak detector",
            {}};
}

double Compressor::gainReductionDb(double levelDb, double thresholdDb, double ratio, double kneeDb) noexcept
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

void Compressor::updateControls() noexcept
{
    const double fs = spec().sampleRate;
    m_makeup = dbToFactor(smoothed(MakeupDb));
    m_attack = onePoleCoefficient(smoothed(AttackMs), fs);
    m_release = onePoleCoefficient(smoothed(ReleaseMs), fs);
}

void Compressor::doReset() noexcept
{
    m_peakDb = 0.0;
    m_reductionDb = 0.0;
}

void Compressor::doProcess(AudioBlock& block) noexcept
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

        const double gain = m_reductionDb == 0.0 ? m_makeup : m_makeup * std::exp(-m_reductionDb / kDbPerLn);
        applyGain(block, i, gain);
    }
}

// ---------------------------------------------------------------------------------------------
// NoiseGate

EffectType NoiseGate::describe()
{
    auto threshold = dbParam("threshold", -50.0, -120.0, 0.0);
    threshold.help = "sample-peak level at which the gate opens";
    auto attack = timeConstantParam("attack_ms", 1.0, 0.01, 500.0, "time constant of opening");
    auto hold = msParam("hold_ms", 50.0, 0.0, 5000.0);
    hold.scale = Scale::Linear; // 0 is a valid hold, which a log knob cannot reach
    hold.help = "time the gate stays open after the level falls below the threshold";
    auto release = timeConstantParam("release_ms", 100.0, 1.0, 5000.0, "time constant of closing");
    auto range = dbParam("range_db", -80.0, -120.0, 0.0);
    range.help = "attenuation when closed";
    return {"NoiseGate",
            "dynamics",
            {threshold, attack, hold, release, range},
            "Noise gate with hold and a finite range",
            {}};
}

void NoiseGate::doPrepare(const ProcessSpec& spec)
{
    m_envelopeDecay = onePoleCoefficient(kGateDetectorReleaseMs, spec.sampleRate);
    doReset();
}

void NoiseGate::updateControls() noexcept
{
    const double fs = spec().sampleRate;
    m_threshold = dbToFactor(smoothed(Threshold));
    m_range = dbToFactor(smoothed(RangeDb));
    m_attack = onePoleCoefficient(smoothed(AttackMs), fs);
    m_release = onePoleCoefficient(smoothed(ReleaseMs), fs);
}

void NoiseGate::doReset() noexcept
{
    m_envelope = 0.0;
    m_holdLeft = 0;
    // Start closed: the first sound opens it within attack_ms, silence stays silent.
    m_gain = dbToFactor(param(RangeDb));
}

void NoiseGate::doProcess(AudioBlock& block) noexcept
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
        // Converges onto the target exactly in double (the target is at least -120 dB), so
        // the state never goes denormal.
        m_gain = target + coefficient * (m_gain - target);
        applyGain(block, i, m_gain);
    }
}

// ---------------------------------------------------------------------------------------------
// Limiter

EffectType Limiter::describe()
{
    auto ceiling = dbParam("ceiling", -1.0, -60.0, 0.0);
    ceiling.help = "sample-peak level the output never exceeds";
    auto release =
        timeConstantParam("release_ms", 50.0, 1.0, 5000.0, "time constant of the gain coming back");
    auto lookahead = msParam("lookahead_ms", 5.0, 0.0, 50.0);
    lookahead.continuous = false; // sizes the delay line and the reported latency
    lookahead.scale = Scale::Linear;
    lookahead.help = "how far ahead peaks are seen; the output is delayed by this much";
    return {"Limiter",
            "dynamics",
            {ceiling, release, lookahead},
            "Look-ahead brick-wall peak limiter (delays the signal by the look-ahead)",
            {}};
}

int Limiter::latencySamples() const noexcept
{
    return static_cast<int>(std::lround(param(LookaheadMs) * 0.001 * spec().sampleRate));
}

void Limiter::doPrepare(const ProcessSpec& spec)
{
    m_window = latencySamples() + 1;
    const auto window = static_cast<size_t>(m_window);
    m_delay.assign(window * static_cast<size_t>(spec.numChannels), 0.0f);
    m_gains.assign(window, 1.0);
    m_minValues.assign(window, 1.0);
    m_minFrames.assign(window, 0);
    doReset();
}

void Limiter::updateControls() noexcept
{
    m_ceiling = dbToFactor(smoothed(Ceiling));
    m_release = onePoleCoefficient(smoothed(ReleaseMs), spec().sampleRate);
}

void Limiter::doReset() noexcept
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

void Limiter::doProcess(AudioBlock& block) noexcept
{
    // Resting knobs, the usual case, skip the per-sample ramp checks.
    if (isSmoothing(Ceiling) || isSmoothing(ReleaseMs))
        limit<true>(block);
    else
        limit<false>(block);
}

template <bool kRamping> void Limiter::limit(AudioBlock& block) noexcept
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

        // Sliding minimum of the needed gain over the last `window` frames. The expired front
        // leaves before the push so the ring never holds more than `window` entries. Indices
        // wrap by one subtraction (head < window, count < window before the push): no divisions
        // per sample.
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

        // Instant attack (the average below does the smoothing), exponential release.
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
            // The clamp only catches float rounding and a ceiling being lowered live, which
            // reaches samples whose gain was computed before (the ramp is the real limiter).
            *x = std::clamp(line[readPos] * g, -ceilingF, ceilingF);
        }

        if (++m_pos == window) {
            m_pos = 0;
            // Re-add the window once per lap so rounding in the running sum cannot drift.
            m_gainSum = 0.0;
            for (double v : m_gains)
                m_gainSum += v;
        }
        ++m_frame;
    }
}

} // namespace fxrack::dsp
