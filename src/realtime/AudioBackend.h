#pragma once

#include "realtime/StreamConfig.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace fxrack::realtime {

// One audio device as a backend reports it (the fields of `fxrack-cli devices --json`).
struct DeviceInfo {
    int index = -1;
    std::string name;
    std::string api; // "jack", "pulse", "alsa", "offline"
    int maxInputChannels = 0;
    int maxOutputChannels = 0;
    int defaultSampleRate = 0;
    std::vector<int> sampleRates;
    bool isDefaultInput = false;
    bool isDefaultOutput = false;
};

// A device or server failure: opening, starting, or a stream that died.
class BackendError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class BackendState { Closed, Open, Running, Error };
const char* backendStateName(BackendState state) noexcept;

// Status bits a backend hands to the callback.
enum StreamStatusFlags : unsigned { StatusOk = 0, StatusInputOverflow = 1, StatusOutputUnderflow = 2 };

// What a backend drives. process() runs on the audio thread: noexcept, no allocation, no lock.
// Buffers are planar; `in` is null when numIn is 0.
class AudioCallback {
public:
    virtual ~AudioCallback() = default;
    virtual void process(const float* const* in, int numIn, float* const* out, int numOut, int frames,
                         unsigned status) noexcept = 0;
};

// An audio API (TorchFX's AudioBackend). All members are for the control thread; the backend
// calls AudioCallback::process on its own audio thread between start() and stop().
class AudioBackend {
public:
    virtual ~AudioBackend() = default;

    virtual std::string name() const = 0;
    virtual bool isAvailable() const = 0;
    // Enumerating may block (device probing): call it off the GUI thread.
    virtual std::vector<DeviceInfo> devices() = 0;
    // Index into devices(), or -1 when there is none.
    virtual int defaultInputDevice() = 0;
    virtual int defaultOutputDevice() = 0;

    // Opens a stream for `config` (devices resolved by index or name substring). Throws
    // BackendError. The backend may change the buffer size (JACK uses the server's):
    // bufferSize() and sampleRate() say what was granted.
    virtual void open(const StreamConfig& config, AudioCallback& callback) = 0;
    virtual void start() = 0;
    virtual void stop() = 0;
    virtual void close() = 0;
    // Polls the stream: a dead server or a vanished device shows as Error, with lastError().
    virtual BackendState state() = 0;
    virtual std::string lastError() const = 0;

    virtual int bufferSize() const = 0;
    virtual int sampleRate() const = 0;
    // Input plus output latency the API reports once open, in frames (0 if unknown).
    virtual long reportedLatencyFrames() = 0;
    // Whether callbacks come at the device's pace, each with a deadline: then the chain runs in
    // real-time mode (ProcessSpec::realtime) and never waits on an effect's worker threads. A
    // backend that runs blocks as fast as it can, or when a test pumps them, is not: waiting
    // costs nothing there and keeps the output independent of scheduling.
    virtual bool hasDeadline() const { return true; }
    // Control thread, after close(): true while a callback that close() stopped waiting for (a
    // stream a thread of its own tears down) may still be inside process(). Until it says false,
    // the caller leaves alone everything the callback uses, and opens no new stream on it.
    virtual bool callbackMayRun() { return false; }
};

// Resolves `spec` (an index, or a case-insensitive substring of a name) to a device index
// that has at least one channel in the wanted direction; -1 when spec is empty. Throws
// BackendError naming the device when nothing matches.
int findDevice(const std::vector<DeviceInfo>& devices, const std::string& spec, bool wantInput);

} // namespace fxrack::realtime
