#include "realtime/RealtimeProcessor.h"

#include "dsp/Denormals.h"
#include "dsp/Errors.h"
#include "realtime/AudioThread.h"
#include "realtime/LiveChain.h"
#include "realtime/LiveSlot.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <system_error>
#include <thread>
#include <utility>

namespace fxrack::realtime {
namespace {

using Clock = std::chrono::steady_clock;

void meter(const float* x, int n, float& peak, float& rms) noexcept
{
    float p = 0.0f;
    double sum = 0.0;
    for (int i = 0; i < n; ++i) {
        p = std::max(p, std::fabs(x[i]));
        sum += static_cast<double>(x[i]) * x[i];
    }
    peak = p;
    rms = n > 0 ? static_cast<float>(std::sqrt(sum / n)) : 0.0f;
}

} // namespace

const char* processorStateName(ProcessorState state) noexcept
{
    switch (state) {
    case ProcessorState::Stopped:
        return "stopped";
    case ProcessorState::Running:
        return "running";
    case ProcessorState::Error:
        return "error";
    }
    return "stopped";
}

RealtimeProcessor::RealtimeProcessor(dsp::EffectChain effects, AudioBackend& backend, StreamConfig config,
                                     ProcessorOptions options)
    : m_backend(backend), m_config(std::move(config)), m_options(options),
      m_commands(options.commandCapacity), m_retired(options.retireCapacity),
      m_telemetry(options.telemetryCapacity)
{
    m_config.validate();
    m_chainChannels = m_config.channelsOut > 0 ? m_config.channelsOut : m_config.channelsIn;
    m_blockSize = m_config.bufferSize;
    m_grantedBuffer = m_config.bufferSize;
    m_deadlineUs.store(1e6 * m_grantedBuffer / m_config.sampleRate);
    checkLive(effects);
    // The control-side copy takes the stream's rate (its spec) but allocates nothing: only the
    // live instances are prepared, so an edit never allocates a second copy of a long delay.
    effects.adopt(spec());
    m_shadow = std::move(effects);
    prepareBuffers();
    rebuildAll();
}

namespace {

// The retire path's end: a plan the audio side handed back (or never had) is owned again here,
// on the control thread, and freed with its references to the slots.
void takeBack(LiveChain*& plan) noexcept
{
    std::unique_ptr<LiveChain> owned(plan);
    plan = nullptr;
}

} // namespace

RealtimeProcessor::~RealtimeProcessor()
{
    stop();
    {
        // A callback the backend stopped waiting for still runs this object: give it time to
        // return (it was preempted, or its device hangs), then leave its plans to leak rather
        // than free them under it.
        std::lock_guard lock(m_control);
        const auto giveUp = Clock::now() + std::chrono::seconds(2);
        while (m_unsettled && !settleAfterStop() && Clock::now() < giveUp)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (m_unsettled)
            m_current = nullptr;
    }
    std::vector<std::unique_ptr<LoadJob>> dropped;
    {
        // A load under way finishes on its own thread (prepare() cannot be interrupted), which
        // then frees it and the shared state; this thread does not wait for it.
        std::lock_guard lock(m_loads->mutex);
        m_loads->stop = true;
        for (auto& job : m_loads->queue)
            dropped.push_back(std::move(job));
        m_loads->queue.clear();
        for (auto& job : m_loads->done)
            dropped.push_back(std::move(job));
        m_loads->done.clear();
    }
    m_loads->wake.notify_all();
    dropped.clear(); // freed here, on the control thread
    takeBack(m_current);
}

dsp::ProcessSpec RealtimeProcessor::spec() const noexcept
{
    return {static_cast<double>(m_config.sampleRate), m_blockSize, m_chainChannels, m_backend.hasDeadline(),
            m_effectsPriority};
}

void RealtimeProcessor::prepareBuffers()
{
    m_work.resize(m_chainChannels, m_blockSize);
    m_safety.prepare(m_config.sampleRate, m_options.ceilingDb);
    m_demo.prepare(m_config.sampleRate);
}

void RealtimeProcessor::checkLive(const dsp::EffectChain& chain) const
{
    for (int i = 0; i < chain.size(); ++i)
        if (chain.at(i).needsAnalysis())
            throw dsp::ParameterError("effect " + std::to_string(i) + " (" + chain.at(i).name() + ") " +
                                      kAnalysisRefusal);
}

namespace {

// An effect whose preparing reads a file (a Convolver with an impulse response).
bool readsFile(const dsp::Effect& effect)
{
    for (int p = 0; p < effect.paramCount(); ++p)
        if (effect.paramInfo(p).isText() && !effect.text(p).empty())
            return true;
    return false;
}

} // namespace

std::shared_ptr<LiveSlot> RealtimeProcessor::makeSlot(const dsp::Effect& effect, bool bypassed, bool entering,
                                                      bool mayDefer)
{
    auto instance = effect.clone();
    const bool defer = mayDefer && m_options.loadFilesOnWorker && readsFile(effect);
    if (defer) {
        // Starts without its file (dry, prepared at once); the loader prepares the real one and
        // poll() crossfades it in (queueDeferred(), once the slot is in m_slots).
        for (int p = 0; p < instance->paramCount(); ++p)
            if (instance->paramInfo(p).isText())
                instance->setText(p, {});
    }
    instance->prepare(spec());
    auto slot = std::make_shared<LiveSlot>(std::move(instance), bypassed, entering);
    slot->setKey(m_nextKey++);
    if (defer)
        m_deferred.push_back(slot->key());
    return slot;
}

void RealtimeProcessor::queueDeferred()
{
    for (const uint64_t key : std::exchange(m_deferred, {}))
        for (size_t i = 0; i < m_slots.size(); ++i)
            if (m_slots[i]->key() == key)
                queueLoad(static_cast<int>(i)); // a key that is gone: its edit threw, or was undone
}

std::unique_ptr<LiveChain> RealtimeProcessor::newPlan()
{
    return std::make_unique<LiveChain>(spec(), m_nextGeneration++);
}

void RealtimeProcessor::rebuildAll()
{
    // Every slot anew (construction, or a new sample rate before any audio runs).
    std::vector<std::shared_ptr<LiveSlot>> slots;
    auto plan = newPlan();
    for (int i = 0; i < m_shadow.size(); ++i) {
        slots.push_back(makeSlot(m_shadow.at(i), m_shadow.isBypassed(i), false));
        plan->add(slots.back());
    }
    plan->begin(true);
    takeBack(m_current);
    m_current = plan.release(); // the audio side's until it retires it
    m_slots = std::move(slots);
    m_mailboxPlan = nullptr; // nothing waits: no audio runs, so every plan sent was installed
    m_foldBase = m_slots;
    m_foldOutgoing.clear();
    m_foldMoved.clear();
    queueDeferred();
}

StreamConfig RealtimeProcessor::config() const
{
    std::lock_guard lock(m_control);
    return m_config;
}

double RealtimeProcessor::latencyMs() const
{
    std::lock_guard lock(m_control);
    return 1000.0 * bufferSizeLocked() / m_config.sampleRate;
}

double RealtimeProcessor::roundTripMs() const
{
    std::lock_guard lock(m_control);
    return m_roundTripMs;
}

int RealtimeProcessor::bufferSize() const
{
    std::lock_guard lock(m_control); // the backend's stream changes with start() and stop()
    return bufferSizeLocked();
}

int RealtimeProcessor::bufferSizeLocked() const
{
    try {
        if (const int live = m_backend.bufferSize(); live > 0)
            return live;
    } catch (...) {
    }
    return m_grantedBuffer;
}

int RealtimeProcessor::chainLatencySamples() const
{
    std::lock_guard lock(m_control);
    int total = 0;
    for (int i = 0; i < m_shadow.size(); ++i)
        total += m_shadow.at(i).latencySamples();
    return total;
}

// ---------------------------------------------------------------- control thread

void RealtimeProcessor::start()
{
    std::lock_guard lock(m_control);
    refreshState();
    if (m_state == ProcessorState::Running)
        return;
    try {
        if (m_backend.state() != BackendState::Closed)
            m_backend.close();
        if (!settleAfterStop())
            throw BackendError("the last stream's audio callback has not returned yet: start again later");
        m_backend.open(m_config, *this);
        const int grantedRate = m_backend.sampleRate();
        m_grantedBuffer = m_backend.bufferSize();
        if (grantedRate != m_config.sampleRate || m_grantedBuffer > m_blockSize) {
            // The device insists on another rate or a bigger buffer: prepare again (no audio yet).
            // Everything is built aside first and committed only when all of it succeeded, so a
            // chain that cannot run at the granted rate leaves the processor as it was.
            const dsp::ProcessSpec granted{static_cast<double>(grantedRate),
                                           std::max(m_blockSize, m_grantedBuffer), m_chainChannels,
                                           m_backend.hasDeadline()};
            dsp::EffectChain shadow = m_shadow.clone(); // bypass flags included
            shadow.adopt(granted); // ParameterError: e.g. a cutoff above the granted Nyquist
            const auto oldRate = m_config.sampleRate;
            const auto oldBlock = m_blockSize;
            m_config.sampleRate = grantedRate;
            m_blockSize = granted.maxBlockSize;
            try {
                auto previous = std::move(m_shadow);
                m_shadow = std::move(shadow);
                try {
                    rebuildAll();
                } catch (...) {
                    m_shadow = std::move(previous);
                    throw;
                }
            } catch (...) {
                m_config.sampleRate = oldRate;
                m_blockSize = oldBlock;
                throw;
            }
            prepareBuffers();
        }
        const long reported = m_backend.reportedLatencyFrames();
        const int buffers = m_config.direction() == StreamDirection::Duplex ? 2 : 1;
        m_deadlineUs.store(1e6 * m_grantedBuffer / m_config.sampleRate, std::memory_order_relaxed);
        m_roundTripMs = 1000.0 * (reported > 0 ? static_cast<double>(reported) : buffers * m_grantedBuffer) /
                        m_config.sampleRate;
        m_current->reset();
        m_safety.reset();
        m_demo.reset();
        for (auto* c : {&m_counters.frames, &m_counters.callbacks, &m_counters.xruns, &m_counters.xrunsSlow,
                        &m_counters.nonFinite, &m_counters.limited, &m_counters.applied, &m_counters.dropped,
                        &m_counters.queueFull, &m_counters.telemetryDropped, &m_counters.swaps,
                        &m_counters.retireLeaked, &m_counters.lateCycles, &m_counters.folded})
            c->store(0);
        m_counters.maxCallbackUs.store(0.0);
        m_lastCallbackUs = 0.0;
        m_audioPriorityRead = false; // the stream's thread may run at another priority
        m_backend.start();
        m_state = ProcessorState::Running;
        m_lastError.clear();
    } catch (const std::exception& e) {
        m_state = ProcessorState::Error;
        m_lastError = e.what();
        try {
            m_backend.close();
        } catch (...) {
        }
        settleAfterStop();
        throw BackendError(m_lastError);
    }
}

void RealtimeProcessor::stop() noexcept
{
    std::lock_guard lock(m_control);
    try {
        m_backend.stop();
    } catch (...) {
    }
    try {
        m_backend.close();
    } catch (...) {
    }
    settleAfterStop();
    if (m_state == ProcessorState::Running)
        m_state = ProcessorState::Stopped;
}

ProcessorState RealtimeProcessor::state()
{
    std::lock_guard lock(m_control);
    refreshState();
    return m_state;
}

std::string RealtimeProcessor::lastError() const
{
    std::lock_guard lock(m_control);
    return m_lastError;
}

void RealtimeProcessor::refreshState()
{
    if (m_state != ProcessorState::Running || m_backend.state() != BackendState::Error)
        return;
    m_lastError = m_backend.lastError();
    try {
        m_backend.close();
    } catch (...) {
    }
    settleAfterStop();
    m_state = ProcessorState::Error;
}

bool RealtimeProcessor::settleAfterStop()
{
    // The audio thread has left for good (the backend joined it): this thread takes its role.
    // A callback the backend stopped waiting for may still be in process(): then nothing here
    // is touched until the backend says it has returned (poll() and the next edit try again).
    m_unsettled = m_backend.callbackMayRun();
    if (m_unsettled)
        return false;
    drainCommands(true);
    if (m_current)
        m_current->begin(true); // no fade runs without audio: every transition ends now
    flushRetireBacklog();
    collectRetired();
    for (int i = 0; i < m_backlogCount; ++i)
        takeBack(m_retireBacklog[i]);
    m_backlogCount = 0;
    for (int i = 0; i < m_keptCount; ++i)
        takeBack(m_kept[static_cast<size_t>(i)]);
    m_keptCount = 0;
    freeSuperseded(true); // every command is taken
    return true;
}

void RealtimeProcessor::collectRetired()
{
    LiveChain* chain = nullptr;
    while (m_retired.tryPop(chain))
        takeBack(chain);
    freeSuperseded(false);
    if (m_mailboxPlan && m_mailbox.load(std::memory_order_acquire) != m_mailboxPlan) {
        // Taken: nothing folds into it any more, so the rack it led from lets go of the slots
        // it removed (freed when the plans holding them retire, not at the next edit).
        m_mailboxPlan = nullptr;
        m_foldBase.clear();
        m_foldOutgoing.clear();
        m_foldMoved.clear();
    }
}

void RealtimeProcessor::poll(const std::function<void(const MeterFrame&)>& onFrame)
{
    std::lock_guard lock(m_control);
    refreshState();
    if (m_unsettled)
        settleAfterStop();
    collectRetired();
    followAudioPriority();
    installLoads();
    while (m_telemetry.tryPop(m_scratchFrame)) {
        m_lastFrame = m_scratchFrame;
        if (onFrame)
            onFrame(m_lastFrame);
    }
}

void RealtimeProcessor::followAudioPriority()
{
    const int priority = m_audioPriority.load(std::memory_order_relaxed);
    if (priority < 0 || priority == m_effectsPriority)
        return;
    m_effectsPriority = priority; // what spec() hands the instances prepared from now on
    for (auto& slot : m_slots)
        slot->effect().setAudioThreadPriority(priority);
}

void RealtimeProcessor::sendCommand(const Command& command)
{
    const bool running = m_state == ProcessorState::Running;
    if (command.type == Command::Param && running) {
        // Latest wins per parameter per callback: a parameter's first value since the audio thread
        // last took one goes through the queue (in order with edits); while it waits there, or the
        // queue is full, newer values overwrite the parameter's cell. A MIDI flood thus costs the
        // audio thread one change per parameter per callback, whatever the message rate.
        LiveSlot& slot = *command.slot;
        const int id = command.paramId;
        if (slot.isQueued(id) || slot.hasPosted(id)) {
            m_counters.dropped.fetch_add(1, std::memory_order_relaxed); // replaced before it landed
        } else {
            slot.setQueued(id, true); // before the push: the audio thread clears it when it pops
            if (m_commands.tryPush(command)) {
                ++m_commandsPushed;
                return;
            }
            slot.setQueued(id, false); // never queued: nothing of this parameter is in flight
            m_counters.queueFull.fetch_add(1, std::memory_order_relaxed);
        }
        slot.post(id, command.value, command.sequence);
        return;
    }
    // Edits and bypasses wait for room, only on this thread, and only while the audio thread is
    // alive and draining (it takes a bounded number of commands every callback). A stream that
    // has failed stops the wait at once: this thread then applies everything itself.
    const auto deadline = Clock::now() + std::chrono::milliseconds(200);
    while (!m_commands.tryPush(command)) {
        if (m_state == ProcessorState::Running) {
            refreshState();
            if (m_state == ProcessorState::Running && Clock::now() > deadline)
                throw BackendError("live edit: the audio thread has not taken commands for 200 ms");
            if (m_state == ProcessorState::Running)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        } else if (!settleAfterStop()) {
            throw BackendError("live edit: the stopped stream's audio callback has not returned yet");
        }
    }
    ++m_commandsPushed;
    if (m_state != ProcessorState::Running)
        settleAfterStop(); // no audio thread: apply now
}

namespace {

// Marks the mailbox while the control side folds an edit into the plan in it.
LiveChain* busyPlan() noexcept
{
    static char tag;
    return reinterpret_cast<LiveChain*>(&tag);
}

// The heaviest common subsequence of a[0, n) and b[0, m), where weight(i, j) > 0 says a[i] may
// pair with b[j] and what keeping that pair is worth. Walks both in order: pair(i, j) for each pair
// kept, gapA(i) and gapB(j) for the rest, between the pairs (pair() flushes what gathered first).
template <typename Weight, typename Pair, typename GapA, typename GapB>
void walkCommon(int n, int m, Weight weight, Pair pair, GapA gapA, GapB gapB)
{
    std::vector<int> best(static_cast<size_t>((n + 1) * (m + 1)), 0);
    const auto at = [&](int i, int j) -> int& { return best[static_cast<size_t>(i * (m + 1) + j)]; };
    for (int i = n - 1; i >= 0; --i)
        for (int j = m - 1; j >= 0; --j) {
            at(i, j) = std::max(at(i + 1, j), at(i, j + 1));
            if (const int w = weight(i, j); w > 0)
                at(i, j) = std::max(at(i, j), at(i + 1, j + 1) + w);
        }
    int i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && weight(i, j) > 0 && at(i, j) == at(i + 1, j + 1) + weight(i, j)) {
            pair(i++, j++);
        } else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
            gapB(j++);
        } else {
            gapA(i++);
        }
    }
}

