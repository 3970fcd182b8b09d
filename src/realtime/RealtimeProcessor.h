#pragma once

#include "dsp/AudioBuffer.h"
#include "dsp/EffectChain.h"
#include "realtime/AudioBackend.h"
#include "realtime/DemoInput.h"
#include "realtime/SafetyStage.h"
#include "realtime/SpscQueue.h"
#include "realtime/StreamConfig.h"
#include "realtime/Telemetry.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fxrack::realtime {

class LiveChain;
class LiveSlot;

enum class ProcessorState { Stopped, Running, Error };
const char* processorStateName(ProcessorState state) noexcept;

// Where the chain's input comes from when the stream has no input channels.
enum class InputSource { Silence, Demo };

// What a live chain does with an effect that needs the whole signal first (Normalize).
// Refuse: it is an error (ParameterError). PassBy: its slot holds a bypassed unity Gain, slot
// numbers kept, and the user is told (realtime/AnalysisPolicy.h applies it).
enum class AnalysisEffects { Refuse, PassBy };

struct ProcessorOptions {
    double ceilingDb = SafetyStage::kDefaultCeilingDb;
    InputSource inputWhenNoChannels = InputSource::Demo;
    size_t commandCapacity = 1024;
    size_t telemetryCapacity = 512;
    size_t retireCapacity = 256;
    // The audio thread handles at most this many commands a callback; the rest wait, and a
    // parameter whose value is newer in its latest-value cell never goes back to an older one.
    int commandsPerCallback = 256;
    AnalysisEffects analysisEffects = AnalysisEffects::Refuse;
    // An effect that reads a file (a Convolver with an IR) is prepared on the loader thread, as
    // loadText() does, instead of on the calling thread (the app: its GUI thread must not wait):
    // a structural change of it, and one that enters the rack (construction, start() at another
    // rate, addEffect(), replaceChain()), which runs dry until its file is in. Off, those prepare
    // it at once and throw when they cannot (the CLI, whose edits are scripted). setText() and
    // replaceEffect() prepare at once either way.
    bool loadFilesOnWorker = false;
};

// Connects an audio backend to an effect chain (TorchFX's RealtimeProcessor).
//
// Threads: every public member is for the control thread (GUI or CLI main thread); they may
// be called from several control threads (they serialise on a control-side mutex that the
// audio thread never takes), except effects() and lastMeters(), which hand out references to
// control-side state: those are for the thread that edits and polls (the app's GUI thread, the
// CLI's main thread), or for another only while no edit or poll runs. The audio thread only runs process():
// it pops commands from a wait-free SPSC queue at the block start, runs the chain, the safety stage, and
// pushes telemetry; it never allocates, frees, locks, throws or parses.
//
// Channels: the chain runs at the output width (the input width for an input-only stream).
// Input channel i feeds chain channel i; a mono input feeds every channel; with 1 < in < out
// channels, chain channel c takes input c % in; extra input channels are dropped. With no
// input channels the built-in demo signal (or silence, as the options say) feeds the chain.
class RealtimeProcessor : private AudioCallback {
public:
    // Control thread. Prepares the effects at the stream's sample rate (effects have no rate
    // of their own until then) and buffer size. Throws ParameterError when an effect cannot
    // run live (Normalize needs the whole signal) or at this rate; std::invalid_argument
    // for a bad config. The backend must outlive the processor.
    RealtimeProcessor(dsp::EffectChain effects, AudioBackend& backend, StreamConfig config,
                      ProcessorOptions options = {});
    // Stops the stream (never throws) and frees every chain.
    ~RealtimeProcessor() override;
    RealtimeProcessor(const RealtimeProcessor&) = delete;
    RealtimeProcessor& operator=(const RealtimeProcessor&) = delete;

    // Control thread; blocking (opens the device). Throws BackendError; the state is then Error.
    // Starting again after an error (a dead server, a vanished device) reopens the stream.
    void start();
    // Control thread; blocking until the audio thread has left the callback. Never throws.
    void stop() noexcept;
    // Control thread: polls the backend, so a dead server shows here as Error.
    ProcessorState state();
    bool isRunning() { return state() == ProcessorState::Running; }
    std::string lastError() const;

