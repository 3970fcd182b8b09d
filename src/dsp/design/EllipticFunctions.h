#pragma once

#include <complex>

namespace fxrack::dsp::special {

// The special functions scipy's ellipap() uses, in double. m is the parameter (k^2).

// Complete elliptic integral of the first kind K(m), scipy.special.ellipk.
double ellipk(double m) noexcept;
// K(1 - p), accurate for small p: scipy.special.ellipkm1.
double ellipkm1(double p) noexcept;

struct JacobiValues {
    double sn = 0.0;
    double cn = 1.0;
    double dn = 1.0;
    double ph = 0.0;
};
// Jacobi elliptic functions sn, cn, dn and the amplitude, scipy.special.ellipj (Cephes ellpj).
JacobiValues ellipj(double u, double m) noexcept;

// Solves the degree equation for an order-n elliptic filter (scipy's _ellipdeg).
double ellipdeg(int n, double m1) noexcept;
// Inverse Jacobian sn for complex argument via Landen transformations (scipy's _arc_jac_sn).
std::complex<double> arcJacSn(std::complex<double> w, double m) noexcept;
// Real inverse Jacobian sc with complementary modulus (scipy's _arc_jac_sc1).
double arcJacSc1(double w, double m) noexcept;

} // namespace fxrack::dsp::special
