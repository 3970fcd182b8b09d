#pragma once

#include "common/DevicelessBackend.h"

#include <string>
#include <vector>

namespace fxrack::test {

// A backend without a device: the test, or a thread of its own, calls the callback itself. It has
// a deadline (AudioBackend::hasDeadline()), so the chain runs as on a live stream.
class HandDrivenBackend : public DevicelessBackend {
public:
    std::string name() const override { return "hand-driven"; }
    void open(const realtime::StreamConfig& config, realtime::AudioCallback& callback) override
    {
        m_config = config;
        m_callback = &callback;
        m_state = realtime::BackendState::Open;
    }
    void start() override { m_state = realtime::BackendState::Running; }
    void stop() override { m_state = realtime::BackendState::Open; }
    void close() override
    {
        stop();
        m_state = realtime::BackendState::Closed;
    }
    realtime::BackendState state() override { return m_state; }
    int bufferSize() const override { return m_config.bufferSize; }
    int sampleRate() const override { return m_config.sampleRate; }

protected:
    realtime::StreamConfig m_config;
    realtime::AudioCallback* m_callback = nullptr;
    realtime::BackendState m_state = realtime::BackendState::Closed;
};

} // namespace fxrack::test
