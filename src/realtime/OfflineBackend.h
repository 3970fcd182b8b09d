#pragma once

#include "dsp/AudioBuffer.h"
#include "realtime/AudioBackend.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace fxrack::realtime {

// Drives the same callback as a real device from a loop over given input: deterministic, for
// tests and benchmarks. The output of every callback is recorded.
//  - Pace::FreeRun: start() runs the loop as fast as it can on its own thread (the audio thread).
//  - Pace::RealTime: the same, one buffer per buffer duration.
//  - Pace::Manual: start() starts nothing; pump() runs blocks on the calling thread, so a test
//    can interleave control calls and blocks exactly.
// A run lasts totalFrames (the input's length when negative); input shorter than that is
// padded with silence. The input's channel count must equal the stream's channels_in.
//
// noDevice() is the "no audio device" API ("none", makeBackend("none")): real-time pace, silent
// input, output discarded, one output device and no input device, running until stopped.
// It records nothing, so it can run for hours; the app shows the rack (fed by the demo input)
// on its meters on a machine without a sound card.
class OfflineBackend final : public AudioBackend {
public:
    enum class Pace { FreeRun, RealTime, Manual };

    explicit OfflineBackend(dsp::AudioBuffer input = {}, long long totalFrames = -1,
                            Pace pace = Pace::FreeRun);
    static std::unique_ptr<OfflineBackend> noDevice();
    ~OfflineBackend() override;

    std::string name() const override { return m_noDevice ? "none" : "offline"; }
    bool isAvailable() const override { return true; }
    std::vector<DeviceInfo> devices() override;
    int defaultInputDevice() override { return m_noDevice ? -1 : 0; }
    int defaultOutputDevice() override { return 0; }

    void open(const StreamConfig& config, AudioCallback& callback) override;
    void start() override;
    void stop() override;
    void close() override;
    BackendState state() override;
    std::string lastError() const override;
    int bufferSize() const override { return m_config.bufferSize; }
    int sampleRate() const override { return m_config.sampleRate; }
    long reportedLatencyFrames() override { return 0; }
    // Pace::RealTime only (and so noDevice()).
    bool hasDeadline() const override { return m_pace == Pace::RealTime; }

    // Manual pace, calling thread becomes the audio thread: runs up to `blocks` callbacks;
    // returns how many ran (fewer at the end of the run).
    int pump(int blocks);
    // Any thread.
    bool finished() const noexcept { return m_done.load(std::memory_order_acquire) >= m_total; }
    long long framesDone() const noexcept { return m_done.load(std::memory_order_acquire); }
    // The recorded output (read it once the run is finished or stopped; empty for noDevice()).
    const dsp::AudioBuffer& output() const noexcept { return m_output; }
    // The next callback reports these status bits (simulated xruns).
    void injectStatus(unsigned status) noexcept { m_inject.store(status); }
    // Simulates a device that vanishes: the loop ends and state() reports Error.
    void simulateFailure(const std::string& message);

private:
    void runBlock() noexcept;
    void loop();

    dsp::AudioBuffer m_source;
    long long m_requestedTotal;
    Pace m_pace;
    bool m_noDevice = false; // one buffer reused, nothing recorded, no end
    StreamConfig m_config;
    AudioCallback* m_callback = nullptr;
    dsp::AudioBuffer m_input;
    dsp::AudioBuffer m_output;
    std::vector<const float*> m_inPtr;
    std::vector<float*> m_outPtr;
    long long m_total = 0;
    std::atomic<long long> m_done{0};
    std::atomic<unsigned> m_inject{0};
    std::atomic<bool> m_stopRequested{false};
    std::atomic<bool> m_failed{false};
    BackendState m_state = BackendState::Closed;
    mutable std::mutex m_errorMutex;
    std::string m_error;
    std::thread m_thread;
};

} // namespace fxrack::realtime
