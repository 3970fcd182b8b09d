// Counts malloc/free/new/delete and mutex locks made on the audio thread (the processor's
// callback marks it with AudioThreadScope) while parameters sweep and the chain is edited live
// through a real JACK server. The count must be 0.
#include "common/JackServer.h"
#include "dsp/ChainSpec.h"
#include "realtime/AudioThread.h"
#include "realtime/RealtimeProcessor.h"
#include "realtime/RtAudioBackend.h"

#include <QtTest>
#include <atomic>
#include <cstdlib>
#include <dlfcn.h>
#include <new>
#include <pthread.h>
#include <thread>

namespace {
std::atomic<long> g_allocs{0}, g_frees{0}, g_locks{0};
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
int pthread_mutex_lock(pthread_mutex_t* m)
{
    if (fxrack::realtime::onAudioThread())
        g_locks.fetch_add(1, std::memory_order_relaxed);
    // glibc's own locks inside dlsym do not come back through this public symbol.
    using Lock = int (*)(pthread_mutex_t*);
    static Lock real = reinterpret_cast<Lock>(dlsym(RTLD_NEXT, "pthread_mutex_lock"));
    return real(m);
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

class TestAudioThreadNoAlloc : public QObject {
    Q_OBJECT
private slots:
    void theCounterSeesAllocationsAndLocksOnAMarkedThread()
    {
        g_allocs = g_frees = g_locks = 0;
        std::thread t([] {
            AudioThreadScope scope;
            auto* v = new std::vector<int>(100);
            delete v;
            std::mutex m;
            m.lock();
            m.unlock();
        });
        t.join();
        QVERIFY(g_allocs >= 2);
        QVERIFY(g_frees >= 2);
        QVERIFY(g_locks >= 1);
    }

    void audioThreadNeitherAllocatesNorFreesNorLocksDuringSweepsAndEdits()
    {
        test::JackServer server;
        QVERIFY2(server.isRunning(), server.error().c_str());
        RtAudioBackend backend({RtAudioBackend::Api::Jack});
        RealtimeProcessor p(
            dsp::parseChain("HiButterworth(80) | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)"),
            backend, StreamConfig(48000, 256, 2, 2));
        p.start();
        g_allocs = g_frees = g_locks = 0;
        const auto t0 = std::chrono::steady_clock::now();
        int step = 0;
        while (std::chrono::steady_clock::now() - t0 < std::chrono::seconds(3)) {
            const double phase = (step % 200) / 200.0;
            p.setParameter("1.cutoff", 500.0 * std::pow(10.0, phase)); // 500 Hz to 5 kHz
            p.setParameter("2.gain", 0.5 + phase);
            if (step % 100 == 50) {
                switch ((step / 100) % 5) {
                case 0:
                    p.addEffect(dsp::EffectRegistry::builtin().create("Gain"));
                    break;
                case 1:
                    p.setBypass(4, true);
                    break;
                case 2:
                    p.setBypass(4, false);
                    break;
                case 3:
                    p.moveEffect(4, 3);
                    break;
                case 4:
                    p.removeEffect(3);
                    break;
                }
            }
            if (step % 30 == 0)
                p.poll();
            ++step;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        const long allocs = g_allocs, frees = g_frees, locks = g_locks;
        const auto s = p.stats();
        p.stop();
        qInfo("%d control steps, %llu callbacks, %llu commands applied, %llu chain swaps", step,
              (unsigned long long)s.callbacks, (unsigned long long)s.commandsApplied,
              (unsigned long long)s.chainSwaps);
        QVERIFY(s.callbacks > 400);
        QVERIFY(s.chainSwaps >= 5);
        QCOMPARE(allocs, 0L);
        QCOMPARE(frees, 0L);
        QCOMPARE(locks, 0L);
    }
};

QTEST_APPLESS_MAIN(TestAudioThreadNoAlloc)
#include "tst_audio_thread_no_alloc.moc"
