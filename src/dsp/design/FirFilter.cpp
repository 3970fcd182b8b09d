#include "dsp/design/FirFilter.h"

#include <algorithm>

namespace fxrack::dsp {
namespace {

// Eight independent partial sums: one running sum is bound by the add latency (about 4
// cycles a tap); eight let the adds overlap and vectorise, for about 6x the speed. The order
// of the adds is fixed, so the result does not depend on block sizes.
double dot(const double* h, const double* w, int taps) noexcept
{
    double acc[8] = {};
    int k = 0;
    for (; k + 8 <= taps; k += 8)
        for (int j = 0; j < 8; ++j)
            acc[j] += h[k + j] * w[k + j];
    double sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; k < taps; ++k)
        sum += h[k] * w[k];
    return sum;
}

} // namespace

void FirFilter::prepare(int numChannels, int numTaps)
{
    m_numChannels = std::max(0, numChannels);
    m_numTaps = std::max(1, numTaps);
    m_taps.assign(static_cast<size_t>(m_numTaps), 0.0);
    m_taps[0] = 1.0;
    m_history.assign(static_cast<size_t>(m_numChannels) * 2 * static_cast<size_t>(m_numTaps), 0.0);
    m_position.assign(static_cast<size_t>(m_numChannels), 0);
}

void FirFilter::setTaps(std::span<const double> taps) noexcept
{
    const size_t n = std::min(taps.size(), m_taps.size());
    std::copy_n(taps.begin(), n, m_taps.begin());
}

void FirFilter::reset() noexcept
{
    std::fill(m_history.begin(), m_history.end(), 0.0);
    std::fill(m_position.begin(), m_position.end(), 0);
}

void FirFilter::process(const AudioBlock& block) noexcept
{
    const int n = block.numFrames();
    const int channels = std::min(block.numChannels(), m_numChannels);
    const int taps = m_numTaps;
    const double* h = m_taps.data();
    for (int c = 0; c < channels; ++c) {
        double* hist = m_history.data() + static_cast<size_t>(c) * 2 * static_cast<size_t>(taps);
        int pos = m_position[static_cast<size_t>(c)];
        float* x = block.channel(c);
        for (int i = 0; i < n; ++i) {
            pos = pos == 0 ? taps - 1 : pos - 1;
            hist[pos] = x[i];
            hist[pos + taps] = x[i];
            const double* w = hist + pos;
            x[i] = static_cast<float>(dot(h, w, taps));
        }
        m_position[static_cast<size_t>(c)] = pos;
    }
}

} // namespace fxrack::dsp
