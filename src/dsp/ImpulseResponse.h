#pragma once

#include <string>
#include <vector>

namespace fxrack::dsp {

// An impulse response read from a file: planar, at the rate asked for.
struct ImpulseResponse {
    double sampleRate = 0.0;
    std::vector<std::vector<float>> channels; // 1 (mono), 2 (per channel) or 4 (LL, LR, RL, RR)

    int numChannels() const noexcept { return static_cast<int>(channels.size()); }
    int length() const noexcept { return channels.empty() ? 0 : static_cast<int>(channels.front().size()); }
};

// IRs longer than this are refused: the longest halls ring for about 10 s, and a minute of stereo
// IR at 192 kHz is already 90 MB of partitions.
inline constexpr double kMaxImpulseResponseSeconds = 60.0;

// Reads any file libsndfile reads, checks it (1, 2 or 4 channels, at most
// kMaxImpulseResponseSeconds, not empty) and resamples it to `sampleRate` with libsoxr when the
// rates differ. Control thread or a worker: reads the file and allocates. Throws
// ImpulseResponseError naming the file.
ImpulseResponse loadImpulseResponse(const std::string& path, double sampleRate);

// The checks loadImpulseResponse() makes from the file's header (found, audio, 1, 2 or 4 channels,
// not empty, not too long), without reading the samples: cheap enough for the GUI thread. Throws
// ImpulseResponseError naming the file.
void checkImpulseResponse(const std::string& path);

// Resamples one channel with libsoxr (high quality, deterministic).
std::vector<float> resampleImpulse(const std::vector<float>& in, double fromRate, double toRate);

} // namespace fxrack::dsp
