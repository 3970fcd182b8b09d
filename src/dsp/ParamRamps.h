#pragma once

#include "dsp/Effect.h"
#include "dsp/Smoothing.h"

#include <array>

namespace fxrack::dsp {

// One ramp per continuous parameter, indexed by parameter id (the first N ids of the effect):
// the prepare / reset / parameterChanged bookkeeping every smoothed effect needs, in one place.
// Audio-thread members (snap, follow, operator[]) are wait-free and allocation-free.
template <int N> class ParamRamps {
public:
    using Kind = SmoothedValue::Kind;

    explicit ParamRamps(const std::array<Kind, N>& kinds) noexcept
    {
        for (int i = 0; i < N; ++i)
            m_ramps[static_cast<size_t>(i)].setKind(kinds[static_cast<size_t>(i)]);
    }

    // From prepare(): the ramp length for this rate, starting at the current values.
    void prepare(const Effect& effect, double sampleRate) noexcept
    {
        for (auto& ramp : m_ramps)
            ramp.reset(sampleRate, kDefaultRampSeconds);
        snap(effect);
    }
    // From reset(): jump to the parameters' values.
    void snap(const Effect& effect) noexcept
    {
        for (int i = 0; i < N; ++i)
            m_ramps[static_cast<size_t>(i)].setCurrentAndTarget(effect.param(i));
    }
    // From parameterChanged(): ramp towards the new value (ids past N are not ramped here).
    void follow(const Effect& effect, int id) noexcept
    {
        if (effect.isPrepared() && id >= 0 && id < N)
            m_ramps[static_cast<size_t>(id)].setTarget(effect.param(id));
    }
    SmoothedValue& operator[](int id) noexcept { return m_ramps[static_cast<size_t>(id)]; }

private:
    std::array<SmoothedValue, N> m_ramps;
};

} // namespace fxrack::dsp
