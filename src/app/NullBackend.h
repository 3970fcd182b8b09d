#pragma once

#include "realtime/AudioBackend.h"

#include <atomic>
#include <thread>
#include <vector>

namespace fxrack::app {

// "No audio device": runs the callback at the stream's real-time pace on its own thread and
// discards the output, so the rack (fed by the demo input) can still be seen on the meters on
// a machine without any sound card. Unlike the offline backend it records nothing, so it can
// run for hours. (A candidate for src/realtime; it lives here until that layer wants it.)
class NullBackend final : public realtime::AudioBackend {
public:
    ~NullBackend() override;

    std::string name() const override { return "none"; }
    bool isAvailable() const override { return true; }
    std::vector<realtime::DeviceInfo> devices() override;
    int defaultInputDevice() override { return -1; }
    int defaultOutputDevice() override { return 0; }
    void open(const realtime::StreamConfig& config, realtime::AudioCallback& callback) override;
    void start() override;
    void stop() override;
    void close() override;
    realtime::BackendState state() override { return m_state; }
    std::string lastError() const override { return m_error; }
    int bufferSize() const override { return m_config.bufferSize; }
    int sampleRate() const override { return m_config.sampleRate; }
    long reportedLatencyFrames() override { return 0; }

    // Control thread: the stream dies as when a device is unplugged or the sound server quits:
    // the callback stops and state() says Error with `message`. How the app's handling of a
    // vanished device is exercised without unplugging anything.
    void simulateFailure(const std::string& message);

private:
    void loop();

    realtime::StreamConfig m_config;
    realtime::AudioCallback* m_callback = nullptr;
    std::vector<std::vector<float>> m_buffers;
    std::vector<float*> m_out;
    std::vector<const float*> m_in;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    realtime::BackendState m_state = realtime::BackendState::Closed;
    std::string m_error;
};

} // namespace fxrack::app
