#pragma once

#include "dsp/effects/Normalize.h"

#include <vector>

namespace fxrack::io {

// EBU R128 integrated loudness through libebur128 (gated, K-weighted), for Normalize's lufs
// strategy and for measuring files.
class Ebur128Meter final : public dsp::LoudnessMeter {
public:
    Ebur128Meter() = default;
    ~Ebur128Meter() override;
    Ebur128Meter(const Ebur128Meter&) = delete;
    Ebur128Meter& operator=(const Ebur128Meter&) = delete;

    void begin(double sampleRate, int numChannels) override;
    void add(const dsp::AudioBlock& block) override;
    double integratedLufs() override;

private:
    struct State;
    State* m_state = nullptr; // libebur128's state (an anonymous struct it cannot forward-declare)
    int m_channels = 0;
    std::vector<float> m_interleaved;
};

// The integrated loudness of a whole file, in LUFS (-inf for silence). Throws FileError.
double measureFileLufs(const std::string& path);

} // namespace fxrack::io
