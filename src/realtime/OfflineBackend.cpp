#include "realtime/OfflineBackend.h"

#include <algorithm>
#include <chrono>
#include <limits>

namespace fxrack::realtime {

OfflineBackend::OfflineBackend(dsp::AudioBuffer input, long long totalFrames, Pace pace)
    : m_source(std::move(input)), m_requestedTotal(totalFrames), m_pace(pace)
{}

std::unique_ptr<OfflineBackend> OfflineBackend::noDevice()
{
    auto backend = std::make_unique<OfflineBackend>(dsp::AudioBuffer{}, -1, Pace::RealTime);
    backend->m_noDevice = true;
    return backend;
}

OfflineBackend::~OfflineBackend()
{
    stop();
}

std::vector<DeviceInfo> OfflineBackend::devices()
{
    if (m_noDevice) {
        DeviceInfo none;
        none.index = 0;
        none.name = "none";
        none.api = "none";
        none.maxOutputChannels = StreamConfig::kMaxChannels;
        none.defaultSampleRate = 48000;
        none.sampleRates = {44100, 48000, 96000};
        none.isDefaultOutput = true;
        return {none};
    }
    DeviceInfo d;
    d.index = 0;
    d.name = "Offline loop";
    d.api = "offline";
    d.maxInputChannels = StreamConfig::kMaxChannels;
    d.maxOutputChannels = StreamConfig::kMaxChannels;
    d.defaultSampleRate = 48000;
    d.sampleRates = {44100, 48000, 88200, 96000, 192000};
    d.isDefaultInput = d.isDefaultOutput = true;
    return {d};
}

void OfflineBackend::open(const StreamConfig& config, AudioCallback& callback)
{
    stop();
    config.validate();
    if (m_noDevice) {
        m_config = config;
        m_callback = &callback;
        m_total = std::numeric_limits<long long>::max();
        m_input.resize(config.channelsIn, config.bufferSize); // silence
        m_output.resize(config.channelsOut, config.bufferSize);
        m_inPtr.assign(static_cast<size_t>(config.channelsIn), nullptr);
        m_outPtr.assign(static_cast<size_t>(config.channelsOut), nullptr);
        m_done.store(0);
        m_failed.store(false);
        m_state = BackendState::Open;
        return;
    }
    if (config.channelsIn > 0 && m_source.numChannels() != config.channelsIn)
        throw BackendError("offline backend: the input has " + std::to_string(m_source.numChannels()) +
                           " channels, the stream asks for " + std::to_string(config.channelsIn));
    m_config = config;
    m_callback = &callback;
    m_total = m_requestedTotal >= 0 ? m_requestedTotal : m_source.numFrames();
    const int padded = static_cast<int>(m_total) + config.bufferSize;
    m_input.resize(config.channelsIn, padded);
    for (int c = 0; c < config.channelsIn; ++c)
        std::copy_n(m_source.channel(c), std::min<long long>(m_source.numFrames(), m_total),
                    m_input.channel(c));
    m_output.resize(config.channelsOut, padded);
    m_inPtr.assign(static_cast<size_t>(config.channelsIn), nullptr);
    m_outPtr.assign(static_cast<size_t>(config.channelsOut), nullptr);
    m_done.store(0);
    m_failed.store(false);
    m_state = BackendState::Open;
}

void OfflineBackend::start()
{
    if (m_state != BackendState::Open)
        throw BackendError("offline backend: start() needs an open stream");
    m_stopRequested.store(false);
    m_state = BackendState::Running;
    if (m_pace != Pace::Manual)
        m_thread = std::thread([this] { loop(); });
}

void OfflineBackend::stop()
{
    m_stopRequested.store(true);
    if (m_thread.joinable())
        m_thread.join();
    if (m_state == BackendState::Running)
        m_state = BackendState::Open;
}

void OfflineBackend::close()
{
    stop();
    m_state = BackendState::Closed;
    m_callback = nullptr;
}

BackendState OfflineBackend::state()
{
    if (m_failed.load(std::memory_order_acquire))
        return BackendState::Error;
    return m_state;
}

std::string OfflineBackend::lastError() const
{
    std::lock_guard lock(m_errorMutex);
    return m_error;
}

void OfflineBackend::simulateFailure(const std::string& message)
{
    {
        std::lock_guard lock(m_errorMutex);
        m_error = message;
    }
    m_stopRequested.store(true);
    m_failed.store(true, std::memory_order_release);
}

void OfflineBackend::runBlock() noexcept
{
    const long long pos = m_done.load(std::memory_order_relaxed);
    const int n = static_cast<int>(std::min<long long>(m_config.bufferSize, m_total - pos));
    const long long at = m_noDevice ? 0 : pos; // noDevice: the same buffer every time
    for (size_t c = 0; c < m_inPtr.size(); ++c)
        m_inPtr[c] = m_input.channel(static_cast<int>(c)) + at;
    for (size_t c = 0; c < m_outPtr.size(); ++c)
        m_outPtr[c] = m_output.channel(static_cast<int>(c)) + at;
    m_callback->process(m_inPtr.empty() ? nullptr : m_inPtr.data(), m_config.channelsIn, m_outPtr.data(),
                        m_config.channelsOut, n, m_inject.exchange(0));
    m_done.store(pos + n, std::memory_order_release);
}

int OfflineBackend::pump(int blocks)
{
    if (m_state != BackendState::Running || m_pace != Pace::Manual)
        throw BackendError("offline backend: pump() needs a running stream with Pace::Manual");
    int ran = 0;
    while (ran < blocks && !finished() && !m_failed.load()) {
        runBlock();
        ++ran;
    }
    return ran;
}

void OfflineBackend::loop()
{
    using Clock = std::chrono::steady_clock;
    const auto period = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(static_cast<double>(m_config.bufferSize) / m_config.sampleRate));
    auto next = Clock::now();
    while (!m_stopRequested.load(std::memory_order_acquire) && !finished()) {
        runBlock();
        if (m_pace == Pace::RealTime) {
            next += period;
            std::this_thread::sleep_until(next);
        }
    }
}

} // namespace fxrack::realtime
