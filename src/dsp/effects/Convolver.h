#pragma once

#include "dsp/AudioBuffer.h"
#include "dsp/Effect.h"
#include "dsp/ImpulseResponse.h"
#include "dsp/design/FftConvolver.h"
#include "dsp/design/Response.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <pthread.h>
#include <sched.h>
#include <string>
#include <vector>

class Convproc;

namespace fxrack::dsp {

// Convolution with an impulse response file (cabinets, rooms, plates) on zita-convolver.
//  - Channels: a mono IR applies to every channel, a stereo IR per channel (channel c takes IR
//    channel c % 2), a 4-channel IR is true stereo: out L = L*LL + R*RL, out R = L*LR + R*RR.
//  - Zero latency at any block size: the first kHead taps are convolved directly, per sample;
//    the rest goes to zita-convolver (non-uniform partitions from kHead to 8,192 samples),
//    whose output, kHead samples late, is exactly the part of the response that starts kHead
//    samples in. zita runs its larger partitions on its own threads. Live (ProcessSpec::realtime)
//    process() never waits for them: a late partition is dropped (lateCycles()), the threads run
//    at a real-time priority below the audio thread's where the process may, and reset() swaps in
//    a clean twin instead of running silence through.
//  - Batch (ProcessSpec::realtime false) convolves each path with an FftConvolver instead: zero
//    latency too, uniform partitions sized from the chunk (up to 16,384 samples), no threads, so
//    the output never depends on scheduling. It equals the live path within float rounding.
//  - Loading (reading, resampling, partition set-up) happens in prepare(), off the audio
//    thread; an IR change is structural: a new prepared instance crossfades in.
//  - An empty `ir` is a unit impulse: the effect passes audio through.
class Convolver final : public Effect, public FrequencyResponseSource {
public:
    enum Param { Ir, GainDb, PredelayMs, LengthMs };
    static constexpr int kHead = 64;
    // The fade at the end of an IR trimmed by length_ms.
    static constexpr double kTrimFadeSeconds = 0.005;

    static EffectType describe();
    explicit Convolver(const EffectType& type);
    ~Convolver() override;

    void doProcess(AudioBlock& block) noexcept override;
    void doReset() noexcept override;
    void doIdle(int frames) noexcept override;
    double tailSeconds() const noexcept override;
    // Live: zita cycles in which a partition was not ready in time and was dropped (any thread).
    uint64_t lateCycles() const noexcept override { return m_lateCycles.load(std::memory_order_relaxed); }
    // Live: how zita's worker threads are scheduled under an audio thread of real-time priority
    // `audioPriority` (0: not real-time): the policy and the base priority start_process() takes.
    struct WorkerScheduling {
        int policy = SCHED_OTHER;
        int priority = 0;
    };
    static WorkerScheduling workerScheduling(int audioPriority) noexcept;
    // The priority of a worker whose level zita places `levelOffset` (< 0) steps below the base:
    // clamped to the policy's range as zita does (0 for SCHED_OTHER).
    static int levelPriority(const WorkerScheduling& scheduling, int levelOffset) noexcept;
    // Control thread: puts the running workers under the audio thread's new priority (where the
    // process may not use SCHED_FIFO, they run SCHED_OTHER).
    void setAudioThreadPriority(int priority) noexcept override;
    // Control thread: each worker thread's policy and priority now (live; for the tests).
    std::vector<WorkerScheduling> workerThreads() const;
    // Live: whether reset() now forgets the past at once (the clean twin is flushed). A reset
    // before that is held while the effect stays bypassed and done once the twin is clean; if the
    // effect comes back first, the running instance's past rings out. Always true in batch.
    bool twinReady() const noexcept { return !m_spare || m_spareDirty <= 0; }
    // The response as prepared (after resampling, trim and pre-delay), one entry per path; for
    // the response plot and the tests.
    struct Path {
        int input = 0;
        int output = 0;
        std::vector<float> taps;
    };
    const std::vector<Path>& paths() const noexcept { return m_paths; }
    // The live structure (the direct head and zita's partitions) run without a deadline:
    // process() and reset() wait for zita's threads, so the output never depends on scheduling.
    // For tests of that structure run unpaced; the live engine never sets it. Before prepare().
    void setWaitsForWorkers(bool waits) noexcept { m_waitsForWorkers = waits; }
    // Reads and shapes the IR for `sampleRate` (any thread; allocates, reads the file).
    std::vector<Path> buildPaths(double sampleRate, int numChannels) const;
    // The response into the first output channel of a signal on both inputs, times the gain:
    // for the response plot. Reads the IR once per file, shape and rate (GUI thread); empty when
    // the IR cannot be read.
    std::optional<std::complex<double>> responseAt(double hz, double sampleRate) const override;

protected:
    void doPrepare(const ProcessSpec& spec) override;

private:
    void processRun(AudioBlock& block, int start, int count) noexcept;
    void stopConvolver() noexcept;
    void prepareBatch(const ProcessSpec& spec);
    void processBatch(AudioBlock& block) noexcept;
    std::unique_ptr<Convproc> startConvproc(uint32_t tail, uint32_t channels, bool realtime) const;
    void collectWorkers(Convproc& conv);
    bool scheduleWorkers(const WorkerScheduling& scheduling) noexcept;
    void flushSpare() noexcept;
    long flushLength() const noexcept;
    void swapInTwin() noexcept;

    std::vector<Path> m_paths;
    bool m_waitsForWorkers = false;
    std::unique_ptr<Convproc> m_conv; // null when every path fits in the head
    // Live only: the clean twin reset() swaps in; m_spareDirty samples of silence still to run
    // through it after it was swapped out.
    std::unique_ptr<Convproc> m_spare;
    // Live: the threads of both instances (control thread only), each with its level's offset.
    struct Worker {
        pthread_t thread{};
        int levelOffset = 0;
    };
    std::vector<Worker> m_workers;
    long m_spareDirty = 0;
    int m_idleFrames = 0;        // bypassed: frames towards the next flush cycle of m_spare
    bool m_resetPending = false; // a reset found m_spare dirty: swap it in once clean (bypassed)
    std::atomic<uint64_t> m_lateCycles{0};
    // Per input channel: the last kHead inputs twice over (newest first), so a head dot
    // product reads one contiguous run: m_history[c][m_histPos .. m_histPos + kHead).
    std::vector<std::vector<float>> m_history;
    int m_histPos = 0;
    // Per output channel: zita's output for the current kHead-sample cycle.
    std::vector<std::vector<float>> m_tailOut;
    int m_cyclePos = 0;
    bool m_dirty = false; // input went in since the last reset
    double m_gain = 1.0;
    // Batch: one FftConvolver per path (none for a one-tap path: a plain factor, so an empty
    // `ir` passes audio through exactly), a copy of the input and a path's output.
    bool m_isBatch = false;
    std::vector<FftConvolver> m_batch;
    AudioBuffer m_batchInput;
    AudioBuffer m_batchPath;
    // responseAt()'s IR: the summed taps into output 0, for m_responseKey (file, shape, rate).
    mutable std::vector<double> m_responseTaps;
    mutable std::string m_responseKey;
};

} // namespace fxrack::dsp
