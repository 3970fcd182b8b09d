#include "dsp/design/IirDesign.h"

#include "dsp/design/EllipticFunctions.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace fxrack::dsp {
namespace {

using Complex = std::complex<double>;
constexpr double kPi = std::numbers::pi;
constexpr double kEps = 2.220446049250313e-16;

// A fixed-capacity list of roots with numpy's delete-by-index. The storage is left
// uninitialised and copies move only the `n` roots held: a design makes about ten of these
// per control point of a ramp (std::complex would zero all kCapacity slots each time).
struct Roots {
    union Storage {
        Storage() noexcept {}
        Complex v[Zpk::kCapacity];
    };
    Storage s;
    Complex* v = s.v;
    int n = 0;

    Roots() noexcept = default;
    Roots(const Roots& other) noexcept : n(other.n) { std::copy(other.v, other.v + other.n, v); }
    Roots& operator=(const Roots& other) noexcept
    {
        n = other.n;
        std::copy(other.v, other.v + other.n, v);
        return *this;
    }

    void push(Complex x) noexcept
    {
        if (n < Zpk::kCapacity)
            v[n++] = x;
    }
    Complex take(int i) noexcept
    {
        const Complex x = v[i];
        for (int j = i; j + 1 < n; ++j)
            v[j] = v[j + 1];
        --n;
        return x;
    }
    Complex operator[](int i) const noexcept { return v[i]; }
    Complex* begin() noexcept { return v; }
    Complex* end() noexcept { return v + n; }
};

bool isReal(Complex x) noexcept
{
    return x.imag() == 0.0;
}

// The gain prod(-p) / prod(-z) that prototypes with zeros use (scipy's cheb2ap and ellipap).
double unityDcGain(const Zpk& zpk) noexcept
{
    Complex pp(1.0, 0.0);
    for (int i = 0; i < zpk.numPoles; ++i)
        pp *= -zpk.p[static_cast<size_t>(i)];
    Complex zp(1.0, 0.0);
    for (int i = 0; i < zpk.numZeros; ++i)
        zp *= -zpk.z[static_cast<size_t>(i)];
    return (pp / zp).real();
}

int clampOrder(int order) noexcept
{
    return std::clamp(order, 1, kMaxIirOrder);
}

// A stable insertion sort: std::stable_sort takes a temporary heap buffer, and designs run on
// the audio thread while a knob turns (the arrays hold at most kMaxIirOrder roots).
template <typename It, typename Less> void stableSortNoAlloc(It first, It last, Less less) noexcept
{
    for (It i = first; i != last; ++i)
        for (It j = i; j != first && less(*j, *(j - 1)); --j)
            std::iter_swap(j, j - 1);
}

// d <= tol * |x|, with hypot (most of a design's time) only for a near tie: the exact |x| is
// below 2 max(|re|, |im|) and rounding is monotonic, so d above tol * 2 max(...) is above
// tol * |x| as well. NaN and infinity fall through to the exact test.
bool atMostTolOfAbs(double d, Complex x, double tol) noexcept
{
    if (d > 2.0 * tol * std::max(std::abs(x.real()), std::abs(x.imag())))
        return false;
    return d <= tol * std::abs(x);
}

// scipy's _cplxreal: one member (positive imaginary part) of each conjugate pair, sorted by
// real part then |imag|, followed by the real roots sorted by value.
Roots complexThenReal(const Roots& in) noexcept
{
    constexpr double tol = 100.0 * kEps;
    Roots z = in;
    stableSortNoAlloc(z.begin(), z.end(), [](Complex a, Complex b) {
        if (a.real() != b.real())
            return a.real() < b.real();
        return std::abs(a.imag()) < std::abs(b.imag());
    });
    Roots reals;
    Roots pos;
    Roots neg;
    for (int i = 0; i < z.n; ++i) {
        const Complex x = z[i];
        // An exactly real root needs no |x| (hypot is most of a design's time); NaN still fails.
        if ((x.imag() == 0.0 && !std::isnan(x.real())) || atMostTolOfAbs(std::abs(x.imag()), x, tol))
            reals.push(Complex(x.real(), 0.0));
        else if (x.imag() > 0.0)
            pos.push(x);
        else if (x.imag() < 0.0)
            neg.push(x);
    }
    // Runs of (nearly) equal real parts are sorted by |imag| so that conjugates line up.
    const int m = std::min(pos.n, neg.n);
    int start = 0;
    while (start < m) {
        int stop = start;
        while (stop + 1 < m && atMostTolOfAbs(pos[stop + 1].real() - pos[stop].real(), pos[stop], tol))
            ++stop;
        if (stop > start) {
            auto byImag = [](Complex a, Complex b) { return std::abs(a.imag()) < std::abs(b.imag()); };
            stableSortNoAlloc(pos.begin() + start, pos.begin() + stop + 1, byImag);
            stableSortNoAlloc(neg.begin() + start, neg.begin() + stop + 1, byImag);
        }
        start = stop + 1;
    }
    Roots out;
    for (int i = 0; i < m; ++i)
        out.push((pos[i] + std::conj(neg[i])) / 2.0);
    for (int i = 0; i < reals.n; ++i)
        out.push(reals[i]);
    return out;
}

// The poles still to pair with their |1 - |p||, worked out once: the pairing looks for the
// pole nearest the unit circle once per section, and hypot is most of a design's time.
struct Poles {
    Roots p;
    double distance[Zpk::kCapacity];

