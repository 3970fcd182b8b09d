#pragma once

#include "dsp/design/Biquad.h"
#include "dsp/design/IirDesign.h"

#include <array>

namespace fxrack::dsp {

// Butterworth (and Linkwitz-Riley) designs in closed form: the same sections as
// butterworth()/linkwitzRiley() (scipy's butter and zpk2sos, IirDesign.h) within float
// rounding, for about a tenth of the time. A Butterworth filter's digital poles and their
// order in the cascade follow from one tan per design: with K = tan(pi fc / fs) and an analog
// pair -c +- j sqrt(1 - c^2), the bilinear transform gives a1 = -2 (1 - K^2) / D and
// a2 = (1 - 2 K c + K^2) / D, D = 1 + 2 K c + K^2, for low- and high-pass alike. zpk2sos puts
// the pair nearest the unit circle (the smallest c) last and the real pole first; the one
// choice left to reproduce is which section an odd order's padding zero at the origin joins
// (design() says how). The low-pass gain is K^2 / D per pair and K / (1 + K) for the real
// pole (unity at DC), the high-pass's 1 / D and 1 / (1 + K) (unity at Nyquist), worked out
// without the cancellation of 1 + a1 + a2 at low cutoffs. Nothing allocates: the audio thread
// redesigns with it while a cutoff ramps. Tested against the generic design in
// tests/dsp/tst_filterdesign.cpp (and scipy's sections there).
class ButterworthDesigner {
public:
    // `order` clamped to [1, kMaxIirOrder] as butterworth() does; `repeats` 2 for a
    // Linkwitz-Riley filter (linkwitzRiley(2 * order) repeats the order-`order` cascade).
    explicit ButterworthDesigner(int order = 1, int repeats = 1) noexcept;

    int order() const noexcept { return m_order; }
    int repeats() const noexcept { return m_repeats; }
    // butterworth(order, cutoffHz, type, sampleRate) repeated `repeats` times; the cutoff is
    // clamped into (0, fs / 2) as there.
    SosCascade design(double cutoffHz, PassType type, double sampleRate) const noexcept;
    // The same into `out`, writing only its sections in use (a redesign on the audio thread
    // then neither clears nor copies the whole cascade).
    void design(double cutoffHz, PassType type, double sampleRate, SosCascade& out) const noexcept;

private:
    int m_order = 1;
    int m_repeats = 1;
    int m_pairs = 0;
    // c of each complex pair, largest first: the cascade's order after an odd order's real pole.
    std::array<double, kMaxIirOrder / 2> m_c{};
};

} // namespace fxrack::dsp