bool holds(const std::vector<std::shared_ptr<LiveSlot>>& slots, const LiveSlot* slot)
{
    return std::any_of(slots.begin(), slots.end(), [&](const auto& s) { return s.get() == slot; });
}

} // namespace

void RealtimeProcessor::sendTarget(const Slots& target, const std::vector<Crossfade>& crossfades,
                                   const LiveSlot* moved)
{
    freeSuperseded(false);
    // Take back the plan the audio thread has not taken yet: this edit folds into it. A failed
    // exchange means it was taken, and the rack it leads to (m_slots) is the new base.
    LiveChain* waiting = m_mailboxPlan;
    const bool fold =
        waiting && m_mailbox.compare_exchange_strong(waiting, busyPlan(), std::memory_order_acq_rel);
    if (!fold) {
        m_mailboxPlan = nullptr;
        m_foldBase = m_slots;
        m_foldOutgoing.clear();
        m_foldMoved.clear();
    }
    std::unique_ptr<LiveChain> plan;
    auto outgoing = m_foldOutgoing;
    auto movedSlots = m_foldMoved;
    std::vector<LiveSlot*> fadeIn;
    try {
        for (const auto& [slot, old] : crossfades) {
            if (holds(m_foldBase, old.get())) {
                outgoing[slot.get()] = old;
            } else if (const auto it = outgoing.find(old.get()); it != outgoing.end()) {
                auto running = it->second; // `old` never ran: crossfade from what runs
                outgoing[slot.get()] = std::move(running);
            } else {
                fadeIn.push_back(slot.get()); // `old` never ran and replaced nothing that runs
            }
        }
        std::erase_if(outgoing, [&](const auto& entry) { return !holds(target, entry.first); });
        if (moved)
            movedSlots.push_back(moved);
        plan = planFromBase(target, outgoing, movedSlots);
        m_superseded.reserve(m_superseded.size() + 1); // nothing below throws once it is published
    } catch (...) {
        if (fold)
            m_mailbox.store(m_mailboxPlan, std::memory_order_release); // the waiting plan stands
        throw;
    }
    for (LiveSlot* slot : fadeIn)
        slot->startOutside(); // new in this edit: nothing else has seen it
    m_mailbox.store(plan.get(), std::memory_order_release);
    if (fold) {
        // Never seen by the audio thread, but commands already queued may name its slots: it
        // keeps them until the audio thread has taken those commands, then it is freed here.
        m_superseded.push_back({m_commandsPushed, std::unique_ptr<LiveChain>(m_mailboxPlan)});
        m_counters.folded.fetch_add(1, std::memory_order_relaxed);
    } else {
        Command command;
        command.type = Command::Swap;
        try {
            sendCommand(command);
        } catch (...) {
            LiveChain* expected = plan.get();
            if (m_mailbox.compare_exchange_strong(expected, nullptr, std::memory_order_acq_rel))
                throw; // nothing took it: the plan is freed here and nothing changed
        }
    }
    m_foldOutgoing = std::move(outgoing);
    m_foldMoved = std::move(movedSlots);
    m_mailboxPlan = plan.release(); // the audio side's once it takes it; it hands it back through m_retired
}