    explicit Poles(const Roots& roots) noexcept : p(roots)
    {
        for (int i = 0; i < p.n; ++i)
            distance[i] = std::abs(1.0 - std::abs(p[i]));
    }
    // argmin |1 - |p||: the pole nearest the unit circle (first on ties, like numpy).
    int worstIndex(bool realOnly = false) const noexcept
    {
        int best = -1;
        for (int i = 0; i < p.n; ++i) {
            if (realOnly && !isReal(p[i]))
                continue;
            if (best < 0 || distance[i] < distance[best])
                best = i;
        }
        return best;
    }
    Complex take(int i) noexcept
    {
        for (int j = i; j + 1 < p.n; ++j)
            distance[j] = distance[j + 1];
        return p.take(i);
    }
};

enum class Which { Real, Complex, Any };

// scipy's _nearest_real_complex_idx.
int nearestIndex(const Roots& from, Complex to, Which which) noexcept
{
    int best = -1;
    double bestDistance = 0.0;
    bool bestDistanceKnown = false; // worked out once a second, different candidate turns up
    for (int i = 0; i < from.n; ++i) {
        const bool real = isReal(from[i]);
        if ((which == Which::Real && !real) || (which == Which::Complex && real))
            continue;
        if (best < 0) {
            best = i;
            continue;
        }
        // A repeat of the previous root (the zeros at -1, 1 or 0) is no nearer: skip its hypot.
        if (from[i] == from[i - 1] && !std::isnan(from[i].real()) && !std::isnan(from[i].imag()))
            continue;
        if (!bestDistanceKnown) {
            bestDistance = std::abs(from[best] - to);
            bestDistanceKnown = true;
        }
        const double d = std::abs(from[i] - to);
        if (d < bestDistance) {
            best = i;
            bestDistance = d;
        }
    }
    return best;
}

// Coefficients [1, -(r1 + r2), r1 r2] (real parts) right-aligned into three slots, as numpy's
// poly() placed by scipy's _single_zpksos.
void polyInto(const Complex* roots, int count, double* out3) noexcept
{
    double c[3] = {1.0, 0.0, 0.0};
    if (count == 1) {
        c[1] = (-roots[0]).real();
    } else if (count == 2) {
        c[1] = (-roots[0] - roots[1]).real();
        c[2] = (roots[0] * roots[1]).real();
    }
    out3[0] = out3[1] = out3[2] = 0.0;
    for (int i = 0; i <= count; ++i)
        out3[3 - (count + 1) + i] = c[i];
}

Biquad singleSection(const Complex* z, int nz, const Complex* p, int np) noexcept
{
    double b[3];
    double a[3];
    polyInto(z, nz, b);
    polyInto(p, np, a);
    // With 'nearest' pairing every section has two poles, so a[0] is 1.
    const double a0 = a[0] != 0.0 ? a[0] : 1.0;
    return {b[0] / a0, b[1] / a0, b[2] / a0, a[1] / a0, a[2] / a0};
}

} // namespace

SosCascade designFromPrototype(const Zpk& prototype, double cutoffHz, PassType type, double sampleRate,
                               int repeats) noexcept
{
    SosCascade all = zpkToSos(toDigital(prototype, cutoffHz, type, sampleRate));
    const int once = all.count;
    for (int r = 1; r < repeats; ++r)
        for (int i = 0; i < once; ++i)
            all.push(all[i]);
    return all;
}

