#include "realtime/RealtimeProcessor.h"

#include "dsp/Denormals.h"
#include "dsp/Errors.h"
#include "realtime/AudioThread.h"
#include "realtime/LiveChain.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

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
      m_commands(options.commandCapacity), m_retired(256), m_telemetry(options.telemetryCapacity)
{
    m_config.validate();
    m_chainChannels = m_config.channelsOut > 0 ? m_config.channelsOut : m_config.channelsIn;
    m_blockSize = m_config.bufferSize;
    m_grantedBuffer = m_config.bufferSize;
    m_deadlineUs.store(1e6 * m_grantedBuffer / m_config.sampleRate);
    m_fadeLength = std::max(1, static_cast<int>(std::lround(options.chainFadeSeconds * m_config.sampleRate)));
    checkLive(effects);
    effects.prepare(spec()); // effects take the stream's sample rate here
    m_shadow = std::move(effects);
    prepareBuffers();
    m_current = new LiveChain(m_shadow.clone(), spec(), m_nextGeneration++);
    m_latestSent = m_current;
}

RealtimeProcessor::~RealtimeProcessor()
{
    stop();
    delete m_current;
    m_current = nullptr;
}

dsp::ProcessSpec RealtimeProcessor::spec() const noexcept
{
    return {static_cast<double>(m_config.sampleRate), m_blockSize, m_chainChannels};
}

void RealtimeProcessor::prepareBuffers()
{
    m_work.resize(m_chainChannels, m_blockSize);
    m_fade.resize(m_chainChannels, m_blockSize);
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
        settleAfterStop();
        m_backend.open(m_config, *this);
        const int grantedRate = m_backend.sampleRate();
        m_grantedBuffer = m_backend.bufferSize();
        if (grantedRate != m_config.sampleRate || m_grantedBuffer > m_blockSize) {
            // The device insists on another rate or a bigger buffer: prepare again (no audio yet).
            // Everything is built aside first and committed only when all of it succeeded, so a
            // chain that cannot run at the granted rate leaves the processor as it was.
            const dsp::ProcessSpec granted{static_cast<double>(grantedRate),
                                           std::max(m_blockSize, m_grantedBuffer), m_chainChannels};
            dsp::EffectChain shadow = m_shadow.clone(); // bypass flags included
            shadow.prepare(granted); // ParameterError: e.g. a cutoff above the granted Nyquist
            auto* next = new LiveChain(shadow.clone(), granted, m_nextGeneration++);
            m_config.sampleRate = grantedRate;
            m_blockSize = granted.maxBlockSize;
            m_shadow = std::move(shadow);
            m_fadeLength =
                std::max(1, static_cast<int>(std::lround(m_options.chainFadeSeconds * m_config.sampleRate)));
            prepareBuffers();
            delete m_current;
            m_current = next;
            m_latestSent = m_current;
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
                        &m_counters.telemetryDropped, &m_counters.swaps})
            c->store(0);
        m_counters.maxCallbackUs.store(0.0);
        m_lastCallbackUs = 0.0;
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

void RealtimeProcessor::settleAfterStop()
{
    // The audio thread has left for good (the backend joined it): this thread takes its role.
    drainCommands(true);
    // No fade runs without audio: the newest chain becomes the current one, the others retire.
    if (m_pending) {
        retire(m_current);
        m_current = m_pending;
        m_pending = nullptr;
    }
    retire(m_fadingOut);
    m_fadingOut = nullptr;
    flushRetireBacklog();
    collectRetired();
    for (int i = 0; i < m_backlogCount; ++i)
        delete m_retireBacklog[i];
    m_backlogCount = 0;
}

void RealtimeProcessor::collectRetired()
{
    LiveChain* chain = nullptr;
    while (m_retired.tryPop(chain))
        delete chain;
}

void RealtimeProcessor::poll(const std::function<void(const MeterFrame&)>& onFrame)
{
    std::lock_guard lock(m_control);
    refreshState();
    collectRetired();
    while (m_telemetry.tryPop(m_scratchFrame)) {
        m_lastFrame = m_scratchFrame;
        if (onFrame)
            onFrame(m_lastFrame);
    }
}

