#include "dsp/effects/Convolver.h"

#include "dsp/Errors.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <pthread.h>
#include <sched.h>
#include <thread>
#include <zita-convolver.h>

namespace fxrack::dsp {
namespace {

// zita-convolver 4.0.3's start_process() returns before its level threads run, and a level whose
// thread has not yet marked itself running is computed inline at its first boundary, one
// partition early: the output then depends on when the threads started. Later versions wait
// (check_started); here the wait reads the levels' state, which the library keeps private, through
// the one portable way past access control (an explicit instantiation names private members).
template <typename Tag, typename Tag::Type Member> struct Expose {
    friend typename Tag::Type member(Tag) { return Member; }
};
struct LevelsTag {
    using Type = Convlevel* (Convproc::*)[Convproc::MAXLEV];
    friend Type member(LevelsTag);
};
struct LevelCountTag {
    using Type = uint32_t Convproc::*;
    friend Type member(LevelCountTag);
};
struct LevelStateTag {
    using Type = volatile uint32_t Convlevel::*;
    friend Type member(LevelStateTag);
};
template struct Expose<LevelsTag, &Convproc::_convlev>;
template struct Expose<LevelCountTag, &Convproc::_nlevels>;
struct LevelThreadTag {
    using Type = pthread_t Convlevel::*;
    friend Type member(LevelThreadTag);
};
struct LevelPriorityTag {
    using Type = int Convlevel::*;
    friend Type member(LevelPriorityTag);
};
template struct Expose<LevelStateTag, &Convlevel::_stat>;
template struct Expose<LevelThreadTag, &Convlevel::_pthr>;
template struct Expose<LevelPriorityTag, &Convlevel::_prio>;

// Waits until every threaded level (all but the first: its partition is the quantum, so it runs
// in process()) is in `state`: running after start_process(), idle after stop_process() (so that
// cleanup(), which otherwise polls every 100 ms, finds them stopped). False after `timeout`.
constexpr uint32_t kLevelIdle = 0;    // Convlevel::ST_IDLE
constexpr uint32_t kLevelRunning = 2; // Convlevel::ST_PROC
bool waitForLevels(Convproc& conv, uint32_t state, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const uint32_t levels = conv.*member(LevelCountTag{});
    for (uint32_t k = 1; k < levels; ++k)
        while ((conv.*member(LevelsTag{}))[k]->*member(LevelStateTag{}) != state) {
            if (std::chrono::steady_clock::now() > deadline)
                return false;
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    return true;
}

// A threaded level whose pthread_create failed (a real-time policy the process may not use)
// never runs: its _pthr stays 0.
bool allLevelsStarted(Convproc& conv)
{
    const uint32_t levels = conv.*member(LevelCountTag{});
    for (uint32_t k = 1; k < levels; ++k)
        if ((conv.*member(LevelsTag{}))[k]->*member(LevelThreadTag{}) == 0)
            return false;
    return true;
}

// A worker at `scheduling` where the process may use it, else SCHED_OTHER. Tried once per prepare
// with a thread that exits at once: the limits may change while the app runs, and a refused policy
// must never make a load fail.
Convolver::WorkerScheduling allowedScheduling(const Convolver::WorkerScheduling& scheduling)
{
    if (scheduling.policy == SCHED_OTHER)
        return scheduling;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    sched_param param{};
    param.sched_priority = Convolver::levelPriority(scheduling, -1); // the first threaded level's
    pthread_attr_setschedpolicy(&attr, scheduling.policy);
    pthread_attr_setschedparam(&attr, &param);
    pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
    pthread_t probe{};
    const bool allowed = pthread_create(
                             &probe, &attr, [](void*) -> void* { return nullptr; }, nullptr) == 0;
    pthread_attr_destroy(&attr);
    if (!allowed)
        return {};
    pthread_join(probe, nullptr);
    return scheduling;
}

// n a multiple of 8. Eight running sums, so the compiler keeps them in one vector register
// (a single sum is a chain of dependent adds that cannot be vectorised without reordering).
float dot(const float* a, const float* b, int n) noexcept
{
    float acc[8] = {};
    for (int i = 0; i < n; i += 8)
        for (int j = 0; j < 8; ++j)
            acc[j] += a[i + j] * b[i + j];
    return ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
}

// Pre-delay and trim shape the partitions prepare() builds: a change is a new prepared instance.
ParamInfo structural(ParamInfo p)
{
    p.continuous = false;
    p.smoothing = Smoothing::None;
    return p;
}

double dbToLinear(double db) noexcept
{
    return std::pow(10.0, db / 20.0);
}

} // namespace

EffectType Convolver::describe()
{
    return EffectType{
        "Convolver",
        "effect",
        {withHelp(pathParam("ir"), "impulse response file (any format libsndfile reads; 1, 2 or 4 channels); "
                                   "relative paths resolve against the working directory"),
         withHelp(dbParam("gain_db", 0.0, -60.0, 24.0), "level of the convolved signal"),
         withHelp(structural(msParam("predelay_ms", 0.0, 0.0, 1000.0)),
                  "silence before the impulse response"),
         withHelp(structural(msParam("length_ms", 0.0, 0.0, kMaxImpulseResponseSeconds * 1000.0)),
                  "trim the impulse response to this length with a short fade (0: all of it)")},
        "convolution with an impulse response (cabinet, room, plate), zero latency",
        {}};
}

Convolver::Convolver(const EffectType& type) : Effect(type) {}

// Live, zita's level threads run SCHED_FIFO just below the audio thread: above every ordinary
// thread (the GUI), so a partition is ready in time on a busy machine, and below the thread that
// must never wait. zita gives each level the base priority plus its own offset (one or two steps
// lower per larger partition), clamped to the policy's range; with the audio thread's priority as
// the base, the first level runs one step below it and the others lower, down to 1. A fixed base
// would put them above an audio thread that runs low (jackd -P 5). Under an audio thread at 1
// there is no room, and under one that is not real-time no reason: SCHED_OTHER then, as where the
// process may not use SCHED_FIFO; the live path drops a late partition instead of waiting.
Convolver::WorkerScheduling Convolver::workerScheduling(int audioPriority) noexcept
{
    if (audioPriority < 2)
        return {};
    return {SCHED_FIFO, std::min(audioPriority, sched_get_priority_max(SCHED_FIFO))};
}

int Convolver::levelPriority(const WorkerScheduling& scheduling, int levelOffset) noexcept
{
    if (scheduling.policy == SCHED_OTHER)
        return 0;
    return std::clamp(scheduling.priority + levelOffset, sched_get_priority_min(scheduling.policy),
                      sched_get_priority_max(scheduling.policy));
}

void Convolver::collectWorkers(Convproc& conv)
{
    const uint32_t levels = conv.*member(LevelCountTag{});
    for (uint32_t k = 1; k < levels; ++k) {
        Convlevel* level = (conv.*member(LevelsTag{}))[k];
        m_workers.push_back({level->*member(LevelThreadTag{}), level->*member(LevelPriorityTag{})});
    }
}

bool Convolver::scheduleWorkers(const WorkerScheduling& scheduling) noexcept
{
    for (const Worker& w : m_workers) {
        sched_param param{};
        param.sched_priority = levelPriority(scheduling, w.levelOffset);
        if (pthread_setschedparam(w.thread, scheduling.policy, &param) != 0)
            return false;
    }
    return true;
}

void Convolver::setAudioThreadPriority(int priority) noexcept
{
    if (m_waitsForWorkers || !scheduleWorkers(workerScheduling(priority)))
        scheduleWorkers({}); // refused (no rtprio limit, no CAP_SYS_NICE): SCHED_OTHER
}

std::vector<Convolver::WorkerScheduling> Convolver::workerThreads() const
{
    std::vector<WorkerScheduling> threads;
    for (const Worker& w : m_workers) {
        WorkerScheduling now;
        sched_param param{};
        if (pthread_getschedparam(w.thread, &now.policy, &param) == 0) {
            now.priority = param.sched_priority;
            threads.push_back(now);
        }
    }
    return threads;
}

Convolver::~Convolver()
{
    stopConvolver();
}

namespace {

void stopConvproc(std::unique_ptr<Convproc>& conv) noexcept
{
    if (!conv)
        return;
    conv->stop_process();
    waitForLevels(*conv, kLevelIdle, std::chrono::seconds(10));
    conv->cleanup();
    conv.reset();
}

} // namespace

void Convolver::stopConvolver() noexcept
{
    m_workers.clear(); // their threads end here
    stopConvproc(m_conv);
    stopConvproc(m_spare);
    m_spareDirty = 0;
}

std::unique_ptr<Convproc> Convolver::startConvproc(uint32_t tail, uint32_t channels, bool realtime) const
{
    const WorkerScheduling scheduling =
        realtime ? allowedScheduling(workerScheduling(spec().audioPriority)) : WorkerScheduling{};
    for (const WorkerScheduling& tried : {scheduling, WorkerScheduling{}}) {
        auto conv = std::make_unique<Convproc>();
        // Live, a late partition is dropped (reported) and processing goes on; by default zita
        // stops for good after five late cycles in a row.
        if (realtime)
            conv->set_options(Convproc::OPT_LATE_CONTIN);
        if (conv->configure(channels, channels, tail, kHead, kHead, Convproc::MAXPART, 0.0f) != 0)
            fail("cannot set up the convolution of \"" + text(Ir) + "\" (" + std::to_string(tail) + " taps)");
        for (const auto& p : m_paths)
            if (p.taps.size() > static_cast<size_t>(kHead))
                conv->impdata_create(static_cast<uint32_t>(p.input), static_cast<uint32_t>(p.output), 1,
                                     const_cast<float*>(p.taps.data() + kHead), 0,
                                     static_cast<int32_t>(p.taps.size() - kHead));
        if (conv->start_process(tried.priority, tried.policy) != 0)
            fail("cannot start the convolution threads");
        if (allLevelsStarted(*conv) && waitForLevels(*conv, kLevelRunning, std::chrono::seconds(10)))
            return conv;
        stopConvproc(conv);
        if (tried.policy == SCHED_OTHER)
            break; // refused even without real-time scheduling
    }
    fail("cannot start the convolution threads");
}

std::vector<Convolver::Path> Convolver::buildPaths(double sampleRate, int numChannels) const
{
    ImpulseResponse ir;
    if (text(Ir).empty()) {
        ir.sampleRate = sampleRate;
        ir.channels.assign(1, std::vector<float>{1.0f});
    } else {
        ir = loadImpulseResponse(text(Ir), sampleRate);
    }
    // Trim with a raised-cosine fade over the last kTrimFadeSeconds (or the whole length when shorter).
    if (const double lengthMs = param(LengthMs); lengthMs > 0.0) {
        const int length = std::max(1, static_cast<int>(std::lround(lengthMs * 0.001 * sampleRate)));
        if (length < ir.length()) {
            const int fade = std::min(length, std::max(1, static_cast<int>(kTrimFadeSeconds * sampleRate)));
            for (auto& ch : ir.channels) {
                ch.resize(static_cast<size_t>(length));
                for (int i = 0; i < fade; ++i) {
                    const double t = (i + 1.0) / (fade + 1.0); // 0 < t < 1 across the fade
                    ch[static_cast<size_t>(length - fade + i)] *=
                        static_cast<float>(0.5 * (1.0 + std::cos(3.14159265358979323846 * t)));
                }
            }
        }
    }
    const auto predelay = static_cast<size_t>(std::lround(param(PredelayMs) * 0.001 * sampleRate));
    const auto taps = [&](int irChannel) {
        std::vector<float> t(predelay, 0.0f);
        const auto& src = ir.channels[static_cast<size_t>(irChannel)];
        t.insert(t.end(), src.begin(), src.end());
        return t;
    };
    std::vector<Path> paths;
    if (ir.numChannels() == 4 && numChannels == 2) {
        // LL, LR, RL, RR: input L to output L, L to R, R to L, R to R.
        paths.push_back({0, 0, taps(0)});
        paths.push_back({0, 1, taps(1)});
        paths.push_back({1, 0, taps(2)});
        paths.push_back({1, 1, taps(3)});
    } else {
        for (int c = 0; c < numChannels; ++c) {
            int irChannel = 0;
            if (ir.numChannels() == 2)
                irChannel = c % 2;
            else if (ir.numChannels() == 4)
                irChannel = c % 2 == 0 ? 0 : 3; // not a stereo stream: the direct paths LL and RR
            paths.push_back({c, c, taps(irChannel)});
        }
    }
    return paths;
}

void Convolver::doPrepare(const ProcessSpec& spec)
{
    FftConvolver::makePlannerThreadSafe(); // before zita-convolver plans
    stopConvolver();
    m_paths = buildPaths(spec.sampleRate, spec.numChannels);
    m_batch.clear();
    m_isBatch = !spec.realtime;
    if (m_isBatch) {
        prepareBatch(spec);
        return;
    }
    size_t longest = 0;
    for (const auto& p : m_paths)
        longest = std::max(longest, p.taps.size());
    // The head is convolved directly; pad every path to at least kHead taps.
    for (auto& p : m_paths)
        if (p.taps.size() < static_cast<size_t>(kHead))
            p.taps.resize(static_cast<size_t>(kHead), 0.0f);
    m_history.assign(static_cast<size_t>(spec.numChannels), std::vector<float>(2 * kHead, 0.0f));
    m_tailOut.assign(static_cast<size_t>(spec.numChannels), std::vector<float>(kHead, 0.0f));
    m_histPos = 0;
    m_cyclePos = 0;
    if (longest > static_cast<size_t>(kHead)) {
        const auto tail = static_cast<uint32_t>(longest - kHead);
        const auto channels = static_cast<uint32_t>(spec.numChannels);
        m_conv = startConvproc(tail, channels, !m_waitsForWorkers);
        // Live, reset() must not wait: it swaps in this clean twin, and the used one is flushed
        // with silence, a partition per cycle, until it is clean again (see doReset()).
        if (!m_waitsForWorkers)
            m_spare = startConvproc(tail, channels, true);
        collectWorkers(*m_conv);
        if (m_spare)
            collectWorkers(*m_spare);
    }
    m_gain = dbToLinear(param(GainDb));
    m_dirty = false;
}

void Convolver::prepareBatch(const ProcessSpec& spec)
{
    size_t longest = 1;
    for (const auto& p : m_paths)
        longest = std::max(longest, p.taps.size());
    const int taps = static_cast<int>(longest);
    const int partition = FftConvolver::partitionSizeFor(taps, spec.maxBlockSize);
    m_batch.resize(m_paths.size());
    for (size_t i = 0; i < m_paths.size(); ++i)
        if (m_paths[i].taps.size() > 1) {
            m_batch[i].prepare(taps, partition);
            m_batch[i].setTaps(std::span<const float>(m_paths[i].taps));
        }
    m_batchInput.resize(spec.numChannels, spec.maxBlockSize);
    m_batchPath.resize(1, spec.maxBlockSize);
    m_history.clear();
    m_tailOut.clear();
    m_gain = dbToLinear(param(GainDb));
    m_dirty = false;
}

void Convolver::processBatch(AudioBlock& block) noexcept
{
    const int channels = std::min(block.numChannels(), m_batchInput.numChannels());
    const int chunk = m_batchInput.numFrames();
    for (int start = 0; start < block.numFrames(); start += chunk) {
        const int n = std::min(chunk, block.numFrames() - start);
        for (int c = 0; c < channels; ++c)
            std::copy_n(block.channel(c) + start, n, m_batchInput.channel(c));
        // Each output takes its first path in place and adds the others (true stereo).
        bool written[kMaxChannels] = {};
        for (size_t i = 0; i < m_paths.size(); ++i) {
            const auto& p = m_paths[i];
            if (p.input >= channels || p.output >= channels)
                continue;
            const float* x = m_batchInput.channel(p.input);
            float* y = block.channel(p.output) + start;
            float* out = written[p.output] ? m_batchPath.channel(0) : y;
            if (p.taps.size() == 1)
                for (int f = 0; f < n; ++f)
                    out[f] = p.taps[0] * x[f];
            else
                m_batch[i].process(x, out, n);
            if (written[p.output])
                for (int f = 0; f < n; ++f)
                    y[f] += out[f];
            written[p.output] = true;
        }
        for (int f = 0; f < n; ++f) {
            followSmoothed(GainDb, m_gain, dbToLinear);
            const auto g = static_cast<float>(m_gain);
            for (int c = 0; c < channels; ++c)
                block.channel(c)[start + f] *= g;
        }
    }
}

std::optional<std::complex<double>> Convolver::responseAt(double hz, double sampleRate) const
{
    const std::string key = text(Ir) + '\n' + std::to_string(param(PredelayMs)) + '\n' +
                            std::to_string(param(LengthMs)) + '\n' + std::to_string(sampleRate);
    if (key != m_responseKey) {
        m_responseKey.clear();
        m_responseTaps.clear();
        try {
            for (const auto& p : buildPaths(sampleRate, 2)) {
                if (p.output != 0)
                    continue;
                m_responseTaps.resize(std::max(m_responseTaps.size(), p.taps.size()), 0.0);
                for (size_t i = 0; i < p.taps.size(); ++i)
                    m_responseTaps[i] += p.taps[i];
            }
        } catch (const std::exception&) {
            return std::nullopt; // the card says why; the plot leaves the effect out
        }
        m_responseKey = key;
    }
    return firResponse(m_responseTaps, hz, sampleRate) * dbToLinear(param(GainDb));
}

double Convolver::tailSeconds() const noexcept
{
    size_t longest = 0;
    for (const auto& p : m_paths)
        longest = std::max(longest, p.taps.size());
    return spec().sampleRate > 0.0 ? static_cast<double>(longest) / spec().sampleRate : 0.0;
}

void Convolver::doProcess(AudioBlock& block) noexcept
{
    if (m_isBatch) {
        processBatch(block);
        return;
    }
    m_resetPending = false; // back in the chain first: the running instance's past rings out
    const int frames = block.numFrames();
    const int channels = std::min(block.numChannels(), static_cast<int>(m_history.size()));
    float out[kMaxChannels];
    for (int f = 0; f < frames; ++f) {
        m_histPos = m_histPos == 0 ? kHead - 1 : m_histPos - 1;
        for (int c = 0; c < channels; ++c) {
            const float x = block.channel(c)[f];
            auto& h = m_history[static_cast<size_t>(c)];
            h[static_cast<size_t>(m_histPos)] = x;
            h[static_cast<size_t>(m_histPos + kHead)] = x;
            if (m_conv)
                m_conv->inpdata(static_cast<uint32_t>(c))[m_cyclePos] = x;
            out[c] = m_tailOut[static_cast<size_t>(c)][static_cast<size_t>(m_cyclePos)];
        }
        for (const auto& p : m_paths)
            out[p.output] +=
                dot(p.taps.data(), m_history[static_cast<size_t>(p.input)].data() + m_histPos, kHead);
        followSmoothed(GainDb, m_gain, dbToLinear);
        const auto g = static_cast<float>(m_gain);
        for (int c = 0; c < channels; ++c)
            block.channel(c)[f] = out[c] * g;
        if (++m_cyclePos == kHead) {
            m_cyclePos = 0;
            if (m_conv) {
                // Never wait on zita's threads (sem_trywait) unless asked to; a level that is late
                // adds nothing this cycle, and the flags say so.
                if (m_conv->process(m_waitsForWorkers) & Convproc::FL_LATE)
                    m_lateCycles.fetch_add(1, std::memory_order_relaxed);
                for (int c = 0; c < channels; ++c)
                    std::copy_n(m_conv->outdata(static_cast<uint32_t>(c)), kHead,
                                m_tailOut[static_cast<size_t>(c)].begin());
                if (m_spareDirty > 0)
                    flushSpare();
            }
        }
    }
    m_dirty = true;
}

void Convolver::flushSpare() noexcept
{
    for (size_t c = 0; c < m_tailOut.size(); ++c)
        std::fill_n(m_spare->inpdata(static_cast<uint32_t>(c)), kHead, 0.0f);
    // A cycle counts once no level is behind by more than the one in flight: a late worker has
    // silence still to take in.
    if (!(m_spare->process(false) & Convproc::FL_LATE))
        m_spareDirty -= kHead;
}

// Samples of silence that clear an instance: past the longest path plus a period of the largest
// partition, whose thread computes one behind.
long Convolver::flushLength() const noexcept
{
    size_t longest = 0;
    for (const auto& p : m_paths)
        longest = std::max(longest, p.taps.size());
    return static_cast<long>(longest) + 2 * Convproc::MAXPART;
}

void Convolver::swapInTwin() noexcept
{
    std::swap(m_conv, m_spare);
    m_spareDirty = flushLength();
    m_resetPending = false;
}

// Bypassed, the instance the last reset took out is still flushed, a cycle per kHead frames, and
// a reset that found it dirty (a bypass soon after an un-bypass) swaps it in once it is clean:
// the next un-bypass then starts from silence.
void Convolver::doIdle(int frames) noexcept
{
    if (m_spareDirty <= 0 && !m_resetPending) {
        m_idleFrames = 0;
        return;
    }
    for (m_idleFrames += frames; m_idleFrames >= kHead && m_spareDirty > 0; m_idleFrames -= kHead)
        flushSpare();
    if (m_resetPending && m_spareDirty <= 0)
        swapInTwin();
}

void Convolver::doReset() noexcept
{
    m_gain = dbToLinear(param(GainDb));
    for (auto& fft : m_batch)
        fft.reset();
    if (!m_dirty || m_isBatch)
        return;
    for (auto& h : m_history)
        std::fill(h.begin(), h.end(), 0.0f);
    for (auto& t : m_tailOut)
        std::fill(t.begin(), t.end(), 0.0f);
    // zita keeps the past input in its partitions, and clearing them while its threads run would
    // race: run silence through until the longest path has rung out (rare: bypass ends, NaN
    // recovery).
    if (m_conv && !m_waitsForWorkers) {
        // Live: no waiting here either. The clean twin takes over at once and the used instance
        // is flushed a cycle at a time beside the running one (flushSpare()). A reset before
        // that ends is held while the effect stays bypassed (doIdle()); one the effect comes
        // back from first keeps the running instance, whose past then rings out.
        if (m_spare && m_spareDirty <= 0)
            swapInTwin();
        else
            m_resetPending = true;
    } else if (m_conv) {
        const int outputs = static_cast<int>(m_tailOut.size());
        for (long done = 0; done < flushLength(); done += kHead) {
            for (int c = 0; c < outputs; ++c)
                std::fill_n(m_conv->inpdata(static_cast<uint32_t>(c)), kHead, 0.0f);
            m_conv->process(true);
        }
    }
    m_cyclePos = 0;
    m_histPos = 0;
    m_dirty = false;
}

} // namespace fxrack::dsp
