#pragma once

#include "dsp/Effect.h"

#include <vector>

namespace fxrack::dsp {

// Overdrive: an erf waveshaper run at 8x the sample rate between two linear-phase polyphase FIR
// resamplers, then a one-pole tone low-pass; the base mixes it with the dry signal, delayed by
// the latency to line up.
//
// Why erf and 8x: erf is an entire function, so the harmonics of a driven sine fall off faster
// than exponentially (tanh's poles make them fall only exponentially). At the highest drive
// (slope 6, +15.6 dB) a full-scale 15 kHz sine's harmonics that fold back into 0..24 kHz at
// 384 kHz (the 25th and 27th) are below -74 dB; at 4x the 13th would fold back at -35 dB.
// The FIR (Kaiser, 369 taps at 8x, flat to 18 kHz, 90 dB down from 24 kHz) costs 48 taps per
// phase up and 384 taps down per input sample, and delays the output by kLatencySamples.
class Overdrive final : public Effect {
public:
    enum Param { Drive, Tone, Mix };
    static constexpr int kOversampling = 8;
    static constexpr int kLatencySamples = 46;                        // (taps - 1) / 8
    static constexpr int kTaps = kOversampling * kLatencySamples + 1; // 369
    static constexpr int kDotLanes = 8;
    // Taps per phase rounded up to whole vector lanes; the extra taps are zero.
    static constexpr int kTapsPerPhase =
        ((kTaps + kOversampling - 1) / kOversampling + kDotLanes - 1) / kDotLanes * kDotLanes; // 48
    static constexpr int kPaddedTaps = kTapsPerPhase * kOversampling;                          // 384
    static_assert(kPaddedTaps % (4 * kDotLanes) == 0, "the down-sampling dot takes 32 taps a step");
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
    struct ChannelState {
        std::vector<float> upHistory;   // 2 * kTapsPerPhase, newest first from m_upPos
        std::vector<float> downHistory; // 2 * kPaddedTaps, newest first from m_downPos
        double toneState = 0.0;
    };

    double toneCoefficient(double tone) const noexcept;

    std::vector<float> m_upPhases; // kOversampling rows of kTapsPerPhase, scaled by kOversampling
    std::vector<float> m_downTaps; // kPaddedTaps
    std::vector<ChannelState> m_channels;
    int m_upPos = 0;
    int m_downPos = 0;
    double m_toneCoefficient = 0.0;
};

} // namespace fxrack::dsp
