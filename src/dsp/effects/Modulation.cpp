#include "dsp/effects/Modulation.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace fxrack::dsp {
namespace {

// Feedback decays through this on silence; below it the line is flushed so it never
// holds denormals, whatever the thread's FTZ setting.
constexpr float kTinySample = 1e-30f;
constexpr double kMinReadDelay = 2.0;

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
    m_data.assign(size * static_cast<size_t>(channels), 0.0f);
    m_write = 0;
}

void ModulationDelayLine::clear() noexcept
{
    std::fill(m_data.begin(), m_data.end(), 0.0f);
    m_write = 0;
}

float ModulationDelayLine::read(int channel, double delaySamples, int ahead) const noexcept
{
    const double d = std::clamp(delaySamples, kMinReadDelay, static_cast<double>(m_mask - 2));
    const auto whole = static_cast<size_t>(d);
    const auto f = static_cast<float>(d - static_cast<double>(whole));
    const float* line = m_data.data() + offset(channel);
    // + size keeps the subtractions below non-negative.
    const size_t base = m_write + static_cast<size_t>(ahead) + (m_mask + 1);
    const float newer = line[(base - whole + 1) & m_mask];
    const float y0 = line[(base - whole) & m_mask];
    const float y1 = line[(base - whole - 1) & m_mask];
    const float older = line[(base - whole - 2) & m_mask];
    // 4-point, 3rd-order Hermite from y0 (f = 0) to y1 (f = 1).
    const float c1 = 0.5f * (y1 - newer);
    const float c2 = newer - 2.5f * y0 + 2.0f * y1 - 0.5f * older;
    const float c3 = 0.5f * (older - newer) + 1.5f * (y0 - y1);
    return ((c3 * f + c2) * f + c1) * f + y0;
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
    for (int i = 0; i < frames; ++i) {
        // Exact differences (both in [0, 2)): what the phase gathered beyond i w.
        const double travelled = m_phase < start ? (m_phase + 1.0) - start : m_phase - start;
        m_errors[i] = kTwoPi * (travelled - i * cyclesPerSample);
        advance(cyclesPerSample);
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
// from one sin and cos, and the delay lines go channel by channel (the same reads and pushes in
// each channel's order). A template so the lambdas inline.
template <typename Frame, typename Feed>
void ModulatedDelayEffect::processSweep(AudioBlock& block, Frame frame, Feed feed) noexcept
{
    constexpr int kRun = ModulationLfo::kMaxRun;
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
        for (int i = 0; i < n; ++i) {
            depths[i] = nextSmoothed(kDepthMsId);
            frameValues[i] = frame();
        }
        m_lfo.startRun(cyclesPerSample, n);
        for (int c = 0; c < channels; ++c) {
            double delays[kRun];
            m_lfo.render(c, delays);
            for (int i = 0; i < n; ++i)
                delays[i] = (baseDelayMs + depths[i] * delays[i]) * samplesPerMs;
            float* x = block.channel(c) + start;
            for (int i = 0; i < n; ++i) {
                const float wet = m_line.read(c, delays[i], i);
                m_line.push(c, feed(x[i], wet, frameValues[i]), i);
                x[i] = wet;
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
