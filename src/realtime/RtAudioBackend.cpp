#include "realtime/RtAudioBackend.h"

#include <RtAudio.h>
#include <mutex>
#include <thread>

namespace fxrack::realtime {
namespace {

// RtAudio 5's error callback carries no user pointer: errors are recorded globally and each
// backend compares the count with the one it saw when it opened its stream.
std::atomic<unsigned> g_errorCount{0};
std::mutex g_errorMutex;
std::string g_errorText;

void onRtAudioError(RtAudioError::Type type, const std::string& text)
{
    if (type == RtAudioError::WARNING || type == RtAudioError::DEBUG_WARNING)
        return;
    {
        std::lock_guard lock(g_errorMutex);
        g_errorText = text;
    }
    g_errorCount.fetch_add(1, std::memory_order_release);
}

std::string globalError()
{
    std::lock_guard lock(g_errorMutex);
    return g_errorText;
}

RtAudio::Api toRt(RtAudioBackend::Api api)
{
    switch (api) {
    case RtAudioBackend::Api::Jack:
        return RtAudio::UNIX_JACK;
    case RtAudioBackend::Api::Pulse:
        return RtAudio::LINUX_PULSE;
    case RtAudioBackend::Api::Alsa:
        return RtAudio::LINUX_ALSA;
    case RtAudioBackend::Api::Default:
        break;
    }
    return RtAudio::UNSPECIFIED;
}

std::string shortApiName(RtAudio::Api api)
{
    switch (api) {
    case RtAudio::UNIX_JACK:
        return "jack";
    case RtAudio::LINUX_PULSE:
        return "pulse";
    case RtAudio::LINUX_ALSA:
        return "alsa";
    default:
        return RtAudio::getApiName(api);
    }
}

constexpr auto kStallLimit = std::chrono::milliseconds(500);

} // namespace

RtAudioBackend::Api RtAudioBackend::parseApi(const std::string& name)
{
    if (name == "jack")
        return Api::Jack;
    if (name == "pulse" || name == "pulseaudio")
        return Api::Pulse;
    if (name == "alsa")
        return Api::Alsa;
    if (name.empty() || name == "default")
        return Api::Default;
    throw std::invalid_argument("--api \"" + name + "\": expected jack, pulse or alsa");
}

std::string RtAudioBackend::apiName(Api api)
{
    return api == Api::Default ? "default" : shortApiName(toRt(api));
}

std::vector<std::string> RtAudioBackend::compiledApis()
{
    std::vector<RtAudio::Api> apis;
    RtAudio::getCompiledApi(apis);
    std::vector<std::string> names;
    for (auto a : apis)
        names.push_back(shortApiName(a));
    return names;
}

RtAudioBackend::RtAudioBackend() : RtAudioBackend(Options{}) {}

RtAudioBackend::RtAudioBackend(Options options) : m_options(std::move(options)) {}

RtAudioBackend::~RtAudioBackend()
{
    try {
        close();
    } catch (...) {
    }
}

RtAudio& RtAudioBackend::rt() const
{
    if (!m_rt) {
        try {
            m_rt = std::make_unique<RtAudio>(toRt(m_options.api));
        } catch (const RtAudioError& e) {
            throw BackendError(apiName(m_options.api) + ": " + e.getMessage());
        }
        m_rt->showWarnings(false);
    }
    return *m_rt;
}

std::string RtAudioBackend::name() const
{
    return shortApiName(rt().getCurrentApi());
}

bool RtAudioBackend::isAvailable() const
{
    try {
        return rt().getCurrentApi() != RtAudio::RTAUDIO_DUMMY && rt().getDeviceCount() > 0;
    } catch (const std::exception&) {
        return false;
    }
}

std::vector<DeviceInfo> RtAudioBackend::devices()
{
    std::vector<DeviceInfo> out;
    auto& audio = rt();
    const std::string api = shortApiName(audio.getCurrentApi());
    const unsigned count = audio.getDeviceCount();
    for (unsigned i = 0; i < count; ++i) {
        RtAudio::DeviceInfo info;
        try {
            info = audio.getDeviceInfo(i);
        } catch (const RtAudioError&) {
            continue;
        }
        if (!info.probed)
            continue;
        DeviceInfo d;
        d.index = static_cast<int>(i);
        d.name = info.name;
        d.api = api;
        d.maxInputChannels = static_cast<int>(info.inputChannels);
        d.maxOutputChannels = static_cast<int>(info.outputChannels);
        d.defaultSampleRate = static_cast<int>(info.preferredSampleRate);
        for (auto r : info.sampleRates)
            d.sampleRates.push_back(static_cast<int>(r));
        d.isDefaultInput = info.isDefaultInput;
        d.isDefaultOutput = info.isDefaultOutput;
        out.push_back(std::move(d));
    }
    return out;
}

int RtAudioBackend::defaultInputDevice()
{
    for (const auto& d : devices())
        if (d.isDefaultInput && d.maxInputChannels > 0)
            return d.index;
    return -1;
}

int RtAudioBackend::defaultOutputDevice()
{
    for (const auto& d : devices())
        if (d.isDefaultOutput && d.maxOutputChannels > 0)
            return d.index;
    return -1;
}

void RtAudioBackend::open(const StreamConfig& config, AudioCallback& callback)
{
    close();
    config.validate();
    const auto list = devices();
    const auto pick = [&](const std::string& spec, bool input) {
        int index = findDevice(list, spec, input);
        if (index < 0)
            index = input ? defaultInputDevice() : defaultOutputDevice();
        if (index < 0)
            throw BackendError(name() + ": no " + (input ? "input" : "output") + " device");
        return index;
    };
    RtAudio::StreamParameters out, in;
    if (config.channelsOut > 0) {
        out.deviceId = static_cast<unsigned>(pick(config.outputDevice, false));
        out.nChannels = static_cast<unsigned>(config.channelsOut);
    }
    if (config.channelsIn > 0) {
        in.deviceId = static_cast<unsigned>(pick(config.inputDevice, true));
        in.nChannels = static_cast<unsigned>(config.channelsIn);
    }
    RtAudio::StreamOptions options;
    options.flags = RTAUDIO_NONINTERLEAVED;
    if (m_options.realtimeScheduling)
        options.flags |= RTAUDIO_SCHEDULE_REALTIME;
    if (!m_options.connectPorts)
        options.flags |= RTAUDIO_JACK_DONT_CONNECT;
    switch (config.latency.kind) {
    case LatencyPreset::Low:
        options.flags |= RTAUDIO_MINIMIZE_LATENCY;
        break;
    case LatencyPreset::High:
        options.numberOfBuffers = 4;
        break;
    case LatencyPreset::Seconds:
        options.numberOfBuffers = std::max(
            2u, static_cast<unsigned>(config.latency.seconds * config.sampleRate / config.bufferSize));
        break;
    case LatencyPreset::Default:
        break;
    }
    options.streamName = m_options.clientName;
    options.priority = 70;

    unsigned frames = static_cast<unsigned>(config.bufferSize);
    m_config = config;
    m_callback = &callback;
    m_inPtr.assign(static_cast<size_t>(config.channelsIn), nullptr);
    m_outPtr.assign(static_cast<size_t>(config.channelsOut), nullptr);
    m_errorsAtOpen = g_errorCount.load(std::memory_order_acquire);
    try {
        rt().openStream(config.channelsOut > 0 ? &out : nullptr, config.channelsIn > 0 ? &in : nullptr,
                        RTAUDIO_FLOAT32, static_cast<unsigned>(config.sampleRate), &frames, &rtCallback, this,
                        &options, &onRtAudioError);
    } catch (const RtAudioError& e) {
        throw BackendError(name() + ": " + e.getMessage());
    }
    if (!rt().isStreamOpen() || g_errorCount.load(std::memory_order_acquire) != m_errorsAtOpen)
        throw BackendError(name() + ": cannot open the stream: " + globalError());
    m_bufferSize = static_cast<int>(frames);
    m_sampleRate = static_cast<int>(rt().getStreamSampleRate());
    m_state = BackendState::Open;
    m_error.clear();
}

void RtAudioBackend::start()
{
    if (m_state != BackendState::Open)
        throw BackendError(name() + ": start() needs an open stream");
    m_callbacks.store(0);
    m_lastSeenCallbacks = 0;
    m_lastProgress = std::chrono::steady_clock::now();
    try {
        rt().startStream();
    } catch (const RtAudioError& e) {
        throw BackendError(name() + ": " + e.getMessage());
    }
    if (!rt().isStreamRunning())
        throw BackendError(name() + ": cannot start the stream: " + globalError());
    m_state = BackendState::Running;
}

void RtAudioBackend::stop()
{
    if (m_state != BackendState::Running)
        return;
    try {
        if (m_rt && m_rt->isStreamRunning())
            m_rt->stopStream();
    } catch (const RtAudioError&) {
    }
    m_state = BackendState::Open;
}

void RtAudioBackend::close()
{
    if (!m_rt)
        return;
    const bool failed = m_state == BackendState::Error;
    try {
        if (!failed) {
            if (m_rt->isStreamRunning())
                m_rt->stopStream();
            if (m_rt->isStreamOpen())
                m_rt->closeStream();
        }
    } catch (const RtAudioError&) {
    }
    if (failed) {
        // RtAudio's JACK shutdown handler closes the stream on a thread of its own: give it
        // time to finish before the instance goes away.
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (m_rt->isStreamOpen() && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        try {
            if (m_rt->isStreamOpen())
                m_rt->abortStream();
        } catch (const RtAudioError&) {
        }
    }
    // A fresh instance for the next open: a restarted server, or devices that changed.
    m_rt.reset();
    m_state = BackendState::Closed;
    m_callback = nullptr;
}

void RtAudioBackend::fail(const std::string& message)
{
    m_error = message;
    m_state = BackendState::Error;
}

BackendState RtAudioBackend::state()
{
    if (m_state != BackendState::Running)
        return m_state;
    if (g_errorCount.load(std::memory_order_acquire) != m_errorsAtOpen) {
        fail(name() + ": " + globalError());
    } else if (!m_rt->isStreamRunning()) {
        fail(name() + ": the stream was stopped by the audio server (device gone or server shut down)");
    } else {
        const auto now = std::chrono::steady_clock::now();
        const auto seen = m_callbacks.load(std::memory_order_relaxed);
        if (seen != m_lastSeenCallbacks) {
            m_lastSeenCallbacks = seen;
            m_lastProgress = now;
        } else if (now - m_lastProgress >
                   kStallLimit + std::chrono::milliseconds(2000 * m_bufferSize / m_sampleRate)) {
            fail(name() + ": no audio callbacks for " +
                 std::to_string(
                     std::chrono::duration_cast<std::chrono::milliseconds>(now - m_lastProgress).count()) +
                 " ms (device gone or server stalled)");
        }
    }
    return m_state;
}

long RtAudioBackend::reportedLatencyFrames()
{
    try {
        return m_rt && m_rt->isStreamOpen() ? m_rt->getStreamLatency() : 0;
    } catch (const RtAudioError&) {
        return 0;
    }
}

int RtAudioBackend::rtCallback(void* output, void* input, unsigned int frames, double /*streamTime*/,
                               unsigned int status, void* user)
{
    auto* self = static_cast<RtAudioBackend*>(user);
    const auto n = static_cast<size_t>(frames);
    for (size_t c = 0; c < self->m_inPtr.size(); ++c)
        self->m_inPtr[c] = static_cast<const float*>(input) + c * n;
    for (size_t c = 0; c < self->m_outPtr.size(); ++c)
        self->m_outPtr[c] = static_cast<float*>(output) + c * n;
    unsigned flags = StatusOk;
    if (status & RTAUDIO_INPUT_OVERFLOW)
        flags |= StatusInputOverflow;
    if (status & RTAUDIO_OUTPUT_UNDERFLOW)
        flags |= StatusOutputUnderflow;
    self->m_callback->process(self->m_inPtr.empty() ? nullptr : self->m_inPtr.data(),
                              self->m_config.channelsIn, self->m_outPtr.data(), self->m_config.channelsOut,
                              static_cast<int>(frames), flags);
    self->m_callbacks.fetch_add(1, std::memory_order_relaxed);
    return 0;
}

} // namespace fxrack::realtime
