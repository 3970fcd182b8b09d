#include "dsp/effects/Dynamics.h"

#include "dsp/FastExpLog.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace fxrack::dsp {
namespace {

// Envelope state below this is silence; flushing it keeps denormals out of the recursions.
constexpr double kTinyDb = 1e-9;
constexpr double kTinyLevel = 1e-15;

// Frames per pass of the effects that work in passes over a chunk (arrays on the stack).
constexpr int kChunk = 64;

// The peak the gate's detector holds across the zero crossings of a tone: 10 ms bridges half a
// period down to 50 Hz; hold_ms bridges the rest.
constexpr double kGateDetectorReleaseMs = 10.0;

// The stereo-linked level of each frame of a chunk: the largest |sample| of its channels, at
// least `floor` (a loop over each channel, which vectorises).
void framePeaks(const AudioBlock& block, float floor, float* peaks) noexcept
{
    std::fill_n(peaks, block.numFrames(), floor);
    for (int c = 0; c < block.numChannels(); ++c) {
        const float* x = block.channel(c);
        for (int i = 0; i < block.numFrames(); ++i)
            peaks[i] = std::max(peaks[i], std::abs(x[i]));
    }
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

// `process` over chunks of at most kChunk frames (what the passes' arrays on the stack hold).
template <typename Process> void forEachChunk(AudioBlock& block, Process&& process) noexcept
{
    for (int start = 0; start < block.numFrames(); start += kChunk) {
        auto part = block.subBlock(start, std::min(kChunk, block.numFrames() - start));
        process(part);
    }
}

void applyGains(const AudioBlock& block, const float* gains) noexcept
{
    for (int c = 0; c < block.numChannels(); ++c) {
        float* x = block.channel(c);
        for (int i = 0; i < block.numFrames(); ++i)
            x[i] *= gains[i];
    }
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

namespace {

// The static curve's constants for one setting of threshold, ratio and knee.
struct CompressorCurve {
    double threshold = 0.0;
    double slope = 0.0;     // dB of reduction per dB over the threshold
    double halfKnee = 0.0;  // the knee spans the threshold +- halfKnee
    double kneeScale = 0.0; // slope / (2 knee): infinite for a hard knee, where it is never used

    CompressorCurve() = default;
    CompressorCurve(double thresholdDb, double ratio, double kneeDb) noexcept
        : threshold(thresholdDb), slope(1.0 - 1.0 / ratio), halfKnee(kneeDb / 2.0),
          kneeScale(slope / (2.0 * kneeDb))
    {}
    // Branch-free (both pieces, then a choice), so loops over frames vectorise.
    double reductionDb(double levelDb) const noexcept
    {
        const double over = levelDb - threshold;
        // Quadratic knee: meets both straight lines with matching slope.
        const double x = over + halfKnee;
        const double knee = kneeScale * x * x;
        return over <= -halfKnee ? 0.0 : (over < halfKnee ? knee : slope * over);
    }
};

} // namespace

double Compressor::gainReductionDb(double levelDb, double thresholdDb, double ratio, double kneeDb) noexcept
{
    return CompressorCurve(thresholdDb, ratio, kneeDb).reductionDb(levelDb);
}

namespace {

constexpr double kDbPerLn = 20.0 / 2.302585092994046; // 20 / ln(10)
constexpr double kOctavesPerDb = 0.16609640474436813; // log2(10) / 20

// The Compressor's passes without recursion, for resting knobs (the clones: FastExpLog.h).
FXRACK_AVX2_CLONES void reductionTargets(const float* peaks, int n, const CompressorCurve& curve,
                                         double* targets) noexcept
{
    for (int i = 0; i < n; ++i)
        targets[i] = curve.reductionDb(kDbPerLn * fastLn(peaks[i]));
}

double compressorGain(double reductionDb, double makeup) noexcept
{
    const double gain = makeup * fastExp2(-kOctavesPerDb * reductionDb);
    return reductionDb < kTinyDb ? makeup : gain;
}

FXRACK_AVX2_CLONES void compressorGains(const double* reductions, int n, double makeup, float* gains) noexcept
{
    for (int i = 0; i < n; ++i)
        gains[i] = static_cast<float>(compressorGain(reductions[i], makeup));
}

} // namespace

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
    // Resting knobs, the usual case, skip the per-sample ramps.
    forEachChunk(block, [this](AudioBlock& part) {
        if (isSmoothing(Threshold) || isSmoothing(Ratio) || isSmoothing(KneeDb) || isSmoothing(MakeupDb) ||
            isSmoothing(AttackMs) || isSmoothing(ReleaseMs))
            compress<true>(part);
        else
            compress<false>(part);
    });
}

// Three passes over a chunk: the level and the static curve of every frame (no dependence
// between frames, so it vectorises, with fastLn), the detector's recursion (the only serial
// part), then the gain (fastExp2) applied to every channel.
template <bool kRamping> void Compressor::compress(AudioBlock& block) noexcept
{
    const int n = block.numFrames();
    // While ramping, the knobs of every frame (as the ramps advance, frame by frame).
    CompressorCurve curves[kChunk];
    double makeups[kChunk], attacks[kChunk], releases[kChunk];
    if constexpr (kRamping) {
        const auto timeConstant = [fs = spec().sampleRate](double ms) { return onePoleCoefficient(ms, fs); };
        for (int i = 0; i < n; ++i) {
            const double thresholdDb = nextSmoothed(Threshold);
            const double ratio = nextSmoothed(Ratio);
            curves[i] = CompressorCurve(thresholdDb, ratio, nextSmoothed(KneeDb));
            followSmoothed(MakeupDb, m_makeup, dbToFactor);
            followSmoothed(AttackMs, m_attack, timeConstant);
            followSmoothed(ReleaseMs, m_release, timeConstant);
            makeups[i] = m_makeup;
            attacks[i] = m_attack;
            releases[i] = m_release;
        }
    }

    // Levels below kTinyLevel count as kTinyLevel (-300 dB): far below any knee, so no
    // reduction, as before, without a test per frame (it also keeps zeros out of fastLn).
    float peaks[kChunk];
    framePeaks(block, static_cast<float>(kTinyLevel), peaks);
    double targets[kChunk];
    if constexpr (kRamping) {
        for (int i = 0; i < n; ++i)
            targets[i] = curves[i].reductionDb(kDbPerLn * fastLn(peaks[i]));
    } else {
        reductionTargets(peaks, n, CompressorCurve(smoothed(Threshold), smoothed(Ratio), smoothed(KneeDb)),
                         targets);
    }

    // Smooth decoupled peak detector: the release stage holds peaks, the attack stage smooths
    // onsets; no release is applied twice. The only serial pass, so its chains are kept short:
    //  - two frames per step: as r >= 0, max(t1, r1 max(t0, r0 p + c0) + c1) =
    //    max(t1, r1 t0 + c1, r1 r0 p + (r1 c0 + c1)), and the attack stage unrolls the same way;
    //    the roundings differ from frame by frame in the last bit only;
    //  - states under kTinyDb are flushed once per chunk, not per frame (on a silent input they
    //    decay far too slowly to reach denormals within one; the change to the gain is under
    //    1e-9 dB).
    const auto release = [&](int i) { return kRamping ? releases[i] : m_release; };
    const auto attack = [&](int i) { return kRamping ? attacks[i] : m_attack; };
    double peakDb = m_peakDb, reductionDb = m_reductionDb;
    double reductions[kChunk];
    int pair = 0;
    for (; pair + 1 < n; pair += 2) {
        const int i = pair;
        const double r0 = release(i), r1 = release(i + 1), a0 = attack(i), a1 = attack(i + 1);
        const double t0 = targets[i], t1 = targets[i + 1];
        const double c0 = (1.0 - r0) * t0, c1 = (1.0 - r1) * t1;
        const double peak0 = std::max(t0, r0 * peakDb + c0);
        peakDb = std::max(std::max(t1, r1 * t0 + c1), (r1 * r0) * peakDb + (r1 * c0 + c1));
        reductions[i] = a0 * reductionDb + (1.0 - a0) * peak0;
        reductionDb = (a1 * a0) * reductionDb + (a1 * (1.0 - a0) * peak0 + (1.0 - a1) * peakDb);
        reductions[i + 1] = reductionDb;
    }
    if (pair < n) {
        const int i = pair;
        peakDb = std::max(targets[i], release(i) * peakDb + (1.0 - release(i)) * targets[i]);
        reductionDb = attack(i) * reductionDb + (1.0 - attack(i)) * peakDb;
        reductions[i] = reductionDb;
    }
    m_peakDb = peakDb < kTinyDb ? 0.0 : peakDb;
    m_reductionDb = reductionDb < kTinyDb ? 0.0 : reductionDb;

    float gains[kChunk];
    if constexpr (kRamping) {
        for (int i = 0; i < n; ++i)
            gains[i] = static_cast<float>(compressorGain(reductions[i], makeups[i]));
    } else {
        compressorGains(reductions, n, m_makeup, gains);
    }
    applyGains(block, gains);
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
    // Resting knobs, the usual case, skip the per-sample ramps.
    forEachChunk(block, [this](AudioBlock& part) {
        if (isSmoothing(Threshold) || isSmoothing(RangeDb) || isSmoothing(AttackMs) ||
            isSmoothing(ReleaseMs) || isSmoothing(HoldMs))
            gate<true>(part);
        else
            gate<false>(part);
    });
}

// The levels of a chunk (vectorises), the detector, hold and gain frame by frame with the state
// in locals, then the gains applied to every channel (vectorises).
template <bool kRamping> void NoiseGate::gate(AudioBlock& block) noexcept
{
    const int n = block.numFrames();
    const double samplesPerMs = spec().sampleRate * 0.001;
    const auto timeConstant = [fs = spec().sampleRate](double ms) { return onePoleCoefficient(ms, fs); };
    float peaks[kChunk];
    framePeaks(block, 0.0f, peaks);
    const double decay = m_envelopeDecay;
    double envelope = m_envelope, gain = m_gain;
    int64_t holdLeft = m_holdLeft;
    const auto hold = [&] {
        return static_cast<int64_t>((kRamping ? nextSmoothed(HoldMs) : smoothed(HoldMs)) * samplesPerMs);
    };
    const int64_t restingHold = kRamping ? 0 : hold();
    float gains[kChunk];
    for (int i = 0; i < n; ++i) {
        int64_t holdSamples = restingHold;
        if constexpr (kRamping) {
            followSmoothed(Threshold, m_threshold, dbToFactor);
            followSmoothed(RangeDb, m_range, dbToFactor);
            followSmoothed(AttackMs, m_attack, timeConstant);
            followSmoothed(ReleaseMs, m_release, timeConstant);
            holdSamples = hold();
        }

        envelope = std::max(static_cast<double>(peaks[i]), envelope * decay);
        if (envelope < kTinyLevel)
            envelope = 0.0;

        bool open = false;
        if (envelope >= m_threshold) {
            holdLeft = holdSamples;
            open = true;
        } else if (holdLeft > 0) {
            --holdLeft;
            open = true;
        }
        const double target = open ? 1.0 : m_range;
        const double coefficient = target > gain ? m_attack : m_release;
        // Converges onto the target exactly in double (the target is at least -120 dB), so
        // the state never goes denormal.
        gain = target + coefficient * (gain - target);
        gains[i] = static_cast<float>(gain);
    }
    m_envelope = envelope;
    m_gain = gain;
    m_holdLeft = holdLeft;
    applyGains(block, gains);
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
    // Resting knobs, the usual case, skip the per-sample ramps.
    forEachChunk(block, [this](AudioBlock& part) {
        if (isSmoothing(Ceiling) || isSmoothing(ReleaseMs))
            limit<true>(part);
        else
            limit<false>(part);
    });
}

// Passes over a chunk: the gain each frame needs (vectorises), the sliding minimum, release and
// average (serial), the average's division (vectorises), then each channel through its delay line.
template <bool kRamping> void Limiter::limit(AudioBlock& block) noexcept
{
    const int n = block.numFrames();
    const int channels = std::min(block.numChannels(), spec().numChannels);
    const int window = m_window;
    double ceilings[kChunk], releases[kChunk];
    if constexpr (kRamping) {
        const auto timeConstant = [fs = spec().sampleRate](double ms) { return onePoleCoefficient(ms, fs); };
        for (int i = 0; i < n; ++i) {
            followSmoothed(Ceiling, m_ceiling, dbToFactor);
            followSmoothed(ReleaseMs, m_release, timeConstant);
            ceilings[i] = m_ceiling;
            releases[i] = m_release;
        }
    }
    const auto ceiling = [&](int i) { return kRamping ? ceilings[i] : m_ceiling; };

    float peaks[kChunk];
    framePeaks(block, 0.0f, peaks);
    double needed[kChunk];
    for (int i = 0; i < n; ++i) {
        const double peak = peaks[i];
        needed[i] = peak > ceiling(i) ? ceiling(i) / peak : 1.0;
    }

    // Sliding minimum of the needed gain over the last `window` frames. The expired front leaves
    // before the push so the ring never holds more than `window` entries. Indices wrap by one
    // subtraction (head < window, count < window before the push): no divisions per sample.
    const auto wrap = [window](int index) {
        return static_cast<size_t>(index >= window ? index - window : index);
    };
    // The state in locals: stores through the rings' pointers would otherwise make the compiler
    // reload every member each frame.
    const int firstPos = m_pos;
    double* minValues = m_minValues.data();
    int64_t* minFrames = m_minFrames.data();
    double* ring = m_gains.data();
    int minHead = m_minHead, minCount = m_minCount, pos = m_pos;
    int64_t frame = m_frame;
    double released = m_released, gainSum = m_gainSum;
    double sums[kChunk];
    for (int i = 0; i < n; ++i) {
        if (minCount > 0 && minFrames[minHead] <= frame - window) {
            minHead = static_cast<int>(wrap(minHead + 1));
            --minCount;
        }
        while (minCount > 0 && minValues[wrap(minHead + minCount - 1)] >= needed[i])
            --minCount;
        const auto back = wrap(minHead + minCount);
        minValues[back] = needed[i];
        minFrames[back] = frame;
        ++minCount;
        const double held = minValues[minHead];

        // Instant attack (the average below does the smoothing), exponential release.
        const double release = kRamping ? releases[i] : m_release;
        released = held < released ? held : held + release * (released - held);

        gainSum += released - ring[pos];
        ring[pos] = released;
        sums[i] = gainSum;
        if (++pos == window) {
            pos = 0;
            // Re-add the window once per lap so rounding in the running sum cannot drift.
            gainSum = 0.0;
            for (int k = 0; k < window; ++k)
                gainSum += ring[k];
        }
        ++frame;
    }
    m_minHead = minHead;
    m_minCount = minCount;
    m_pos = pos;
    m_frame = frame;
    m_released = released;
    m_gainSum = gainSum;
    float gains[kChunk], limits[kChunk];
    for (int i = 0; i < n; ++i) {
        gains[i] = static_cast<float>(sums[i] / window);
        limits[i] = static_cast<float>(ceiling(i));
    }

    // Frame i reads the ring at firstPos + 1 + i (the input `window - 1` frames back) and then
    // writes its input at firstPos + i. When the chunk is no longer than that delay, every read
    // comes before the write to the same place, so the reads and the writes go as two copies.
    const bool inCopies = n < window;
    for (int c = 0; c < channels; ++c) {
        float* line = m_delay.data() + static_cast<size_t>(c) * static_cast<size_t>(window);
        float* x = block.channel(c);
        float delayed[kChunk];
        if (inCopies) {
            const int read = firstPos + 1 == window ? 0 : firstPos + 1;
            const int readFirst = std::min(n, window - read);
            std::copy_n(line + read, readFirst, delayed);
            std::copy_n(line, n - readFirst, delayed + readFirst);
            const int writeFirst = std::min(n, window - firstPos);
            std::copy_n(x, writeFirst, line + firstPos);
            std::copy_n(x + writeFirst, n - writeFirst, line);
        } else {
            int pos = firstPos;
            for (int i = 0; i < n; ++i) {
                line[pos] = x[i];
                pos = pos + 1 == window ? 0 : pos + 1;
                delayed[i] = line[pos];
            }
        }
        // The clamp only catches float rounding and a ceiling being lowered live, which reaches
        // samples whose gain was computed before (the ramp is the real limiter).
        for (int i = 0; i < n; ++i)
            x[i] = std::clamp(delayed[i] * gains[i], -limits[i], limits[i]);
    }
}

} // namespace fxrack::dsp
