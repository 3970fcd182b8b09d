#pragma once

#include "dsp/design/Biquad.h"

#include <complex>
#include <optional>
#include <span>

namespace fxrack::dsp {

class Effect;

// H(e^{jw}) of a cascade at `hz` (scipy.signal.sosfreqz at one frequency).
std::complex<double> sosResponse(const SosCascade& cascade, double hz, double sampleRate) noexcept;
// H(e^{jw}) of FIR taps at `hz` (scipy.signal.freqz(taps, 1) at one frequency).
std::complex<double> firResponse(std::span<const double> taps, double hz, double sampleRate) noexcept;

// Implemented by effects that are linear filters, so that the GUI can plot them.
class FrequencyResponseSource {
public:
    virtual ~FrequencyResponseSource() = default;
    // The response the current (target) parameters ask for, at `sampleRate`; empty when the
    // parameters cannot work at that rate (e.g. cutoff at or above Nyquist). GUI thread.
    virtual std::optional<std::complex<double>> responseAt(double hz, double sampleRate) const = 0;
};

// The complex response of `effect` at `hz`, at the rate it was prepared for (48 kHz if it was
// not); empty for effects that are not linear filters. GUI thread (may allocate).
std::optional<std::complex<double>> frequencyResponse(const Effect& effect, double hz);
std::optional<std::complex<double>> frequencyResponse(const Effect& effect, double hz, double sampleRate);

} // namespace fxrack::dsp