std::unique_ptr<LiveChain>
RealtimeProcessor::planFromBase(const Slots& target,
                                const std::map<const LiveSlot*, std::shared_ptr<LiveSlot>>& outgoing,
                                const std::vector<const LiveSlot*>& moved)
{
    // The slots of the base that stay in the same order: the longest common subsequence, where a
    // slot a move named weighs less, so that it is the one that moves. The other slots of both
    // move (out where they were, in where they go); the rest of the base leaves, unless a new
    // slot crossfades from it; the rest of the target enters or crossfades.
    const Slots& base = m_foldBase;
    const int n = static_cast<int>(base.size());
    const int m = static_cast<int>(target.size());
    const auto weight = [&](int i, int j) {
        const LiveSlot* s = base[static_cast<size_t>(i)].get();
        if (s != target[static_cast<size_t>(j)].get())
            return 0;
        return std::find(moved.begin(), moved.end(), s) != moved.end() ? 1 : 2;
    };
    const auto isOutgoing = [&](const LiveSlot* slot) {
        return std::any_of(outgoing.begin(), outgoing.end(),
                           [&](const auto& e) { return e.second.get() == slot; });
    };

    auto plan = newPlan();
    std::vector<int> gapOld, gapNew;
    const auto flushGap = [&] {
        // Crossfades first, then what leaves, then what enters: the order a single edit's gap had.
        const auto flushOld = [&] {
            for (const int i : gapOld) {
                const auto& slot = base[static_cast<size_t>(i)];
                if (holds(target, slot.get()))
                    plan->addMovedOut(slot);
                else if (!isOutgoing(slot.get()))
                    plan->addLeaving(slot);
            }
            gapOld.clear();
        };
        for (const int j : gapNew) {
            const auto& slot = target[static_cast<size_t>(j)];
            const auto from = outgoing.find(slot.get());
            if (from == outgoing.end() || holds(base, slot.get()))
                flushOld();
            if (holds(base, slot.get()))
                plan->addMovedIn(slot);
            else if (from != outgoing.end())
                plan->addReplacement(slot, from->second);
            else
                plan->addEntering(slot);
        }
        flushOld();
        gapNew.clear();
    };
    walkCommon(
        n, m, weight,
        [&](int, int j) {
            flushGap();
            plan->add(target[static_cast<size_t>(j)]);
        },
        [&](int i) { gapOld.push_back(i); }, [&](int j) { gapNew.push_back(j); });
    flushGap();
    return plan;
}

