#include "NullBackend.h"

#include <chrono>

namespace fxrack::app {

NullBackend::~NullBackend()
{
    close();
}

std::vector<realtime::DeviceInfo> NullBackend::devices()
{
    realtime::DeviceInfo info;
    info.index = 0;
    info.name = "none";
    info.api = "none";
    info.maxOutputChannels = realtime::StreamConfig::kMaxChannels;
    info.defaultSampleRate = 48000;
    info.sampleRates = {44100, 48000, 96000};
    info.isDefaultOutput = true;
    return {info};
}

void NullBackend::open(const realtime::StreamConfig& config, realtime::AudioCallback& callback)
{
    close();
    m_error.clear();
    m_config = config;
    m_callback = &callback;
    const int channels = config.channelsIn + config.channelsOut;
    m_buffers.assign(static_cast<size_t>(channels),
                     std::vector<float>(static_cast<size_t>(config.bufferSize)));
    m_in.clear();
    m_out.clear();
    for (int c = 0; c < config.channelsIn; ++c)
        m_in.push_back(m_buffers[static_cast<size_t>(c)].data()); // silence
    for (int c = 0; c < config.channelsOut; ++c)
        m_out.push_back(m_buffers[static_cast<size_t>(config.channelsIn + c)].data());
    m_state = realtime::BackendState::Open;
}

void NullBackend::start()
{
    if (m_state != realtime::BackendState::Open)
        throw realtime::BackendError("none: the stream is not open");
    m_stop = false;
    m_thread = std::thread([this] { loop(); });
    m_state = realtime::BackendState::Running;
}

void NullBackend::loop()
{
    using clock = std::chrono::steady_clock;
    const auto period = std::chrono::nanoseconds(1'000'000'000LL * m_config.bufferSize / m_config.sampleRate);
    auto next = clock::now();
    while (!m_stop.load(std::memory_order_acquire)) {
        m_callback->process(m_in.empty() ? nullptr : m_in.data(), m_config.channelsIn, m_out.data(),
                            m_config.channelsOut, m_config.bufferSize, realtime::StatusOk);
        next += period;
        std::this_thread::sleep_until(next);
    }
}

void NullBackend::stop()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_state == realtime::BackendState::Running)
        m_state = realtime::BackendState::Open;
}

void NullBackend::simulateFailure(const std::string& message)
{
    stop();
    m_error = message;
    m_state = realtime::BackendState::Error;
}

void NullBackend::close()
{
    stop();
    m_state = realtime::BackendState::Closed;
}

} // namespace fxrack::app
