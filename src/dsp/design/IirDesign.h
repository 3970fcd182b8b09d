#pragma once

#include "dsp/design/Biquad.h"

#include <array>
#include <cmath>
#include <complex>

namespace fxrack::dsp {

enum class PassType { LowPass, HighPass };

// Zeros, poles and gain with a fixed capacity (order <= kMaxIirOrder plus padding).
struct Zpk {
    static constexpr int kCapacity = 2 * kMaxIirOrder + 4;
    std::array<std::complex<double>, kCapacity> z{};
    std::array<std::complex<double>, kCapacity> p{};
    int numZeros = 0;
    int numPoles = 0;
    double k = 1.0;

    void addZero(std::complex<double> v) noexcept
    {
        if (numZeros < kCapacity)
            z[static_cast<size_t>(numZeros++)] = v;
    }
    void addPole(std::complex<double> v) noexcept
    {
        if (numPoles < kCapacity)
            p[static_cast<size_t>(numPoles++)] = v;
    }
};

// Digital IIR designs as second-order sections, computed exactly as scipy.signal's
// butter/cheby1/cheby2/ellip(order, ..., btype, fs=fs, output='sos'): analog prototype,
// lp2lp/lp2hp at the pre-warped cutoff, bilinear transform, zpk2sos with 'nearest' pairing,
// gain in the first section. All maths in double; nothing allocates, so the audio thread can
// redesign while a parameter ramps. The caller validates: order in [1, kMaxIirOrder],
// 0 < cutoffHz < fs / 2, ripple > 0, attenuation > ripple. Out-of-range values are clamped
// into that domain so that a bad live value cannot produce NaN (a NaN cutoff or rate designs
// at the lowest cutoff, normalisedCutoff()).
SosCascade butterworth(int order, double cutoffHz, PassType type, double sampleRate) noexcept;
SosCascade chebyshev1(int order, double rippleDb, double cutoffHz, PassType type, double sampleRate) noexcept;
SosCascade chebyshev2(int order, double attenuationDb, double cutoffHz, PassType type,
                      double sampleRate) noexcept;
SosCascade elliptic(int order, double passbandRippleDb, double stopbandAttenuationDb, double cutoffHz,
                    PassType type, double sampleRate) noexcept;
// Two cascaded Butterworth filters of order / 2 (order even, at least 2).
SosCascade linkwitzRiley(int order, double cutoffHz, PassType type, double sampleRate) noexcept;

// The analog prototypes depend on the order and ripples only, not on the cutoff: an effect
// whose cutoff ramps keeps its prototype and redoes only designFromPrototype per control point.
// Each clamps its arguments as the designs above do.
Zpk butterworthPrototype(int order) noexcept;
Zpk chebyshev1Prototype(int order, double rippleDb) noexcept;
Zpk chebyshev2Prototype(int order, double attenuationDb) noexcept;
Zpk ellipticPrototype(int order, double passbandRippleDb, double stopbandAttenuationDb) noexcept;
// The Butterworth prototype of order / 2 that linkwitzRiley() runs twice.
Zpk linkwitzRileyPrototype(int order) noexcept;
// toDigital then zpkToSos, the cascade repeated `repeats` times (2 for Linkwitz-Riley): the
// designs above are designFromPrototype(xPrototype(...), ...), so a cached prototype gives
// bit-identical coefficients.
SosCascade designFromPrototype(const Zpk& prototype, double cutoffHz, PassType type, double sampleRate,
                               int repeats = 1) noexcept;
// The cutoff as scipy's Wn (2 fc / fs), clamped into [1e-9, 1 - 1e-9]; NaN gives 1e-9 (fmax
// drops a NaN, std::clamp would pass it on, and zpkToSos cannot pair NaN roots).
inline double normalisedCutoff(double cutoffHz, double sampleRate) noexcept
{
    return std::fmin(std::fmax(2.0 * cutoffHz / sampleRate, 1e-9), 1.0 - 1e-9);
}
// lp2lp_zpk / lp2hp_zpk at `warpedCutoff` then bilinear_zpk at fs = 2 (as scipy's iirfilter).
Zpk toDigital(const Zpk& prototype, double cutoffHz, PassType type, double sampleRate) noexcept;
// scipy.signal.zpk2sos(z, p, k) with pairing='nearest' (the digital default).
SosCascade zpkToSos(const Zpk& digital) noexcept;

} // namespace fxrack::dsp