    // Control thread; validated here (ParameterError naming the path or the value), applied by
    // the audio thread at the next buffer boundary and smoothed as the parameter declares.
    // A structural (non-continuous) parameter rebuilds its own slot only, crossfading that slot.
    // Never blocks the audio thread. Values coalesce per parameter until the audio thread takes
    // one (latest wins; counted in commandsDropped), so it applies one change per parameter a callback.
    void setParameter(std::string_view path, double value);
    void setParameter(int slot, int paramId, double value);
    // Sets the text of a text parameter (an IR's path) and rebuilds that slot only, as a
    // structural parameter does. Throws (ParameterError, ImpulseResponseError) and keeps the
    // running instance and its text when the new one cannot be prepared.
    void setText(int slot, int paramId, const std::string& text);
    // Control thread; the same edit, but the new instance is prepared (the file read, resampled
    // and partitioned) on the processor's loader thread, so this returns at once. The running
    // instance keeps playing until the new one is ready; poll() then crossfades it in. effects()
    // shows the new text at once. Returns the load's ticket, which takeFinishedLoads() reports.
    // A newer edit of the slot wins: a load overtaken by another load or rebuild of the same
    // slot is dropped unreported. A structural parameter changed while a load of its slot is
    // under way is loaded the same way (it needs the file again). A load that fails leaves the
    // slot running what it ran, and effects() shows that again. ParameterError (a bad slot,
    // parameter or value) at once.
    uint64_t loadText(int slot, int paramId, const std::string& text);
    struct LoadResult {
        uint64_t ticket = 0;
        int slot = -1;     // where it landed, or failed; -1: it did not land (see overtaken)
        std::string error; // empty: the new instance runs
        // A newer load or rebuild of the same slot came first; otherwise a slot = -1 load found
        // its slot removed, or rebuilt with the rack (replaceChain, a new rate at start()).
        bool overtaken = false;
    };
    // Tests only: while set, starting the loader thread fails as std::thread does when the system
    // has no thread to give (std::system_error), so that error path can run.
    static void failLoaderStartForTesting(bool fail) noexcept;
    // Control thread: the loads poll() finished since the last call, oldest first.
    std::vector<LoadResult> takeFinishedLoads();
    // Control thread: loads queued or running on the loader thread and not yet installed.
    int loadsInFlight() const;
    // Control thread: the ticket of the load that may still land in `slot` (0: none).
    uint64_t pendingLoad(int slot) const;
    // Control thread; a 10 ms fade on the audio thread, against the input delayed by the
    // effect's latency, so bypassing does not shift the signal in time.
    void setBypass(int slot, bool bypassed);

    // Live chain edits (control thread). An edit changes only the slot it names: every other
    // effect keeps its instance and all its state. The new effect is prepared here; the new
    // plan goes to the audio thread, which fades the slot in or out (a move: out, then in at
    // its new place) and hands the old plan back to be freed here (poll()).
    // ParameterError for a bad index or an effect that cannot run live; nothing changes then.
    void addEffect(std::unique_ptr<dsp::Effect> effect, int index = -1, bool bypassed = false);
    void removeEffect(int index);
    void moveEffect(int from, int to);
    void replaceEffect(int index, std::unique_ptr<dsp::Effect> effect);
    // Makes the live chain equal `chain`, editing as little as it can: effects of the same type
    // and structural parameters, in the same order, keep their instances and ramp to the new
    // values; the others are removed, inserted or (same type, same place) crossfaded.
    void replaceChain(dsp::EffectChain chain);

    // The chain as the control side knows it (prepared, with the latest values). The thread that
    // edits only (see the class comment): the next edit changes what the reference shows, and
    // callers keep pointers into it (a MIDI target's effect), so it is not a copy.
    const dsp::EffectChain& effects() const noexcept { return m_shadow; }
    // Control thread: samples by which the chain delays the signal: the sum of every slot's
    // latency, bypassed ones included (a bypassed slot delays its dry path by as much).
    int chainLatencySamples() const;

    // Control thread: frees retired chains, checks the backend, drains telemetry (calling
    // onFrame for each frame, oldest first). Call it from a timer (about 30 Hz). onFrame runs
    // under the control lock: it must not call back into the processor (config(), latencyMs(),
    // edits: the lock is not recursive).
    void poll(const std::function<void(const MeterFrame&)>& onFrame = {});
    // The most recent frame poll() drained (the thread that polls only).
    const MeterFrame& lastMeters() const noexcept { return m_lastFrame; }
    // Any thread, lock-free.
    ProcessorStats stats() const noexcept;
    // Control thread: zeroes the xrun counters.
    void resetXruns() noexcept;

    // Control thread, copies taken under the control lock (start() may change the rate).
    StreamConfig config() const;
    // Buffer length in ms at the buffer size the backend runs now.
    double latencyMs() const;
    // Input-to-output latency the backend reports once open, in ms (buffers if it reports 0).
    double roundTripMs() const;
    // Control thread: the buffer size the backend runs now (a JACK server may change it while the
    // stream runs; the processor splits larger buffers into its prepared blocks).
    int bufferSize() const;
    static constexpr const char* kAnalysisRefusal =
        "needs the whole signal before it can set its gain, so it cannot run in a live chain "
        "(use it with fxrack-cli process)";

private:
    struct Command {
        enum Type : uint8_t { Param, Bypass, Swap } type = Param;
        int32_t paramId = 0;
        double value = 0.0;
        uint64_t sequence = 0;
        LiveSlot* slot = nullptr; // Param, Bypass (a Swap's plan waits in m_mailbox)
    };

