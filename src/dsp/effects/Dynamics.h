#pragma once

#include "dsp/Effect.h"

#include <cstdint>
#include <vector>

namespace fxrack::dsp {

// Feed-forward compressor with a soft knee and a stereo-linked detector (the loudest channel
// drives one gain for all, so the stereo image does not wander). Level is the sample peak:
// a sine of amplitude A sits at 20*log10(A) dB. The gain computer and the smooth decoupled
// peak detector follow Giannoulis, Massberg and Reiss (JAES 2012), both in dB.
class Compressor final : public Effect {
public:
    enum Param { Threshold, Ratio, AttackMs, ReleaseMs, KneeDb, MakeupDb };

    static EffectType describe();
    explicit Compressor(const EffectType& type) : Effect(type) {}

    void doProcess(AudioBlock& block) noexcept override;
    void doReset() noexcept override;

    // Static curve: dB of gain reduction (>= 0) for an input level in dB.
    static double gainReductionDb(double levelDb, double thresholdDb, double ratio, double kneeDb) noexcept;

protected:
    void doPrepare(const ProcessSpec& /*spec*/) override {}
    void updateControls() noexcept override;

private:
    template <bool kRamping> void compress(AudioBlock& block) noexcept;

    // Derived from the smoothed parameters, recomputed only while those ramp.
    double m_makeup = 1.0;
    double m_attack = 0.0;
    double m_release = 0.0;
    double m_peakDb = 0.0;      // release stage of the detector (dB of reduction)
    double m_reductionDb = 0.0; // attack stage: the reduction applied
};

// Noise gate: opens when the stereo-linked peak envelope reaches the threshold, stays open for
// hold_ms after it falls below, then closes to range_db with release_ms; opens with attack_ms.
class NoiseGate final : public Effect {
public:
    enum Param { Threshold, AttackMs, HoldMs, ReleaseMs, RangeDb };

    static EffectType describe();
    explicit NoiseGate(const EffectType& type) : Effect(type) {}

    void doProcess(AudioBlock& block) noexcept override;
    void doReset() noexcept override;

protected:
    void doPrepare(const ProcessSpec& spec) override;
    void updateControls() noexcept override;

private:
    template <bool kRamping> void gate(AudioBlock& block) noexcept;

    // Derived from the smoothed parameters, recomputed only while those ramp.
    double m_threshold = 0.0;
    double m_range = 0.0;
    double m_attack = 0.0;
    double m_release = 0.0;
    double m_envelopeDecay = 0.0;
    double m_envelope = 0.0;
    double m_gain = 0.0;
    int64_t m_holdLeft = 0;
};

// Look-ahead brick-wall peak limiter. The gain each sample needs is held over the look-ahead
// window (sliding minimum), released exponentially, then averaged over the same window: the
// average is a linear ramp that reaches the needed gain exactly when the peak leaves the delay
// line, so the output never exceeds the ceiling and the gain never steps.
class Limiter final : public Effect {
public:
    enum Param { Ceiling, ReleaseMs, LookaheadMs };

    static EffectType describe();
    explicit Limiter(const EffectType& type) : Effect(type) {}

    void doProcess(AudioBlock& block) noexcept override;
    void doReset() noexcept override;
    int latencySamples() const noexcept override;

protected:
    void doPrepare(const ProcessSpec& spec) override;
    void updateControls() noexcept override;

private:
    template <bool kRamping> void limit(AudioBlock& block) noexcept;

    // Derived from the smoothed parameters, recomputed only while those ramp.
    double m_ceiling = 1.0;
    double m_release = 0.0;
    int m_window = 1; // look-ahead + 1 samples
    int m_pos = 0;
    int64_t m_frame = 0;
    std::vector<float> m_delay;  // m_window samples per channel
    std::vector<double> m_gains; // released gains of the window, for the average
    double m_gainSum = 0.0;
    double m_released = 1.0;
    // Monotonic queue of (needed gain, frame) for the sliding minimum, as a ring of m_window.
    std::vector<double> m_minValues;
    std::vector<int64_t> m_minFrames;
    int m_minHead = 0;
    int m_minCount = 0;
};

} // namespace fxrack::dsp
