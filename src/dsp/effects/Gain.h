#pragma once

#include "dsp/Effect.h"

namespace fxrack::dsp {

// y = g * x, with g from amplitude, dB (10^(g/20)) or power (sqrt(g)); optional clip to [-1, 1].
// The gain ramps per sample (its table entry declares how), so a gain knob never clicks.
class Gain final : public Effect {
public:
    enum Param { GainParam, GainType, Clamp };
    enum Type { Amplitude, Db, Power };

    static EffectType describe();
    explicit Gain(const EffectType& type) : Effect(type) { parameterChanged(GainParam); }

    void validate(double sampleRate) const override;
    void doProcess(AudioBlock& block) noexcept override;
    void doReset() noexcept override;
    // The linear factor the current parameters ask for.
    double targetFactor() const noexcept { return factorOf(param(GainParam)); }

protected:
    void doPrepare(const ProcessSpec& /*spec*/) override {}
    void parameterChanged(int id) noexcept override;

private:
    // The linear factor of a `gain` value under the current gain_type.
    double factorOf(double gain) const noexcept;

    // What the parameters ask for, kept so a resting block costs no lookups.
    float m_factor = 1.0f;
    bool m_clamp = false;
};

} // namespace fxrack::dsp
