#include "dsp/effects/BiquadEq.h"

#include "dsp/design/Rbj.h"

#include <algorithm>
#include <cmath>

namespace fxrack::dsp {
namespace {

ParamInfo qParam()
{
    auto q = linearParam("q", 0.707, 0.01, 100.0);
    q.scale = Scale::Log;
    q.smoothing = Smoothing::Multiplicative;
    q.help = "quality factor: higher is narrower";
    return q;
}

ParamInfo linearOrDbGain()
{
    auto gain = linearParam("gain", 1.0, -120.0, 1000.0);
    gain.help = "linear factor (gain_scale=linear) or dB (gain_scale=db)";
    return gain;
}

} // namespace

EffectType BiquadEq::describe(Kind kind)
{
    auto cutoff = hzParam("cutoff", 1000.0, 1.0, 96000.0);
    const auto gainScale = choiceParam("gain_scale", {"linear", "db"}, Linear);
    switch (kind) {
    case Kind::LowShelf:
    case Kind::HighShelf: {
        const bool low = kind == Kind::LowShelf;
        cutoff.help = "shelf corner frequency";
        return {low ? "LoShelving" : "HiShelving",
                "eq",
                {cutoff, qParam(), linearOrDbGain(), gainScale},
                // TorchFX uses A = 10^(dB/20) and so doubles the boost in dB; the cookbook's
                // A = sqrt(linear gain) = 10^(dB/40) makes the shelf reach the gain asked for.
                std::string(low ? "Low" : "High") + " shelf (RBJ cookbook): boosts or cuts " +
                    (low ? "below" : "above") + " the corner by gain",
                {}};
    }
    case Kind::Parametric: {
        auto frequency = hzParam("frequency", 1000.0, 1.0, 96000.0);
        frequency.help = "centre frequency";
        auto gain = dbParam("gain", 0.0, -48.0, 48.0);
        gain.help = "boost or cut at the centre frequency";
        return {"ParametricEQ",
                "eq",
                {frequency, qParam(), gain},
                "Peaking EQ (RBJ cookbook, A = 10^(dB/40)): exactly gain dB at frequency",
                {}};
    }
    case Kind::Peaking:
        cutoff.help = "centre frequency";
        return {"Peaking",
                "eq",
                {cutoff, qParam(), linearOrDbGain(), gainScale},
                "ParametricEQ with the gain given as a linear factor or in dB",
                {}};
    case Kind::Notch:
        cutoff.help = "frequency removed";
        return {"Notch", "eq", {cutoff, qParam()}, "Notch filter (RBJ cookbook)", {}};
    case Kind::AllPass:
        cutoff.help = "frequency of 180 degrees phase shift";
        return {"AllPass", "eq", {cutoff, qParam()}, "All-pass filter (RBJ cookbook): flat magnitude", {}};
    case Kind::BandPass:
        cutoff.help = "centre frequency";
        return {"BandPass", "eq", {cutoff, qParam()}, "Band-pass filter (RBJ cookbook, 0 dB peak)", {}};
    }
    return {};
}

BiquadEq::BiquadEq(const EffectType& type, Kind kind) : SosEffect(type), m_kind(kind) {}

void BiquadEq::validate(double sampleRate) const
{
    SosEffect::validate(sampleRate);
    if (!hasGainScale())
        return;
    const double g = param(Gain);
    if (static_cast<int>(param(GainScale)) == Linear && g <= 0.0)
        fail("parameter \"gain\" = " + std::to_string(g) +
             " must be above 0 as a linear factor (use gain_scale=db for a cut in dB)");
    if (static_cast<int>(param(GainScale)) == Db && std::abs(g) > 120.0)
        fail("parameter \"gain\" = " + std::to_string(g) + " dB is out of range [-120, 120]");
}

double BiquadEq::gainDb() const noexcept
{
    return paramCount() <= Gain ? 0.0 : toDb(param(Gain));
}

double BiquadEq::toDb(double g) const noexcept
{
    if (hasGainScale() && static_cast<int>(param(GainScale)) == Linear)
        return 20.0 * std::log10(std::max(g, 1e-6)); // a live 0 must not make -inf
    return g;
}

double BiquadEq::designValue(int id, double value) const noexcept
{
    return id == Gain ? toDb(value) : value;
}

void BiquadEq::design(const Values& v, double sampleRate, SosCascade& out) const noexcept
{
    const double f = v[Frequency];
    const double q = v[Q];
    Biquad section;
    switch (m_kind) {
    case Kind::LowShelf:
        section = rbj::lowShelf(f, q, v[Gain], sampleRate);
        break;
    case Kind::HighShelf:
        section = rbj::highShelf(f, q, v[Gain], sampleRate);
        break;
    case Kind::Parametric:
    case Kind::Peaking:
        section = rbj::peaking(f, q, v[Gain], sampleRate);
        break;
    case Kind::Notch:
        section = rbj::notch(f, q, sampleRate);
        break;
    case Kind::AllPass:
        section = rbj::allPass(f, q, sampleRate);
        break;
    case Kind::BandPass:
        section = rbj::bandPass(f, q, sampleRate);
        break;
    }
    out.clear();
    out.push(section);
}

} // namespace fxrack::dsp
