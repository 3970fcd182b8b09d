// Counts what the audio thread must never do, from its first callback: heap allocation and
// release (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign, new, delete), every
// pthread lock, trylock, timedlock, rwlock and condition variable call, every semaphore wait
// (sem_wait, sem_timedwait), futex calls made through syscall() other than wake-ups, and write().
// The processor's callback marks the audio thread with AudioThreadScope. The catalogue's every
// live effect runs while parameters sweep and flood past the queue, the chain is edited during
// running fades, NaNs are injected, the retire queue overflows and buffers arrive in sizes that
// are not multiples of the prepared block, a MIDI flood (10,000 messages a second through
// RtMidi's JACK input and the mapping table) drives parameters and bypass, and a Convolver with a
// real impulse response runs, is swapped, bypassed and removed. The count must be 0.
//
// Wake-ups are counted apart and allowed: sem_post, sem_trywait and futex wakes. The Convolver's
// zita-convolver runs its larger partitions on worker threads; live, the audio thread posts a
// worker's start semaphore and polls its done semaphore with sem_trywait (process(false)). Neither
// can wait: sem_trywait fails with EAGAIN instead of blocking, and sem_post is an atomic
// increment plus, when a worker sleeps on it, one FUTEX_WAKE, which returns at once. Neither
// holds anything another thread could make the audio thread wait for (a semaphore has no owner),
// so "no lock, no wait" holds; what they cost is a bounded system call, like the clock reads.
#include "common/AudioFiles.h"
#include "common/HandDrivenBackend.h"
#include "common/JackMidiSender.h"
#include "common/JackServer.h"
#include "dsp/ChainSpec.h"
#include "dsp/EffectRegistry.h"
#include "midi/MidiInputs.h"
#include "midi/MidiMapper.h"
#include "midi/ProcessorTargets.h"
#include "realtime/AudioThread.h"
#include "realtime/OfflineBackend.h"
#include "realtime/RealtimeProcessor.h"
#include "realtime/RtAudioBackend.h"

#include <QtTest>
#include <atomic>
#include <cstdarg>
#include <cstdlib>
#include <dlfcn.h>
#include <limits>
#include <linux/futex.h>
#include <new>
#include <pthread.h>
#include <semaphore.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace {
std::atomic<long> g_allocs{0}, g_frees{0}, g_locks{0}, g_io{0}, g_wakeups{0};
inline void countLock()
{
    if (fxrack::realtime::onAudioThread())
        g_locks.fetch_add(1, std::memory_order_relaxed);
}
inline void countWakeup()
{
    if (fxrack::realtime::onAudioThread())
        g_wakeups.fetch_add(1, std::memory_order_relaxed);
}
// The next definition of `name` (glibc's), looked up once before any audio runs.
template <typename F> F next(const char* name)
{
    return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}
inline void countAlloc()
{
    if (fxrack::realtime::onAudioThread())
        g_allocs.fetch_add(1, std::memory_order_relaxed);
}
inline void countFree()
{
    if (fxrack::realtime::onAudioThread())
        g_frees.fetch_add(1, std::memory_order_relaxed);
}
} // namespace

extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void __libc_free(void*);
void* __libc_memalign(size_t, size_t);

void* malloc(size_t n)
{
    countAlloc();
    return __libc_malloc(n);
}
void* calloc(size_t n, size_t size)
{
    countAlloc();
    return __libc_calloc(n, size);
}
void* realloc(void* p, size_t n)
{
    countAlloc();
    return __libc_realloc(p, n);
}
void free(void* p)
{
    if (p)
        countFree();
    __libc_free(p);
}
int posix_memalign(void** p, size_t alignment, size_t n)
{
    countAlloc();
    *p = __libc_memalign(alignment, n ? n : 1);
    return *p ? 0 : ENOMEM;
}
void* aligned_alloc(size_t alignment, size_t n)
{
    countAlloc();
    return __libc_memalign(alignment, n);
}
void* memalign(size_t alignment, size_t n)
{
    countAlloc();
    return __libc_memalign(alignment, n);
}

