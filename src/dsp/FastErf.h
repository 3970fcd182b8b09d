#pragma once

#include <algorithm>

namespace fxrack::dsp {

// erf for the Overdrive's waveshaper, eight calls per input sample: a rational fit (odd
// numerator, even denominator, both polynomials in x^2 with positive coefficients, so no pole)
// within 4e-7 of erf for every float, held at +-1 beyond |x| = 3.66 as erf is in float.
// Unlike std::erf it is inline and branch-free, so loops over it vectorise (GCC if-converts the
// clamps only under -fno-trapping-math, which src/dsp/CMakeLists.txt sets for Overdrive.cpp).
// Fitted by weighted least squares on [0, 4] (numpy/scipy), checked in tests/dsp/tst_dynamics.
inline float fastErf(float x) noexcept
{
    x = std::min(std::max(x, -4.0f), 4.0f);
    const float z = x * x;
    const float p = ((((1.9743734e-06f * z + 2.8809685e-04f) * z + 4.0061534e-03f) * z + 5.3475230e-02f) * z +
                     1.9630765e-01f) *
                        z +
                    1.1283790f;
    const float q = ((((3.7479012e-05f * z + 1.2169657e-03f) * z + 1.5449449e-02f) * z + 1.1650068e-01f) * z +
                     5.0730426e-01f) *
                        z +
                    1.0f;
    // The fit passes 1 near |x| = 3.66 and keeps rising slowly: hold it at 1 as erf does in float.
    return std::min(std::max(x * p / q, -1.0f), 1.0f);
}

} // namespace fxrack::dsp