Zpk butterworthPrototype(int order) noexcept
{
    const int n = clampOrder(order);
    Zpk zpk;
    for (int m = -n + 1; m < n; m += 2)
        zpk.addPole(-std::exp(Complex(0.0, kPi * m / (2.0 * n))));
    zpk.k = 1.0;
    return zpk;
}

Zpk chebyshev1Prototype(int order, double rippleDb) noexcept
{
    const int n = clampOrder(order);
    rippleDb = std::max(rippleDb, 1e-9);
    const double eps = std::sqrt(std::pow(10.0, 0.1 * rippleDb) - 1.0);
    const double mu = 1.0 / n * std::asinh(1.0 / eps);
    Zpk zpk;
    Complex product(1.0, 0.0);
    for (int m = -n + 1; m < n; m += 2) {
        const double theta = kPi * m / (2.0 * n);
        const Complex p = -std::sinh(Complex(mu, theta));
        zpk.addPole(p);
        product *= -p;
    }
    zpk.k = product.real();
    if (n % 2 == 0)
        zpk.k /= std::sqrt(1.0 + eps * eps);
    return zpk;
}

Zpk chebyshev2Prototype(int order, double attenuationDb) noexcept
{
    const int n = clampOrder(order);
    attenuationDb = std::max(attenuationDb, 1e-9);
    const double de = 1.0 / std::sqrt(std::pow(10.0, 0.1 * attenuationDb) - 1.0);
    const double mu = std::asinh(1.0 / de) / n;
    Zpk zpk;
    for (int m = -n + 1; m < n; m += 2) {
        if (n % 2 == 1 && m == 0)
            continue;
        zpk.addZero(-std::conj(Complex(0.0, 1.0) / std::sin(m * kPi / (2.0 * n))));
    }
    for (int m = -n + 1; m < n; m += 2) {
        const Complex b = -std::exp(Complex(0.0, kPi * m / (2.0 * n)));
        const Complex warped(std::sinh(mu) * b.real(), std::cosh(mu) * b.imag());
        zpk.addPole(1.0 / warped);
    }
    zpk.k = unityDcGain(zpk);
    return zpk;
}

Zpk ellipticPrototype(int order, double passbandRippleDb, double stopbandAttenuationDb) noexcept
{
    using namespace special;
    const int n = clampOrder(order);
    passbandRippleDb = std::max(passbandRippleDb, 1e-9);
    stopbandAttenuationDb = std::max(stopbandAttenuationDb, passbandRippleDb * (1.0 + 1e-9));
    const double ln10 = std::log(10.0);
    Zpk zpk;
    if (n == 1) {
        const double p = -std::sqrt(1.0 / std::expm1(ln10 * 0.1 * passbandRippleDb));
        zpk.addPole(p);
        zpk.k = -p;
        return zpk;
    }
    const double epsSq = std::expm1(ln10 * 0.1 * passbandRippleDb);
    const double eps = std::sqrt(epsSq);
    const double ck1Sq = epsSq / std::expm1(ln10 * 0.1 * stopbandAttenuationDb);
    const double val0 = ellipk(ck1Sq);
    const double m = ellipdeg(n, ck1Sq);
    const double capk = ellipk(m);

    constexpr double kEpsilon = 2e-16; // scipy's EPSILON
    std::array<JacobiValues, kMaxIirOrder> j{};
    int jj = 0;
    for (int i = 1 - n % 2; i < n; i += 2)
        j[static_cast<size_t>(jj++)] = ellipj(i * capk / n, m);

    // Zeros on the imaginary axis: i / (sqrt(m) sn), then their conjugates.
    Complex zeros[kMaxIirOrder];
    int nz = 0;
    for (int i = 0; i < jj; ++i) {
        const double s = j[static_cast<size_t>(i)].sn;
        if (std::abs(s) > kEpsilon)
            zeros[nz++] = Complex(0.0, 1.0 / (std::sqrt(m) * s));
    }
    for (int i = 0; i < nz; ++i)
        zpk.addZero(zeros[i]);
    for (int i = 0; i < nz; ++i)
        zpk.addZero(std::conj(zeros[i]));

    const double r = arcJacSc1(1.0 / eps, ck1Sq);
    const double v0 = capk * r / (n * val0);
    const JacobiValues v = ellipj(v0, 1.0 - m);
    Complex poles[kMaxIirOrder];
    for (int i = 0; i < jj; ++i) {
        const auto& e = j[static_cast<size_t>(i)];
        const double den = 1.0 - (e.dn * v.sn) * (e.dn * v.sn);
        poles[i] = -Complex(e.cn * e.dn * v.sn * v.cn, e.sn * v.dn) / den;
    }
    for (int i = 0; i < jj; ++i)
        zpk.addPole(poles[i]);
    if (n % 2 == 1) {
        double norm = 0.0;
        for (int i = 0; i < jj; ++i)
            norm += std::norm(poles[i]);
        norm = std::sqrt(norm);
        for (int i = 0; i < jj; ++i)
            if (std::abs(poles[i].imag()) > kEpsilon * norm)
                zpk.addPole(std::conj(poles[i]));
    } else {
        for (int i = 0; i < jj; ++i)
            zpk.addPole(std::conj(poles[i]));
    }
    zpk.k = unityDcGain(zpk);
    if (n % 2 == 0)
        zpk.k /= std::sqrt(1.0 + epsSq);
    return zpk;
}

