#include "dsp/design/SosFilter.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <utility>

namespace fxrack::dsp {
namespace {

constexpr size_t kStatePerChannel = 2 * kMaxSections;

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
        // Four frames of both channels as (left, right) pairs.
        const __m128 l = _mm_loadu_ps(x0 + i);
        const __m128 r = _mm_loadu_ps(x1 + i);
        const __m128 lo = _mm_unpacklo_ps(l, r);
        const __m128 hi = _mm_unpackhi_ps(l, r);
        const __m128d y0 = frame(_mm_cvtps_pd(lo));
        const __m128d y1 = frame(_mm_cvtps_pd(_mm_movehl_ps(lo, lo)));
        const __m128d y2 = frame(_mm_cvtps_pd(hi));
        const __m128d y3 = frame(_mm_cvtps_pd(_mm_movehl_ps(hi, hi)));
        const __m128 p01 = _mm_movelh_ps(_mm_cvtpd_ps(y0), _mm_cvtpd_ps(y1)); // l0 r0 l1 r1
        const __m128 p23 = _mm_movelh_ps(_mm_cvtpd_ps(y2), _mm_cvtpd_ps(y3)); // l2 r2 l3 r3
        _mm_storeu_ps(x0 + i, _mm_shuffle_ps(p01, p23, _MM_SHUFFLE(2, 0, 2, 0)));
        _mm_storeu_ps(x1 + i, _mm_shuffle_ps(p01, p23, _MM_SHUFFLE(3, 1, 3, 1)));
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

} // namespace

void SosFilter::prepare(int numChannels)
{
    m_numChannels = std::max(0, numChannels);
    m_state.assign(static_cast<size_t>(m_numChannels) * kStatePerChannel, 0.0);
}

void SosFilter::setCoefficients(const SosCascade& cascade) noexcept
{
    // Sections that did not exist before start from silence.
    for (int k = m_cascade.count; k < cascade.count; ++k)
        for (int c = 0; c < m_numChannels; ++c) {
            m_state[static_cast<size_t>(c) * kStatePerChannel + 2 * static_cast<size_t>(k)] = 0.0;
            m_state[static_cast<size_t>(c) * kStatePerChannel + 2 * static_cast<size_t>(k) + 1] = 0.0;
        }
    m_cascade = cascade;
}

void SosFilter::reset() noexcept
{
    std::fill(m_state.begin(), m_state.end(), 0.0);
}

void SosFilter::process(const AudioBlock& block) noexcept
{
    const int ns = m_cascade.count;
    const int n = block.numFrames();
    const int channels = std::min(block.numChannels(), m_numChannels);
    if (ns <= 0 || ns > kMaxSections || n <= 0)
        return;
    const Biquad* c = m_cascade.sections.data();
    const auto pair = kPairTable[static_cast<size_t>(ns - 1)];
    const auto single = kSingleTable[static_cast<size_t>(ns - 1)];
    int ch = 0;
    for (; ch + 1 < channels; ch += 2)
        pair(c, m_state.data() + static_cast<size_t>(ch) * kStatePerChannel,
             m_state.data() + static_cast<size_t>(ch + 1) * kStatePerChannel, block.channel(ch),
             block.channel(ch + 1), n);
    if (ch < channels)
        single(c, m_state.data() + static_cast<size_t>(ch) * kStatePerChannel, block.channel(ch), n);
}

} // namespace fxrack::dsp
