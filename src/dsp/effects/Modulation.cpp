#include "dsp/effects/Modulation.h"

#include "dsp/Avx2Clones.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace fxrack::dsp {
namespace {

// Feedback decays through this on silence; below it the line is flushed so it never
// holds denormals, whatever the thread's FTZ setting.
constexpr float kTinySample = 1e-30f;

size_t nextPowerOfTwo(size_t n)
{
    size_t p = 1;
    while (p < n)
        p <<= 1;
    return p;
}

ParamInfo rateParam(double def, double max)
{
    auto p = hzParam("rate_hz", def, 0.01, max);
    p.help = "LFO rate";
    return p;
}

ParamInfo depthMsParam(double def, double max)
{
    auto p = msParam("depth_ms", def, 0.0, max);
    p.scale = Scale::Linear; // 0 (no modulation) is valid, which a log knob cannot reach
    p.help = "sweep of the delay time";
    return p;
}

// The base mixes it (MixSource::Base): the effects' law was already dry + mix * (wet - dry).
ParamInfo modulationMixParam(double def)
{
    auto p = linearParam("mix", def, 0.0, 1.0);
    p.help = "0 = dry only, 1 = delayed only";
    return p;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// ModulationDelayLine and ModulationLfo

void ModulationDelayLine::prepare(int channels, int maxDelaySamples)
{
    const size_t size = nextPowerOfTwo(static_cast<size_t>(maxDelaySamples) + 4);
    m_mask = size - 1;
    m_data.assign((size + kGuard) * static_cast<size_t>(channels), 0.0f);
    m_write = 0;
}

void ModulationDelayLine::clear() noexcept
{
    std::fill(m_data.begin(), m_data.end(), 0.0f);
    m_write = 0;
}

namespace {

// The interpolation of readRun(): `line + taps[i]` holds frame i's four neighbours, oldest first.
// Gathered into one array per neighbour first, so the interpolation vectorises.
FXRACK_AVX2_CLONES void interpolateRun(const float* line, const int* taps, const float* fractions, int frames,
                                       float* out) noexcept
{
    float older[ModulationDelayLine::kMaxRun], y1[ModulationDelayLine::kMaxRun],
        y0[ModulationDelayLine::kMaxRun], newer[ModulationDelayLine::kMaxRun];
    for (int i = 0; i < frames; ++i) {
        const float* p = line + taps[i];
        older[i] = p[0];
        y1[i] = p[1];
        y0[i] = p[2];
        newer[i] = p[3];
    }
    for (int i = 0; i < frames; ++i)
        out[i] = ModulationDelayLine::interpolate(older[i], y1[i], y0[i], newer[i], fractions[i]);
}

// planRun() as read() does it, in 32-bit indices (the lines are far shorter), so it vectorises.
FXRACK_AVX2_CLONES int planTaps(const double* delays, int frames, double longest, uint32_t base,
                                uint32_t mask, int* taps, float* fractions) noexcept
{
    int shortest = static_cast<int>(longest);
    for (int i = 0; i < frames; ++i) {
        const double d = std::clamp(delays[i], 2.0, longest);
        const auto whole = static_cast<int>(d);
        fractions[i] = static_cast<float>(d - static_cast<double>(whole));
        taps[i] =
            static_cast<int>((base + static_cast<uint32_t>(i) - static_cast<uint32_t>(whole) - 2u) & mask);
        shortest = std::min(shortest, whole);
    }
    return shortest;
}

} // namespace

int ModulationDelayLine::planRun(const double* delays, int frames, int* taps, float* fractions) const noexcept
{
    return planTaps(delays, frames, longestDelay(), static_cast<uint32_t>(m_write + (m_mask + 1)),
                    static_cast<uint32_t>(m_mask), taps, fractions);
}

void ModulationDelayLine::readRun(int channel, const int* taps, const float* fractions, int frames,
                                  float* out) const noexcept
{
    interpolateRun(m_data.data() + offset(channel), taps, fractions, frames, out);
}

void ModulationDelayLine::pushRun(int channel, const float* x, int ahead, int frames) noexcept
{
    float* line = m_data.data() + offset(channel);
    const size_t size = m_mask + 1;
    const size_t start = (m_write + static_cast<size_t>(ahead)) & m_mask;
    const size_t first = std::min(static_cast<size_t>(frames), size - start);
    std::copy_n(x, first, line + start);
    std::copy_n(x + first, static_cast<size_t>(frames) - first, line);
    std::copy_n(line, kGuard, line + size);
}

double ModulationLfo::value(int channel) const noexcept
{
    const double p = m_phase + kChannelSpread * channel;
    return 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * p);
}

void ModulationLfo::startRun(double cyclesPerSample, int frames) noexcept
{
    constexpr double kTwoPi = 2.0 * std::numbers::pi;
    const double start = m_phase;
    m_cos = std::cos(kTwoPi * start);
    m_sin = std::sin(kTwoPi * start);
    m_frames = frames;
    // The phase frame by frame (serial, in a local), then what it gathered beyond i w: exact
    // differences, both in [0, 2) (vectorises).
    double phases[kMaxRun];
    double phase = start;
    for (int i = 0; i < frames; ++i) {
        phases[i] = phase;
        phase = nextPhase(phase, cyclesPerSample);
    }
    m_phase = phase;
    for (int i = 0; i < frames; ++i) {
        const double travelled = phases[i] < start ? (phases[i] + 1.0) - start : phases[i] - start;
        m_errors[i] = kTwoPi * (travelled - i * cyclesPerSample);
    }
    if (cyclesPerSample == m_tableRate)
        return;
    // A new rate: once per rate change, not per run.
    m_tableRate = cyclesPerSample;
    for (int i = 0; i < kMaxRun; ++i) {
        const double w = kTwoPi * (i * cyclesPerSample);
        m_cosTable[i] = std::cos(w);
        m_sinTable[i] = std::sin(w);
    }
}

void ModulationLfo::render(int channel, double* out) const noexcept
{
    // c quarter cycles on: (cos, sin) turned by c * 90 degrees, exactly.
    double c = m_cos, s = m_sin;
    for (int k = 0; k < (channel & 3); ++k) {
        const double t = c;
        c = -s;
        s = t;
    }
    for (int i = 0; i < m_frames; ++i) {
        const double cosine = c * m_cosTable[i] - s * m_sinTable[i];
        const double sine = s * m_cosTable[i] + c * m_sinTable[i];
        out[i] = 0.5 - 0.5 * (cosine - m_errors[i] * sine);
    }
}

// Per frame: smooth rate then depth, then frame() smooths the effect's own values; per channel:
// read the swept delay, push feed(input, wet, frame's value) into the line and output the wet.
// While the rate rests, in runs of up to ModulationLfo::kMaxRun frames: the LFO of a run comes
// from one sin and cos, and the delay lines go channel by channel, in passes of frames whose
// reads reach back past the pass (all of a Chorus run; a Flanger's at delays over 8 samples):
// the interpolations, the feeds, then the pushes, each a loop that vectorises. The reads and
// pushes are those of the frame-by-frame loop, in an order that gives the same values. A
// template so the lambdas inline.
template <typename Frame, typename Feed>
void ModulatedDelayEffect::processSweep(AudioBlock& block, Frame frame, Feed feed) noexcept
{
    constexpr int kRun = ModulationLfo::kMaxRun;
    static_assert(kRun <= ModulationDelayLine::kMaxRun);
    // Below this many frames a pass costs more than it saves (a Flanger at its shortest delays).
    constexpr int kMinPass = 8;
    const double fs = spec().sampleRate;
    const double samplesPerMs = fs * 0.001;
    const double baseDelayMs = m_baseDelayMs;
    const int channels = std::min(block.numChannels(), spec().numChannels);
    for (int start = 0; start < block.numFrames(); start += kRun) {
        const int n = std::min(kRun, block.numFrames() - start);
        if (isSmoothing(kRateHzId)) {
            for (int i = start; i < start + n; ++i) {
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
            continue;
        }
        const double cyclesPerSample = smoothed(kRateHzId) / fs;
        double depths[kRun];
        decltype(frame()) frameValues[kRun];
        for (int i = 0; i < n; ++i)
            frameValues[i] = frame();
        if (isSmoothing(kDepthMsId)) {
            for (int i = 0; i < n; ++i)
                depths[i] = nextSmoothed(kDepthMsId);
        } else {
            std::fill_n(depths, n, smoothed(kDepthMsId));
        }
        m_lfo.startRun(cyclesPerSample, n);
        for (int c = 0; c < channels; ++c) {
            double delays[kRun];
            m_lfo.render(c, delays);
            for (int i = 0; i < n; ++i)
                delays[i] = (baseDelayMs + depths[i] * delays[i]) * samplesPerMs;
            float* x = block.channel(c) + start;
            // Frames whose reads all come from before them go in passes: the reads, the feeds,
            // the pushes (each whole delay longer than the pass).
            int taps[kRun];
            float fractions[kRun];
            const int pass = std::min(n, m_line.planRun(delays, n, taps, fractions) - 1);
            if (pass < kMinPass) {
                for (int i = 0; i < n; ++i) {
                    const float wet = m_line.read(c, delays[i], i);
                    m_line.push(c, feed(x[i], wet, frameValues[i]), i);
                    x[i] = wet;
                }
                continue;
            }
            for (int done = 0; done < n; done += pass) {
                const int length = std::min(pass, n - done);
                float wet[kRun], fed[kRun];
                m_line.readRun(c, taps + done, fractions + done, length, wet);
                for (int i = 0; i < length; ++i)
                    fed[i] = feed(x[done + i], wet[i], frameValues[done + i]);
                m_line.pushRun(c, fed, done, length);
                std::copy_n(wet, length, x + done);
            }
        }
        m_line.advance(n);
    }
}

// ---------------------------------------------------------------------------------------------
// Chorus

EffectType Chorus::describe()
{
    return {"Chorus",
            "modulation",
            {rateParam(0.8, 20.0), depthMsParam(3.0, 20.0), modulationMixParam(0.5)},
            "Chorus: a modulated 8 ms delay mixed with the dry signal, LFO spread across channels",
            {}};
}

double Chorus::tailSeconds() const noexcept
{
    return (kBaseDelayMs + param(DepthMs)) * 0.001;
}

void Chorus::doProcess(AudioBlock& block) noexcept
{
    processSweep(
        block, [] { return 0; }, [](float x, float /*wet*/, int /*unused*/) noexcept { return x; });
}

// ---------------------------------------------------------------------------------------------
// Flanger

EffectType Flanger::describe()
{
    auto feedback = linearParam("feedback", 0.5, -0.95, 0.95);
    feedback.help = "share of the delayed signal fed back (negative inverts it)";
    return {"Flanger",
            "modulation",
            {rateParam(0.25, 20.0), depthMsParam(2.0, 10.0), feedback, modulationMixParam(0.5)},
            "Flanger: a short modulated delay with feedback mixed with the dry signal",
            {}};
}

double Flanger::tailSeconds() const noexcept
{
    // Each trip round the loop scales the echo by |feedback|: count trips down to -60 dB.
    const double loopSeconds = (kBaseDelayMs + param(DepthMs)) * 0.001;
    const double fb = std::abs(param(Feedback));
    const double trips = fb > 1e-3 ? std::ceil(3.0 / -std::log10(fb)) : 1.0;
    return loopSeconds * trips;
}

void Flanger::doProcess(AudioBlock& block) noexcept
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

// ---------------------------------------------------------------------------------------------
// Tremolo

EffectType Tremolo::describe()
{
    auto depth = linearParam("depth", 0.5, 0.0, 1.0);
    depth.help = "0 = no change, 1 = the gain dips to silence";
    return {"Tremolo",
            "modulation",
            {rateParam(5.0, 50.0), depth},
            "Tremolo: the gain swings between 1 - depth and 1 at rate_hz",
            {}};
}

void Tremolo::doReset() noexcept
{
    m_lfo.reset();
}

void Tremolo::doProcess(AudioBlock& block) noexcept
{
    constexpr int kRun = ModulationLfo::kMaxRun;
    const double fs = spec().sampleRate;
    for (int start = 0; start < block.numFrames(); start += kRun) {
        const int n = std::min(kRun, block.numFrames() - start);
        // One phase for all channels: a tremolo pulses, it does not pan.
        float gains[kRun];
        if (isSmoothing(RateHz)) {
            for (int i = 0; i < n; ++i) {
                const double rate = nextSmoothed(RateHz);
                const double depth = nextSmoothed(Depth);
                gains[i] = static_cast<float>(1.0 - depth * m_lfo.value(0));
                m_lfo.advance(rate / fs);
            }
        } else {
            const double cyclesPerSample = smoothed(RateHz) / fs;
            double lfo[kRun];
            m_lfo.startRun(cyclesPerSample, n);
            m_lfo.render(0, lfo);
            if (isSmoothing(Depth)) {
                for (int i = 0; i < n; ++i)
                    gains[i] = static_cast<float>(1.0 - nextSmoothed(Depth) * lfo[i]);
            } else {
                const double depth = smoothed(Depth);
                for (int i = 0; i < n; ++i)
                    gains[i] = static_cast<float>(1.0 - depth * lfo[i]);
            }
        }
        for (int c = 0; c < block.numChannels(); ++c) {
            float* x = block.channel(c) + start;
            for (int i = 0; i < n; ++i)
                x[i] *= gains[i];
        }
    }
}

} // namespace fxrack::dsp