void RealtimeProcessor::freeSuperseded(bool all)
{
    const uint64_t taken = m_commandsTaken.load(std::memory_order_acquire);
    std::erase_if(m_superseded, [&](const Superseded& s) { return all || s.tag <= taken; });
}

namespace {

void checkSlot(const dsp::EffectChain& chain, int slot, bool allowEnd = false)
{
    const int limit = chain.size() + (allowEnd ? 1 : 0);
    if (slot < 0 || slot >= limit)
        throw dsp::ParameterError("effect index " + std::to_string(slot) + ": the chain has " +
                                  std::to_string(chain.size()) + " effects");
}

// Same type and the same structural values: one can take the other's values by ramping.
bool sameShape(const dsp::Effect& a, const dsp::Effect& b)
{
    if (&a.type() != &b.type())
        return false;
    for (int i = 0; i < a.paramCount(); ++i) {
        if (a.paramInfo(i).isText() && a.text(i) != b.text(i))
            return false; // another file: another prepared instance
        if (!a.paramInfo(i).continuous && a.param(i) != b.param(i))
            return false;
    }
    return true;
}

} // namespace

void RealtimeProcessor::setParameter(std::string_view path, double value)
{
    // Resolved and applied under one lock: another control thread's move or remove in between
    // would make the slot name a different effect.
    std::lock_guard lock(m_control);
    const auto address = m_shadow.resolve(path);
    setParameterLocked(address.slot, address.paramId, value);
}

void RealtimeProcessor::setParameter(int slot, int paramId, double value)
{
    std::lock_guard lock(m_control);
    setParameterLocked(slot, paramId, value);
}

