#include "dsp/design/FirFilter.h"

#include <algorithm>

namespace fxrack::dsp {

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
            double acc = 0.0;
            for (int k = 0; k < taps; ++k)
                acc += h[k] * w[k];
            x[i] = static_cast<float>(acc);
        }
        m_position[static_cast<size_t>(c)] = pos;
    }
}

} // namespace fxrack::dsp
