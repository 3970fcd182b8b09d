#include "dsp/ChainSpec.h"
#include "realtime/AnalysisPolicy.h"
#include "realtime/BackendFactory.h"
#include "realtime/OfflineBackend.h"

#include <QtTest>
#include <algorithm>
#include <chrono>
#include <thread>

using namespace fxrack;
using namespace fxrack::realtime;

namespace {

// Counts callbacks; output filled with a marker so a callback that ran is visible.
class CountingCallback : public AudioCallback {
public:
    void process(const float* const*, int, float* const* out, int numOut, int frames,
                 unsigned) noexcept override
    {
        for (int c = 0; c < numOut; ++c)
            std::fill_n(out[c], frames, 0.25f);
        calls.fetch_add(1);
    }
    std::atomic<int> calls{0};
};

} // namespace

class TestBackendFactory : public QObject {
    Q_OBJECT
private slots:
    void noneIsTheNoDeviceBackend()
    {
        auto backend = makeBackend("none");
        QCOMPARE(QString::fromStdString(backend->name()), QString("none"));
        QVERIFY(dynamic_cast<OfflineBackend*>(backend.get()));
        const auto devices = backend->devices();
        QCOMPARE(devices.size(), size_t(1));
        QCOMPARE(devices[0].maxInputChannels, 0);
        QCOMPARE(devices[0].maxOutputChannels, StreamConfig::kMaxChannels);
        QCOMPARE(backend->defaultInputDevice(), -1);
    }
    void theNamedApisAreOfferedWithNoneLast()
    {
        const auto apis = backendApis();
        QVERIFY(!apis.empty());
        QCOMPARE(QString::fromStdString(apis.back()), QString("none"));
        QVERIFY(std::find(apis.begin(), apis.end(), "jack") != apis.end());
    }
    void anUnknownApiIsRefusedByName()
    {
        try {
            makeBackend("coreaudio");
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("coreaudio"), e.what());
        }
    }
    void noDeviceRunsInRealTimeUntilStoppedAndRecordsNothing()
    {
        auto backend = OfflineBackend::noDevice();
        CountingCallback callback;
        backend->open(StreamConfig(48000, 480, 0, 2), callback);
        backend->start();
        // Well past any offline run's length: it keeps going (10 ms a buffer).
        QTRY_VERIFY_WITH_TIMEOUT(callback.calls.load() >= 5, 5000);
        QCOMPARE(backend->state(), BackendState::Running);
        QCOMPARE(backend->output().numFrames(), 480); // one buffer, reused
        backend->simulateFailure("gone");
        QTRY_COMPARE_WITH_TIMEOUT(backend->state(), BackendState::Error, 2000);
        QCOMPARE(QString::fromStdString(backend->lastError()), QString("gone"));
        backend->close();
    }
    void passByPutsABypassedGainInTheAnalysisEffectsSlot()
    {
        dsp::EffectChain chain = dsp::parseChain("Gain(0.5) | Normalize | Gain(2)");
        ProcessorOptions options;
        options.analysisEffects = AnalysisEffects::PassBy;
        const auto passed = applyAnalysisPolicy(chain, options);
        QCOMPARE(passed.size(), size_t(1));
        QCOMPARE(QString::fromStdString(passed[0]), QString("Normalize"));
        QCOMPARE(chain.size(), 3);
        QCOMPARE(QString::fromStdString(chain.at(1).name()), QString("Gain"));
        QVERIFY(chain.isBypassed(1));
        QVERIFY(!chain.isBypassed(2));
    }
    void refuseLeavesTheChainForTheProcessorToRefuse()
    {
        dsp::EffectChain chain = dsp::parseChain("Normalize");
        QVERIFY(applyAnalysisPolicy(chain, ProcessorOptions{}).empty());
        QCOMPARE(QString::fromStdString(chain.at(0).name()), QString("Normalize"));
        OfflineBackend backend({}, 4800, OfflineBackend::Pace::Manual);
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 RealtimeProcessor(std::move(chain), backend, StreamConfig(48000, 480)));
    }
};

QTEST_GUILESS_MAIN(TestBackendFactory)
#include "tst_backend_factory.moc"
