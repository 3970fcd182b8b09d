#pragma once

#include "realtime/AudioBackend.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

class RtAudio;

namespace fxrack::realtime {

// Real devices through RtAudio 5: JACK, PulseAudio or ALSA. Asks for real-time scheduling of
// the callback thread and, with latency "low", for RtAudio's minimum latency. RtAudio's input
// overflow and output underflow flags reach the callback as xruns.
//
// Failure: RtAudio's error callback, a stream the server closed (JACK shutting a client down)
// or callbacks that stop arriving for half a second show as state() == Error with
// lastError(); nothing is thrown on the audio thread. close() then discards the RtAudio
// instance, so start() can open a fresh one (a restarted server, a new device).
//
// JACK: device names are JACK client names ("system", or another client's name, whose ports
// the stream connects to); the server is the one libjack finds (JACK_DEFAULT_SERVER).
class RtAudioBackend final : public AudioBackend {
public:
    enum class Api { Default, Jack, Pulse, Alsa };
    struct Options {
        Api api = Api::Default;
        bool realtimeScheduling = true;
        std::string clientName = "fxrack"; // the JACK client name
        bool connectPorts = true;          // JACK: connect to the device's ports on start
    };

    // "jack", "pulse", "alsa" (std::invalid_argument naming the API otherwise).
    static Api parseApi(const std::string& name);
    static std::string apiName(Api api);
    // The APIs this RtAudio build has, by name.
    static std::vector<std::string> compiledApis();

    RtAudioBackend();
    explicit RtAudioBackend(Options options);
    ~RtAudioBackend() override;

    std::string name() const override;
    bool isAvailable() const override;
    std::vector<DeviceInfo> devices() override;
    int defaultInputDevice() override;
    int defaultOutputDevice() override;

    void open(const StreamConfig& config, AudioCallback& callback) override;
    void start() override;
    void stop() override;
    void close() override;
    BackendState state() override;
    std::string lastError() const override { return m_error; }
    int bufferSize() const override { return m_bufferSize; }
    int sampleRate() const override { return m_sampleRate; }
    long reportedLatencyFrames() override;

private:
    static int rtCallback(void* output, void* input, unsigned int frames, double streamTime,
                          unsigned int status, void* self);
    RtAudio& rt() const;
    void fail(const std::string& message);

    Options m_options;
    mutable std::unique_ptr<RtAudio> m_rt;
    AudioCallback* m_callback = nullptr;
    StreamConfig m_config;
    std::vector<const float*> m_inPtr;
    std::vector<float*> m_outPtr;
    int m_bufferSize = 0;
    int m_sampleRate = 0;
    BackendState m_state = BackendState::Closed;
    std::string m_error;
    unsigned m_errorsAtOpen = 0;
    std::atomic<unsigned long long> m_callbacks{0};
    unsigned long long m_lastSeenCallbacks = 0;
    std::chrono::steady_clock::time_point m_lastProgress;
};

} // namespace fxrack::realtime
