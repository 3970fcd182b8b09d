#pragma once

#include "dsp/AudioBlock.h"

#include <array>
#include <cstdint>
#include <vector>

namespace fxrack::dsp {

// The look-ahead true-peak limiter of Normalize's lufs strategy. It needs no latency because
// Normalize sees the whole signal first: analyze() measures the 4x oversampled peak (ITU-R
// BS.1770-4 Annex 2's way, with a longer interpolator: 128 taps, 32 per phase, cut a little
// above Nyquist, so peaks near Nyquist are not underestimated) of every run of kBlock
// frames; plan() then turns the peaks, the gain and the ceiling into a gain envelope that
// reaches each reduction before its peak (5 ms attack, so the look-ahead is 5 ms) and recovers
// after it (release 100 dB/s), with the gain linear between block edges. What the limiter takes
// off the loudness is given back to the gain (planned again with the energy of each block, a
// few times), so the output reaches the loudness target and stays under the ceiling.
// apply() multiplies a block by gain x envelope at its place in the signal.
// Memory: one float per kBlock frames (1.7 MB per hour at 48 kHz).
class TruePeakLimiter {
public:
    static constexpr int kBlock = 128;
    static constexpr int kTaps = 32; // per phase of the 4x interpolator

    void begin(int channels, double sampleRate);
    // Analysis pass: the signal before the gain.
    void analyze(const AudioBlock& block);
    // After the pass: the envelope for `gain` and a ceiling of `ceilingDb` dBTP; `gain` grows
    // by what the limiting takes off the loudness. Returns the largest reduction it applies, in
    // dB (0: the ceiling is never reached).
    double plan(double& gain, double ceilingDb);
    // Processing pass; `position` is the block's first frame in the signal. Audio thread safe:
    // no allocation.
    void apply(AudioBlock& block, int64_t position, double gain) const noexcept;
    bool planned() const noexcept { return !m_edgeGain.empty(); }

private:
    double oversampledPeak(int channel, float x) noexcept;

    int m_channels = 0;
    double m_sampleRate = 48000.0;
    double planOnce(double gain, double ceilingDb);
    // BS.1770's gated loudness of the blocks' energies at `gain`, with the envelope when `limited`.
    double gatedLoudness(double gain, bool limited) const;

    std::vector<float> m_blockPeak;   // per kBlock frames, across channels
    std::vector<float> m_blockEnergy; // K-weighted sum of squares per kBlock frames, all channels
    std::vector<float> m_edgeGain;    // envelope at each block edge (blocks + 1)
    std::vector<std::array<float, kTaps>> m_history;
    std::vector<int> m_historyPos;
    std::array<double, 5> m_shelf{}, m_highPass{}; // K-weighting
    std::vector<std::array<double, 4>> m_kState;
    int m_inBlock = 0;
    float m_currentPeak = 0.0f;
    double m_currentEnergy = 0.0;
};

} // namespace fxrack::dsp
