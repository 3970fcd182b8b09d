#pragma once

#include "dsp/AudioBlock.h"

#include <span>
#include <vector>

namespace fxrack::dsp {

// Direct-form FIR convolution with its history carried across blocks (TorchFX zero-pads each
// call, which clicks at every block boundary). The history is a doubled ring so every output is
// one contiguous dot product.
class FirFilter {
public:
    // Allocates taps and history; not for the audio thread.
    void prepare(int numChannels, int numTaps);
    // Audio thread: replaces the taps (same count) and keeps the history.
    void setTaps(std::span<const double> taps) noexcept;
    std::span<const double> taps() const noexcept { return m_taps; }
    std::span<double> mutableTaps() noexcept { return m_taps; }
    void reset() noexcept;
    void process(const AudioBlock& block) noexcept;

private:
    std::vector<double> m_taps;
    // Per channel 2 * numTaps samples: x[n - k] is at history[pos + k].
    std::vector<double> m_history;
    std::vector<int> m_position;
    int m_numChannels = 0;
    int m_numTaps = 0;
};

} // namespace fxrack::dsp
