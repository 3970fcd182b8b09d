// The built-in catalogue, in the order `fxrack-cli effects` lists it: one line per effect, or per
// family of effects that share a class (IIR filters, RBJ biquads).
#include "dsp/EffectRegistry.h"
#include "dsp/effects/BiquadEq.h"
#include "dsp/effects/Convolver.h"
#include "dsp/effects/Delay.h"
#include "dsp/effects/DesignableFir.h"
#include "dsp/effects/Dynamics.h"
#include "dsp/effects/Gain.h"
#include "dsp/effects/IirFilter.h"
#include "dsp/effects/Modulation.h"
#include "dsp/effects/Normalize.h"
#include "dsp/effects/Overdrive.h"
#include "dsp/effects/Reverb.h"

#include <memory>

namespace fxrack::dsp {
namespace {

template <typename T> void add(EffectRegistry& registry)
{
    registry.add(T::describe(), [](const EffectType& type) { return std::make_unique<T>(type); });
}

void addIirFilters(EffectRegistry& registry)
{
    for (int f = 0; f < IirFilter::kFamilyCount; ++f) {
        const auto family = static_cast<IirFilter::Family>(f);
        for (const PassType type : {PassType::LowPass, PassType::HighPass})
            registry.add(IirFilter::describe(family, type), [family, type](const EffectType& t) {
                return std::make_unique<IirFilter>(t, family, type);
            });
    }
}

void addBiquadEqs(EffectRegistry& registry)
{
    using K = BiquadEq::Kind;
    for (const K kind :
         {K::LowShelf, K::HighShelf, K::Parametric, K::Peaking, K::Notch, K::AllPass, K::BandPass})
        registry.add(BiquadEq::describe(kind),
                     [kind](const EffectType& t) { return std::make_unique<BiquadEq>(t, kind); });
}

} // namespace

void registerBuiltinEffects(EffectRegistry& registry)
{
    addIirFilters(registry);
    add<DesignableFir>(registry);
    addBiquadEqs(registry);
    add<Gain>(registry);
    add<Normalize>(registry);
    add<Reverb>(registry);
    add<Delay>(registry);
    add<Convolver>(registry);
    add<Compressor>(registry);
    add<NoiseGate>(registry);
    add<Limiter>(registry);
    add<Overdrive>(registry);
    add<Chorus>(registry);
    add<Flanger>(registry);
    add<Tremolo>(registry);
}

} // namespace fxrack::dsp