void RealtimeProcessor::sendCommand(const Command& command)
{
    const bool running = m_state == ProcessorState::Running;
    if (command.type == Command::Param && running) {
        if (m_latestSent->hasPosted(command.index) || !m_commands.tryPush(command)) {
            if (!m_latestSent->hasPosted(command.index))
                m_counters.dropped.fetch_add(1, std::memory_order_relaxed);
            m_latestSent->postLatest(command.index, command.value);
        }
        return;
    }
    const auto deadline = Clock::now() + std::chrono::seconds(2);
    while (!m_commands.tryPush(command)) {
        // Only chain swaps and bypasses wait, and only on this thread, for one buffer or so.
        if (m_state == ProcessorState::Running) {
            refreshState();
            if (Clock::now() > deadline)
                throw BackendError("live edit: the audio thread has not taken commands for 2 s");
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        } else {
            settleAfterStop();
        }
    }
    if (m_state != ProcessorState::Running)
        settleAfterStop(); // no audio thread: apply now
}

void RealtimeProcessor::commitChain(dsp::EffectChain candidate)
{
    checkLive(candidate);
    candidate.prepare(spec()); // throws ParameterError naming the effect; nothing changed then
    auto live = std::make_unique<LiveChain>(candidate.clone(), spec(), m_nextGeneration++);
    Command command;
    command.type = Command::Swap;
    command.generation = live->generation();
    command.chain = live.get();
    sendCommand(command);
    m_latestSent = live.release();
    m_shadow = std::move(candidate);
}

namespace {

void checkSlot(const dsp::EffectChain& chain, int slot, bool allowEnd = false)
{
    const int limit = chain.size() + (allowEnd ? 1 : 0);
    if (slot < 0 || slot >= limit)
        throw dsp::ParameterError("effect index " + std::to_string(slot) + ": the chain has " +
                                  std::to_string(chain.size()) + " effects");
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
        commitChain(m_shadow.clone()); // structural: rebuild, crossfade
        return;
    }
    Command command;
    command.type = Command::Param;
    command.generation = m_latestSent->generation();
    command.index = m_latestSent->flatIndex(slot, paramId);
    command.value = value;
    sendCommand(command);
}

void RealtimeProcessor::setBypass(int slot, bool bypassed)
{
    std::lock_guard lock(m_control);
    refreshState();
    checkSlot(m_shadow, slot);
    m_shadow.setBypassed(slot, bypassed);
    Command command;
    command.type = Command::Bypass;
    command.generation = m_latestSent->generation();
    command.index = slot;
    command.value = bypassed ? 1.0 : 0.0;
    sendCommand(command);
}

void RealtimeProcessor::replaceChain(dsp::EffectChain chain)
{
    std::lock_guard lock(m_control);
    refreshState();
    commitChain(std::move(chain));
}

void RealtimeProcessor::addEffect(std::unique_ptr<dsp::Effect> effect, int index)
{
    std::lock_guard lock(m_control);
    refreshState();
    auto candidate = m_shadow.clone();
    if (index < 0) {
        candidate.add(std::move(effect));
    } else {
        checkSlot(m_shadow, index, true);
        candidate.insert(index, std::move(effect));
    }
    commitChain(std::move(candidate));
}

void RealtimeProcessor::removeEffect(int index)
{
    std::lock_guard lock(m_control);
    refreshState();
    checkSlot(m_shadow, index);
    auto candidate = m_shadow.clone();
    candidate.remove(index);
    commitChain(std::move(candidate));
}

void RealtimeProcessor::moveEffect(int from, int to)
{
    std::lock_guard lock(m_control);
    refreshState();
    checkSlot(m_shadow, from);
    checkSlot(m_shadow, to);
    auto candidate = m_shadow.clone();
    candidate.move(from, to);
    commitChain(std::move(candidate));
}

void RealtimeProcessor::replaceEffect(int index, std::unique_ptr<dsp::Effect> effect)
{
    std::lock_guard lock(m_control);
    refreshState();
    checkSlot(m_shadow, index);
    auto candidate = m_shadow.clone();
    candidate.remove(index);
    candidate.insert(index, std::move(effect));
    commitChain(std::move(candidate));
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
    s.telemetryDropped = m_counters.telemetryDropped.load(std::memory_order_relaxed);
    s.chainSwaps = m_counters.swaps.load(std::memory_order_relaxed);
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
    if (m_backlogCount < kBacklog)
        m_retireBacklog[m_backlogCount++] = chain;
    // else: the control thread has not polled for a long time; the chain is kept (leaked)
    // rather than freed here, which would break the audio thread's no-free guarantee.
}

