#include "realtime/RtAudioBackend.h"

#include <RtAudio.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

namespace fxrack::realtime {

// What one open stream shares between the control thread, its audio thread and its watchdog.
// The watchdog holds a reference, so a stream that died is torn down and freed there, never on
// the control thread. Members the RtAudio instance calls back into are declared before it, so
// they outlive it.
struct RtAudioStream {
    // Set at open, read by the audio thread.
    AudioCallback* callback = nullptr;
    int channelsIn = 0;
    int channelsOut = 0;
    std::vector<const float*> inPtr;
    std::vector<float*> outPtr;
    // How the stream was opened, for a reopen after a format change.
    RtAudio::Api api = RtAudio::UNSPECIFIED;
    bool hasIn = false;
    bool hasOut = false;
    RtAudio::StreamParameters in, out;
    RtAudio::StreamOptions options;
    unsigned sampleRate = 0;

    // Audio thread -> anyone (lock-free).
    std::atomic<bool> inCallback{false};
    std::atomic<bool> detached{false}; // the backend let go: call nobody any more
    std::atomic<bool> failed{false};   // the audio thread gave up on the stream
    std::atomic<bool> bufferChanged{false};
    std::atomic<unsigned> warnings{0};
    std::atomic<unsigned long long> goodPeriods{0};
    std::atomic<int> bufferSize{0};
    std::atomic<int> formatChanges{0};
    char failText[256] = {}; // the last failure's text; written by the audio thread until `failed`
    // Audio thread only.
    unsigned warningsSeen = 0;
    int failedInARow = 0;

    // Control thread <-> watchdog, under `mutex`.
    std::mutex mutex;
    std::condition_variable wake;
    bool watching = false;      // the watchdog loop runs
    bool stopRequested = false; // the control thread wants it to end (a healthy stop)
    bool broken = false;        // the watchdog found the stream dead and owns the teardown
    bool reopening = false;     // the watchdog reopens the stream (no lock held): hands off `rt`
    std::string error;

    std::unique_ptr<RtAudio> rt; // last: it goes first

