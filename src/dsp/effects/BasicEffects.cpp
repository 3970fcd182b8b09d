#include "dsp/EffectRegistry.h"
#include "dsp/effects/Delay.h"
#include "dsp/effects/Gain.h"
#include "dsp/effects/Normalize.h"
#include "dsp/effects/Reverb.h"

namespace fxrack::dsp {

namespace {
template <typename T> EffectRegistry::Factory factoryOf()
{
    return [](const EffectType& type) { return std::make_unique<T>(type); };
}
} // namespace

void registerBasicEffects(EffectRegistry& registry)
{
    registry.add(Gain::describe(), factoryOf<Gain>());
    registry.add(Normalize::describe(), factoryOf<Normalize>());
    registry.add(Reverb::describe(), factoryOf<Reverb>());
    registry.add(Delay::describe(), factoryOf<Delay>());
}

} // namespace fxrack::dsp
