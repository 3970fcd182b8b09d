#pragma once

#include "dsp/Avx2Clones.h"

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

namespace fxrack::dsp {

// ln and 2^x for the Compressor's per-sample level detector and gain, where std::log and
// std::exp were most of the time. Inline and branch-free, so loops over them vectorise (and
// with FXRACK_AVX2_CLONES, twice as wide); series long enough for about 2e-11 (checked against
// std::log and std::exp2 in tests/dsp/tst_speedups.cpp): the gain they make is rounded to float
// (6e-8) after them.

// ln(v) for a positive normal float, in double. v = 2^e * m with m in [sqrt(1/2), sqrt(2)),
// ln(m) = 2 atanh(s) with s = (m - 1) / (m + 1), |s| <= 0.1716: the odd series to s^13 leaves
// under 2e-11. Zero, denormals, infinities and NaN give garbage: callers mask them.
inline double fastLn(float v) noexcept
{
    constexpr double kLn2 = 0.6931471805599453;
    const auto bits = std::bit_cast<int32_t>(v);
    // Subtracting the bits of sqrt(1/2) makes the exponent field count from there.
    const int32_t e = (bits - 0x3f3504f3) >> 23;
    const double m = std::bit_cast<float>(bits - (e << 23));
    const double s = (m - 1.0) / (m + 1.0);
    const double z = s * s;
    double series = 1.0 / 13;
    series = series * z + 1.0 / 11;
    series = series * z + 1.0 / 9;
    series = series * z + 1.0 / 7;
    series = series * z + 1.0 / 5;
    series = series * z + 1.0 / 3;
    series *= z; // s^2/3 + s^4/5 + ... + s^12/13
    return static_cast<double>(e) * kLn2 + (2.0 * s + 2.0 * s * series);
}

// 2^y for y in [-1000, 0] (not checked: a clamp here keeps loops from vectorising). y = k + f
// with k rounded by the 1.5 * 2^52 trick, so f = y - k is exact and |f| <= 1/2; 2^f = e^(f ln2)
// by Taylor to the 9th power leaves under 1e-11, and 2^k is built in the exponent field.
inline double fastExp2(double y) noexcept
{
    constexpr double kRound = 6755399441055744.0; // 1.5 * 2^52
    // (ln 2)^j / j!, highest first.
    constexpr auto kCoefficients = [] {
        std::array<double, 10> c{};
        double term = 1.0;
        for (int j = 0; j < 10; ++j) {
            c[static_cast<std::size_t>(9 - j)] = term;
            term *= 0.6931471805599453 / (j + 1);
        }
        return c;
    }();
    const double t = y + kRound;
    const double f = y - (t - kRound);
    double p = kCoefficients[0];
    for (std::size_t j = 1; j < kCoefficients.size(); ++j)
        p = p * f + kCoefficients[j];
    // The low bits of t hold k (two's complement); shifted into the exponent field with its bias.
    const double scale = std::bit_cast<double>((std::bit_cast<uint64_t>(t) + 1023u) << 52);
    return p * scale;
}

} // namespace fxrack::dsp