    // Stops and closes the stream and drops the instance. `dead`: the server may be closing it
    // already (JACK), so give that a moment first.
    void teardown(bool dead) noexcept;
};

namespace {

// RtAudio 5's error callback carries no user pointer. Messages raised on a stream's audio
// thread (where RtAudio reports read/write failures) reach that stream through this pointer,
// which the callback sets on its own thread; the rest are kept here for start()'s message.
thread_local RtAudioStream* t_stream = nullptr;
std::mutex g_errorMutex;
std::string g_errorText;

bool isWarning(RtAudioError::Type type)
{
    return type == RtAudioError::WARNING || type == RtAudioError::DEBUG_WARNING;
}

void onRtAudioError(RtAudioError::Type type, const std::string& text)
{
    if (RtAudioStream* s = t_stream) {
        // The audio thread: no lock. The text is copied only while nobody reads it.
        if (text.find("buffer size has changed") != std::string::npos)
            s->bufferChanged.store(true, std::memory_order_release);
        if (!s->failed.load(std::memory_order_acquire)) {
            const size_t n = std::min(text.size(), sizeof(s->failText) - 1);
            std::memcpy(s->failText, text.data(), n);
            s->failText[n] = '\0';
            if (!isWarning(type)) // RtAudio has aborted the stream already
                s->failed.store(true, std::memory_order_release);
        }
        s->warnings.fetch_add(1, std::memory_order_release);
        return;
    }
    if (isWarning(type))
        return;
    std::lock_guard lock(g_errorMutex);
    g_errorText = text;
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

std::string rtMessage(RtAudio::Api api, const std::string& what)
{
    return shortApiName(api) + ": " + what;
}

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

namespace {

// Opens `s` on a fresh or given RtAudio instance; the granted buffer size lands in `frames`.
// Throws BackendError.
void openStream(RtAudioStream& s, unsigned& frames)
{
    const RtAudio::Api api = s.rt->getCurrentApi();
    try {
        s.rt->openStream(s.hasOut ? &s.out : nullptr, s.hasIn ? &s.in : nullptr, RTAUDIO_FLOAT32,
                         s.sampleRate, &frames, &RtAudioBackend::rtCallback, &s, &s.options, &onRtAudioError);
    } catch (const RtAudioError& e) {
        throw BackendError(rtMessage(api, e.getMessage()));
    }
    if (!s.rt->isStreamOpen())
        throw BackendError(rtMessage(api, "cannot open the stream: " + globalError()));
    s.bufferSize.store(static_cast<int>(frames), std::memory_order_release);
}

void startStream(RtAudioStream& s)
{
    const RtAudio::Api api = s.rt->getCurrentApi();
    try {
        s.rt->startStream();
    } catch (const RtAudioError& e) {
        throw BackendError(rtMessage(api, e.getMessage()));
    }
    if (!s.rt->isStreamRunning())
        throw BackendError(rtMessage(api, "cannot start the stream: " + globalError()));
}

} // namespace

void RtAudioStream::teardown(bool dead) noexcept
{
    if (!rt)
        return;
    try {
        // JACK's shutdown handler closes the stream on a thread of its own (RtAudio's
        // jackCloseStream): let it finish before this one touches the stream.
        if (dead && api == RtAudio::UNIX_JACK) {
            const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
            while (rt->isStreamOpen() && std::chrono::steady_clock::now() < until)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (rt->isStreamRunning())
            rt->abortStream(); // no drain: a dead device has nothing to drain
        if (rt->isStreamOpen())
            rt->closeStream(); // joins the audio thread (may block on a dead device: not the GUI's)
    } catch (const std::exception&) {
    }
    rt.reset();
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
    auto s = std::make_shared<RtAudioStream>();
    if (config.channelsOut > 0) {
        s->hasOut = true;
        s->out.deviceId = static_cast<unsigned>(pick(config.outputDevice, false));
        s->out.nChannels = static_cast<unsigned>(config.channelsOut);
    }
    if (config.channelsIn > 0) {
        s->hasIn = true;
        s->in.deviceId = static_cast<unsigned>(pick(config.inputDevice, true));
        s->in.nChannels = static_cast<unsigned>(config.channelsIn);
    }
    RtAudio::StreamOptions& options = s->options;
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

    s->callback = &callback;
    s->channelsIn = config.channelsIn;
    s->channelsOut = config.channelsOut;
    s->inPtr.assign(static_cast<size_t>(config.channelsIn), nullptr);
    s->outPtr.assign(static_cast<size_t>(config.channelsOut), nullptr);
    s->sampleRate = static_cast<unsigned>(config.sampleRate);
    if (s->hasOut || s->hasIn) {
        // A JACK server runs at one rate, and a restarted one may run at another: take the
        // server's, as its buffer size is taken (sampleRate() says it; the processor prepares
        // for it), rather than refuse to open.
        const int device = static_cast<int>(s->hasOut ? s->out.deviceId : s->in.deviceId);
        for (const auto& d : list)
            if (d.index == device && d.api == "jack" && d.defaultSampleRate > 0)
                s->sampleRate = static_cast<unsigned>(d.defaultSampleRate);
    }
    rt();
    s->rt = std::move(m_rt); // the stream owns its instance; probing makes another
    s->api = s->rt->getCurrentApi();
    unsigned frames = static_cast<unsigned>(config.bufferSize);
    openStream(*s, frames);
    m_bufferSize = static_cast<int>(frames);
    m_sampleRate = static_cast<int>(s->rt->getStreamSampleRate());
    m_stream = std::move(s);
    m_state = BackendState::Open;
    m_error.clear();
}

void RtAudioBackend::start()
{
    if (m_state != BackendState::Open || !m_stream)
        throw BackendError(name() + ": start() needs an open stream");
    RtAudioStream& s = *m_stream;
    s.failed.store(false);
    s.bufferChanged.store(false);
    s.failedInARow = 0;
    s.warningsSeen = s.warnings.load();
    startStream(s);
    {
        std::lock_guard lock(s.mutex);
        s.watching = true;
        s.stopRequested = false;
    }
    std::thread(&RtAudioBackend::watch, m_stream).detach();
    m_state = BackendState::Running;
}

void RtAudioBackend::watch(std::shared_ptr<RtAudioStream> stream)
{
    RtAudioStream& s = *stream;
    std::unique_lock lock(s.mutex);
    auto lastGood = s.goodPeriods.load(std::memory_order_relaxed);
    auto lastProgress = std::chrono::steady_clock::now();
    while (!s.stopRequested) {
        const auto now = std::chrono::steady_clock::now();
        std::string why;
        if (s.bufferChanged.load(std::memory_order_acquire)) {
            // JACK's new buffer size: RtAudio cannot process it, so open the stream again at
            // the size the server now uses. The control thread waits for this (it is quick).
            s.bufferChanged.store(false);
            s.reopening = true;
            lock.unlock();
            try {
                s.teardown(false);
                s.rt = std::make_unique<RtAudio>(s.api);
                s.rt->showWarnings(false);
                unsigned frames = static_cast<unsigned>(s.bufferSize.load());
                s.failed.store(false);
                s.failedInARow = 0; // the audio thread is gone: nobody else touches these
                s.warningsSeen = s.warnings.load();
                openStream(s, frames);
                startStream(s);
                s.formatChanges.fetch_add(1);
                lastGood = s.goodPeriods.load();
                lastProgress = std::chrono::steady_clock::now();
            } catch (const std::exception& e) {
                why = std::string("the server changed its buffer size and the stream could not follow: ") +
                      e.what();
            }
            lock.lock();
            s.reopening = false;
        } else if (s.failed.load(std::memory_order_acquire)) {
            why = s.failText[0] != '\0' ? std::string(s.failText)
                                        : std::string("the device stopped reading and writing");
            why = "repeated read/write failures (" + why + ")";
        } else if (!s.rt->isStreamRunning()) {
            why = "the stream was stopped by the audio server (device gone or server shut down)";
        } else if (const auto good = s.goodPeriods.load(std::memory_order_relaxed); good != lastGood) {
            lastGood = good;
            lastProgress = now;
        } else if (good * static_cast<unsigned long long>(std::max(1, s.bufferSize.load())) >= s.sampleRate) {
            // Armed after the first second of audio: a PulseAudio stream fills the server's
            // buffer (2 s by default) first and may then wait for the sink to start playing.
            const int bufferMs = 1000 * s.bufferSize.load() / static_cast<int>(std::max(1u, s.sampleRate));
            if (now - lastProgress > std::chrono::milliseconds(kStallMs + 2 * bufferMs))
                why = "no successful audio period for " +
                      std::to_string(
                          std::chrono::duration_cast<std::chrono::milliseconds>(now - lastProgress).count()) +
                      " ms (device gone or server stalled)";
        }
        if (!why.empty()) {
            s.error = shortApiName(s.api) + ": " + why;
            s.broken = true;
            s.watching = false;
            s.detached.store(true); // the callback calls nobody from now on
            s.wake.notify_all();
            lock.unlock();
            s.teardown(true); // here, where blocking on a dead device harms nobody
            return;
        }
        s.wake.wait_for(lock, std::chrono::milliseconds(10));
    }
    s.watching = false;
    s.wake.notify_all();
}

int RtAudioBackend::bufferSize() const
{
    return m_stream ? m_stream->bufferSize.load(std::memory_order_acquire) : m_bufferSize;
}

int RtAudioBackend::formatChanges() const noexcept
{
    return m_stream ? m_stream->formatChanges.load() : 0;
}

void RtAudioBackend::stop()
{
    if (m_state != BackendState::Running || !m_stream)
        return;
    RtAudioStream& s = *m_stream;
    {
        std::unique_lock lock(s.mutex);
        s.stopRequested = true;
        s.wake.notify_all();
        s.wake.wait(lock, [&] { return !s.watching; });
        if (s.broken) {
            m_error = s.error;
            m_state = BackendState::Error;
            return; // the watchdog tears it down; nothing here waits on the device
        }
    }
    try {
        if (s.rt->isStreamRunning())
            s.rt->abortStream(); // a live rack stops at once; no draining of queued audio
    } catch (const RtAudioError&) {
    }
    m_state = BackendState::Open;
}

void RtAudioBackend::close()
{
    stop(); // a healthy stream stops from here; a broken one was stopped by its watchdog
    if (m_stream) {
        RtAudioStream& s = *m_stream;
        // From here the callback calls nobody; wait out a call in progress (one buffer at most)
        // so the caller may free what the callback used.
        s.detached.store(true);
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(40);
        while (s.inCallback.load() && std::chrono::steady_clock::now() < until)
            std::this_thread::yield();
        const bool gaveUp = s.inCallback.load();
        bool broken = false;
        {
            std::unique_lock lock(s.mutex);
            s.stopRequested = true;
            s.wake.notify_all();
            s.wake.wait(lock, [&] { return !s.watching; });
            broken = s.broken;
        }
        if (!broken)
            s.teardown(false); // a healthy stream closes quickly, and the device is free again on return
        else if (gaveUp)
            m_lingering = m_stream; // its watchdog's teardown joins that callback; callbackMayRun() says when
        m_stream.reset();           // a broken one is freed by its watchdog once torn down
    }
    m_state = BackendState::Closed;
}

bool RtAudioBackend::callbackMayRun()
{
    // `detached` was set before the wait: a callback that starts now calls nobody, so once the
    // one under way has returned, none can reach the caller again.
    if (m_lingering && !m_lingering->inCallback.load())
        m_lingering.reset();
    return m_lingering != nullptr;
}

BackendState RtAudioBackend::state()
{
    if (m_state == BackendState::Running && m_stream) {
        std::lock_guard lock(m_stream->mutex);
        if (m_stream->broken) {
            m_error = m_stream->error;
            m_state = BackendState::Error;
        }
    }
    return m_state;
}

long RtAudioBackend::reportedLatencyFrames()
{
    if (!m_stream)
        return 0;
    std::lock_guard lock(m_stream->mutex);
    try {
        return !m_stream->broken && !m_stream->reopening && m_stream->rt && m_stream->rt->isStreamOpen()
                   ? m_stream->rt->getStreamLatency()
                   : 0;
    } catch (const RtAudioError&) {
        return 0;
    }
}

int RtAudioBackend::rtCallback(void* output, void* input, unsigned int frames, double /*streamTime*/,
                               unsigned int status, void* user)
{
    auto* s = static_cast<RtAudioStream*>(user);
    t_stream = s;
    s->inCallback.store(true);
    if (s->failed.load(std::memory_order_relaxed)) {
        s->inCallback.store(false);
        return 2; // abort: the device fails every period; this thread stops here
    }
    if (s->detached.load()) {
        // Let go by the backend, and about to be torn down: silence, and call nobody. (An
        // abort from here would race the teardown; JACK would stop from a thread of its own.)
        if (output)
            std::memset(output, 0, sizeof(float) * s->outPtr.size() * frames);
        s->inCallback.store(false);
        return 0;
    }
    // A warning since the last callback means the last period's read or write failed.
    const unsigned warnings = s->warnings.load(std::memory_order_acquire);
    if (warnings != s->warningsSeen) {
        s->warningsSeen = warnings;
        if (++s->failedInARow >= kFailedPeriodsInARow) {
            s->failed.store(true, std::memory_order_release);
            s->inCallback.store(false);
            return 2;
        }
    } else {
        s->failedInARow = 0;
        s->goodPeriods.fetch_add(1, std::memory_order_relaxed);
    }
    const auto n = static_cast<size_t>(frames);
    for (size_t c = 0; c < s->inPtr.size(); ++c)
        s->inPtr[c] = static_cast<const float*>(input) + c * n;
    for (size_t c = 0; c < s->outPtr.size(); ++c)
        s->outPtr[c] = static_cast<float*>(output) + c * n;
    unsigned flags = StatusOk;
    if (status & RTAUDIO_INPUT_OVERFLOW)
        flags |= StatusInputOverflow;
    if (status & RTAUDIO_OUTPUT_UNDERFLOW)
        flags |= StatusOutputUnderflow;
    s->callback->process(s->inPtr.empty() ? nullptr : s->inPtr.data(), s->channelsIn, s->outPtr.data(),
                         s->channelsOut, static_cast<int>(frames), flags);
    s->inCallback.store(false);
    return 0;
}

} // namespace fxrack::realtime