void RealtimeProcessor::setParameterLocked(int slot, int paramId, double value)
{
    refreshState();
    checkSlot(m_shadow, slot);
    dsp::Effect& effect = m_shadow.at(slot);
    if (paramId < 0 || paramId >= effect.paramCount())
        throw dsp::ParameterError("effect " + std::to_string(slot) + " (" + effect.name() +
                                  ") has no parameter " + std::to_string(paramId));
    const double old = effect.param(paramId);
    try {
        if (!std::isfinite(value))
            throw dsp::ParameterError(effect.name() + ": parameter \"" + effect.paramInfo(paramId).name +
                                      "\" must be a finite number");
        effect.setParameter(paramId, value);
        effect.validate(m_config.sampleRate);
    } catch (const dsp::ParameterError& e) {
        effect.applyParameter(paramId, old);
        throw dsp::ParameterError("parameter path \"" + std::to_string(slot) + "." +
                                  effect.paramInfo(paramId).name + "\": " + e.what());
    }
    if (!effect.paramInfo(paramId).continuous) {
        // Structural: only this slot is rebuilt, crossfading from its old instance. While a load
        // of the slot is under way, on the loader too: it reads the file again.
        try {
            bool loading = false;
            {
                std::lock_guard loads(m_loads->mutex);
                loading = m_loads->newest.count(m_slots[static_cast<size_t>(slot)]->key()) > 0;
            }
            if (loading || (readsFile(effect) && m_options.loadFilesOnWorker))
                queueLoad(slot);
            else
                replaceSlot(slot, effect.clone(), m_shadow.isBypassed(slot));
        } catch (...) {
            effect.applyParameter(paramId, old);
            throw;
        }
        return;
    }
    Command command;
    command.type = Command::Param;
    command.slot = m_slots[static_cast<size_t>(slot)].get();
    command.paramId = paramId;
    command.value = value;
    command.sequence = m_nextSequence++;
    sendCommand(command);
}

void RealtimeProcessor::setTextThen(int slot, int paramId, const std::string& text,
                                    const std::function<void(dsp::Effect&)>& rebuild)
{
    refreshState();
    checkSlot(m_shadow, slot);
    dsp::Effect& effect = m_shadow.at(slot);
    const std::string old = effect.text(paramId); // throws for a parameter the effect lacks
    effect.setText(paramId, text);
    try {
        effect.validate(m_config.sampleRate);
        rebuild(effect);
    } catch (...) {
        effect.setText(paramId, old);
        throw;
    }
}

void RealtimeProcessor::setText(int slot, int paramId, const std::string& text)
{
    std::lock_guard lock(m_control);
    setTextThen(slot, paramId, text,
                [&](dsp::Effect& effect) { replaceSlot(slot, effect.clone(), m_shadow.isBypassed(slot)); });
}

uint64_t RealtimeProcessor::loadText(int slot, int paramId, const std::string& text)
{
    std::lock_guard lock(m_control);
    uint64_t ticket = 0;
    setTextThen(slot, paramId, text, [&](dsp::Effect&) { ticket = queueLoad(slot); });
    return ticket;
}

uint64_t RealtimeProcessor::queueLoad(int slot)
{
    auto job = std::make_unique<LoadJob>();
    job->effect = m_shadow.at(slot).clone();
    job->spec = spec();
    job->key = m_slots[static_cast<size_t>(slot)]->key();
    std::lock_guard lock(m_loads->mutex);
    job->ticket = m_loads->nextTicket++;
    const uint64_t ticket = job->ticket;
    m_loads->newest[job->key] = ticket; // an older load of this slot will not land
    m_loads->queue.push_back(std::move(job));
    if (!m_loads->started)
        startLoader();
    m_loads->wake.notify_all();
    return ticket;
}

std::atomic<bool> RealtimeProcessor::s_failLoaderStart{false};

void RealtimeProcessor::failLoaderStartForTesting(bool fail) noexcept
{
    s_failLoaderStart.store(fail);
}

void RealtimeProcessor::startLoader()
{
    try {
        if (s_failLoaderStart.load())
            throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again),
                                    "cannot create a thread");
        std::thread([loads = m_loads] { loaderMain(loads); }).detach(); // see ~RealtimeProcessor
        m_loads->started = true;
    } catch (const std::exception& e) {
        // No thread to load on (the system's limit on threads): the queued loads fail as loads
        // that cannot read their files do, reported by the next poll() with the slot running what
        // it ran; the next load tries to start the thread again.
        for (auto& job : m_loads->queue) {
            std::string file;
            for (int p = 0; p < job->effect->paramCount() && file.empty(); ++p)
                if (job->effect->paramInfo(p).isText())
                    file = job->effect->text(p);
            job->error =
                job->effect->name() + ": cannot load \"" + file + "\": no loader thread (" + e.what() + ")";
            m_loads->done.push_back(std::move(job));
        }
        m_loads->queue.clear();
    }
}

void RealtimeProcessor::loaderMain(const std::shared_ptr<Loader>& loads)
{
    std::unique_lock lock(loads->mutex);
    for (;;) {
        loads->wake.wait(lock, [&] { return loads->stop || !loads->queue.empty(); });
        if (loads->stop)
            return;
        auto job = std::move(loads->queue.front());
        loads->queue.pop_front();
        const auto newest = loads->newest.find(job->key);
        if (newest != loads->newest.end() && newest->second == job->ticket) {
            // Overtaken ones skip the work; every job is reported once (installLoads()).
            lock.unlock();
            try {
                job->effect->prepare(job->spec);
            } catch (const std::exception& e) {
                job->error = e.what();
            }
            if (job->error.empty() && !job->effect->isPrepared())
                job->error = job->effect->name() + ": cannot be prepared";
            lock.lock();
        }
        if (loads->stop)
            return; // the processor is gone: the job (and its instance) is freed here
        loads->done.push_back(std::move(job));
    }
}

void RealtimeProcessor::installLoads()
{
    std::vector<std::unique_ptr<LoadJob>> done;
    {
        std::lock_guard lock(m_loads->mutex);
        done.swap(m_loads->done);
    }
    for (auto& job : done) {
        LoadResult result;
        result.ticket = job->ticket;
        bool newest = false;
        {
            std::lock_guard lock(m_loads->mutex);
            const auto it = m_loads->newest.find(job->key);
            newest = it != m_loads->newest.end() && it->second == job->ticket;
            if (newest)
                m_loads->newest.erase(it);
        }
        result.overtaken = !newest;
        int index = -1;
        for (size_t i = 0; i < m_slots.size(); ++i)
            if (m_slots[i]->key() == job->key)
                index = static_cast<int>(i);
        if (newest && index >= 0) {
            result.slot = index;
            result.error = job->error;
            if (result.error.empty()) {
                try {
                    installLoaded(index, std::move(job->effect), job->key);
                } catch (const std::exception& e) {
                    result.error = e.what();
                }
            }
            if (!result.error.empty()) {
                // The slot runs what it ran: the shadow says so again.
                dsp::Effect& shadow = m_shadow.at(index);
                const dsp::Effect& running = m_slots[static_cast<size_t>(index)]->effect();
                for (int p = 0; p < shadow.paramCount(); ++p) {
                    if (shadow.paramInfo(p).isText())
                        shadow.setText(p, running.text(p));
                    else if (!shadow.paramInfo(p).continuous)
                        shadow.applyParameter(p, running.param(p));
                }
            }
        }
        m_finishedLoads.push_back(std::move(result));
        // A dropped job's prepared instance is freed here, on the control thread.
    }
}

