// Impulse responses load on the processor's loader thread (issue 14): loadText() returns at once,
// the running instance plays on, and poll() crossfades the new one in. A newer edit of the slot
// wins over an older load, a failed load leaves the slot as it ran, and a slot moved or removed
// meanwhile is found or let go. Driven block by block through the offline backend.
#include "common/AudioFiles.h"
#include "common/HandDrivenBackend.h"
#include "common/Signals.h"
#include "dsp/ChainSpec.h"
#include "realtime/OfflineBackend.h"
#include "realtime/RealtimeProcessor.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <cmath>
#include <pthread.h>
#include <sched.h>
#include <thread>

using namespace fxrack;
using namespace fxrack::realtime;

namespace {

constexpr int kRate = 48000;
constexpr int kBlock = 256;
constexpr int kIr = 0; // Convolver's "ir"

std::string writeRoom(const QTemporaryDir& dir, const QString& name, double seconds, int rate = kRate)
{
    const std::string path = dir.filePath(name).toStdString();
    test::writeRoomImpulse(path, seconds, rate);
    return path;
}

// A processor over noise, pumped by hand: blocks run while the loader works.
struct Rig {
    explicit Rig(const std::string& chain, ProcessorOptions options = {})
        : backend(test::whiteNoise(2, 40 * kRate, 0.25f), -1, OfflineBackend::Pace::Manual),
          processor(dsp::parseChain(chain), backend, StreamConfig(kRate, kBlock, 2, 2), options)
    {
        processor.start();
        backend.pump(8);
    }
    // Pumps and polls until `count` loads are reported (or a minute passed: a hung loader).
    std::vector<RealtimeProcessor::LoadResult> waitForLoads(size_t count)
    {
        std::vector<RealtimeProcessor::LoadResult> results;
        const auto giveUp = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        while (results.size() < count && std::chrono::steady_clock::now() < giveUp) {
            backend.pump(1); // none once the input is used up: the loads land all the same
            processor.poll();
            for (auto& r : processor.takeFinishedLoads())
                results.push_back(std::move(r));
            // About real time or slower, so the 40 s of input outlast any load.
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return results;
    }
    // The largest difference between output and input over the last `frames` frames pumped.
    double changeOverLast(int frames)
    {
        const long long end = backend.framesDone();
        double worst = 0.0;
        for (long long i = end - frames; i < end; ++i)
            worst = std::max(worst, double(std::fabs(backend.output().channel(0)[i] - noise.channel(0)[i])));
        return worst;
    }
    dsp::AudioBuffer noise = test::whiteNoise(2, 40 * kRate, 0.25f);
    OfflineBackend backend;
    RealtimeProcessor processor;
};

// A stream with a deadline (so a Convolver runs live and never waits on zita's threads) whose
// callbacks the test runs by hand, as fast as it can: zita's workers fall behind, and their late
// partitions are dropped and counted. Nothing else of a device.
class HurriedBackend final : public test::HandDrivenBackend {
public:
    void pump(int blocks)
    {
        const float* in[2] = {m_noise.channel(0), m_noise.channel(1)};
        float* out[2] = {m_out.channel(0), m_out.channel(1)};
        for (int b = 0; b < blocks && m_state == BackendState::Running; ++b)
            m_callback->process(in, 2, out, 2, kBlock, 0);
    }

private:
    dsp::AudioBuffer m_noise = test::whiteNoise(2, kBlock, 0.25f);
    dsp::AudioBuffer m_out{2, kBlock};
};

// The process's threads that run SCHED_FIFO at a priority in [low, high].
int fifoThreads(int low, int high)
{
    int count = 0;
    for (const auto& task :
         QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const pid_t tid = task.toInt();
        sched_param param{};
        if (sched_getscheduler(tid) == SCHED_FIFO && sched_getparam(tid, &param) == 0 &&
            param.sched_priority >= low && param.sched_priority <= high)
            ++count;
    }
    return count;
}

} // namespace

class TestIrLoader : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_big, m_small;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_big = writeRoom(m_dir, QStringLiteral("big.wav"), 8.0, 44100); // resampled to 48 kHz
        m_small = writeRoom(m_dir, QStringLiteral("small.wav"), 0.3);
    }

    void loadReturnsAtOnceAndCrossfadesIn()
    {
        Rig rig("Gain(1) | Convolver | Gain(1)");
        QVERIFY(rig.changeOverLast(kBlock) < 1e-6); // no IR yet: the Convolver passes audio through
        const uint64_t ticket = rig.processor.loadText(1, kIr, m_big);
        QVERIFY(ticket > 0);
        QCOMPARE(rig.processor.effects().at(1).text(kIr), m_big); // shown at once
        QCOMPARE(rig.processor.loadsInFlight(), 1);
        const auto results = rig.waitForLoads(1);
        QCOMPARE(results.size(), size_t(1));
        QCOMPARE(results[0].ticket, ticket);
        QCOMPARE(results[0].slot, 1);
        QVERIFY2(results[0].error.empty(), results[0].error.c_str());
        QCOMPARE(rig.processor.loadsInFlight(), 0);
        rig.backend.pump(40);
        QVERIFY2(rig.changeOverLast(20 * kBlock) > 1e-3, "the new IR runs");
    }

    void aNewerEditWins()
    {
        Rig rig("Gain(1) | Convolver | Gain(1)");
        const uint64_t older = rig.processor.loadText(1, kIr, m_big);
        const uint64_t newer = rig.processor.loadText(1, kIr, m_small);
        const auto results = rig.waitForLoads(2);
        QCOMPARE(results.size(), size_t(2));
        for (const auto& r : results) {
            if (r.ticket == older) {
                QCOMPARE(r.slot, -1); // never installed
                QVERIFY(r.overtaken);
            } else {
                QCOMPARE(r.ticket, newer);
                QCOMPARE(r.slot, 1);
            }
        }
        QCOMPARE(rig.processor.effects().at(1).text(kIr), m_small);

        // A structural value changed while its slot loads is loaded on the loader too, and the
        // newest edit carries both.
        rig.processor.loadText(1, kIr, m_big);
        const uint64_t first = rig.processor.pendingLoad(1);
        rig.processor.setParameter("1.length_ms", 100.0);
        QCOMPARE(rig.processor.loadsInFlight(), 1);
        QVERIFY(rig.processor.pendingLoad(1) > first); // the newer load
        const auto both = rig.waitForLoads(2);
        QCOMPARE(both.size(), size_t(2));
        QCOMPARE(both.back().slot, 1);
        QVERIFY(both.back().error.empty());
        QCOMPARE(rig.processor.effects().at(1).text(kIr), m_big);
        QCOMPARE(rig.processor.effects().at(1).param("length_ms"), 100.0);
    }

    void aFailedLoadKeepsWhatRuns()
    {
        Rig rig("Gain(1) | Convolver | Gain(1)");
        rig.processor.loadText(1, kIr, m_small);
        QCOMPARE(rig.waitForLoads(1).size(), size_t(1));
        const std::string missing = m_dir.filePath(QStringLiteral("gone.wav")).toStdString();
        rig.processor.loadText(1, kIr, missing);
        QCOMPARE(rig.processor.effects().at(1).text(kIr), missing);
        const auto results = rig.waitForLoads(1);
        QCOMPARE(results.size(), size_t(1));
        QCOMPARE(results[0].slot, 1);
        QVERIFY2(QString::fromStdString(results[0].error).contains(QString::fromStdString(missing)),
                 results[0].error.c_str());
        QCOMPARE(rig.processor.effects().at(1).text(kIr), m_small); // what runs, shown again
        rig.backend.pump(40);
        QVERIFY2(rig.changeOverLast(20 * kBlock) > 1e-3, "the small room still runs");
    }

    void aSlotMovedOrRemovedMeanwhile()
    {
        Rig rig("Gain(1) | Convolver | Gain(1)");
        rig.processor.loadText(1, kIr, m_big);
        rig.processor.moveEffect(1, 2); // Gain, Gain, Convolver
        auto results = rig.waitForLoads(1);
        QCOMPARE(results.size(), size_t(1));
        QCOMPARE(results[0].slot, 2); // found where it went
        QCOMPARE(rig.processor.effects().at(2).text(kIr), m_big);

        rig.processor.loadText(2, kIr, m_small);
        rig.processor.removeEffect(2);
        results = rig.waitForLoads(1);
        QCOMPARE(results.size(), size_t(1));
        QCOMPARE(results[0].slot, -1); // let go
        QVERIFY(!results[0].overtaken);
        QCOMPARE(rig.processor.effects().size(), 2);

        // Stopped and started while loading: it lands all the same.
        rig.processor.addEffect(dsp::parseChain("Convolver").remove(0), 1);
        rig.processor.loadText(1, kIr, m_small);
        rig.processor.stop();
        rig.processor.start();
        results = rig.waitForLoads(1);
        QCOMPARE(results.size(), size_t(1));
        QCOMPARE(results[0].slot, 1);
        QVERIFY(results[0].error.empty());
    }

    // loadFilesOnWorker (the app): every file loads on the loader, also for slots that enter the
    // rack (construction, addEffect, replaceChain), which run dry meanwhile, and for structural
    // changes of an effect that reads one.
    void withLoadFilesOnWorkerEveryFileLoadsThere()
    {
        ProcessorOptions options;
        options.loadFilesOnWorker = true;
        Rig rig("Gain(1) | Convolver(ir=\"" + m_small + "\")", options);
        QVERIFY(rig.processor.pendingLoad(1) > 0); // constructed dry, its file on the loader
        auto results = rig.waitForLoads(1);
        QCOMPARE(results.size(), size_t(1));
        QCOMPARE(results[0].slot, 1);
        QVERIFY(results[0].error.empty());

        rig.processor.addEffect(dsp::parseChain("Convolver(ir=\"" + m_big + "\")").remove(0), 2);
        QVERIFY(rig.processor.pendingLoad(2) > 0);
        QCOMPARE(rig.processor.effects().at(2).text(kIr), m_big);
        rig.processor.replaceChain(
            dsp::parseChain("Gain(1) | Convolver(ir=\"" + m_big + "\") | Convolver(ir=\"" + m_big + "\")"));
        QVERIFY(rig.processor.pendingLoad(1) > 0); // another file: a new instance, loading
        results = rig.waitForLoads(2);             // slot 2's load still lands: replaceChain kept it
        QCOMPARE(results.size(), size_t(2));
        for (const auto& r : results) {
            QVERIFY(r.slot == 1 || r.slot == 2);
            QVERIFY2(r.error.empty(), r.error.c_str());
        }
        QCOMPARE(rig.processor.loadsInFlight(), 0);

        rig.processor.setParameter("1.predelay_ms", 5.0); // structural, and it reads the file
        QVERIFY(rig.processor.pendingLoad(1) > 0);
        results = rig.waitForLoads(1);
        QCOMPARE(results.size(), size_t(1));
        QCOMPARE(results[0].slot, 1);
        QCOMPARE(rig.processor.effects().at(1).param("predelay_ms"), 5.0);
    }

    // A load lands in its slot through rack edits that fold into one another (each replaceChain
    // finding the one before it not yet taken by the audio thread): the Convolver keeps its key
    // while the filter after it is rebuilt again and again and a Gain comes and goes before it.
    void aLoadLandsThroughFoldedEdits()
    {
        ProcessorOptions options;
        options.loadFilesOnWorker = true;
        const auto chain = [&](int k) {
            return std::string(k % 3 == 1 ? "Gain(0.5) | " : "") + "Gain(1) | Convolver(ir=\"" + m_small +
                   "\") | HiButterworth(cutoff=50, order=" + std::to_string(2 + 2 * (k % 2)) + ")";
        };
        Rig rig("Gain(1) | Convolver(ir=\"" + m_big + "\") | HiButterworth(cutoff=50, order=2)", options);
        QCOMPARE(rig.waitForLoads(1).size(), size_t(1));
        const uint64_t ticket = rig.processor.loadText(1, kIr, m_small);
        constexpr int kLast = 41; // no Gain(0.5) before: the Convolver is at 1 again
        for (int k = 1; k <= kLast; ++k) {
            rig.processor.replaceChain(dsp::parseChain(chain(k)));
            if (k % 4 == 0)
                rig.backend.pump(1);
        }
        QVERIFY(rig.processor.stats().editsFolded > 10);
        QCOMPARE(rig.processor.pendingLoad(1), ticket); // kept: its load still may land
        const auto results = rig.waitForLoads(1);
        QCOMPARE(results.size(), size_t(1));
        QCOMPARE(results[0].ticket, ticket);
        QCOMPARE(results[0].slot, 1);
        QVERIFY2(results[0].error.empty(), results[0].error.c_str());
        // Once the small room's 0.3 s and the filter's settling are over, the output is what
        // the last chain gives when it runs from the start.
        rig.backend.pump(150);
        Rig reference(chain(kLast));
        while (reference.backend.framesDone() < rig.backend.framesDone())
            reference.backend.pump(1);
        const long long end = rig.backend.framesDone();
        double worst = 0.0;
        for (long long i = end - 2 * kBlock; i < end; ++i)
            worst = std::max(worst, double(std::fabs(rig.backend.output().channel(0)[i] -
                                                     reference.backend.output().channel(0)[i])));
        QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));
    }

    // replaceChain keeps the instance that holds a tail where two matchings are possible (a Gain
    // moved across it). An IR is a tail, though the control side's copy of a Convolver knows its
    // length only once the file is read: the Convolver stays, its file is not read again and its
    // tail is not cut, and the Gain is the one rebuilt.
    void aGainMovedAcrossAConvolverKeepsTheConvolver()
    {
        ProcessorOptions options;
        options.loadFilesOnWorker = true;
        Rig rig("Gain(1) | Convolver(ir=\"" + m_small + "\")", options);
        QCOMPARE(rig.waitForLoads(1).size(), size_t(1));
        QCOMPARE(rig.processor.loadsInFlight(), 0);
        rig.processor.replaceChain(dsp::parseChain("Convolver(ir=\"" + m_small + "\") | Gain(1)"));
        QCOMPARE(rig.processor.effects().at(0).name(), std::string("Convolver"));
        QCOMPARE(rig.processor.pendingLoad(0), uint64_t(0)); // kept: nothing to load
        QCOMPARE(rig.processor.loadsInFlight(), 0);
    }

    // A swap through the loader crossfades (10 ms): no click. From an IR that passes a 997 Hz
    // sine as it is to one that delays it by half a period (so it comes out inverted), a cut
    // would step by twice the amplitude; the fade keeps every step near the sine's own.
    void aSwapThroughTheLoaderDoesNotClick()
    {
        const auto impulseAt = [&](const QString& name, int at) {
            std::vector<float> taps(2000, 0.0f); // longer than the direct head: zita runs too
            taps[static_cast<size_t>(at)] = 1.0f;
            const std::string path = m_dir.filePath(name).toStdString();
            test::writeFile(path, {taps}, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
            return path;
        };
        const std::string straight = impulseAt(QStringLiteral("straight.wav"), 0);
        const std::string inverted =
            impulseAt(QStringLiteral("inverted.wav"), 24); // 24 / 48000 s ~ 1/2 period
        const auto input = test::sine(1, kRate, 997.0, kRate, 0.3f);
        OfflineBackend backend(test::copyOf(input), -1, OfflineBackend::Pace::Manual);
        RealtimeProcessor p(dsp::parseChain("Convolver(ir=\"" + straight + "\")"), backend,
                            StreamConfig(kRate, kBlock, 1, 1));
        p.start();
        bool swapped = false, landed = false;
        while (!backend.finished()) {
            if (!swapped && backend.framesDone() >= kRate / 4) {
                p.loadText(0, kIr, inverted);
                swapped = true;
                // The audio waits for the load here, so the swap lands at the same time each run.
                const auto giveUp = std::chrono::steady_clock::now() + std::chrono::minutes(1);
                while (p.loadsInFlight() > 0 && std::chrono::steady_clock::now() < giveUp) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                    p.poll();
                }
                for (const auto& r : p.takeFinishedLoads())
                    landed = landed || (r.slot == 0 && r.error.empty());
            }
            backend.pump(1);
        }
        p.stop();
        QVERIFY(landed);
        const float* out = backend.output().channel(0);
        const float* x = input.channel(0);
        const float sineStep = 0.3f * 2 * float(M_PI) * 997 / kRate;
        const float step = test::maxStep(out, 1, kRate);
        QVERIFY2(step <= sineStep + 0.6f / 480 + 1e-4f, qPrintable(QString::number(step)));
        for (int i = kRate - 1000; i < kRate; ++i) // the inverted IR runs
            QVERIFY(std::fabs(out[i] - x[i - 24]) < 1e-4f);
    }

    void aProcessorDestroyedDuringALoadLeavesItToTheLoader()
    {
        // The loader finishes the load alone and frees it (a GUI that stops the engine does not
        // wait for a file); nothing lands in the freed processor. A crash or a sanitizer report
        // here is the failure. A second processor loads meanwhile, on a loader of its own.
        auto rig = std::make_unique<Rig>("Convolver");
        rig->processor.loadText(0, kIr, m_big);
        QCOMPARE(rig->processor.loadsInFlight(), 1);
        rig.reset();
        Rig next("Convolver");
        next.processor.loadText(0, kIr, m_small);
        const auto results = next.waitForLoads(1);
        QCOMPARE(results.size(), size_t(1));
        QCOMPARE(results[0].slot, 0);
    }

    // A loader thread that cannot be created (the system's limit on threads) makes the load fail
    // like one that cannot read its file: reported on the slot, which runs what it ran; nothing
    // throws, and the next load starts the thread.
    void aLoaderThatCannotStartFailsTheLoad()
    {
        Rig rig("Gain(1) | Convolver | Gain(1)");
        RealtimeProcessor::failLoaderStartForTesting(true);
        uint64_t ticket = 0;
        try {
            ticket = rig.processor.loadText(1, kIr, m_small);
        } catch (const std::exception& e) {
            RealtimeProcessor::failLoaderStartForTesting(false);
            QFAIL(e.what());
        }
        RealtimeProcessor::failLoaderStartForTesting(false);
        const auto failed = rig.waitForLoads(1);
        QCOMPARE(failed.size(), size_t(1));
        QCOMPARE(failed[0].ticket, ticket);
        QCOMPARE(failed[0].slot, 1);
        QVERIFY2(failed[0].error.find("loader thread") != std::string::npos &&
                     failed[0].error.find(m_small) != std::string::npos,
                 failed[0].error.c_str());
        QCOMPARE(rig.processor.effects().at(1).text(kIr), std::string()); // what runs
        QCOMPARE(rig.processor.loadsInFlight(), 0);
        rig.backend.pump(4);
        QVERIFY(rig.changeOverLast(kBlock) < 1e-6); // still the dry Convolver
        rig.processor.loadText(1, kIr, m_small);
        const auto loaded = rig.waitForLoads(1);
        QCOMPARE(loaded.size(), size_t(1));
        QVERIFY2(loaded[0].error.empty(), loaded[0].error.c_str());
        QCOMPARE(rig.processor.effects().at(1).text(kIr), m_small);
    }

    // Late zita partitions of a live Convolver show in the processor's stats, summed by the audio
    // thread, and stay counted once the Convolver has left the rack.
    void lateConvolverPartitionsShowInTheStats()
    {
        HurriedBackend backend;
        RealtimeProcessor processor(dsp::parseChain("Gain(1) | Convolver(ir=\"" + m_big + "\")"), backend,
                                    StreamConfig(kRate, kBlock, 2, 2));
        processor.start();
        QCOMPARE(processor.stats().convolverLateCycles, uint64_t(0));
        const auto giveUp = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        while (processor.stats().convolverLateCycles == 0 && std::chrono::steady_clock::now() < giveUp)
            backend.pump(64);
        const uint64_t late = processor.stats().convolverLateCycles;
        QVERIFY2(late > 0, "no late partition in a minute of callbacks run back to back");
        processor.removeEffect(1);
        backend.pump(64); // past the fade-out: the Convolver is gone from the chain
        processor.poll();
        QCOMPARE(processor.effects().size(), 1);
        QVERIFY(processor.stats().convolverLateCycles >= late);
        processor.stop();
    }

    // The audio thread reads its real-time priority at its first callback, and poll() puts the
    // live Convolver's workers below it: a chain prepared before the stream ran (priority unknown,
    // SCHED_OTHER workers) follows a stream whose thread runs SCHED_FIFO 30.
    void convolverWorkersFollowTheAudioThreadsPriority()
    {
        HurriedBackend backend;
        RealtimeProcessor processor(dsp::parseChain("Convolver(ir=\"" + m_small + "\")"), backend,
                                    StreamConfig(kRate, kBlock, 2, 2));
        const int before = fifoThreads(1, 29);
        processor.start();
        bool fifo = false;
        std::thread audio([&] {
            sched_param param{};
            param.sched_priority = 30;
            fifo = pthread_setschedparam(pthread_self(), SCHED_FIFO, &param) == 0;
            if (fifo)
                backend.pump(4);
        });
        audio.join();
        if (!fifo)
            QSKIP("this process may not use SCHED_FIFO (no rtprio limit, no CAP_SYS_NICE)");
        processor.poll();
        // Both zita instances (the running one and its twin), a thread per level past the first.
        QVERIFY2(fifoThreads(1, 29) >= before + 2, qPrintable(QString::number(fifoThreads(1, 29))));
        QCOMPARE(fifoThreads(30, 99), 0); // none at or above the audio thread
        processor.stop();
    }
};

QTEST_GUILESS_MAIN(TestIrLoader)
#include "tst_ir_loader.moc"
