#include "dsp/design/SosFilter.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define FXRACK_SOS_FMA 1
#endif

#include <algorithm>
#include <array>
#include <utility>

namespace fxrack::dsp {
namespace {

// Per channel: s1 and s2 of each section, then (for the FMA kernel) s1 and the section's input a
// frame earlier, which s2 was formed from.
constexpr size_t kHistory = 2 * kMaxSections;
constexpr size_t kStatePerChannel = 2 * kHistory;

// Transposed direct form II with y folded out of the state update: s1' = (b1 - a1 b0) u + s2 - a1 s1
// and s2' = (b2 - a2 b0) u - a2 s1 are the same states as s1' = b1 u + s2 - a1 y, s2' = b2 u - a2 y,
// but the recursion no longer waits for y (6 cycles a frame instead of 9), so the loop runs at
// the multipliers' pace.
// Two channels, NS sections, all per frame: the independent recursions interleave and hide
// each other's latency. NS is a template argument so the state lives in registers. With SSE2
// (every x86-64) the two channels share one register; the operations and their order are the
// scalar loop's, so both give the same bits.
// The folded coefficients of NS sections (b0, b1 - a1 b0, b2 - a2 b0, a1, a2) for the scalar loops.
template <int NS>
void loadFolded(const Biquad* c, double (&b0)[NS], double (&c1)[NS], double (&c2)[NS], double (&a1)[NS],
                double (&a2)[NS]) noexcept
{
    for (int k = 0; k < NS; ++k) {
        b0[k] = c[k].b0;
        c1[k] = c[k].b1 - c[k].a1 * c[k].b0;
        c2[k] = c[k].b2 - c[k].a2 * c[k].b0;
        a1[k] = c[k].a1;
        a2[k] = c[k].a2;
    }
}

#if defined(__SSE2__)
// Four frames of two channels as (left, right) pairs of doubles, and back.
inline void loadFour(const float* x0, const float* x1, __m128d (&u)[4]) noexcept
{
    const __m128 l = _mm_loadu_ps(x0);
    const __m128 r = _mm_loadu_ps(x1);
    const __m128 lo = _mm_unpacklo_ps(l, r);
    const __m128 hi = _mm_unpackhi_ps(l, r);
    u[0] = _mm_cvtps_pd(lo);
    u[1] = _mm_cvtps_pd(_mm_movehl_ps(lo, lo));
    u[2] = _mm_cvtps_pd(hi);
    u[3] = _mm_cvtps_pd(_mm_movehl_ps(hi, hi));
}
inline void storeFour(float* x0, float* x1, const __m128d (&y)[4]) noexcept
{
    const __m128 p01 = _mm_movelh_ps(_mm_cvtpd_ps(y[0]), _mm_cvtpd_ps(y[1])); // l0 r0 l1 r1
    const __m128 p23 = _mm_movelh_ps(_mm_cvtpd_ps(y[2]), _mm_cvtpd_ps(y[3])); // l2 r2 l3 r3
    _mm_storeu_ps(x0, _mm_shuffle_ps(p01, p23, _MM_SHUFFLE(2, 0, 2, 0)));
    _mm_storeu_ps(x1, _mm_shuffle_ps(p01, p23, _MM_SHUFFLE(3, 1, 3, 1)));
}

template <int NS>
void runPair(const Biquad* c, double* st0, double* st1, float* x0, float* x1, int n) noexcept
{
    __m128d a1[NS], a2[NS], b0[NS], c1[NS], c2[NS], s1[NS], s2[NS];
    for (int k = 0; k < NS; ++k) {
        b0[k] = _mm_set1_pd(c[k].b0);
        c1[k] = _mm_set1_pd(c[k].b1 - c[k].a1 * c[k].b0);
        c2[k] = _mm_set1_pd(c[k].b2 - c[k].a2 * c[k].b0);
        a1[k] = _mm_set1_pd(c[k].a1);
        a2[k] = _mm_set1_pd(c[k].a2);
        s1[k] = _mm_set_pd(st1[2 * k], st0[2 * k]);
        s2[k] = _mm_set_pd(st1[2 * k + 1], st0[2 * k + 1]);
    }
    const auto frame = [&](__m128d u) noexcept {
        for (int k = 0; k < NS; ++k) {
            const __m128d y = _mm_add_pd(_mm_mul_pd(b0[k], u), s1[k]);
            const __m128d s1n = _mm_sub_pd(_mm_add_pd(_mm_mul_pd(c1[k], u), s2[k]), _mm_mul_pd(a1[k], s1[k]));
            s2[k] = _mm_sub_pd(_mm_mul_pd(c2[k], u), _mm_mul_pd(a2[k], s1[k]));
            s1[k] = s1n;
            u = y;
        }
        return u;
    };
    int i = 0;
    for (; i + 4 <= n; i += 4) {
        __m128d u[4];
        loadFour(x0 + i, x1 + i, u);
        for (auto& v : u)
            v = frame(v);
        storeFour(x0 + i, x1 + i, u);
    }
    for (; i < n; ++i) {
        const __m128d y = frame(_mm_set_pd(x1[i], x0[i]));
        x0[i] = static_cast<float>(_mm_cvtsd_f64(y));
        x1[i] = static_cast<float>(_mm_cvtsd_f64(_mm_unpackhi_pd(y, y)));
    }
    for (int k = 0; k < NS; ++k) {
        _mm_store_sd(st0 + 2 * k, s1[k]);
        _mm_storeh_pd(st1 + 2 * k, s1[k]);
        _mm_store_sd(st0 + 2 * k + 1, s2[k]);
        _mm_storeh_pd(st1 + 2 * k + 1, s2[k]);
    }
}
#else
template <int NS>
void runPair(const Biquad* c, double* st0, double* st1, float* x0, float* x1, int n) noexcept
{
    double a1[NS], a2[NS], b0[NS], c1[NS], c2[NS];
    double s10[NS], s20[NS], s11[NS], s21[NS];
    loadFolded<NS>(c, b0, c1, c2, a1, a2);
    for (int k = 0; k < NS; ++k) {
        s10[k] = st0[2 * k];
        s20[k] = st0[2 * k + 1];
        s11[k] = st1[2 * k];
        s21[k] = st1[2 * k + 1];
    }
    for (int i = 0; i < n; ++i) {
        double u0 = x0[i];
        double u1 = x1[i];
        for (int k = 0; k < NS; ++k) {
            const double y0 = b0[k] * u0 + s10[k];
            const double y1 = b0[k] * u1 + s11[k];
            const double s10n = (c1[k] * u0 + s20[k]) - a1[k] * s10[k];
            const double s11n = (c1[k] * u1 + s21[k]) - a1[k] * s11[k];
            s20[k] = c2[k] * u0 - a2[k] * s10[k];
            s21[k] = c2[k] * u1 - a2[k] * s11[k];
            s10[k] = s10n;
            s11[k] = s11n;
            u0 = y0;
            u1 = y1;
        }
        x0[i] = static_cast<float>(u0);
        x1[i] = static_cast<float>(u1);
    }
    for (int k = 0; k < NS; ++k) {
        st0[2 * k] = s10[k];
        st0[2 * k + 1] = s20[k];
        st1[2 * k] = s11[k];
        st1[2 * k + 1] = s21[k];
    }
}
#endif

template <int NS> void runSingle(const Biquad* c, double* st, float* x, int n) noexcept
{
    double a1[NS], a2[NS], b0[NS], c1[NS], c2[NS], s1[NS], s2[NS];
    loadFolded<NS>(c, b0, c1, c2, a1, a2);
    for (int k = 0; k < NS; ++k) {
        s1[k] = st[2 * k];
        s2[k] = st[2 * k + 1];
    }
    for (int i = 0; i < n; ++i) {
        double u = x[i];
        for (int k = 0; k < NS; ++k) {
            const double y = b0[k] * u + s1[k];
            const double s1n = (c1[k] * u + s2[k]) - a1[k] * s1[k];
            s2[k] = c2[k] * u - a2[k] * s1[k];
            s1[k] = s1n;
            u = y;
        }
        x[i] = static_cast<float>(u);
    }
    for (int k = 0; k < NS; ++k) {
        st[2 * k] = s1[k];
        st[2 * k + 1] = s2[k];
    }
}

#if defined(FXRACK_SOS_FMA)
// The FMA kernel, for machines that have it (the Debian baseline is x86-64 without FMA, so it is
// compiled for "avx2,fma" on its own and chosen at run time). With one section the loop above is
// bound by its recursion, not by the arithmetic: s1 waits for a1*s1 and a subtraction every
// frame (6 cycles on Zen 4). Here s2 is substituted out, s1' = (c1 u + c2 u_prev - a2 s1_prev)
// - a1 s1, so the recursion is one fused multiply-add per frame; the a2 term depends on the
// state a frame older and is ready in time. s2 is formed again at the end of each block, so the
// stored state and its meaning are the loop's above (a coefficient change keeps it, as there).
// Fusing changes the rounding only: tst_sosfilter holds both kernels to a long double reference.
struct FmaSection {
    __m128d b0, c1, c2, a1, a2; // folded coefficients, as in runPair()
    __m128d s1, s1Prev, uPrev;  // s1 now, s1 and the input a frame earlier
};

// One frame. The first of a block takes s2 as stored; the others substitute it.
template <int NS, bool First>
__attribute__((target("avx2,fma"), always_inline)) inline __m128d fmaFrame(FmaSection (&sec)[NS],
                                                                           const __m128d (&s2)[NS], __m128d u)
{
    for (int k = 0; k < NS; ++k) {
        auto& q = sec[k];
        // t = c1 u + s2 = c1 u + c2 u_prev - a2 s1_prev
        const __m128d t =
            First ? _mm_fmadd_pd(q.c1, u, s2[k])
                  : _mm_fnmadd_pd(q.a2, q.s1Prev, _mm_fmadd_pd(q.c2, q.uPrev, _mm_mul_pd(q.c1, u)));
        const __m128d y = _mm_fmadd_pd(q.b0, u, q.s1);
        q.s1Prev = q.s1;
        q.s1 = _mm_fnmadd_pd(q.a1, q.s1, t);
        q.uPrev = u;
        u = y;
    }
    return u;
}

// Both channels of a pair in one register, as runPair(); `x1` null: one channel in the low lane.
// With `history` (the last block ran this kernel on these coefficients), the first frame is like
// the others, from s1 and u a frame earlier, so how a stream is cut into blocks does not change a
// bit of the output, as with the portable kernel; without it, it starts from the stored s2.
template <int NS>
__attribute__((target("avx2,fma"))) void runFma(const Biquad* c, double* st0, double* st1, float* x0,
                                                float* x1, int n, bool history) noexcept
{
    double* h0 = st0 + kHistory;
    double* h1 = x1 ? st1 + kHistory : nullptr;
    FmaSection sec[NS];
    __m128d s2[NS];
    for (int k = 0; k < NS; ++k) {
        sec[k].b0 = _mm_set1_pd(c[k].b0);
        sec[k].c1 = _mm_set1_pd(c[k].b1 - c[k].a1 * c[k].b0);
        sec[k].c2 = _mm_set1_pd(c[k].b2 - c[k].a2 * c[k].b0);
        sec[k].a1 = _mm_set1_pd(c[k].a1);
        sec[k].a2 = _mm_set1_pd(c[k].a2);
        sec[k].s1 = _mm_set_pd(x1 ? st1[2 * k] : 0.0, st0[2 * k]);
        s2[k] = _mm_set_pd(x1 ? st1[2 * k + 1] : 0.0, st0[2 * k + 1]);
        sec[k].s1Prev = _mm_set_pd(h1 ? h1[2 * k] : 0.0, h0[2 * k]);
        sec[k].uPrev = _mm_set_pd(h1 ? h1[2 * k + 1] : 0.0, h0[2 * k + 1]);
    }
    const auto load = [x0, x1](int i) noexcept { return x1 ? _mm_set_pd(x1[i], x0[i]) : _mm_set_sd(x0[i]); };
    const auto store = [x0, x1](int i, __m128d y) noexcept {
        x0[i] = static_cast<float>(_mm_cvtsd_f64(y));
        if (x1)
            x1[i] = static_cast<float>(_mm_cvtsd_f64(_mm_unpackhi_pd(y, y)));
    };
    store(0, history ? fmaFrame<NS, false>(sec, s2, load(0)) : fmaFrame<NS, true>(sec, s2, load(0)));
    int i = 1;
    if (x1)
        for (; i + 4 <= n; i += 4) {
            __m128d u[4];
            loadFour(x0 + i, x1 + i, u);
            for (auto& v : u)
                v = fmaFrame<NS, false>(sec, s2, v);
            storeFour(x0 + i, x1 + i, u);
        }
    for (; i < n; ++i)
        store(i, fmaFrame<NS, false>(sec, s2, load(i)));
    for (int k = 0; k < NS; ++k) {
        // s2 = c2 u_prev - a2 s1_prev, what the stored-state loop keeps.
        const __m128d s2k = _mm_fnmadd_pd(sec[k].a2, sec[k].s1Prev, _mm_mul_pd(sec[k].c2, sec[k].uPrev));
        _mm_store_sd(st0 + 2 * k, sec[k].s1);
        _mm_store_sd(st0 + 2 * k + 1, s2k);
        _mm_store_sd(h0 + 2 * k, sec[k].s1Prev);
        _mm_store_sd(h0 + 2 * k + 1, sec[k].uPrev);
        if (x1) {
            _mm_storeh_pd(st1 + 2 * k, sec[k].s1);
            _mm_storeh_pd(st1 + 2 * k + 1, s2k);
            _mm_storeh_pd(h1 + 2 * k, sec[k].s1Prev);
            _mm_storeh_pd(h1 + 2 * k + 1, sec[k].uPrev);
        }
    }
}
#endif

using PairFn = void (*)(const Biquad*, double*, double*, float*, float*, int) noexcept;
using SingleFn = void (*)(const Biquad*, double*, float*, int) noexcept;

template <int... I> constexpr auto makePairTable(std::integer_sequence<int, I...>)
{
    return std::array<PairFn, sizeof...(I)>{&runPair<I + 1>...};
}
template <int... I> constexpr auto makeSingleTable(std::integer_sequence<int, I...>)
{
    return std::array<SingleFn, sizeof...(I)>{&runSingle<I + 1>...};
}

constexpr auto kPairTable = makePairTable(std::make_integer_sequence<int, kMaxSections>{});
constexpr auto kSingleTable = makeSingleTable(std::make_integer_sequence<int, kMaxSections>{});

#if defined(FXRACK_SOS_FMA)
// One channel: `x1` and `st1` null.
using FmaFn = void (*)(const Biquad*, double*, double*, float*, float*, int, bool) noexcept;
template <int... I> constexpr auto makeFmaTable(std::integer_sequence<int, I...>)
{
    return std::array<FmaFn, sizeof...(I)>{&runFma<I + 1>...};
}
constexpr auto kFmaTable = makeFmaTable(std::make_integer_sequence<int, kMaxSections>{});

bool cpuHasFma() noexcept
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
#endif

} // namespace

bool SosFilter::supports(Kernel kernel) noexcept
{
#if defined(FXRACK_SOS_FMA)
    static const bool fma = cpuHasFma();
    return kernel == Kernel::Portable || fma;
#else
    return kernel == Kernel::Portable;
#endif
}

SosFilter::Kernel SosFilter::bestKernel() noexcept
{
    return supports(Kernel::Fma) ? Kernel::Fma : Kernel::Portable;
}

void SosFilter::setKernel(Kernel kernel) noexcept
{
    m_kernel = supports(kernel) ? kernel : Kernel::Portable;
}

void SosFilter::prepare(int numChannels)
{
    m_numChannels = std::max(0, numChannels);
    m_state.assign(static_cast<size_t>(m_numChannels) * kStatePerChannel, 0.0);
}

void SosFilter::setCoefficients(const SosCascade& cascade) noexcept
{
    // Sections that did not exist before start from silence.
    for (int k = m_cascade.count; k < cascade.count; ++k)
        for (int c = 0; c < m_numChannels; ++c)
            for (size_t at : {size_t{0}, kHistory})
                for (size_t i = 0; i < 2; ++i)
                    m_state[static_cast<size_t>(c) * kStatePerChannel + at + 2 * static_cast<size_t>(k) + i] =
                        0.0;
    // Only the sections in use: a cascade is 16 sections, and a ramp sets it every 32 samples.
    std::copy_n(cascade.sections.begin(), std::min(cascade.count, kMaxSections), m_cascade.sections.begin());
    m_cascade.count = cascade.count;
    // s2 was formed with the old coefficients: the FMA kernel's history does not hold for the new.
    m_history = false;
}

void SosFilter::reset() noexcept
{
    std::fill(m_state.begin(), m_state.end(), 0.0);
    m_history = false;
}

void SosFilter::process(const AudioBlock& block) noexcept
{
    const int ns = m_cascade.count;
    const int n = block.numFrames();
    const int channels = std::min(block.numChannels(), m_numChannels);
    if (ns <= 0 || ns > kMaxSections || n <= 0)
        return;
    const Biquad* c = m_cascade.sections.data();
    const auto state = [this](int ch) { return m_state.data() + static_cast<size_t>(ch) * kStatePerChannel; };
#if defined(FXRACK_SOS_FMA)
    if (m_kernel == Kernel::Fma) {
        const auto fma = kFmaTable[static_cast<size_t>(ns - 1)];
        int ch = 0;
        for (; ch + 1 < channels; ch += 2)
            fma(c, state(ch), state(ch + 1), block.channel(ch), block.channel(ch + 1), n, m_history);
        if (ch < channels)
            fma(c, state(ch), nullptr, block.channel(ch), nullptr, n, m_history);
        m_history = true;
        return;
    }
#endif
    const auto pair = kPairTable[static_cast<size_t>(ns - 1)];
    const auto single = kSingleTable[static_cast<size_t>(ns - 1)];
    m_history = false;
    int ch = 0;
    for (; ch + 1 < channels; ch += 2)
        pair(c, state(ch), state(ch + 1), block.channel(ch), block.channel(ch + 1), n);
    if (ch < channels)
        single(c, state(ch), block.channel(ch), n);
}

} // namespace fxrack::dsp
