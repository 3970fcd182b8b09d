#pragma once

#include "dsp/Effect.h"
#include "dsp/Smoothing.h"

namespace fxrack::dsp {

// y = g * x, with g from amplitude, dB (10^(g/20)) or power (sqrt(g)); optional clip to [-1, 1].
// The factor ramps linearly per sample, so a gain knob never clicks.
class Gain final : public Effect {
public:
    enum Param { GainParam, GainType, Clamp };
    enum Type { Amplitude, Db, Power };

    static EffectType describe();
    explicit Gain(const EffectType& type) : Effect(type) {}

    void validate(double sampleRate) const override;
    void process(AudioBlock& block) noexcept override;
    void reset() noexcept override;
    // The linear factor the current parameters ask for.
    double targetFactor() const noexcept;

protected:
    void doPrepare(const ProcessSpec& spec) override;
    void parameterChanged(int id) noexcept override;

private:
    SmoothedValue m_factor{SmoothedValue::Kind::Linear};
};

} // namespace fxrack::dsp
