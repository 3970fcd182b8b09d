#pragma once

#include "realtime/AudioBackend.h"

#include <string>
#include <vector>

namespace fxrack::test {

// What a test's own backend (driven by the test: buffers of odd sizes, a callback held) has no
// use for: it lists no devices, reports no latency and no error.
class DevicelessBackend : public realtime::AudioBackend {
public:
    bool isAvailable() const override { return true; }
    std::vector<realtime::DeviceInfo> devices() override { return {}; }
    int defaultInputDevice() override { return 0; }
    int defaultOutputDevice() override { return 0; }
    std::string lastError() const override { return {}; }
    long reportedLatencyFrames() override { return 0; }
};

} // namespace fxrack::test