void RealtimeProcessor::installLoaded(int index, std::unique_ptr<dsp::Effect> effect, uint64_t key)
{
    // Continuous values moved on while it loaded: the new instance starts at the latest ones.
    const dsp::Effect& shadow = m_shadow.at(index);
    for (int p = 0; p < shadow.paramCount(); ++p)
        if (shadow.paramInfo(p).continuous && !shadow.paramInfo(p).isText() &&
            effect->param(p) != shadow.param(p))
            effect->setParameter(p, shadow.param(p));
    effect->reset(); // snaps the ramps; nothing has run through it yet
    if (effect->spec().audioPriority != m_effectsPriority)
        effect->setAudioThreadPriority(m_effectsPriority); // queued before the stream's priority was read
    auto slot = std::make_shared<LiveSlot>(std::move(effect), m_shadow.isBypassed(index), false);
    slot->setKey(key);
    crossfadeSlot(index, std::move(slot));
}

void RealtimeProcessor::crossfadeSlot(int index, std::shared_ptr<LiveSlot> slot)
{
    auto target = m_slots;
    target[static_cast<size_t>(index)] = slot;
    sendTarget(target, {{slot, m_slots[static_cast<size_t>(index)]}}); // throws before anything changed here
    m_slots = std::move(target);
}

std::vector<RealtimeProcessor::LoadResult> RealtimeProcessor::takeFinishedLoads()
{
    std::lock_guard lock(m_control);
    return std::exchange(m_finishedLoads, {});
}

uint64_t RealtimeProcessor::pendingLoad(int slot) const
{
    std::lock_guard lock(m_control);
    if (slot < 0 || slot >= static_cast<int>(m_slots.size()))
        return 0;
    std::lock_guard loads(m_loads->mutex);
    const auto it = m_loads->newest.find(m_slots[static_cast<size_t>(slot)]->key());
    return it == m_loads->newest.end() ? 0 : it->second;
}

int RealtimeProcessor::loadsInFlight() const
{
    std::lock_guard lock(m_loads->mutex);
    return static_cast<int>(m_loads->newest.size());
}

void RealtimeProcessor::setBypass(int slot, bool bypassed)
{
    std::lock_guard lock(m_control);
    refreshState();
    checkSlot(m_shadow, slot);
    m_shadow.setBypassed(slot, bypassed);
    Command command;
    command.type = Command::Bypass;
    command.slot = m_slots[static_cast<size_t>(slot)].get();
    command.value = bypassed ? 1.0 : 0.0;
    sendCommand(command);
}

void RealtimeProcessor::addEffect(std::unique_ptr<dsp::Effect> effect, int index, bool bypassed)
{
    std::lock_guard lock(m_control);
    refreshState();
    if (index >= 0)
        checkSlot(m_shadow, index, true);
    else
        index = m_shadow.size();
    dsp::EffectChain probe;
    probe.add(effect->clone());
    checkLive(probe);
    effect->adopt(spec()); // ParameterError naming the effect; nothing changed then
    auto slot = makeSlot(*effect, bypassed, true);
    auto target = m_slots;
    target.insert(target.begin() + index, std::move(slot));
    sendTarget(target, {});
    m_shadow.insert(index, std::move(effect));
    m_shadow.setBypassed(index, bypassed);
    m_slots = std::move(target);
    queueDeferred();
}

void RealtimeProcessor::removeEffect(int index)
{
    std::lock_guard lock(m_control);
    refreshState();
    checkSlot(m_shadow, index);
    auto target = m_slots;
    target.erase(target.begin() + index);
    sendTarget(target, {});
    m_shadow.remove(index);
    m_slots = std::move(target);
}

void RealtimeProcessor::moveEffect(int from, int to)
{
    std::lock_guard lock(m_control);
    refreshState();
    checkSlot(m_shadow, from);
    checkSlot(m_shadow, to);
    if (from == to)
        return;
    // The slot fades out where it was and in where it goes.
    auto target = m_slots;
    auto moved = target[static_cast<size_t>(from)];
    target.erase(target.begin() + from);
    target.insert(target.begin() + to, moved);
    sendTarget(target, {}, moved.get());
    m_shadow.move(from, to);
    m_slots = std::move(target);
}

void RealtimeProcessor::replaceSlot(int index, std::unique_ptr<dsp::Effect> effect, bool bypassed)
{
    dsp::EffectChain probe;
    probe.add(effect->clone());
    checkLive(probe);
    effect->adopt(spec());
    auto slot = makeSlot(*effect, bypassed, false, false); // this edit asked for it now
    const uint64_t key = m_slots[static_cast<size_t>(index)]->key();
    slot->setKey(key);
    {
        std::lock_guard loads(m_loads->mutex);
        m_loads->newest.erase(key); // this edit is newer than any load of the slot under way
    }
    crossfadeSlot(index, std::move(slot));
    m_shadow.remove(index);
    m_shadow.insert(index, std::move(effect));
    m_shadow.setBypassed(index, bypassed);
}

void RealtimeProcessor::replaceEffect(int index, std::unique_ptr<dsp::Effect> effect)
{
    std::lock_guard lock(m_control);
    refreshState();
    checkSlot(m_shadow, index);
    replaceSlot(index, std::move(effect), false);
}

