#include "dsp/design/SosFilter.h"

#include <algorithm>
#include <array>
#include <utility>

namespace fxrack::dsp {
namespace {

constexpr size_t kStatePerChannel = 2 * kMaxSections;

// Two channels, NS sections, all per frame: the independent recursions interleave and hide
// each other's latency. NS is a template argument so the state lives in registers.
template <int NS>
void runPair(const Biquad* c, double* st0, double* st1, float* x0, float* x1, int n) noexcept
{
    double a1[NS], a2[NS], b0[NS], b1[NS], b2[NS];
    double s10[NS], s20[NS], s11[NS], s21[NS];
    for (int k = 0; k < NS; ++k) {
        b0[k] = c[k].b0;
        b1[k] = c[k].b1;
        b2[k] = c[k].b2;
        a1[k] = c[k].a1;
        a2[k] = c[k].a2;
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
            s10[k] = (b1[k] * u0 + s20[k]) - a1[k] * y0;
            s11[k] = (b1[k] * u1 + s21[k]) - a1[k] * y1;
            s20[k] = b2[k] * u0 - a2[k] * y0;
            s21[k] = b2[k] * u1 - a2[k] * y1;
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

template <int NS> void runSingle(const Biquad* c, double* st, float* x, int n) noexcept
{
    double a1[NS], a2[NS], b0[NS], b1[NS], b2[NS], s1[NS], s2[NS];
    for (int k = 0; k < NS; ++k) {
        b0[k] = c[k].b0;
        b1[k] = c[k].b1;
        b2[k] = c[k].b2;
        a1[k] = c[k].a1;
        a2[k] = c[k].a2;
        s1[k] = st[2 * k];
        s2[k] = st[2 * k + 1];
    }
    for (int i = 0; i < n; ++i) {
        double u = x[i];
        for (int k = 0; k < NS; ++k) {
            const double y = b0[k] * u + s1[k];
            s1[k] = (b1[k] * u + s2[k]) - a1[k] * y;
            s2[k] = b2[k] * u - a2[k] * y;
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
