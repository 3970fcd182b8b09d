#pragma once

#include "dsp/AudioBlock.h"

namespace fxrack::realtime {

// The last stage of every live output; the processor owns it and nothing can remove it.
//  - A block holding NaN or Inf is replaced by the last good output fading to silence over
//    kFadeSeconds (no hard mute) and reported, so the caller can reset the state that produced
//    it (the processor resets the whole chain); the blocks after it fade back in over as long.
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
    static constexpr double kFadeSeconds = 0.005;
    static constexpr int kMaxChannels = 64;

    void prepare(double sampleRate, double ceilingDb = kDefaultCeilingDb) noexcept;
    double ceilingDb() const noexcept { return m_ceilingDb; }
    float ceiling() const noexcept { return m_ceiling; }

    // After a NaN, the chain starts again from silence and its latency delays the signal: the
    // fade-in waits that many samples, so the first sound fades in instead of jumping in.
    void setRecoveryDelay(int samples) noexcept { m_recoveryDelay = samples; }
    Result process(const dsp::AudioBlock& block) noexcept;
    void reset() noexcept;

private:
    // After a non-finite block: the held output's fade-out and the signal's fade-in.
    void recover(const dsp::AudioBlock& block) noexcept;

    double m_ceilingDb = kDefaultCeilingDb;
    float m_ceiling = 0.966f;
    float m_gain = 1.0f;
    float m_release = 0.999f;
    float m_held[kMaxChannels] = {}; // the last sample put out, per channel
    int m_fadeLength = 240;
    int m_fadeOutLeft = 0; // samples of the held value's fade-out still to play
    int m_fadeInPos = -1;  // samples into the fade-in; -1 when none runs
    int m_recoveryDelay = 0;
    int m_holdLeft = 0; // samples of silence before the fade-in starts
};

} // namespace fxrack::realtime
