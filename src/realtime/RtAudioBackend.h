#pragma once

#include "realtime/AudioBackend.h"

#include <memory>
#include <string>
#include <vector>

class RtAudio;

namespace fxrack::realtime {

// One open stream: its RtAudio instance and what its threads share (RtAudioBackend.cpp).
struct RtAudioStream;

// Real devices through RtAudio 5: JACK, PulseAudio or ALSA. Asks for real-time scheduling of
// the callback thread and, with latency "low", for RtAudio's minimum latency. RtAudio's input
// overflow and output underflow flags reach the callback as xruns.
//
// Failure: RtAudio reports ALSA and PulseAudio read/write failures only as warnings on a
// running stream. Three failed periods in a row (a warning or error after each), an error, a
// stream the server closed (JACK shutting a client down) or, once the stream has played its
// first second, no successful period for half a second put the stream in Error. The audio
// thread then stops calling the callback at once (at most three callbacks after the first
// failure). A watchdog thread started with the stream notices within about 10 ms and tears the
// dead stream down on its own thread, where RtAudio may block; state() then says Error with
// lastError(). stop() and close() on a failed stream never wait on the device: they leave it
// to that thread and return. start() after close() opens a fresh RtAudio instance (a
// restarted server, a new device).
//
// Format changes (JACK): a new server buffer size is followed by reopening the stream at the
// size the server now uses, on the watchdog's thread; bufferSize() then says the new size and
// the callback gets buffers of that length (RealtimeProcessor splits any length into its
// prepared blocks). JACK cannot change its sample rate while running (the server restarts):
// that shows as a lost stream, and the next open() takes the new server's rate whatever the
// config asks (sampleRate() says it; RealtimeProcessor::start prepares the chain for it).
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
    // The size the device granted; after a JACK buffer-size change, the server's new size.
    int bufferSize() const override;
    int sampleRate() const override { return m_sampleRate; }
    long reportedLatencyFrames() override;
    bool callbackMayRun() override;

    // How many times the stream followed a format change (a JACK buffer-size change) by
    // reopening itself; any thread.
    int formatChanges() const noexcept;

    // Stream health thresholds (see the class comment).
    static constexpr int kFailedPeriodsInARow = 3;
    static constexpr int kStallMs = 500;

    // RtAudio's callback (internal): `stream` is the RtAudioStream it serves.
    static int rtCallback(void* output, void* input, unsigned int frames, double streamTime,
                          unsigned int status, void* stream);

private:
    static void watch(std::shared_ptr<RtAudioStream> stream);
    RtAudio& rt() const;

    Options m_options;
    mutable std::unique_ptr<RtAudio> m_rt; // for probing; the next open() takes it
    std::shared_ptr<RtAudioStream> m_stream;
    std::shared_ptr<RtAudioStream> m_lingering; // closed, but its callback had not returned
    int m_bufferSize = 0;
    int m_sampleRate = 0;
    BackendState m_state = BackendState::Closed;
    std::string m_error;
};

} // namespace fxrack::realtime
