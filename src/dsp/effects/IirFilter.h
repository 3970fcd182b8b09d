#pragma once

#include "dsp/design/ButterworthDesigner.h"
#include "dsp/design/IirDesign.h"
#include "dsp/effects/SosEffect.h"

namespace fxrack::dsp {

// LoButterworth, HiButterworth, LoChebyshev1/2, HiChebyshev1/2, LoElliptic, HiElliptic,
// LoLinkwitzRiley, HiLinkwitzRiley: scipy-exact designs (see IirDesign.h) run as SOS.
class IirFilter final : public SosEffect {
public:
    // Each family's name, help, parameters and design are one entry of IirFilter.cpp's table.
    enum class Family { Butterworth, Chebyshev1, Chebyshev2, Elliptic, LinkwitzRiley };
    static constexpr int kFamilyCount = 5;
    // Parameter ids shared by every family.
    enum Param { Cutoff, Order };
    // Family-specific ids: Chebyshev1 ripple, Chebyshev2 attenuation, Elliptic rp and rs.
    static constexpr int kRipple = 2;
    static constexpr int kAttenuation = 2;
    static constexpr int kPassbandRipple = 2;
    static constexpr int kStopbandAttenuation = 3;

    static EffectType describe(Family family, PassType type);
    IirFilter(const EffectType& effectType, Family family, PassType type);

    void validate(double sampleRate) const override;
    Family family() const noexcept { return m_family; }
    PassType passType() const noexcept { return m_passType; }

protected:
    // Butterworth and Linkwitz-Riley in closed form (ButterworthDesigner, equal to the generic
    // design within float rounding), the other families through their analog prototypes.
    void design(const Values& values, double sampleRate, SosCascade& out) const noexcept override;
    // The same coefficients as design(), keeping what a cutoff does not change: the Butterworth
    // designer (its pairs' cosines), or the analog prototype while the order and ripples stay
    // (a cutoff ramp redoes only the bilinear transform and pairing, designFromPrototype).
    void designLive(const Values& values, double sampleRate, SosCascade& out) noexcept override;

private:
    // What a prototype depends on: the order and the family's parameters 2 and 3.
    struct PrototypeKey {
        int order = 0;
        double p2 = 0.0;
        double p3 = 0.0;
        bool operator==(const PrototypeKey&) const = default;
    };

    bool isButterworth() const noexcept;
    int butterworthOrder(const Values& values) const noexcept;

    Family m_family;
    PassType m_passType;
    ButterworthDesigner m_butterworth;
    Zpk m_prototype;
    PrototypeKey m_prototypeKey;
    bool m_hasPrototype = false;
};

} // namespace fxrack::dsp
