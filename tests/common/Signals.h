#pragma once

#include "dsp/AudioBuffer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

namespace fxrack::test {

// Deterministic test signals shared by the test layers.
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

} // namespace fxrack::test
