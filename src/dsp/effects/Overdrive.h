#pragma once

#include "dsp/Effect.h"

#include <vector>

namespace fxrack::dsp {

// Overdrive: an erf waveshaper run at 8x the sample rate between three linear-phase 2x FIR
// stages each way, then a one-pole tone low-pass; the base mixes it with the dry signal, delayed
// by the latency to line up.
//
// Why erf and 8x: erf is an entire function, so the harmonics of a driven sine fall off faster
// than exponentially (tanh's poles make them fall only exponentially). At the highest drive
// (slope 6, +15.6 dB) a full-scale 15 kHz sine's harmonics that fold back into 0..24 kHz at
// 384 kHz (the 25th and 27th) are below -74 dB; at 4x the 13th would fold back at -35 dB.
//
// The stages (OverdriveFilters.h, designed by design_overdrive_filters.py beside it):
// 48 <-> 96 kHz through a 97-tap FIR flat to 18 kHz and 104 dB down from 24 kHz (not a half-band
// filter, which would let harmonics just above 24 kHz fold back), then two half-band FIRs,
// 23 taps at 192 kHz and 11 at 384 kHz, whose zero taps leave 12 and 6 (and the centre). Symmetric
// taps share one multiply, and each stage runs over a whole chunk of samples, vectorised across
// samples: 296 taps per input sample, 152 multiplies, where the single FIR took 768 taps.
// tests/dsp/tst_overdrive.cpp measures the aliasing and pass band against that earlier design.
class Overdrive final : public Effect {
public:
    enum Param { Drive, Tone, Mix };
    static constexpr int kOversampling = 8;
    // Input frames per pass through the stages; longer blocks take several passes.
    static constexpr int kChunk = 64;
    // Samples of memory kept before each stage's buffer: the longest filter (stage 1, 97 taps,
    // a 49-tap phase) needs 48.
    static constexpr int kHistory = 48;
    // Each FIR delays by half its length: (97 - 1) / 2 at 96 kHz, (23 - 1) / 2 at 192 kHz,
    // (11 - 1) / 2 at 384 kHz, each twice (up and down): 438 samples at 384 kHz. The decimators
    // keep, of each input sample's 8, the one at offset 6 (see shapeChunk()): 432 samples, exactly
    // 54 input samples.
    static constexpr int kLatencySamples = 54;
    static constexpr double kMaxDriveGain = 6.0;

    static EffectType describe();
    explicit Overdrive(const EffectType& type) : Effect(type) {}

    void doProcess(AudioBlock& block) noexcept override;
    void doReset() noexcept override;
    int latencySamples() const noexcept override { return kLatencySamples; }

protected:
    void doPrepare(const ProcessSpec& spec) override;
    void updateControls() noexcept override;

private:
    // One channel's signal at each rate and phase, each with kHistory samples of memory before
    // it, in one allocation (offsets from streamOffset()).
    enum Stream { In48, Up96, Up192, Even384, Odd384, Even192, Odd192, Even96, Odd96, StreamCount };
    struct ChannelState {
        std::vector<float> streams;
        std::vector<float> scratch; // 4 * kChunk, a stage's output before it is (de)interleaved
        std::vector<float> wet;     // kChunk, the decimated output before the tone filter
        double toneState = 0.0;
    };

    static int streamLength(Stream s) noexcept;
    static int streamOffset(Stream s) noexcept;
    double toneCoefficient(double tone) const noexcept;
    void shapeChunk(ChannelState& ch, int frames) noexcept;

    // Stage 1 phases (49 and 48 taps), stage 2 and 3 even taps (12 and 6), as floats; the
    // interpolators use them doubled (the zero-stuffing loses half).
    std::vector<float> m_stage1Even, m_stage1Odd, m_stage2, m_stage3;
    std::vector<float> m_stage1EvenUp, m_stage1OddUp, m_stage2Up, m_stage3Up;
    std::vector<ChannelState> m_channels;
    float m_inputGains[kChunk] = {};
    float m_outputGains[kChunk] = {};
    bool m_gainsConstant = true; // no drive ramp in this chunk
    double m_toneCoefficient = 0.0;
};

} // namespace fxrack::dsp
