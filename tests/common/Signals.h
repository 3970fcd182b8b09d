#pragma once

#include "dsp/AudioBuffer.h"
#include "dsp/Effect.h"
#include "dsp/EffectChain.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

// The one place for test signals (namespace fxrack::test, like every test helper in
// tests/common): deterministic generators and comparisons, on dsp::AudioBuffer (effects, the
// real-time engine) and on plain planar vectors (files, written with common/AudioFiles.h).
namespace fxrack::test {

inline dsp::AudioBuffer whiteNoise(int channels, int frames, float amplitude = 0.5f, uint32_t seed = 1234)
{
    dsp::AudioBuffer buffer(channels, frames);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-amplitude, amplitude);
    for (int c = 0; c < channels; ++c)
        for (int i = 0; i < frames; ++i)
            buffer.channel(c)[i] = dist(rng);
    return buffer;
}

inline dsp::AudioBuffer sine(int channels, int frames, double hz, double sampleRate, float amplitude = 0.5f)
{
    dsp::AudioBuffer buffer(channels, frames);
    for (int c = 0; c < channels; ++c)
        for (int i = 0; i < frames; ++i)
            buffer.channel(c)[i] =
                amplitude * static_cast<float>(std::sin(2.0 * std::numbers::pi * hz * i / sampleRate));
    return buffer;
}

inline dsp::AudioBuffer copyOf(const dsp::AudioBuffer& source)
{
    dsp::AudioBuffer out(source.numChannels(), source.numFrames());
    for (int c = 0; c < source.numChannels(); ++c)
        std::copy_n(source.channel(c), source.numFrames(), out.channel(c));
    return out;
}

inline double maxAbsDifference(const dsp::AudioBuffer& a, const dsp::AudioBuffer& b)
{
    double worst = 0.0;
    for (int c = 0; c < a.numChannels(); ++c)
        for (int i = 0; i < a.numFrames(); ++i)
            worst = std::max(worst, std::abs(static_cast<double>(a.channel(c)[i]) - b.channel(c)[i]));
    return worst;
}

inline double peakOf(const dsp::AudioBuffer& a)
{
    double peak = 0.0;
    for (int c = 0; c < a.numChannels(); ++c)
        for (int i = 0; i < a.numFrames(); ++i)
            peak = std::max(peak, std::abs(static_cast<double>(a.channel(c)[i])));
    return peak;
}

// Planar audio as the file helpers read and write it.
using Planar = std::vector<std::vector<float>>;

// Deterministic signal: a few tones plus LCG noise, below full scale.
inline Planar makeSignal(int channels, int64_t frames, double rate = 48000.0, float level = 0.5f,
                         uint32_t seed = 1)
{
    Planar out(static_cast<size_t>(channels), std::vector<float>(static_cast<size_t>(frames)));
    uint32_t state = seed;
    for (int c = 0; c < channels; ++c)
        for (int64_t i = 0; i < frames; ++i) {
            state = state * 1664525u + 1013904223u;
            const double noise = (static_cast<double>(state >> 8) / 16777216.0 - 0.5) * 0.3;
            const double t = static_cast<double>(i) / rate;
            const double tone =
                0.5 * std::sin(2 * M_PI * (220.0 * (c + 1)) * t) + 0.2 * std::sin(2 * M_PI * 3100.0 * t);
            out[static_cast<size_t>(c)][static_cast<size_t>(i)] = static_cast<float>(level * (tone + noise));
        }
    return out;
}

// Writes planar audio. Integer subtypes go through sf_writef_int with exact rounding, so the
// file holds exactly round(x * 2^(bits-1)).
inline double maxAbs(const Planar& a)
{
    double m = 0;
    for (const auto& ch : a)
        for (float x : ch)
            m = std::max(m, std::fabs(static_cast<double>(x)));
    return m;
}

inline double maxDifference(const Planar& a, const Planar& b)
{
    if (a.size() != b.size())
        return INFINITY;
    double m = 0;
    for (size_t c = 0; c < a.size(); ++c) {
        if (a[c].size() != b[c].size())
            return INFINITY;
        for (size_t i = 0; i < a[c].size(); ++i)
            m = std::max(m, std::fabs(static_cast<double>(a[c][i]) - b[c][i]));
    }
    return m;
}

// Real-time engine signals.
// A deterministic test signal: two tones and a little noise, below the safety ceiling.
inline dsp::AudioBuffer makeTestSignal(int channels, int frames, double rate = 48000.0, unsigned seed = 1)
{
    dsp::AudioBuffer b(channels, frames);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> noise(-0.02f, 0.02f);
    for (int c = 0; c < channels; ++c)
        for (int i = 0; i < frames; ++i) {
            const double t = i / rate;
            b.channel(c)[i] =
                static_cast<float>(0.3 * std::sin(2 * std::numbers::pi * (220.0 + 110.0 * c) * t) +
                                   0.15 * std::sin(2 * std::numbers::pi * 3100.0 * t)) +
                noise(rng);
        }
    return b;
}

// The chain run whole, off line, in blocks of `block` frames (what the processor should give).
inline dsp::AudioBuffer processOffline(const dsp::EffectChain& chain, const dsp::AudioBuffer& input,
                                       double rate, int block)
{
    auto copy = chain.clone();
    copy.prepare({rate, block, input.numChannels()});
    dsp::AudioBuffer out(input.numChannels(), input.numFrames());
    out.block().copyFrom(const_cast<dsp::AudioBuffer&>(input).block());
    for (int pos = 0; pos < input.numFrames(); pos += block) {
        auto b = out.block(pos, std::min(block, input.numFrames() - pos));
        copy.process(b);
    }
    return out;
}

// Largest sample step |x[i] - x[i-1]| in a range: a click shows as a big step.
inline float maxStep(const float* x, int from, int to)
{
    float m = 0.0f;
    for (int i = std::max(1, from); i < to; ++i)
        m = std::max(m, std::fabs(x[i] - x[i - 1]));
    return m;
}

// Runs a prepared effect over half a second of the test signal in blocks of `block` frames;
// true when every output sample is finite and the output is not all silence (a prepared
// effect that does nothing useful, or blows up, fails).
inline bool processesAudibly(dsp::Effect& effect, int channels, double rate, int block)
{
    dsp::AudioBuffer buffer = makeTestSignal(channels, static_cast<int>(rate / 2), rate);
    for (int pos = 0; pos < buffer.numFrames(); pos += block) {
        auto b = buffer.block(pos, std::min(block, buffer.numFrames() - pos));
        effect.process(b);
    }
    const double peak = peakOf(buffer);
    return std::isfinite(peak) && peak > 0.0;
}

} // namespace fxrack::test
