#include "dsp/effects/IirFilter.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace fxrack::dsp {
namespace {

using Family = IirFilter::Family;
using Values = SosEffect::Values;

int orderOf(const Values& v) noexcept
{
    return static_cast<int>(std::lround(v[IirFilter::Order]));
}

ParamInfo orderParam(double def, double min, std::string help)
{
    return withHelp(intParam("order", def, min, kMaxIirOrder), std::move(help));
}

// Everything a family is, once: its name (the effects are Lo<name> and Hi<name>), its help
// after "Low-pass " / "High-pass ", its parameters after the cutoff, and its design.
struct FamilyInfo {
    Family family;
    const char* name;
    const char* help;
    std::vector<ParamInfo> (*params)();
    Zpk (*prototype)(const Values& v);
    int repeats; // 2 for Linkwitz-Riley: the prototype's cascade twice
};

constexpr FamilyInfo kFamilies[] = {
    {Family::Butterworth, "Butterworth", "Butterworth filter, as scipy.signal.butter",
     [] { return std::vector{orderParam(5, 1, "filter order (6 dB/octave per order)")}; },
     [](const Values& v) { return butterworthPrototype(orderOf(v)); }, 1},
    {Family::Chebyshev1, "Chebyshev1", "Chebyshev type I filter, as scipy.signal.cheby1",
     [] {
         return std::vector{orderParam(4, 1, "filter order"),
                            withHelp(dbParam("ripple", 0.1, 0.001, 30.0), "pass-band ripple")};
     },
     [](const Values& v) { return chebyshev1Prototype(orderOf(v), v[IirFilter::kRipple]); }, 1},
    {Family::Chebyshev2, "Chebyshev2", "Chebyshev type II filter, as scipy.signal.cheby2",
     [] {
         // TorchFX defaults this to 0.1 dB, which leaves no stop band at all: a Chebyshev II
         // filter is specified by its stop-band attenuation, so 40 dB is the useful default.
         auto attenuation = withHelp(dbParam("attenuation", 40.0, 0.1, 200.0), "stop-band attenuation");
         attenuation.aliases = {"ripple"};
         return std::vector{orderParam(4, 1, "filter order"), attenuation};
     },
     [](const Values& v) { return chebyshev2Prototype(orderOf(v), v[IirFilter::kAttenuation]); }, 1},
    {Family::Elliptic, "Elliptic", "elliptic (Cauer) filter, as scipy.signal.ellip",
     [] {
         return std::vector{
             orderParam(4, 1, "filter order"),
             withHelp(dbParam("passband_ripple", 0.1, 0.001, 30.0), "pass-band ripple"),
             withHelp(dbParam("stopband_attenuation", 40.0, 0.1, 200.0), "stop-band attenuation")};
     },
     [](const Values& v) {
         return ellipticPrototype(orderOf(v), v[IirFilter::kPassbandRipple],
                                  v[IirFilter::kStopbandAttenuation]);
     },
     1},
    {Family::LinkwitzRiley, "LinkwitzRiley",
     "Linkwitz-Riley crossover filter; low + high of the same cutoff sum to an all-pass",
     [] { return std::vector{orderParam(4, 2, "even order: two cascaded Butterworth filters of order/2")}; },
     [](const Values& v) { return linkwitzRileyPrototype(orderOf(v)); }, 2},
};
constexpr bool inEnumOrder()
{
    for (size_t i = 0; i < std::size(kFamilies); ++i)
        if (static_cast<size_t>(kFamilies[i].family) != i)
            return false;
    return true;
}
static_assert(std::size(kFamilies) == IirFilter::kFamilyCount && inEnumOrder());

const FamilyInfo& infoOf(Family family) noexcept
{
    return kFamilies[static_cast<size_t>(family)];
}

} // namespace

EffectType IirFilter::describe(Family family, PassType type)
{
    const auto& info = infoOf(family);
    const bool low = type == PassType::LowPass;
    auto cutoff = hzParam("cutoff", 1000.0, 1.0, 96000.0);
    cutoff.help = low ? "frequency above which the signal is cut" : "frequency below which the signal is cut";
    std::vector<ParamInfo> params{cutoff};
    for (auto& p : info.params())
        params.push_back(std::move(p));
    return {std::string(low ? "Lo" : "Hi") + info.name,
            "filter",
            std::move(params),
            std::string(low ? "Low" : "High") + "-pass " + info.help,
            {}};
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

int IirFilter::butterworthOrder(const Values& v) const noexcept
{
    // linkwitzRileyPrototype(order) is the Butterworth prototype of order / 2, run twice.
    return m_family == Family::LinkwitzRiley ? std::clamp(orderOf(v) / 2, 1, kMaxIirOrder / 2)
                                             : std::clamp(orderOf(v), 1, kMaxIirOrder);
}

bool IirFilter::isButterworth() const noexcept
{
    return m_family == Family::Butterworth || m_family == Family::LinkwitzRiley;
}

void IirFilter::design(const Values& v, double sampleRate, SosCascade& out) const noexcept
{
    const auto& info = infoOf(m_family);
    if (isButterworth())
        out =
            ButterworthDesigner(butterworthOrder(v), info.repeats).design(v[Cutoff], m_passType, sampleRate);
    else
        out = designFromPrototype(info.prototype(v), v[Cutoff], m_passType, sampleRate, info.repeats);
}

void IirFilter::designLive(const Values& v, double sampleRate, SosCascade& out) noexcept
{
    const auto& info = infoOf(m_family);
    if (isButterworth()) {
        if (butterworthOrder(v) != m_butterworth.order() || info.repeats != m_butterworth.repeats())
            m_butterworth = ButterworthDesigner(butterworthOrder(v), info.repeats);
        m_butterworth.design(v[Cutoff], m_passType, sampleRate, out);
        return;
    }
    const PrototypeKey key{orderOf(v), v[2], v[3]};
    if (!m_hasPrototype || !(key == m_prototypeKey)) {
        m_prototype = info.prototype(v);
        m_prototypeKey = key;
        m_hasPrototype = true;
    }
    out = designFromPrototype(m_prototype, v[Cutoff], m_passType, sampleRate, info.repeats);
}

} // namespace fxrack::dsp