Zpk toDigital(const Zpk& prototype, double cutoffHz, PassType type, double sampleRate) noexcept
{
    // scipy normalises to Wn = 2 f / fs and designs at fs = 2 after pre-warping.
    const double wn = normalisedCutoff(cutoffHz, sampleRate);
    constexpr double fsInternal = 2.0;
    const double warped = 2.0 * fsInternal * std::tan(kPi * wn / fsInternal);

    Zpk analog;
    const int degree = prototype.numPoles - prototype.numZeros;
    if (type == PassType::LowPass) {
        for (int i = 0; i < prototype.numZeros; ++i)
            analog.addZero(warped * prototype.z[static_cast<size_t>(i)]);
        for (int i = 0; i < prototype.numPoles; ++i)
            analog.addPole(warped * prototype.p[static_cast<size_t>(i)]);
        analog.k = prototype.k * std::pow(warped, degree);
    } else {
        Complex zp(1.0, 0.0);
        Complex pp(1.0, 0.0);
        for (int i = 0; i < prototype.numZeros; ++i) {
            analog.addZero(warped / prototype.z[static_cast<size_t>(i)]);
            zp *= -prototype.z[static_cast<size_t>(i)];
        }
        for (int i = 0; i < prototype.numPoles; ++i) {
            analog.addPole(warped / prototype.p[static_cast<size_t>(i)]);
            pp *= -prototype.p[static_cast<size_t>(i)];
        }
        for (int i = 0; i < degree; ++i)
            analog.addZero(0.0);
        analog.k = prototype.k * (zp / pp).real();
    }

    // Bilinear transform; zeros at infinity land on Nyquist.
    constexpr double fs2 = 2.0 * fsInternal;
    Zpk digital;
    const int analogDegree = analog.numPoles - analog.numZeros;
    Complex zp(1.0, 0.0);
    Complex pp(1.0, 0.0);
    for (int i = 0; i < analog.numZeros; ++i) {
        const Complex z = analog.z[static_cast<size_t>(i)];
        // A high-pass's zeros at the origin land exactly on 1 (what the division gives, without it).
        digital.addZero(z == 0.0 ? Complex(1.0, 0.0) : (fs2 + z) / (fs2 - z));
        zp *= fs2 - z;
    }
    for (int i = 0; i < analog.numPoles; ++i) {
        const Complex p = analog.p[static_cast<size_t>(i)];
        digital.addPole((fs2 + p) / (fs2 - p));
        pp *= fs2 - p;
    }
    for (int i = 0; i < analogDegree; ++i)
        digital.addZero(-1.0);
    digital.k = analog.k * (zp / pp).real();
    return digital;
}

