#include "dsp/design/Rbj.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace fxrack::dsp::rbj {
namespace {

struct Angle {
    double cosW = 1.0;
    double alpha = 0.0;
};

Angle angle(double frequencyHz, double q, double sampleRate) noexcept
{
    const double f = std::clamp(frequencyHz, 1e-6 * sampleRate, 0.4999 * sampleRate);
    const double w0 = 2.0 * std::numbers::pi * f / sampleRate;
    return {std::cos(w0), std::sin(w0) / (2.0 * std::max(q, 1e-6))};
}

Biquad normalised(double b0, double b1, double b2, double a0, double a1, double a2) noexcept
{
    return {b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0};
}

} // namespace

Biquad peaking(double frequencyHz, double q, double gainDb, double sampleRate) noexcept
{
    const auto [c, alpha] = angle(frequencyHz, q, sampleRate);
    const double a = std::pow(10.0, gainDb / 40.0);
    return normalised(1.0 + alpha * a, -2.0 * c, 1.0 - alpha * a, 1.0 + alpha / a, -2.0 * c, 1.0 - alpha / a);
}

Biquad lowShelf(double frequencyHz, double q, double gainDb, double sampleRate) noexcept
{
    const auto [c, alpha] = angle(frequencyHz, q, sampleRate);
    const double a = std::pow(10.0, gainDb / 40.0);
    const double k = 2.0 * std::sqrt(a) * alpha;
    return normalised(a * ((a + 1.0) - (a - 1.0) * c + k), 2.0 * a * ((a - 1.0) - (a + 1.0) * c),
                      a * ((a + 1.0) - (a - 1.0) * c - k), (a + 1.0) + (a - 1.0) * c + k,
                      -2.0 * ((a - 1.0) + (a + 1.0) * c), (a + 1.0) + (a - 1.0) * c - k);
}

Biquad highShelf(double frequencyHz, double q, double gainDb, double sampleRate) noexcept
{
    const auto [c, alpha] = angle(frequencyHz, q, sampleRate);
    const double a = std::pow(10.0, gainDb / 40.0);
    const double k = 2.0 * std::sqrt(a) * alpha;
    return normalised(a * ((a + 1.0) + (a - 1.0) * c + k), -2.0 * a * ((a - 1.0) + (a + 1.0) * c),
                      a * ((a + 1.0) + (a - 1.0) * c - k), (a + 1.0) - (a - 1.0) * c + k,
                      2.0 * ((a - 1.0) - (a + 1.0) * c), (a + 1.0) - (a - 1.0) * c - k);
}

Biquad notch(double frequencyHz, double q, double sampleRate) noexcept
{
    const auto [c, alpha] = angle(frequencyHz, q, sampleRate);
    return normalised(1.0, -2.0 * c, 1.0, 1.0 + alpha, -2.0 * c, 1.0 - alpha);
}

Biquad allPass(double frequencyHz, double q, double sampleRate) noexcept
{
    const auto [c, alpha] = angle(frequencyHz, q, sampleRate);
    return normalised(1.0 - alpha, -2.0 * c, 1.0 + alpha, 1.0 + alpha, -2.0 * c, 1.0 - alpha);
}

Biquad bandPass(double frequencyHz, double q, double sampleRate) noexcept
{
    const auto [c, alpha] = angle(frequencyHz, q, sampleRate);
    return normalised(alpha, 0.0, -alpha, 1.0 + alpha, -2.0 * c, 1.0 - alpha);
}

} // namespace fxrack::dsp::rbj
