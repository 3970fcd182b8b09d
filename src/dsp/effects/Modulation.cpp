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

float ModulationDelayLine::read(int channel, double delaySamples) const noexcept
{
    const double d = std::clamp(delaySamples, kMinReadDelay, static_cast<double>(m_mask - 2));
    const auto whole = static_cast<size_t>(d);
    const auto f = static_cast<float>(d - static_cast<double>(whole));
    const float* line = m_data.data() + offset(channel);
    const size_t base = m_write + (m_mask + 1); // keeps the subtractions below non-negative
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
    const double p = phase + kChannelSpread * channel;
    return 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * p);
}

// Per frame: smooth rate then depth, then frame() smooths the effect's own values (the order the
// ramps advance in); per channel: read the swept delay, push feed(input, wet, frame's value) into
// the line and output the wet. A template so the lambdas inline: Chorus and Flanger keep the speed
// and the bits of their loops written out.
template <typename Frame, typename Feed>
void ModulatedDelayEffect::processSweep(AudioBlock& block, Frame frame, Feed feed) noexcept
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
    m_lfo.phase = 0.0;
}

void Tremolo::doProcess(AudioBlock& block) noexcept
{
    const double fs = spec().sampleRate;
    for (int i = 0; i < block.numFrames(); ++i) {
        const double rate = nextSmoothed(RateHz);
        const double depth = nextSmoothed(Depth);
        // One phase for all channels: a tremolo pulses, it does not pan.
        const auto gain = static_cast<float>(1.0 - depth * m_lfo.value(0));
        for (int c = 0; c < block.numChannels(); ++c)
            block.channel(c)[i] *= gain;
        m_lfo.advance(rate / fs);
    }
}

} // namespace fxrack::dsp