    void process(const float* const* in, int numIn, float* const* out, int numOut, int frames,
                 unsigned status) noexcept override;
    void processChunk(const float* const* in, int numIn, float* const* out, int numOut, int offset,
                      int frames) noexcept;
    void drainCommands(bool immediate) noexcept;
    void install(LiveChain* next, bool immediate) noexcept;
    void retire(LiveChain* chain) noexcept;
    void flushRetireBacklog() noexcept;

    dsp::ProcessSpec spec() const noexcept;
    int bufferSizeLocked() const;
    void prepareBuffers();
    void checkLive(const dsp::EffectChain& chain) const;
    // Control thread, lock held: a prepared live instance of `effect`. With loadFilesOnWorker and
    // `mayDefer`, one that reads a file starts dry and its file is loaded on the loader
    // (m_deferred, queued by queueDeferred() once the edit has put the slot in m_slots).
    std::shared_ptr<LiveSlot> makeSlot(const dsp::Effect& effect, bool bypassed, bool entering,
                                       bool mayDefer = true);
    void queueDeferred(); // lock held
    std::unique_ptr<LiveChain> newPlan();
    using Slots = std::vector<std::shared_ptr<LiveSlot>>;
    // A new instance and the one it crossfades from (a slot of m_slots).
    using Crossfade = std::pair<std::shared_ptr<LiveSlot>, std::shared_ptr<LiveSlot>>;
    // Control thread, lock held: sends the plan that takes the audio side to `target` (the new
    // m_slots, which the caller commits once this returned). A plan the audio thread has not
    // taken yet is folded: the new plan replaces it and leads from the rack the audio thread has,
    // so edits faster than the transitions cost one plan a transition. `moved`: the slot a move
    // names, moved rather than another. Throws before anything changed.
    void sendTarget(const Slots& target, const std::vector<Crossfade>& crossfades,
                    const LiveSlot* moved = nullptr);
    // The plan from m_foldBase to `target`; `outgoing`: what each new slot crossfades from.
    std::unique_ptr<LiveChain>
    planFromBase(const Slots& target, const std::map<const LiveSlot*, std::shared_ptr<LiveSlot>>& outgoing,
                 const std::vector<const LiveSlot*>& moved);
    bool takePlan(bool immediate) noexcept; // audio thread: false while an edit folds into it
    void freeSuperseded(bool all);          // control thread
    void replaceSlot(int index, std::unique_ptr<dsp::Effect> effect, bool bypassed); // lock held
    void rebuildAll();                                                               // lock held: a new rate
    void setParameterLocked(int slot, int paramId, double value); // control thread, lock held
    void sendCommand(const Command& command);                     // control thread, lock held
    void collectRetired();                                        // control thread
    void followAudioPriority();                                   // control thread, lock held
    uint64_t queueLoad(int slot);                                 // lock held
    // Lock held: sets the text, validates and calls `rebuild`; the old text stays on any throw.
    void setTextThen(int slot, int paramId, const std::string& text,
                     const std::function<void(dsp::Effect&)>& rebuild);
    void installLoads(); // lock held
    // Lock held: a plan in which `slot` crossfades from slot `index`'s instance, and it takes its place.
    void crossfadeSlot(int index, std::shared_ptr<LiveSlot> slot);
    void installLoaded(int index, std::unique_ptr<dsp::Effect> effect, uint64_t key); // lock held
    void loaderMain();                                                                // the loader thread
    // Control thread, after the backend's close(): takes the audio thread's role. False (and
    // nothing done) while the backend says a callback may still run (m_unsettled).
    bool settleAfterStop();
    void refreshState(); // lock held

    AudioBackend& m_backend;
    StreamConfig m_config;
    ProcessorOptions m_options;
    int m_chainChannels = 2;
    int m_blockSize = 512;                 // prepared maximum block
    int m_grantedBuffer = 512;             // what the backend gave
    std::atomic<double> m_deadlineUs{0.0}; // for stats(), which any thread may call
    // The audio thread's real-time priority, read by it at its first callback of a stream (-1:
    // not yet); poll() hands a change to the live effects (Effect::setAudioThreadPriority()).
    std::atomic<int> m_audioPriority{-1};
    bool m_audioPriorityRead = false; // audio side; cleared by start() before the stream runs
    int m_effectsPriority = 0;        // control side: the priority the live effects follow
    double m_roundTripMs = 0.0;

