// The seed's "Real-time Audio Processing" examples (realtime-tutorial.md), in C++, against a
// real JACK server (dummy driver). Each test checks what its example prints or promises.
#include "common/JackServer.h"
#include "dsp/ChainSpec.h"
#include "realtime/RealtimeProcessor.h"
#include "realtime/RtAudioBackend.h"
#include "realtime/StreamConfig.h"

#include <QtTest>
#include <cstdio>
#include <thread>

using namespace fxrack;
using namespace fxrack::realtime;

class TestSeedRealtime : public QObject {
    Q_OBJECT
    std::unique_ptr<test::JackServer> m_server;

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<test::JackServer>(48000, 512);
        QVERIFY2(m_server->isRunning(), m_server->error().c_str());
    }

    void streamConfiguration()
    {
        StreamConfig playback(48000, 512, 0, 2);
        QCOMPARE(QString(directionName(playback.direction())), QString("OUTPUT"));
        QCOMPARE(QString::asprintf("Latency: %.1fms", playback.latencyMs()), QString("Latency: 10.7ms"));
        StreamConfig duplex(48000, 256, 1, 1, LatencyPreset::parse("low"));
        QCOMPARE(QString(directionName(duplex.direction())), QString("DUPLEX"));
        QCOMPARE(QString::asprintf("Latency: %.1fms", duplex.latencyMs()), QString("Latency: 5.3ms"));
    }

    void listingAudioDevices()
    {
        RtAudioBackend backend({RtAudioBackend::Api::Jack});
        QStringList lines;
        for (const auto& d : backend.devices())
            lines << QString::asprintf("%d: %s (in=%d, out=%d)", d.index, d.name.c_str(), d.maxInputChannels,
                                       d.maxOutputChannels);
        qInfo("%s", qPrintable(lines.join("\n")));
        QVERIFY(lines.contains("0: system (in=2, out=2)"));
    }

    void basicPassthroughWithEffects()
    {
        RtAudioBackend backend({RtAudioBackend::Api::Jack});
        {
            RealtimeProcessor processor(
                dsp::parseChain(
                    "HiButterworth(80) | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)"),
                backend, StreamConfig(48000, 512, 1, 1));
            processor.start();
            QCOMPARE(QString::asprintf("Processing at %.1fms latency", processor.latencyMs()),
                     QString("Processing at 10.7ms latency"));
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            QVERIFY(processor.stats().frames > 0); // mic -> effects -> speakers
            QCOMPARE(backend.state(), BackendState::Running);
        } // the processor stops when it leaves the scope
        QCOMPARE(backend.state(), BackendState::Closed);
    }

    void threadSafeCutoffSweep()
    {
        RtAudioBackend backend({RtAudioBackend::Api::Jack});
        RealtimeProcessor processor(dsp::parseChain("LoButterworth(500) | Gain(1.0)"), backend,
                                    StreamConfig(48000, 512, 1, 1));
        processor.start();
        int changes = 0;
        for (int cutoff = 500; cutoff <= 5000; cutoff += 100, ++changes) {
            processor.setParameter("0.cutoff", cutoff);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const auto stats = processor.stats();
        processor.stop();
        QCOMPARE(changes, 46);
        QCOMPARE(stats.commandsApplied, uint64_t(46)); // every change reached a buffer boundary
        QCOMPARE(processor.effects().at(0).param("cutoff"), 5000.0);
    }

    void automaticSampleRatePropagation()
    {
        RtAudioBackend backend({RtAudioBackend::Api::Jack});
        RealtimeProcessor processor(dsp::parseChain("LoButterworth(cutoff=2000)"), backend,
                                    StreamConfig(48000, 512, 0, 2));
        QCOMPARE(processor.effects().at(0).spec().sampleRate, 48000.0); // print(lpf.fs) -> 48000
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_APPLESS_MAIN(TestSeedRealtime)
#include "tst_seed_realtime.moc"
