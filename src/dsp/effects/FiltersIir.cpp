#include "dsp/effects/FiltersIir.h"

#include "dsp/EffectRegistry.h"
#include "dsp/effects/FirDesignable.h"

#include <cmath>
#include <sstream>

namespace fxrack::dsp {
namespace {

std::string effectName(IirFilter::Family family, PassType type)
{
    const std::string prefix = type == PassType::LowPass ? "Lo" : "Hi";
    switch (family) {
    case IirFilter::Family::Butterworth:
        return prefix + "Butterworth";
    case IirFilter::Family::Chebyshev1:
        return prefix + "Chebyshev1";
    case IirFilter::Family::Chebyshev2:
        return prefix + "Chebyshev2";
    case IirFilter::Family::Elliptic:
        return prefix + "Elliptic";
    case IirFilter::Family::LinkwitzRiley:
        return prefix + "LinkwitzRiley";
    }
    return prefix;
}

} // namespace

EffectType IirFilter::describe(Family family, PassType type)
{
    const bool low = type == PassType::LowPass;
    auto cutoff = hzParam("cutoff", 1000.0, 1.0, 96000.0);
    cutoff.help = low ? "frequency above which the signal is cut" : "frequency below which the signal is cut";
    std::vector<ParamInfo> params{cutoff};
    std::string help;
    switch (family) {
    case Family::Butterworth: {
        auto order = intParam("order", 5, 1, kMaxIirOrder);
        order.help = "filter order (6 dB/octave per order)";
        params.push_back(order);
        help = std::string(low ? "Low" : "High") + "-pass Butterworth filter, as scipy.signal.butter";
        break;
    }
    case Family::Chebyshev1: {
        params.push_back(intParam("order", 4, 1, kMaxIirOrder));
        auto ripple = dbParam("ripple", 0.1, 0.001, 30.0);
        ripple.help = "pass-band ripple";
        params.push_back(ripple);
        help = std::string(low ? "Low" : "High") + "-pass Chebyshev type I filter, as scipy.signal.cheby1";
        break;
    }
    case Family::Chebyshev2: {
        params.push_back(intParam("order", 4, 1, kMaxIirOrder));
        // TorchFX defaults this to 0.1 dB, which leaves no stop band at all: a Chebyshev II
        // filter is specified by its stop-band attenuation, so 40 dB is the useful default.
        auto attenuation = dbParam("attenuation", 40.0, 0.1, 200.0);
        attenuation.aliases = {"ripple"};
        attenuation.help = "stop-band attenuation";
        params.push_back(attenuation);
        help = std::string(low ? "Low" : "High") + "-pass Chebyshev type II filter, as scipy.signal.cheby2";
        break;
    }
    case Family::Elliptic: {
        params.push_back(intParam("order", 4, 1, kMaxIirOrder));
        auto rp = dbParam("passband_ripple", 0.1, 0.001, 30.0);
        rp.help = "pass-band ripple";
        auto rs = dbParam("stopband_attenuation", 40.0, 0.1, 200.0);
        rs.help = "stop-band attenuation";
        params.push_back(rp);
        params.push_back(rs);
        help = std::string(low ? "Low" : "High") + "-pass elliptic (Cauer) filter, as scipy.signal.ellip";
        break;
    }
    case Family::LinkwitzRiley: {
        auto order = intParam("order", 4, 2, kMaxIirOrder);
        order.help = "even order: two cascaded Butterworth filters of order/2";
        params.push_back(order);
        help = std::string(low ? "Low" : "High") +
               "-pass Linkwitz-Riley crossover filter; low + high of the same cutoff sum to an all-pass";
        break;
    }
    }
    params[Order].help = params[Order].help.empty() ? "filter order" : params[Order].help;
    return {effectName(family, type), "filter", std::move(params), std::move(help), {}};
}

IirFilter::IirFilter(const EffectType& effectType, Family family, PassType type)
    : SosEffect(effectType), m_family(family), m_passType(type)
{}

void IirFilter::validate(double sampleRate) const
{
    SosEffect::validate(sampleRate);
    const int order = static_cast<int>(param(Order));
    if (m_family == Family::LinkwitzRiley && order % 2 != 0)
        fail("parameter \"order\" = " + std::to_string(order) +
             " must be even (a Linkwitz-Riley filter is two Butterworth filters of order/2)");
    if (m_family == Family::Elliptic && param(kStopbandAttenuation) <= param(kPassbandRipple)) {
        std::ostringstream os;
        os << "parameter \"stopband_attenuation\" = " << param(kStopbandAttenuation)
           << " dB must be greater than passband_ripple = " << param(kPassbandRipple) << " dB";
        fail(os.str());
    }
}

void IirFilter::design(const Values& v, double sampleRate, SosCascade& out) const noexcept
{
    const int order = static_cast<int>(std::lround(v[Order]));
    const double cutoffHz = v[Cutoff];
    switch (m_family) {
    case Family::Butterworth:
        out = butterworth(order, cutoffHz, m_passType, sampleRate);
        break;
    case Family::Chebyshev1:
        out = chebyshev1(order, v[kRipple], cutoffHz, m_passType, sampleRate);
        break;
    case Family::Chebyshev2:
        out = chebyshev2(order, v[kAttenuation], cutoffHz, m_passType, sampleRate);
        break;
    case Family::Elliptic:
        out = elliptic(order, v[kPassbandRipple], v[kStopbandAttenuation], cutoffHz, m_passType, sampleRate);
        break;
    case Family::LinkwitzRiley:
        out = linkwitzRiley(order, cutoffHz, m_passType, sampleRate);
        break;
    }
}

void registerFilterEffects(EffectRegistry& registry)
{
    using F = IirFilter::Family;
    for (const F family : {F::Butterworth, F::Chebyshev1, F::Chebyshev2, F::Elliptic, F::LinkwitzRiley})
        for (const PassType type : {PassType::LowPass, PassType::HighPass})
            registry.add(IirFilter::describe(family, type), [family, type](const EffectType& t) {
                return std::make_unique<IirFilter>(t, family, type);
            });
    registry.add(DesignableFir::describe(),
                 [](const EffectType& t) { return std::make_unique<DesignableFir>(t); });
}

} // namespace fxrack::dsp
