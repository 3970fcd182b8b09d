#include "dsp/design/EllipticFunctions.h"

#include <array>
#include <cmath>
#include <limits>
#include <numbers>

namespace fxrack::dsp::special {
namespace {

constexpr double kMachEp = 1.11022302462515654042e-16; // Cephes MACHEP
constexpr double kPi = std::numbers::pi;

// Arithmetic-geometric mean; converges quadratically, to a few ulps.
double agm(double a, double b) noexcept
{
    for (int i = 0; i < 64 && std::abs(a - b) > 1e-17 * std::abs(a); ++i) {
        const double an = 0.5 * (a + b);
        b = std::sqrt(a * b);
        a = an;
    }
    return 0.5 * (a + b);
}

// sqrt((1 - k)(1 + k)), written so that it stays accurate for small k.
std::complex<double> complement(std::complex<double> k) noexcept
{
    return std::sqrt((1.0 - k) * (1.0 + k));
}

} // namespace

double ellipkm1(double p) noexcept
{
    if (p < 0.0 || std::isnan(p))
        return std::numeric_limits<double>::quiet_NaN();
    if (p == 0.0)
        return std::numeric_limits<double>::infinity();
    // K(m) = pi / (2 agm(1, sqrt(1 - m))) with 1 - m = p.
    return kPi / (2.0 * agm(1.0, std::sqrt(p)));
}

double ellipk(double m) noexcept
{
    return ellipkm1(1.0 - m);
}

JacobiValues ellipj(double u, double m) noexcept
{
    JacobiValues r;
    if (m < 0.0 || m > 1.0 || std::isnan(m)) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        return {nan, nan, nan, nan};
    }
    if (m < 1.0e-9) {
        const double t = std::sin(u);
        const double b = std::cos(u);
        const double ai = 0.25 * m * (u - t * b);
        r.sn = t - ai * b;
        r.cn = b + ai * t;
        r.ph = u - ai;
        r.dn = 1.0 - 0.5 * m * t * t;
        return r;
    }
    if (m >= 0.9999999999) {
        double ai = 0.25 * (1.0 - m);
        const double b = std::cosh(u);
        const double t = std::tanh(u);
        const double phi = 1.0 / b;
        const double twon = b * std::sinh(u);
        r.sn = t + ai * (twon - u) / (b * b);
        r.ph = 2.0 * std::atan(std::exp(u)) - kPi / 2.0 + ai * (twon - u) / b;
        ai *= t * phi;
        r.cn = phi - ai * (twon - u);
        r.dn = phi + ai * (twon + u);
        return r;
    }
    // Descending Landen (AGM) scale, then back up, as Cephes does.
    std::array<double, 9> a{};
    std::array<double, 9> c{};
    a[0] = 1.0;
    double b = std::sqrt(1.0 - m);
    c[0] = std::sqrt(m);
    double twon = 1.0;
    int i = 0;
    while (std::abs(c[static_cast<size_t>(i)] / a[static_cast<size_t>(i)]) > kMachEp) {
        if (i > 7)
            break;
        const double ai = a[static_cast<size_t>(i)];
        ++i;
        c[static_cast<size_t>(i)] = (ai - b) / 2.0;
        const double t = std::sqrt(ai * b);
        a[static_cast<size_t>(i)] = (ai + b) / 2.0;
        b = t;
        twon *= 2.0;
    }
    double phi = twon * a[static_cast<size_t>(i)] * u;
    double prev = phi;
    do {
        const double t = c[static_cast<size_t>(i)] * std::sin(phi) / a[static_cast<size_t>(i)];
        prev = phi;
        phi = (std::asin(t) + phi) / 2.0;
    } while (--i);
    r.sn = std::sin(phi);
    r.cn = std::cos(phi);
    r.dn = r.cn / std::cos(phi - prev);
    r.ph = phi;
    return r;
}

double ellipdeg(int n, double m1) noexcept
{
    constexpr int kTerms = 7; // scipy's _ELLIPDEG_MMAX
    const double k1 = ellipk(m1);
    const double k1p = ellipkm1(m1);
    const double q1 = std::exp(-kPi * k1p / k1);
    const double q = std::pow(q1, 1.0 / n);
    double num = 0.0;
    for (int i = 0; i <= kTerms; ++i)
        num += std::pow(q, static_cast<double>(i * (i + 1)));
    double den = 0.0;
    for (int i = 1; i <= kTerms + 1; ++i)
        den += std::pow(q, static_cast<double>(i * i));
    den = 1.0 + 2.0 * den;
    const double ratio = num / den;
    return 16.0 * q * ratio * ratio * ratio * ratio;
}

std::complex<double> arcJacSn(std::complex<double> w, double m) noexcept
{
    constexpr int kMaxIter = 10; // scipy's _ARC_JAC_SN_MAXITER
    const double k = std::sqrt(m);
    if (k > 1.0)
        return {std::numeric_limits<double>::quiet_NaN(), 0.0};
    if (k == 1.0)
        return std::atanh(w);
    std::array<double, kMaxIter + 2> ks{};
    int count = 0;
    ks[static_cast<size_t>(count++)] = k;
    while (ks[static_cast<size_t>(count - 1)] != 0.0 && count < kMaxIter + 2) {
        const double kn = ks[static_cast<size_t>(count - 1)];
        const double kp = std::sqrt((1.0 - kn) * (1.0 + kn));
        ks[static_cast<size_t>(count++)] = (1.0 - kp) / (1.0 + kp);
    }
    double bigK = kPi / 2.0;
    for (int i = 1; i < count; ++i)
        bigK *= 1.0 + ks[static_cast<size_t>(i)];
    std::complex<double> wn = w;
    for (int i = 0; i + 1 < count; ++i) {
        const double kn = ks[static_cast<size_t>(i)];
        const double knext = ks[static_cast<size_t>(i + 1)];
        wn = 2.0 * wn / ((1.0 + knext) * (1.0 + complement(kn * wn)));
    }
    const std::complex<double> u = 2.0 / kPi * std::asin(wn);
    return bigK * u;
}

double arcJacSc1(double w, double m) noexcept
{
    return arcJacSn(std::complex<double>(0.0, w), m).imag();
}

} // namespace fxrack::dsp::special
