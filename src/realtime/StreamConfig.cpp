#include "realtime/StreamConfig.h"

#include <cstdlib>
#include <stdexcept>

namespace fxrack::realtime {
namespace {

void checkRange(const char* field, int value, int min, int max)
{
    if (value < min || value > max)
        throw std::invalid_argument("StreamConfig: " + std::string(field) + " = " + std::to_string(value) +
                                    " is outside " + std::to_string(min) + " to " + std::to_string(max));
}

} // namespace

LatencyPreset LatencyPreset::parse(const std::string& text)
{
    if (text.empty() || text == "default")
        return {};
    if (text == "low")
        return {Low, 0.0};
    if (text == "high")
        return {High, 0.0};
    char* end = nullptr;
    const double seconds = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0' || !(seconds > 0.0) || seconds > 10.0)
        throw std::invalid_argument("StreamConfig: latency \"" + text +
                                    "\" is not \"low\", \"high\" or a number of seconds in (0, 10]");
    return {Seconds, seconds};
}

StreamConfig::StreamConfig(int rate, int buffer, int in, int out, LatencyPreset lat)
    : sampleRate(rate), bufferSize(buffer), channelsIn(in), channelsOut(out), latency(lat)
{
    validate();
}

void StreamConfig::validate() const
{
    checkRange("sample_rate", sampleRate, kMinSampleRate, kMaxSampleRate);
    checkRange("buffer_size", bufferSize, kMinBufferSize, kMaxBufferSize);
    checkRange("channels_in", channelsIn, 0, kMaxChannels);
    checkRange("channels_out", channelsOut, 0, kMaxChannels);
    if (channelsIn == 0 && channelsOut == 0)
        throw std::invalid_argument(
            "StreamConfig: channels_in and channels_out are both 0 (a stream needs one)");
    if (latency.kind == LatencyPreset::Seconds && !(latency.seconds > 0.0 && latency.seconds <= 10.0))
        throw std::invalid_argument("StreamConfig: latency = " + std::to_string(latency.seconds) +
                                    " s is outside (0, 10]");
}

StreamDirection StreamConfig::direction() const noexcept
{
    if (channelsIn > 0 && channelsOut > 0)
        return StreamDirection::Duplex;
    return channelsIn > 0 ? StreamDirection::Input : StreamDirection::Output;
}

double StreamConfig::latencyMs() const noexcept
{
    return 1000.0 * bufferSize / sampleRate;
}

const char* directionName(StreamDirection direction) noexcept
{
    switch (direction) {
    case StreamDirection::Output:
        return "OUTPUT";
    case StreamDirection::Input:
        return "INPUT";
    case StreamDirection::Duplex:
        return "DUPLEX";
    }
    return "OUTPUT";
}

} // namespace fxrack::realtime
