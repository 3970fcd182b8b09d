#pragma once

#include "dsp/AudioBuffer.h"
#include "dsp/EffectChain.h"

#include <cmath>
#include <numbers>
#include <random>

namespace fxrack::testing {

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

} // namespace fxrack::testing
