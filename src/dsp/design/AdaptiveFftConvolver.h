#pragma once

#include "dsp/design/FftConvolver.h"

#include <span>
#include <vector>

namespace fxrack::dsp {

// An FftConvolver for calls whose size is not known in advance (an effect prepared for large
// blocks and called with small ones, or a ramp that cuts its blocks into control intervals).
// A call shorter than the segment transforms the whole segment, so long segments are fast for
// full calls and slow for short ones: this keeps two, long ones for calls of the prepared
// block size and short ones, and after a few calls that suit the other it switches, priming
// the other from its own copy of the recent input. The output is the convolution either way
// (within float rounding). Wait-free and allocation-free after prepare().
class AdaptiveFftConvolver {
public:
    // Consecutive calls that suit the other segment size before a switch (a switch costs a few
    // transforms).
    static constexpr int kCallsBeforeSwitch = 4;

    // Allocates and plans (not for the audio thread).
    void prepare(int numTaps, int maxBlockSize);
    void setTaps(std::span<const double> taps) noexcept;
    void reset() noexcept;
    void process(const float* in, float* out, int n) noexcept;
    // The segment size in use (for the tests).
    int segmentSize() const noexcept { return active().partitionSize(); }

private:
    const FftConvolver& active() const noexcept { return m_useShort ? m_short : m_long; }
    void remember(const float* in, int n) noexcept;

    FftConvolver m_long;
    FftConvolver m_short;
    // The recent input twice over, so the last m_historySize samples are one contiguous run:
    // m_history[m_write .. m_write + m_historySize).
    std::vector<float> m_history;
    int m_historySize = 0;
    int m_write = 0;
    bool m_useShort = false;
    int m_callsForOther = 0;
};

} // namespace fxrack::dsp
