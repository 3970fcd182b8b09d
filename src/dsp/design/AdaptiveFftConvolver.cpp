#include "dsp/design/AdaptiveFftConvolver.h"

#include <algorithm>

namespace fxrack::dsp {

void AdaptiveFftConvolver::prepare(int numTaps, int maxBlockSize)
{
    const int longSize = FftConvolver::partitionSizeFor(numTaps, maxBlockSize);
    // An eighth: calls of a quarter of the long segment or less run several times faster.
    const int shortSize = std::max(64, longSize / 8);
    m_long.prepare(numTaps, longSize);
    m_short.prepare(numTaps, shortSize);
    // Enough past for either to be primed: all its partitions.
    m_historySize = std::max(m_long.partitions() * longSize, m_short.partitions() * shortSize);
    m_history.assign(2 * static_cast<size_t>(m_historySize), 0.0f);
    m_write = 0;
    m_useShort = false;
    m_callsForOther = 0;
}

void AdaptiveFftConvolver::setTaps(std::span<const double> taps) noexcept
{
    m_long.setTaps(taps);
    m_short.setTaps(taps);
}

void AdaptiveFftConvolver::reset() noexcept
{
    m_long.reset();
    m_short.reset();
    std::fill(m_history.begin(), m_history.end(), 0.0f);
    m_write = 0;
    m_callsForOther = 0;
}

void AdaptiveFftConvolver::remember(const float* in, int n) noexcept
{
    const int size = m_historySize;
    if (n > size) {
        in += n - size;
        n = size;
    }
    float* h = m_history.data();
    const int first = std::min(n, size - m_write);
    std::copy_n(in, first, h + m_write);
    std::copy_n(in, first, h + m_write + size);
    std::copy_n(in + first, n - first, h);
    std::copy_n(in + first, n - first, h + size);
    m_write = (m_write + n) % size;
}

void AdaptiveFftConvolver::process(const float* in, float* out, int n) noexcept
{
    if (m_historySize == 0) {
        std::fill_n(out, n, 0.0f);
        return;
    }
    // A call of less than half a long segment suits the short ones (when they are shorter).
    const bool suitsShort =
        n < m_long.partitionSize() / 2 && m_short.partitionSize() < m_long.partitionSize();
    m_callsForOther = suitsShort != m_useShort ? m_callsForOther + 1 : 0;
    if (m_callsForOther >= kCallsBeforeSwitch) {
        m_useShort = suitsShort;
        m_callsForOther = 0;
        (m_useShort ? m_short : m_long)
            .prime(std::span<const float>(m_history.data() + m_write, static_cast<size_t>(m_historySize)));
    }
    remember(in, n); // before process(): `in` may be `out`
    (m_useShort ? m_short : m_long).process(in, out, n);
}

} // namespace fxrack::dsp
