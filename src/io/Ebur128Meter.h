#pragma once

#include "dsp/effects/Normalize.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fxrack::io {

// What `fxrack-cli analyze`, batch reports and the batch panel show of a signal. Levels in dB
// (LUFS, LU, dBTP, dBFS); -inf for silence.
struct LoudnessStats {
    double integratedLufs = 0.0;
    double loudnessRange = 0.0; // LU
    double truePeakDb = 0.0;    // dBTP, 4x oversampled (libebur128)
    double samplePeakDb = 0.0;  // dBFS
    double rmsDb = 0.0;         // dBFS, over all channels
    int64_t frames = 0;
    double sampleRate = 0.0;
    int channels = 0;

    double durationSeconds() const noexcept { return sampleRate > 0 ? double(frames) / sampleRate : 0.0; }
};

// EBU R128 loudness through libebur128 (ITU-R BS.1770-4: gated, K-weighted): the integrated
// loudness for Normalize's lufs strategy, and with `full` everything LoudnessStats holds.
class Ebur128Meter final : public dsp::LoudnessMeter {
public:
    explicit Ebur128Meter(bool full = false) : m_full(full) {}
    ~Ebur128Meter() override;
    Ebur128Meter(const Ebur128Meter&) = delete;
    Ebur128Meter& operator=(const Ebur128Meter&) = delete;

    void begin(double sampleRate, int numChannels) override;
    void add(const dsp::AudioBlock& block) override;
    double integratedLufs() override;
    // Everything measured so far (a `full` meter; otherwise only the integrated loudness).
    LoudnessStats stats();

private:
    struct State;
    State* m_state = nullptr; // libebur128's state (an anonymous struct it cannot forward-declare)
    bool m_full = false;
    int m_channels = 0;
    double m_sampleRate = 0.0;
    int64_t m_frames = 0;
    double m_sumSquares = 0.0;
    std::vector<float> m_interleaved;
};

// The integrated loudness of a whole file, in LUFS (-inf for silence). Throws FileError.
double measureFileLufs(const std::string& path);
// Every measurement of a whole file. Throws FileError.
LoudnessStats measureFile(const std::string& path);

} // namespace fxrack::io
