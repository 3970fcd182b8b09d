#pragma once

#include "dsp/effects/SosEffect.h"

namespace fxrack::dsp {

// LoShelving, HiShelving, ParametricEQ, Peaking, Notch, AllPass, BandPass: one RBJ cookbook
// biquad each. Every one has the Hz parameter first and q second; the gain (where there is
// one) is third and ramps in dB.
class BiquadEq final : public SosEffect {
public:
    enum class Kind { LowShelf, HighShelf, Parametric, Peaking, Notch, AllPass, BandPass };
    enum Param { Frequency, Q, Gain, GainScale };
    enum ScaleChoice { Linear, Db };

    static EffectType describe(Kind kind);
    BiquadEq(const EffectType& type, Kind kind);

    void validate(double sampleRate) const override;
    Kind kind() const noexcept { return m_kind; }
    // The gain the parameters ask for, in dB (0 for the kinds without gain).
    double gainDb() const noexcept;

protected:
    double designValue(int id, double value) const noexcept override;
    // A value of `gain` in dB, whatever gain_scale it is given in.
    double toDb(double gain) const noexcept;
    void design(const Values& values, double sampleRate, SosCascade& out) const noexcept override;

private:
    bool hasGainScale() const noexcept
    {
        return m_kind == Kind::LowShelf || m_kind == Kind::HighShelf || m_kind == Kind::Peaking;
    }
    Kind m_kind;
};

} // namespace fxrack::dsp