    // Control side.
    mutable std::mutex m_control;
    dsp::EffectChain m_shadow;                      // the values; slot i of m_slots runs slot i
    std::vector<std::shared_ptr<LiveSlot>> m_slots; // the live instances, in rack order
    uint32_t m_nextGeneration = 1;
    uint64_t m_nextKey = 1;
    std::vector<uint64_t> m_deferred; // slot keys whose files are still to be queued
    std::vector<LoadResult> m_finishedLoads;
    // The plan hand-off. The newest plan waits in m_mailbox until the audio thread takes it (at
    // its Swap command, once the running plan's transition has ended); a Swap command carries no
    // plan. An edit that finds it not taken yet replaces it (sendTarget()).
    LiveChain* m_mailboxPlan = nullptr; // the plan this side last put there (taken or not)
    Slots m_foldBase;                   // the rack once the audio thread has taken that plan
    std::map<const LiveSlot*, std::shared_ptr<LiveSlot>>
        m_foldOutgoing;                       // new slot -> base slot it crossfades from
    std::vector<const LiveSlot*> m_foldMoved; // slots moves named since m_foldBase
    struct Superseded {
        uint64_t tag = 0; // commands pushed before it was superseded: they may name its slots
        std::unique_ptr<LiveChain> plan;
    };
    std::vector<Superseded> m_superseded; // freed once the audio thread has taken those commands
    uint64_t m_commandsPushed = 0;
    uint64_t m_nextSequence = 1;
    ProcessorState m_state = ProcessorState::Stopped;
    bool m_unsettled = false; // stopped, but a callback may still run: the audio side is not ours
    std::string m_lastError;
    MeterFrame m_lastFrame;
    MeterFrame m_scratchFrame;

    // The loader thread (started by the first loadText()) and what it shares with the control
    // side, under its mutex; the audio thread never sees any of it. Shared with the thread, so a
    // processor destroyed during a load does not wait for it (the thread finishes alone).
    struct LoadJob {
        uint64_t ticket = 0;
        uint64_t key = 0; // the LiveSlot key of the slot it rebuilds
        std::unique_ptr<dsp::Effect> effect;
        dsp::ProcessSpec spec;
        std::string error;
    };
    struct Loader {
        std::mutex mutex;
        std::condition_variable wake;
        std::deque<std::unique_ptr<LoadJob>> queue;
        std::vector<std::unique_ptr<LoadJob>> done;
        std::map<uint64_t, uint64_t> newest; // slot key -> the ticket that may land
        uint64_t nextTicket = 1;
        bool stop = false;
        bool started = false;
    };
    static void loaderMain(const std::shared_ptr<Loader>& loader);
    void startLoader(); // lock held, m_loads->mutex too
    static std::atomic<bool> s_failLoaderStart;
    std::shared_ptr<Loader> m_loads = std::make_shared<Loader>();

    SpscQueue<Command> m_commands;
    SpscQueue<LiveChain*> m_retired;
    SpscQueue<MeterFrame> m_telemetry;

    std::atomic<LiveChain*> m_mailbox{nullptr};
    std::atomic<uint64_t> m_commandsTaken{0}; // written by the audio side only

    // Audio side.
    LiveChain* m_current = nullptr;
    bool m_awaitingPlan = false; // a Swap came during a transition: it and what follows it wait
    static constexpr int kBacklog = 16;
    LiveChain* m_retireBacklog[kBacklog] = {};
    // Past the backlog: plans kept until the audio thread has stopped, then freed here. Sized on
    // the control thread; the audio thread only fills it. Beyond it a plan is lost (counted).
    static constexpr int kKept = 1024;
    std::unique_ptr<LiveChain*[]> m_kept = std::make_unique<LiveChain*[]>(kKept);
    int m_keptCount = 0;
    int m_backlogCount = 0;
    dsp::AudioBuffer m_work;
    SafetyStage m_safety;
    DemoInput m_demo;
    // The demo signal's level over the current callback: with no input channels it is what the
    // input meter shows (audio thread only).
    float m_demoPeak = 0.0f;
    double m_demoSumSquares = 0.0;
    double m_lastCallbackUs = 0.0;
    MeterFrame m_audioFrame;

    // Counters: written by one thread, read by any.
    struct Counters {
        std::atomic<uint64_t> frames{0}, callbacks{0}, xruns{0}, xrunsSlow{0}, nonFinite{0}, limited{0},
            applied{0}, dropped{0}, queueFull{0}, telemetryDropped{0}, swaps{0}, retireLeaked{0},
            lateCycles{0}, folded{0};
        std::atomic<double> maxCallbackUs{0.0};
    } m_counters;
};

} // namespace fxrack::realtime
