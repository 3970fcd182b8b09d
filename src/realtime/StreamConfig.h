#pragma once

#include "dsp/ProcessSpec.h"

#include <string>

namespace fxrack::realtime {

enum class StreamDirection { Output, Input, Duplex };

// A latency request: "low" asks the backend for its smallest safe setting, "high" for a
// robust one, Seconds for a target buffering time (APIs that cannot honour it ignore it).
struct LatencyPreset {
    enum Kind { Default, Low, High, Seconds };
    Kind kind = Default;
    double seconds = 0.0;

    // "low", "high", or a number of seconds ("0.01"); throws std::invalid_argument naming "latency".
    static LatencyPreset parse(const std::string& text);
};

// What a stream is asked to be (TorchFX's StreamConfig). Validated on construction and by
// validate(): std::invalid_argument naming the field at fault. Plain value type; any thread.
// The limits are the only ones: sessions and both front ends check against them.
class StreamConfig {
public:
    static constexpr int kMinSampleRate = 8000;
    static constexpr int kMaxSampleRate = 384000;
    static constexpr int kMinBufferSize = 16;
    static constexpr int kMaxBufferSize = 8192;
    static constexpr int kMaxChannels = dsp::kMaxChannels;

    int sampleRate = 48000;
    int bufferSize = 512;
    int channelsIn = 0;
    int channelsOut = 2;
    std::string inputDevice;  // index or case-insensitive name substring; empty: the default device
    std::string outputDevice; // same
    LatencyPreset latency;

    StreamConfig() = default;
    StreamConfig(int sampleRate, int bufferSize, int channelsIn = 0, int channelsOut = 2,
                 LatencyPreset latency = {});

    void validate() const;
    StreamDirection direction() const noexcept;
    // Buffer length in milliseconds: bufferSize / sampleRate * 1000 (512 at 48 kHz: 10.7 ms).
    double latencyMs() const noexcept;
    // The callback's deadline in microseconds.
    double deadlineUs() const noexcept { return 1e6 * bufferSize / sampleRate; }
};

const char* directionName(StreamDirection direction) noexcept;

} // namespace fxrack::realtime