void RealtimeProcessor::replaceChain(dsp::EffectChain chain)
{
    std::lock_guard lock(m_control);
    refreshState();
    checkLive(chain);
    chain.adopt(spec()); // throws ParameterError naming the effect; nothing changed then

    // The heaviest common subsequence of effects of the same shape: those keep their instances.
    // An effect that holds a tail (reverb, delay) weighs more, so where two matchings are
    // possible (a Gain moved across a Reverb) the one that keeps the tail wins. So does one that
    // reads a file (a Convolver's IR): its tail is known only once the file is read, which the
    // control side's copy never does, and keeping it also spares reading the file again.
    const int n = m_shadow.size();
    const int m = chain.size();
    const auto weight = [&](int i, int j) {
        if (!sameShape(m_shadow.at(i), chain.at(j)))
            return 0;
        return m_shadow.at(i).tailSeconds() > 0.0 || readsFile(m_shadow.at(i)) ? 4 : 1;
    };

    Slots slots;
    std::vector<Crossfade> crossfades;
    std::vector<Command> followUps; // values and bypasses of the slots that stay
    std::vector<int> gapOld, gapNew;
    const auto flushGap = [&] {
        // Between two kept slots: the same type at the same place crossfades; the rest of the
        // old ones fade out, the rest of the new ones fade in.
        size_t k = 0;
        for (; k < gapOld.size() && k < gapNew.size(); ++k) {
            const int o = gapOld[k], j = gapNew[k];
            if (&m_shadow.at(o).type() != &chain.at(j).type())
                break;
            slots.push_back(makeSlot(chain.at(j), chain.isBypassed(j), false));
            crossfades.emplace_back(slots.back(), m_slots[static_cast<size_t>(o)]);
        }
        for (size_t r = k; r < gapNew.size(); ++r)
            slots.push_back(makeSlot(chain.at(gapNew[r]), chain.isBypassed(gapNew[r]), true));
        gapOld.clear();
        gapNew.clear();
    };
    walkCommon(
        n, m, weight,
        [&](int i, int j) {
            flushGap();
            const auto& kept = m_slots[static_cast<size_t>(i)];
            slots.push_back(kept);
            for (int p = 0; p < chain.at(j).paramCount(); ++p)
                if (chain.at(j).param(p) != m_shadow.at(i).param(p)) {
                    Command c;
                    c.type = Command::Param;
                    c.slot = kept.get();
                    c.paramId = p;
                    c.value = chain.at(j).param(p);
                    followUps.push_back(c);
                }
            if (chain.isBypassed(j) != m_shadow.isBypassed(i)) {
                Command c;
                c.type = Command::Bypass;
                c.slot = kept.get();
                c.value = chain.isBypassed(j) ? 1.0 : 0.0;
                followUps.push_back(c);
            }
        },
        [&](int i) { gapOld.push_back(i); }, [&](int j) { gapNew.push_back(j); });
    flushGap();
    sendTarget(slots, crossfades);
    m_shadow = std::move(chain);
    m_slots = std::move(slots);
    queueDeferred();
    for (auto& c : followUps) {
        c.sequence = m_nextSequence++;
        sendCommand(c);
    }
}

ProcessorStats RealtimeProcessor::stats() const noexcept
{
    ProcessorStats s;
    s.frames = m_counters.frames.load(std::memory_order_relaxed);
    s.callbacks = m_counters.callbacks.load(std::memory_order_relaxed);
    s.xruns = m_counters.xruns.load(std::memory_order_relaxed);
    s.xrunsSlowCallback = m_counters.xrunsSlow.load(std::memory_order_relaxed);
    s.safetyNonFinite = m_counters.nonFinite.load(std::memory_order_relaxed);
    s.safetyLimited = m_counters.limited.load(std::memory_order_relaxed);
    s.commandsApplied = m_counters.applied.load(std::memory_order_relaxed);
    s.commandsDropped = m_counters.dropped.load(std::memory_order_relaxed);
    s.commandsQueueFull = m_counters.queueFull.load(std::memory_order_relaxed);
    s.telemetryDropped = m_counters.telemetryDropped.load(std::memory_order_relaxed);
    s.chainSwaps = m_counters.swaps.load(std::memory_order_relaxed);
    s.convolverLateCycles = m_counters.lateCycles.load(std::memory_order_relaxed);
    s.retireKept = m_counters.retireLeaked.load(std::memory_order_relaxed);
    s.editsFolded = m_counters.folded.load(std::memory_order_relaxed);
    s.maxCallbackUs = m_counters.maxCallbackUs.load(std::memory_order_relaxed);
    s.deadlineUs = m_deadlineUs.load(std::memory_order_relaxed);
    return s;
}

void RealtimeProcessor::resetXruns() noexcept
{
    m_counters.xruns.store(0, std::memory_order_relaxed);
    m_counters.xrunsSlow.store(0, std::memory_order_relaxed);
}

// ---------------------------------------------------------------- audio thread

void RealtimeProcessor::retire(LiveChain* chain) noexcept
{
    if (!chain)
        return;
    if (m_backlogCount == 0 && m_retired.tryPush(chain))
        return;
    if (m_backlogCount < kBacklog) {
        m_retireBacklog[m_backlogCount++] = chain;
        return;
    }
    // The control thread has not polled for a long time: the plan is kept rather than freed here,
    // which would break the audio thread's no-free guarantee, and freed once the stream stops.
    if (m_keptCount < kKept)
        m_kept[static_cast<size_t>(m_keptCount++)] = chain;
    m_counters.retireLeaked.fetch_add(1, std::memory_order_relaxed);
}

void RealtimeProcessor::flushRetireBacklog() noexcept
{
    int kept = 0;
    for (int i = 0; i < m_backlogCount; ++i)
        if (!m_retired.tryPush(m_retireBacklog[i]))
            m_retireBacklog[kept++] = m_retireBacklog[i];
    m_backlogCount = kept;
}

void RealtimeProcessor::install(LiveChain* next, bool immediate) noexcept
{
    next->begin(immediate);
    next->applyPosted();
    retire(m_current);
    m_current = next;
    m_counters.swaps.fetch_add(1, std::memory_order_relaxed);
}

bool RealtimeProcessor::takePlan(bool immediate) noexcept
{
    LiveChain* plan = m_mailbox.load(std::memory_order_acquire);
    if (plan == busyPlan())
        return false; // an edit is folding into it: the next callback takes the result
    if (!plan)
        return true; // never: each Swap follows its plan into the mailbox
    if (!m_mailbox.compare_exchange_strong(plan, nullptr, std::memory_order_acq_rel))
        return false;
    install(plan, immediate);
    return true;
}

