#pragma once

#include "dsp/AudioBlock.h"

namespace fxrack::realtime {

// The last stage of every live output; the processor owns it and nothing can remove it.
//  - A block holding NaN or Inf is replaced by silence and reported, so the caller can reset
//    the state that produced it (the processor resets the whole chain).
//  - A brick-wall ceiling (default -0.3 dBFS): a zero-latency peak limiter, linked across
//    channels, with instant attack and a short release, followed by a hard clamp at the
//    ceiling. A signal below the ceiling passes bit-exact.
// prepare() is for the control thread; everything else runs on the audio thread, wait-free.
class SafetyStage {
public:
    struct Result {
        bool nonFinite = false; // the block held NaN/Inf and was silenced
        bool limited = false;   // the ceiling engaged in this block
    };

    static constexpr double kDefaultCeilingDb = -0.3;

    void prepare(double sampleRate, double ceilingDb = kDefaultCeilingDb) noexcept;
    double ceilingDb() const noexcept { return m_ceilingDb; }
    float ceiling() const noexcept { return m_ceiling; }

    Result process(const dsp::AudioBlock& block) noexcept;
    void reset() noexcept { m_gain = 1.0f; }

private:
    double m_ceilingDb = kDefaultCeilingDb;
    float m_ceiling = 0.966f;
    float m_gain = 1.0f;
    float m_release = 0.999f;
};

} // namespace fxrack::realtime