// Locks: each counts on the audio thread, then does what glibc does. glibc's own locks inside
// dlsym do not come back through these public symbols.
#define FXRACK_COUNTED(ret, name, params, args)                                                              \
    ret name params                                                                                          \
    {                                                                                                        \
        countLock();                                                                                         \
        static auto real = next<ret(*) params>(#name);                                                       \
        return real args;                                                                                    \
    }
FXRACK_COUNTED(int, pthread_mutex_lock, (pthread_mutex_t * m), (m))
FXRACK_COUNTED(int, pthread_mutex_trylock, (pthread_mutex_t * m), (m))
FXRACK_COUNTED(int, pthread_mutex_timedlock, (pthread_mutex_t * m, const struct timespec* t), (m, t))
FXRACK_COUNTED(int, pthread_rwlock_rdlock, (pthread_rwlock_t * l), (l))
FXRACK_COUNTED(int, pthread_rwlock_wrlock, (pthread_rwlock_t * l), (l))
FXRACK_COUNTED(int, pthread_rwlock_tryrdlock, (pthread_rwlock_t * l), (l))
FXRACK_COUNTED(int, pthread_rwlock_trywrlock, (pthread_rwlock_t * l), (l))
FXRACK_COUNTED(int, pthread_rwlock_timedrdlock, (pthread_rwlock_t * l, const struct timespec* t), (l, t))
FXRACK_COUNTED(int, pthread_rwlock_timedwrlock, (pthread_rwlock_t * l, const struct timespec* t), (l, t))
FXRACK_COUNTED(int, pthread_spin_lock, (pthread_spinlock_t * l), (l))
FXRACK_COUNTED(int, pthread_spin_trylock, (pthread_spinlock_t * l), (l))
FXRACK_COUNTED(int, pthread_cond_wait, (pthread_cond_t * c, pthread_mutex_t* m), (c, m))
FXRACK_COUNTED(int, pthread_cond_timedwait,
               (pthread_cond_t * c, pthread_mutex_t* m, const struct timespec* t), (c, m, t))
FXRACK_COUNTED(int, pthread_cond_signal, (pthread_cond_t * c), (c))
FXRACK_COUNTED(int, pthread_cond_broadcast, (pthread_cond_t * c), (c))
FXRACK_COUNTED(int, sem_wait, (sem_t * s), (s))
FXRACK_COUNTED(int, sem_timedwait, (sem_t * s, const struct timespec* t), (s, t))
#undef FXRACK_COUNTED
// Wake-ups: they never wait (see the top of this file).
#define FXRACK_WAKEUP(ret, name, params, args)                                                               \
    ret name params                                                                                          \
    {                                                                                                        \
        countWakeup();                                                                                       \
        static auto real = next<ret(*) params>(#name);                                                       \
        return real args;                                                                                    \
    }
FXRACK_WAKEUP(int, sem_trywait, (sem_t * s), (s))
FXRACK_WAKEUP(int, sem_post, (sem_t * s), (s))
#undef FXRACK_WAKEUP

ssize_t write(int fd, const void* data, size_t n)
{
    if (fxrack::realtime::onAudioThread())
        g_io.fetch_add(1, std::memory_order_relaxed);
    static auto real = next<ssize_t (*)(int, const void*, size_t)>("write");
    return real(fd, data, n);
}

long syscall(long number, ...)
{
    va_list ap;
    va_start(ap, number);
    long a[6];
    for (long& x : a)
        x = va_arg(ap, long);
    va_end(ap);
    if (number == SYS_futex) {
        // FUTEX_WAKE, FUTEX_WAKE_OP and FUTEX_WAKE_BITSET return at once; every other operation
        // may wait (or requeue waiters) and counts as a lock.
        const long op = a[1] & FUTEX_CMD_MASK;
        if (op == FUTEX_WAKE || op == FUTEX_WAKE_OP || op == FUTEX_WAKE_BITSET)
            countWakeup();
        else
            countLock();
    }
    static auto real = next<long (*)(long, ...)>("syscall");
    return real(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}
}

void* operator new(size_t n)
{
    countAlloc();
    if (void* p = __libc_malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}
void* operator new[](size_t n)
{
    return operator new(n);
}
void* operator new(size_t n, std::align_val_t a)
{
    countAlloc();
    if (void* p = __libc_memalign(static_cast<size_t>(a), n ? n : 1))
        return p;
    throw std::bad_alloc();
}
void* operator new[](size_t n, std::align_val_t a)
{
    return operator new(n, a);
}
void operator delete(void* p) noexcept
{
    if (p)
        countFree();
    __libc_free(p);
}
void operator delete[](void* p) noexcept
{
    operator delete(p);
}
void operator delete(void* p, size_t) noexcept
{
    operator delete(p);
}
void operator delete[](void* p, size_t) noexcept
{
    operator delete(p);
}
void operator delete(void* p, std::align_val_t) noexcept
{
    operator delete(p);
}
void operator delete[](void* p, std::align_val_t) noexcept
{
    operator delete(p);
}
void operator delete(void* p, size_t, std::align_val_t) noexcept
{
    operator delete(p);
}

using namespace fxrack;
using namespace fxrack::realtime;

namespace {

// Passes its input through, but every `period` frames writes a NaN: the safety stage fades it
// out, resets the chain (every effect's reset() on the audio thread) and fades back in.
class NanInjector final : public dsp::Effect {
public:
    static const dsp::EffectType& type()
    {
        static const dsp::EffectType t{
            "NanInjector",       "effect", {}, "test effect", [] { return std::make_unique<NanInjector>(); },
            dsp::MixSource::None};
        return t;
    }
    NanInjector() : Effect(type()) {}

protected:
    void doPrepare(const dsp::ProcessSpec&) override {}
    void doReset() noexcept override {}
    void doProcess(dsp::AudioBlock& block) noexcept override
    {
        const long long period = 48000 / 3;
        for (int i = 0; i < block.numFrames(); ++i)
            if (++m_seen % period == 0)
                block.channel(0)[i] = std::numeric_limits<float>::quiet_NaN();
    }

private:
    long long m_seen = 0;
};

// Every effect of the catalogue that can run live, then the NaN injector.
dsp::EffectChain everyLiveEffect()
{
    dsp::EffectChain chain;
    for (const auto* type : dsp::EffectRegistry::builtin().types()) {
        auto effect = type->create();
        if (!effect->needsAnalysis())
            chain.add(std::move(effect));
    }
    chain.add(std::make_unique<NanInjector>());
    return chain;
}

// Resolves every interposed function's next definition now, off the audio thread (dlsym may
// allocate the first time).
void warmUpInterposers()
{
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_trylock(&m);
    pthread_mutex_unlock(&m);
    timespec soon{};
    pthread_mutex_timedlock(&m, &soon);
    pthread_mutex_unlock(&m);
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    pthread_rwlock_t l = PTHREAD_RWLOCK_INITIALIZER;
    pthread_rwlock_rdlock(&l);
    pthread_rwlock_unlock(&l);
    pthread_rwlock_wrlock(&l);
    pthread_rwlock_unlock(&l);
    pthread_rwlock_tryrdlock(&l);
    pthread_rwlock_unlock(&l);
    pthread_rwlock_trywrlock(&l);
    pthread_rwlock_unlock(&l);
    pthread_rwlock_timedrdlock(&l, &soon);
    pthread_rwlock_unlock(&l);
    pthread_rwlock_timedwrlock(&l, &soon);
    pthread_rwlock_unlock(&l);
    pthread_spinlock_t spin;
    pthread_spin_init(&spin, 0);
    pthread_spin_lock(&spin);
    pthread_spin_unlock(&spin);
    pthread_spin_trylock(&spin);
    pthread_spin_unlock(&spin);
    pthread_cond_t c = PTHREAD_COND_INITIALIZER;
    pthread_cond_signal(&c);
    pthread_cond_broadcast(&c);
    pthread_mutex_lock(&m);
    pthread_cond_timedwait(&c, &m, &soon);
    pthread_mutex_unlock(&m);
    sem_t s;
    sem_init(&s, 0, 1);
    sem_wait(&s);
    sem_post(&s);
    sem_trywait(&s);
    sem_post(&s);
    sem_timedwait(&s, &soon);
    syscall(SYS_getpid);
    (void)!write(-1, "", 0);
}

// Hands the processor buffers of sizes that are not multiples of its prepared block, from a
// thread of its own (the audio thread), and nothing else: the real-part run above is JACK's.
class UnevenBuffers final : public test::HandDrivenBackend {
public:
    std::string name() const override { return "uneven"; }
    void open(const StreamConfig& config, AudioCallback& callback) override
    {
        HandDrivenBackend::open(config, callback);
        m_in.resize(2, 4096);
        m_out.resize(2, 4096);
    }
    void start() override
    {
        HandDrivenBackend::start();
        m_thread = std::thread([this] {
            const int sizes[] = {300, 1000, 77, 513, 256, 1, 4095};
            const float* in[2] = {m_in.channel(0), m_in.channel(1)};
            float* out[2] = {m_out.channel(0), m_out.channel(1)};
            for (int k = 0; k < 600; ++k) {
                for (int i = 0; i < 4096; ++i)
                    m_in.channel(0)[i] = m_in.channel(1)[i] = 0.1f * static_cast<float>((i * 7 + k) % 13 - 6);
                m_callback->process(in, 2, out, 2, sizes[k % 7], 0);
            }
        });
    }
    void stop() override
    {
        if (m_thread.joinable())
            m_thread.join();
        HandDrivenBackend::stop();
    }
    void join() { stop(); }

private:
    dsp::AudioBuffer m_in, m_out;
    std::thread m_thread;
};

void zeroCounters()
{
    g_allocs = g_frees = g_locks = g_io = g_wakeups = 0;
}

} // namespace

class TestAudioThreadNoAlloc : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { warmUpInterposers(); }

    void theCounterSeesAllocationsLocksAndWritesOnAMarkedThread()
    {
        zeroCounters();
        std::thread t([] {
            AudioThreadScope scope;
            auto* v = new std::vector<int>(100);
            delete v;
            void* p = nullptr;
            if (posix_memalign(&p, 64, 128) == 0)
                free(p);
            free(aligned_alloc(64, 128));
            std::mutex m;
            m.lock();
            m.unlock();
            pthread_rwlock_t l = PTHREAD_RWLOCK_INITIALIZER;
            pthread_rwlock_rdlock(&l);
            pthread_rwlock_unlock(&l);
            sem_t s;
            sem_init(&s, 0, 0);
            sem_post(&s);    // a wake-up
            sem_trywait(&s); // a wake-up: it never waits
            sem_post(&s);
            sem_wait(&s); // a wait, even when the count lets it through
            pthread_cond_t c = PTHREAD_COND_INITIALIZER;
            pthread_cond_signal(&c);
            syscall(SYS_futex, nullptr, FUTEX_WAIT, 0, nullptr, nullptr, 0); // EFAULT, but counted
            syscall(SYS_futex, nullptr, FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
            (void)!write(-1, "x", 1);
        });
        t.join();
        QVERIFY(g_allocs >= 4);
        QVERIFY(g_frees >= 3);
        QCOMPARE(g_locks.load(), 5L);   // mutex, rwlock, sem_wait, condition variable, futex wait
        QCOMPARE(g_wakeups.load(), 4L); // sem_post twice, sem_trywait, futex wake
        QVERIFY(g_io >= 1);
    }

    void audioThreadNeitherAllocatesNorFreesNorLocksDuringSweepsAndEdits()
    {
        test::JackServer server;
        QVERIFY2(server.isRunning(), server.error().c_str());
        RtAudioBackend backend({RtAudioBackend::Api::Jack});
        ProcessorOptions options;
        options.retireCapacity = 2; // overflows into the backlog, then past it
        options.commandCapacity = 256;
        options.commandsPerCallback = 32;
        auto chain = everyLiveEffect();
        RealtimeProcessor p(std::move(chain), backend, StreamConfig(48000, 256, 2, 2), options);
        zeroCounters(); // from the first callback on
        p.start();
        const auto t0 = std::chrono::steady_clock::now();
        int step = 0;
        bool flooded = false, overflowed = false;
        while (std::chrono::steady_clock::now() - t0 < std::chrono::seconds(4)) {
            const double phase = (step % 200) / 200.0;
            p.setParameter("1.cutoff", 500.0 * std::pow(10.0, phase)); // HiButterworth: 500 Hz to 5 kHz
            p.setParameter("0.mix", phase);
            if (!flooded && step == 100) {
                // Past the queue's capacity: coalesced into the latest-value cells.
                for (int i = 0; i < 3000; ++i)
                    p.setParameter("1.cutoff", 100.0 + i);
                flooded = true;
            }
            if (step % 100 == 50) {
                switch ((step / 100) % 5) {
                case 0:
                    // An edit, and another while its fade runs.
                    p.addEffect(dsp::EffectRegistry::builtin().create("Gain"), 2);
                    p.moveEffect(2, 5);
                    break;
                case 1:
                    p.setBypass(5, true);
                    p.setParameter("5.gain", 0.5);
                    break;
                case 2:
                    p.setBypass(5, false);
                    p.setParameter("3.order", 3 + (step / 100) % 3); // structural: one slot rebuilt
                    break;
                case 3:
                    p.moveEffect(5, 0);
                    break;
                case 4:
                    p.removeEffect(0);
                    break;
                }
            }
            if (!overflowed && step == 300) {
                // Many edits with no poll(): the retire queue (2) and its backlog (16) fill. Each
                // waits until the audio thread has installed the one before, which it would
                // otherwise fold into (so no plan would be retired).
                const auto installed = [&] {
                    const auto before = p.stats().chainSwaps;
                    const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(2);
                    while (p.stats().chainSwaps == before && std::chrono::steady_clock::now() < giveUp)
                        std::this_thread::sleep_for(std::chrono::milliseconds(1));
                };
                for (int i = 0; i < 24; ++i) {
                    p.addEffect(dsp::EffectRegistry::builtin().create("Gain"));
                    installed();
                    p.removeEffect(p.effects().size() - 1); // the Gain just added
                    installed();
                }
                overflowed = true;
            }
            if (step % 30 == 0 && step < 250)
                p.poll();
            ++step;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        const long allocs = g_allocs, frees = g_frees, locks = g_locks, io = g_io;
        const auto s = p.stats();
        p.stop();
        qInfo("%d control steps, %llu callbacks, %llu commands applied (%llu coalesced), %llu chain swaps, "
              "%llu NaN blocks, %llu plans kept",
              step, (unsigned long long)s.callbacks, (unsigned long long)s.commandsApplied,
              (unsigned long long)s.commandsDropped, (unsigned long long)s.chainSwaps,
              (unsigned long long)s.safetyNonFinite, (unsigned long long)s.retireKept);
        QVERIFY(s.callbacks > 400);
        QVERIFY(s.chainSwaps >= 5);
        QVERIFY(s.commandsDropped > 0); // the flood coalesced per parameter
        QVERIFY(s.safetyNonFinite > 0); // NaNs were injected and recovered from
        QVERIFY(s.retireKept > 0);      // the retire path overflowed
        QCOMPARE(allocs, 0L);
        QCOMPARE(frees, 0L);
        QCOMPARE(locks, 0L);
        QCOMPARE(io, 0L);
    }

    // A Convolver holding a real impulse response (1.5 s, stereo), live: zita-convolver's larger
    // partitions run on its worker threads, which the audio thread wakes and polls but never
    // waits for. While it runs: IR swaps (the new instance prepared on the control thread, then
    // on the loader thread, crossfades in), bypass (the fade-out ends in reset(), which swaps in the clean
    // twin), back in, and removal. Locks and waits must be 0; the wake-ups show zita ran threaded.
    void convolverWithARealIrNeverWaits()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string room = dir.filePath(QStringLiteral("room.wav")).toStdString();
        const std::string hall = dir.filePath(QStringLiteral("hall.wav")).toStdString();
        test::writeRoomImpulse(room, 1.5, 48000, 1);
        test::writeRoomImpulse(hall, 2.0, 48000, 2);
        test::JackServer server;
        QVERIFY2(server.isRunning(), server.error().c_str());
        RtAudioBackend backend({RtAudioBackend::Api::Jack});
        RealtimeProcessor p(dsp::parseChain("Gain(1) | Convolver(ir=\"" + room + "\") | Gain(1)"), backend,
                            StreamConfig(48000, 256, 2, 2));
        int step = 0;
        const auto run = [&](int ms) {
            const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
            while (std::chrono::steady_clock::now() < until) {
                if (p.effects().at(1).name() == "Convolver")
                    p.setParameter("1.gain_db", -0.1 * (++step % 10));
                p.poll();
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        };
        zeroCounters();
        p.start();
        run(600);
        p.setText(1, 0, hall); // a swap: prepared here, crossfaded on the audio thread
        run(600);
        p.loadText(1, 0, room); // prepared on the loader thread, installed by poll()
        const auto giveUp = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        while (p.loadsInFlight() > 0 && std::chrono::steady_clock::now() < giveUp)
            run(50);
        QCOMPARE(p.loadsInFlight(), 0);
        run(300);
        p.setBypass(1, true); // its fade-out ends in reset()
        run(300);
        p.setBypass(1, false);
        run(600);
        p.removeEffect(1);
        run(300);
        const long allocs = g_allocs, frees = g_frees, locks = g_locks, io = g_io, wakeups = g_wakeups;
        const auto s = p.stats();
        p.stop();
        qInfo("%llu callbacks, %llu chain swaps, %ld wake-ups of zita's workers",
              (unsigned long long)s.callbacks, (unsigned long long)s.chainSwaps, wakeups);
        QVERIFY(s.callbacks > 300);
        QVERIFY(s.chainSwaps >= 3);
        QCOMPARE(p.effects().size(), 2);
        QVERIFY2(wakeups > 100, "zita's workers ran from the audio thread");
        QCOMPARE(allocs, 0L);
        QCOMPARE(frees, 0L);
        QCOMPARE(locks, 0L);
        QCOMPARE(io, 0L);
    }

    void aMidiFloodAddsNothingToTheAudioThread()
    {
        test::JackServer server;
        QVERIFY2(server.isRunning(), server.error().c_str());
        test::JackMidiSender sender("flood");
        RtAudioBackend backend({RtAudioBackend::Api::Jack});
        ProcessorOptions options;
        options.commandCapacity = 256;
        RealtimeProcessor p(everyLiveEffect(), backend, StreamConfig(48000, 256, 2, 2), options);
        midi::MidiInputs inputs(midi::MidiApi::Jack);
        midi::MidiMapper mapper;
        midi::ProcessorTargets targets(p);
        mapper.resetRack(p.effects().size());
        for (const char* spec :
             {"ch1:cc74=1.cutoff:500..5000:log", "ch1:cc1/33=0.mix", "ch1:cc74=0.mix:1..0",
              "ch1:note36=bypass:2", "ch2:nrpn300=1.cutoff:200..8000", "ch1:cc16=0.mix:rel2c"})
            mapper.add(midi::parseMappingSpec(spec));
        QCOMPARE(inputs.open("flood"), 1);
        zeroCounters();
        p.start();
        // 10,000 messages a second for 3 s: ten every millisecond, dispatched every millisecond.
        const auto t0 = std::chrono::steady_clock::now();
        int sent = 0;
        for (int ms = 0; ms < 3000; ++ms) {
            for (int i = 0; i < 10; ++i, ++sent) {
                const int k = sent % 10, v = (sent / 10) % 128;
                if (k < 4)
                    sender.cc(1, 74, v);
                else if (k == 4)
                    sender.cc(1, 1, v);
                else if (k == 5)
                    sender.cc(1, 33, 127 - v);
                else if (k == 6)
                    sender.send({0x91, 36, static_cast<unsigned char>(v | 1)}); // ch2: unmapped note
                else if (k == 7)
                    sender.send({0x90, 36, static_cast<unsigned char>(sent % 200 == 7 ? 100 : 0)});
                else if (k == 8)
                    sender.cc(2, 6, v);
                else
                    sender.cc(1, 16, v % 2 ? 1 : 127);
            }
            if (ms == 0) {
                sender.cc(2, 99, 2);
                sender.cc(2, 98, 44);
            }
            inputs.drain(
                [&](const midi::MidiEvent& e, const std::string& port) { mapper.handle(e, port, targets); });
            mapper.flush(targets);
            if (ms % 30 == 0)
                p.poll();
            std::this_thread::sleep_until(t0 + std::chrono::milliseconds(ms + 1));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        inputs.drain(
            [&](const midi::MidiEvent& e, const std::string& port) { mapper.handle(e, port, targets); });
        mapper.flush(targets);
        const long allocs = g_allocs, frees = g_frees, locks = g_locks, io = g_io;
        const auto s = p.stats();
        p.stop();
        qInfo("%d MIDI messages sent, %llu received, %llu dropped; %llu callbacks, %llu commands applied "
              "(%llu coalesced)",
              sent, (unsigned long long)inputs.received(), (unsigned long long)inputs.dropped(),
              (unsigned long long)s.callbacks, (unsigned long long)s.commandsApplied,
              (unsigned long long)s.commandsDropped);
        QVERIFY(inputs.received() >= 29000); // the flood went through RtMidi into the mapper
        QVERIFY(s.commandsApplied > 1000);
        QCOMPARE(allocs, 0L);
        QCOMPARE(frees, 0L);
        QCOMPARE(locks, 0L);
        QCOMPARE(io, 0L);
    }

    void editsFoldedWhileTheAudioThreadRuns()
    {
        // Structural edits far faster than the transitions (review M6): the control side folds
        // each into the plan the audio thread has not taken yet, racing the audio thread for it.
        // Taking a plan, and finding one being folded, cost the audio thread nothing.
        OfflineBackend backend(dsp::AudioBuffer(2, 48000), 4 * 48000, OfflineBackend::Pace::RealTime);
        ProcessorOptions options;
        options.commandCapacity = 64;
        RealtimeProcessor p(dsp::parseChain("Gain(0.5) | HiButterworth(cutoff=100, order=2)"), backend,
                            StreamConfig(48000, 256, 2, 2), options);
        zeroCounters();
        p.start();
        constexpr int kEdits = 500;
        for (int k = 1; k <= kEdits; ++k) {
            p.replaceChain(dsp::parseChain(
                "Gain(" + std::to_string(0.5 + 0.01 * (k % 20)) + ") | HiButterworth(cutoff=100, order=" +
                std::to_string(2 + 2 * (k % 4)) + ")" + (k % 5 == 0 ? " | Delay(delay_samples=4800)" : "")));
            std::this_thread::sleep_for(std::chrono::microseconds(300));
            if (k % 40 == 0)
                p.poll();
        }
        const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (p.stats().chainSwaps + p.stats().editsFolded < uint64_t(kEdits) &&
               std::chrono::steady_clock::now() < giveUp)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        const long allocs = g_allocs, frees = g_frees, locks = g_locks, io = g_io;
        const auto s = p.stats();
        p.stop();
        qInfo("%llu callbacks, %llu plans installed, %llu folded", (unsigned long long)s.callbacks,
              (unsigned long long)s.chainSwaps, (unsigned long long)s.editsFolded);
        QCOMPARE(s.chainSwaps + s.editsFolded, uint64_t(kEdits));
        QVERIFY(s.editsFolded > 0);
        QCOMPARE(allocs, 0L);
        QCOMPARE(frees, 0L);
        QCOMPARE(locks, 0L);
        QCOMPARE(io, 0L);
    }

    void buffersThatAreNotMultiplesOfThePreparedBlock()
    {
        UnevenBuffers backend;
        RealtimeProcessor p(everyLiveEffect(), backend, StreamConfig(48000, 256, 2, 2));
        zeroCounters();
        p.start();
        for (int i = 0; i < 50; ++i) {
            p.setParameter("0.cutoff", 200.0 + 50 * i);
            if (i % 10 == 5)
                p.addEffect(dsp::EffectRegistry::builtin().create("Gain"), 1);
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        backend.join();
        const long allocs = g_allocs, frees = g_frees, locks = g_locks, io = g_io;
        const auto s = p.stats();
        p.stop();
        QCOMPARE(s.callbacks, uint64_t(600));
        QCOMPARE(allocs, 0L);
        QCOMPARE(frees, 0L);
        QCOMPARE(locks, 0L);
        QCOMPARE(io, 0L);
    }
};

QTEST_APPLESS_MAIN(TestAudioThreadNoAlloc)
#include "tst_audio_thread_no_alloc.moc"