SosCascade zpkToSos(const Zpk& digital) noexcept
{
    SosCascade sos;
    if (digital.numZeros == 0 && digital.numPoles == 0) {
        sos.push({digital.k, 0.0, 0.0, 0.0, 0.0});
        return sos;
    }
    Roots z;
    Roots p0;
    for (int i = 0; i < digital.numZeros; ++i)
        z.push(digital.z[static_cast<size_t>(i)]);
    for (int i = 0; i < digital.numPoles; ++i)
        p0.push(digital.p[static_cast<size_t>(i)]);
    // Same number of poles and zeros, padded at the origin; an even count for 'nearest'.
    while (p0.n < z.n)
        p0.push(0.0);
    while (z.n < p0.n)
        z.push(0.0);
    const int numSections = (std::max(p0.n, z.n) + 1) / 2;
    if (p0.n % 2 == 1) {
        p0.push(0.0);
        z.push(0.0);
    }
    z = complexThenReal(z);
    Poles poles(complexThenReal(p0));
    const Roots& p = poles.p;

    // Written in place: the cascade is zeroed already and nothing reads past its count.
    auto& out = sos.sections;
    // Built from the last section backwards so that the poles nearest the unit circle come last.
    for (int si = numSections - 1; si >= 0; --si) {
        const Complex p1 = poles.take(poles.worstIndex());
        int realPolesLeft = 0;
        for (int i = 0; i < p.n; ++i)
            realPolesLeft += isReal(p[i]) ? 1 : 0;
        int realZerosLeft = 0;
        for (int i = 0; i < z.n; ++i)
            realZerosLeft += isReal(z[i]) ? 1 : 0;
        Biquad section;
        if (isReal(p1) && realPolesLeft == 0) {
            // The last real pole: pair it with the nearest real zero, plus a pole and zero at 0.
            const Complex z1 = z.take(nearestIndex(z, p1, Which::Real));
            const Complex zs[2] = {z1, 0.0};
            const Complex ps[2] = {p1, 0.0};
            section = singleSection(zs, 2, ps, 2);
        } else if (p.n + 1 == z.n && !isReal(p1) && realPolesLeft == 1 && realZerosLeft == 1) {
            // One real pole and one real zero remain: this complex pole must take a complex zero.
            const Complex z1 = z.take(nearestIndex(z, p1, Which::Complex));
            const Complex zs[2] = {z1, std::conj(z1)};
            const Complex ps[2] = {p1, std::conj(p1)};
            section = singleSection(zs, 2, ps, 2);
        } else {
            Complex p2;
            if (isReal(p1)) {
                p2 = poles.take(poles.worstIndex(true));
            } else {
                p2 = std::conj(p1);
            }
            const Complex ps[2] = {p1, p2};
            if (z.n > 0) {
                const Complex z1 = z.take(nearestIndex(z, p1, Which::Any));
                if (!isReal(z1)) {
                    const Complex zs[2] = {z1, std::conj(z1)};
                    section = singleSection(zs, 2, ps, 2);
                } else if (z.n > 0) {
                    const int z2Index = nearestIndex(z, p1, Which::Real);
                    const Complex z2 = z2Index >= 0 ? z.take(z2Index) : Complex(0.0);
                    const Complex zs[2] = {z1, z2};
                    section = singleSection(zs, 2, ps, 2);
                } else {
                    section = singleSection(&z1, 1, ps, 2);
                }
            } else {
                section = singleSection(nullptr, 0, ps, 2);
            }
        }
        if (si < kMaxSections)
            out[static_cast<size_t>(si)] = section;
    }
    out[0].b0 *= digital.k;
    out[0].b1 *= digital.k;
    out[0].b2 *= digital.k;
    sos.count = std::min(numSections, kMaxSections);
    return sos;
}

Zpk linkwitzRileyPrototype(int order) noexcept
{
    return butterworthPrototype(std::clamp(order / 2, 1, kMaxIirOrder / 2));
}

SosCascade butterworth(int order, double cutoffHz, PassType type, double sampleRate) noexcept
{
    return designFromPrototype(butterworthPrototype(order), cutoffHz, type, sampleRate);
}

SosCascade chebyshev1(int order, double rippleDb, double cutoffHz, PassType type, double sampleRate) noexcept
{
    return designFromPrototype(chebyshev1Prototype(order, rippleDb), cutoffHz, type, sampleRate);
}

SosCascade chebyshev2(int order, double attenuationDb, double cutoffHz, PassType type,
                      double sampleRate) noexcept
{
    return designFromPrototype(chebyshev2Prototype(order, attenuationDb), cutoffHz, type, sampleRate);
}

SosCascade elliptic(int order, double passbandRippleDb, double stopbandAttenuationDb, double cutoffHz,
                    PassType type, double sampleRate) noexcept
{
    return designFromPrototype(ellipticPrototype(order, passbandRippleDb, stopbandAttenuationDb), cutoffHz,
                               type, sampleRate);
}

SosCascade linkwitzRiley(int order, double cutoffHz, PassType type, double sampleRate) noexcept
{
    return designFromPrototype(linkwitzRileyPrototype(order), cutoffHz, type, sampleRate, 2);
}

} // namespace fxrack::dsp
