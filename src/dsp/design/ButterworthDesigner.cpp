#include "dsp/design/ButterworthDesigner.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace fxrack::dsp {

ButterworthDesigner::ButterworthDesigner(int order, int repeats) noexcept
    : m_order(std::clamp(order, 1, kMaxIirOrder)), m_repeats(std::clamp(repeats, 1, 2))
{
    // butterworthPrototype's poles -exp(j pi m / (2 n)), m = -n + 1, ..., n - 1 in steps of 2:
    // the pairs are m and -m for m > 0, the real pole m = 0 (odd n).
    const int n = m_order;
    for (int m = 1 + n % 2; m < n; m += 2)
        m_c[static_cast<size_t>(m_pairs++)] = std::cos(std::numbers::pi * m / (2.0 * n));
}

SosCascade ButterworthDesigner::design(double cutoffHz, PassType type, double sampleRate) const noexcept
{
    SosCascade sos;
    design(cutoffHz, type, sampleRate, sos);
    return sos;
}

void ButterworthDesigner::design(double cutoffHz, PassType type, double sampleRate,
                                 SosCascade& sos) const noexcept
{
    // As toDigital(): the cutoff normalised to Nyquist, clamped, pre-warped.
    const double wn = normalisedCutoff(cutoffHz, sampleRate);
    const double k = std::tan(std::numbers::pi * wn / 2.0);
    const double kk = k * k;
    const bool low = type == PassType::LowPass;
    const bool odd = m_order % 2 == 1;
    const double zero = low ? 1.0 : -1.0; // the b1 of one zero at -1 (low-pass) or 1 (high-pass)

    const int first = odd ? 1 : 0; // an odd order's real pole comes first
    double gain = 1.0;
    // zpk2sos builds the sections from the last (the pair nearest the unit circle) back, each
    // taking the zero nearest its pole from n zeros at -1 (low-pass) or 1 (high-pass) and, for
    // an odd order, its padding zero at the origin. The origin is nearer a pole p than -1 when
    // Re p > -1/2, than 1 when Re p < 1/2; a tie goes to the zero zpk2sos's sorted list holds
    // first: -1 for a low-pass, the origin for a high-pass.
    bool originLeft = odd;
    for (int i = m_pairs - 1; i >= 0; --i) {
        const double c = m_c[static_cast<size_t>(i)];
        const double d = 1.0 + 2.0 * k * c + kk;
        const double re = (1.0 - kk) / d;
        Biquad section{1.0, 2.0 * zero, 1.0, -2.0 * re, (1.0 - 2.0 * k * c + kk) / d};
        if (originLeft && (low ? re > -0.5 : re <= 0.5)) {
            section.b1 = zero;
            section.b2 = 0.0;
            originLeft = false;
        }
        sos[first + i] = section;
        gain *= low ? kk / d : 1.0 / d;
    }
    if (odd) {
        // The real pole (1 - K) / (1 + K), with the padding pole at the origin, and the zeros
        // the pairs left: one at -1 (or 1) and the origin's, or two at -1 (or 1).
        const double d = 1.0 + k;
        sos[0] = originLeft ? Biquad{1.0, zero, 0.0, -(1.0 - k) / d, 0.0}
                            : Biquad{1.0, 2.0 * zero, 1.0, -(1.0 - k) / d, 0.0};
        gain *= low ? k / d : 1.0 / d;
    }
    sos.count = first + m_pairs;
    sos[0].b0 *= gain;
    sos[0].b1 *= gain;
    sos[0].b2 *= gain;
    for (int r = 1; r < m_repeats; ++r)
        for (int i = 0; i < first + m_pairs; ++i)
            sos.push(sos[i]);
}

} // namespace fxrack::dsp