void RealtimeProcessor::drainCommands(bool immediate) noexcept
{
    // A Swap that came during a transition waits for it to end, and so does everything the
    // control thread sent after it (the queue keeps their order). Its plan stays in the mailbox
    // meanwhile, where newer edits fold into it: what is installed then is the newest.
    const auto free = [&] { return immediate || !m_current || !m_current->inTransition(); };
    if (m_awaitingPlan && free())
        m_awaitingPlan = !takePlan(immediate);
    Command command;
    uint64_t applied = 0;
    int budget = immediate ? std::numeric_limits<int>::max() : m_options.commandsPerCallback;
    while (!m_awaitingPlan && budget-- > 0 && m_commands.tryPop(command)) {
        ++applied;
        switch (command.type) {
        case Command::Swap:
            m_awaitingPlan = !(free() && takePlan(immediate));
            break;
        case Command::Param:
            command.slot->applyQueued(command.paramId, command.value, command.sequence);
            break;
        case Command::Bypass:
            command.slot->setBypassed(command.value != 0.0, immediate);
            break;
        }
    }
    if (m_current)
        m_current->applyPosted();
    if (applied) {
        m_counters.applied.fetch_add(applied, std::memory_order_relaxed);
        // Release: what those commands did is done before the control side frees what they named.
        m_commandsTaken.store(m_commandsTaken.load(std::memory_order_relaxed) + applied,
                              std::memory_order_release);
    }
    if (m_backlogCount)
        flushRetireBacklog();
}

void RealtimeProcessor::process(const float* const* in, int numIn, float* const* out, int numOut, int frames,
                                unsigned status) noexcept
{
    AudioThreadScope audioThread;
    dsp::ScopedNoDenormals noDenormals;
    const auto t0 = Clock::now();
    if (!m_audioPriorityRead) {
        // Once a stream, for the effects' own threads, which must run below this one
        // (poll() passes it on). The backend, not the processor, sets it.
        m_audioPriorityRead = true;
        m_audioPriority.store(currentRealtimePriority(), std::memory_order_relaxed);
    }
    const double deadlineUs = 1e6 * frames / m_config.sampleRate;
    if (status & (StatusInputOverflow | StatusOutputUnderflow)) {
        m_counters.xruns.fetch_add(1, std::memory_order_relaxed);
        if (m_lastCallbackUs > 0.5 * deadlineUs)
            m_counters.xrunsSlow.fetch_add(1, std::memory_order_relaxed);
    }
    drainCommands(false);

    MeterFrame& frame = m_audioFrame;
    frame.firstFrame = m_counters.frames.load(std::memory_order_relaxed);
    frame.frames = frames;
    frame.numIn = std::min(numIn, kMeterChannels);
    frame.numOut = std::min(numOut, kMeterChannels);
    for (int c = 0; c < frame.numIn; ++c)
        meter(in[c], frames, frame.inPeak[c], frame.inRms[c]);

    m_demoPeak = 0.0f;
    m_demoSumSquares = 0.0;
    for (int offset = 0; offset < frames; offset += m_blockSize)
        processChunk(in, numIn, out, numOut, offset, std::min(m_blockSize, frames - offset));
    // Gathered here, after the chain ran, so the sum is complete for every instance that ran:
    // one that leaves later adds nothing more, and the control thread reads only this counter.
    if (const uint64_t late = m_current ? m_current->takeLateCycles() : 0)
        m_counters.lateCycles.fetch_add(late, std::memory_order_relaxed);
    if (numIn == 0 && m_options.inputWhenNoChannels == InputSource::Demo && frames > 0) {
        // The built-in demo is the input: meter it as one input channel.
        frame.numIn = 1;
        frame.inPeak[0] = m_demoPeak;
        frame.inRms[0] = static_cast<float>(std::sqrt(m_demoSumSquares / frames));
    }

    for (int c = 0; c < frame.numOut; ++c)
        meter(out[c], frames, frame.outPeak[c], frame.outRms[c]);

    const double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
    m_lastCallbackUs = us;
    frame.callbackUs = static_cast<float>(us);
    frame.load = static_cast<float>(us / deadlineUs);
    if (!m_telemetry.tryPush(frame))
        m_counters.telemetryDropped.fetch_add(1, std::memory_order_relaxed);
    if (us > m_counters.maxCallbackUs.load(std::memory_order_relaxed))
        m_counters.maxCallbackUs.store(us, std::memory_order_relaxed);
    m_counters.callbacks.fetch_add(1, std::memory_order_relaxed);
    m_counters.frames.fetch_add(static_cast<uint64_t>(frames), std::memory_order_release);
}

void RealtimeProcessor::processChunk(const float* const* in, int numIn, float* const* out, int numOut,
                                     int offset, int frames) noexcept
{
    auto work = m_work.block(0, frames);
    const int channels = m_chainChannels;
    if (numIn == 0) {
        if (m_options.inputWhenNoChannels == InputSource::Demo) {
            m_demo.render(work.channel(0), frames);
            const float* x = work.channel(0);
            for (int i = 0; i < frames; ++i) {
                m_demoPeak = std::max(m_demoPeak, std::fabs(x[i]));
                m_demoSumSquares += static_cast<double>(x[i]) * x[i];
            }
            for (int c = 1; c < channels; ++c)
                std::copy_n(work.channel(0), frames, work.channel(c));
        } else {
            work.clear();
        }
    } else {
        // Documented rule: chain channel c takes input c % numIn (mono feeds every channel).
        for (int c = 0; c < channels; ++c)
            std::copy_n(in[c % numIn] + offset, frames, work.channel(c));
    }

    if (m_current)
        m_current->process(work);

    m_safety.setRecoveryDelay(m_current ? m_current->latencySamples() : 0);
    const auto result = m_safety.process(work);
    if (result.nonFinite) {
        m_counters.nonFinite.fetch_add(1, std::memory_order_relaxed);
        if (m_current)
            m_current->reset();
    }
    if (result.limited)
        m_counters.limited.fetch_add(1, std::memory_order_relaxed);

    for (int c = 0; c < std::min(numOut, channels); ++c)
        std::copy_n(work.channel(c), frames, out[c] + offset);
    for (int c = channels; c < numOut; ++c)
        std::fill_n(out[c] + offset, frames, 0.0f);
}

} // namespace fxrack::realtime
