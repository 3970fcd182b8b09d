#pragma once

namespace fxrack::dsp {

// What an effect is prepared for: everything it allocates is sized from this.
struct ProcessSpec {
    double sampleRate = 48000.0;
    int maxBlockSize = 512;
    int numChannels = 2;
};

inline constexpr int kMaxChannels = 64;

} // namespace fxrack::dsp
