#pragma once

#include "dsp/Parameter.h"

namespace fxrack::dsp {

class Effect;

// The one place that says how high a parameter may go at a sample rate, so knobs, typed
// values, rate changes and batch checks all stop where the engine's validation does.

// Whether the upper end of `info`'s range depends on the sample rate: every Hz parameter,
// which cannot reach Nyquist.
bool isRateBound(const ParamInfo& info) noexcept;

// The highest value of parameter `id` that `effect` (with its other values as they are) accepts
// at `sampleRate`, as Effect::validate decides, with the margin it requires (checkBelowNyquist
// is strict, so the result stays below rate/2). The value is rounded down to four significant
// digits, so it shows below the limit it stands for (23.99 kHz at 48 kHz, not "24.0 kHz").
// The metadata's maximum for parameters the rate does not bound, or when the rate is unknown (0).
double highestValid(const Effect& effect, int id, double sampleRate);

} // namespace fxrack::dsp