void RealtimeProcessor::flushRetireBacklog() noexcept
{
    int kept = 0;
    for (int i = 0; i < m_backlogCount; ++i)
        if (!m_retired.tryPush(m_retireBacklog[i]))
            m_retireBacklog[kept++] = m_retireBacklog[i];
    m_backlogCount = kept;
}

void RealtimeProcessor::swapIn(LiveChain* next, bool immediate) noexcept
{
    if (immediate || !m_current) {
        for (LiveChain** chain : {&m_fadingOut, &m_pending, &m_current}) {
            retire(*chain);
            *chain = nullptr;
        }
        m_current = next;
        return;
    }
    if (m_fadingOut) {
        // A fade is under way and both of its chains are audible: cutting either would click.
        // The newest chain waits for the fade to end; one that waited unheard is retired.
        retire(m_pending);
        m_pending = next;
        return;
    }
    m_fadingOut = m_current;
    m_fadePos = 0;
    m_current = next;
}

LiveChain* RealtimeProcessor::chainOf(uint32_t generation) const noexcept
{
    // Edits address the newest chain the control side sent: the waiting one, if any.
    if (m_pending && generation == m_pending->generation())
        return m_pending;
    if (m_current && generation == m_current->generation())
        return m_current;
    return nullptr;
}

void RealtimeProcessor::drainCommands(bool immediate) noexcept
{
    Command command;
    uint64_t applied = 0;
    while (m_commands.tryPop(command)) {
        switch (command.type) {
        case Command::Swap:
            swapIn(command.chain, immediate);
            m_counters.swaps.fetch_add(1, std::memory_order_relaxed);
            ++applied;
            break;
        case Command::Param:
            if (LiveChain* target = chainOf(command.generation)) {
                target->queueValue(command.index, command.value);
                ++applied;
            }
            break;
        case Command::Bypass:
            if (LiveChain* target = chainOf(command.generation)) {
                target->setBypass(command.index, command.value != 0.0);
                ++applied;
            }
            break;
        }
    }
    if (m_current)
        m_current->applyPending();
    if (m_pending)
        m_pending->applyPending();
    if (applied)
        m_counters.applied.fetch_add(applied, std::memory_order_relaxed);
    if (m_backlogCount)
        flushRetireBacklog();
}

void RealtimeProcessor::process(const float* const* in, int numIn, float* const* out, int numOut, int frames,
                                unsigned status) noexcept
{
    AudioThreadScope audioThread;
    dsp::ScopedNoDenormals noDenormals;
    const auto t0 = Clock::now();
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

    dsp::AudioBlock fade;
    if (m_fadingOut) {
        fade = m_fade.block(0, frames);
        fade.copyFrom(work);
    }
    if (m_current)
        m_current->process(work);
    if (m_fadingOut) {
        m_fadingOut->process(fade);
        const float length = static_cast<float>(m_fadeLength);
        for (int i = 0; i < frames; ++i) {
            const float t = std::min(1.0f, static_cast<float>(m_fadePos + i + 1) / length);
            for (int c = 0; c < channels; ++c) {
                const float a = fade.channel(c)[i];
                work.channel(c)[i] = a + t * (work.channel(c)[i] - a);
            }
        }
        m_fadePos += frames;
        if (m_fadePos >= m_fadeLength) {
            retire(m_fadingOut);
            m_fadingOut = nullptr;
            if (m_pending) {
                // The chain that waited for this fade now fades in from the one just heard.
                m_fadingOut = m_current;
                m_fadePos = 0;
                m_current = m_pending;
                m_pending = nullptr;
            }
        }
    }

    const auto result = m_safety.process(work);
    if (result.nonFinite) {
        m_counters.nonFinite.fetch_add(1, std::memory_order_relaxed);
        if (m_current)
            m_current->reset();
        if (m_fadingOut)
            m_fadingOut->reset();
        if (m_pending)
            m_pending->reset();
    }
    if (result.limited)
        m_counters.limited.fetch_add(1, std::memory_order_relaxed);

    for (int c = 0; c < std::min(numOut, channels); ++c)
        std::copy_n(work.channel(c), frames, out[c] + offset);
    for (int c = channels; c < numOut; ++c)
        std::fill_n(out[c] + offset, frames, 0.0f);
}

} // namespace fxrack::realtime
