#pragma once

#include "dsp/design/Biquad.h"

namespace fxrack::dsp::rbj {

// Robert Bristow-Johnson's Audio EQ Cookbook biquads, normalised to a0 = 1. `q` is the
// cookbook's Q (for shelves too: alpha = sin(w0) / (2 Q)). No allocation; audio-thread safe.
// Callers keep 0 < frequencyHz < fs / 2 and q > 0; values outside are clamped.

// Peaking EQ with A = 10^(gainDb / 40): the response at frequencyHz is exactly gainDb.
Biquad peaking(double frequencyHz, double q, double gainDb, double sampleRate) noexcept;
// Shelves with A = 10^(gainDb / 40) = sqrt(linear gain): the shelf reaches gainDb.
Biquad lowShelf(double frequencyHz, double q, double gainDb, double sampleRate) noexcept;
Biquad highShelf(double frequencyHz, double q, double gainDb, double sampleRate) noexcept;
Biquad notch(double frequencyHz, double q, double sampleRate) noexcept;
Biquad allPass(double frequencyHz, double q, double sampleRate) noexcept;
// Band-pass with constant 0 dB peak gain.
Biquad bandPass(double frequencyHz, double q, double sampleRate) noexcept;

} // namespace fxrack::dsp::rbj
