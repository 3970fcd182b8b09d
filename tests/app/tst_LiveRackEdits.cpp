// The live rig through the app's own path: rack edits made on the RackModel reach the engine as
// whole chains (EngineController::onStructureChanged -> replaceChain), which must still change
// only the slot edited. A Reverb's tail survives a Gain inserted after it, moved before it and
// removed again, exactly as if nothing had happened; a structural change of another slot too.
#include "EngineController.h"
#include "RackModel.h"
#include "common/AppSupport.h"
#include "realtime/OfflineBackend.h"
#include "realtime/RealtimeProcessor.h"

#include <QTest>
#include <QUndoStack>
#include <functional>

using namespace fxrack;
using namespace fxrack::app;

namespace {

constexpr int kRate = 48000;
constexpr int kBlock = 256;

using Edit = std::function<void(RackModel&)>;
using EngineEdit = std::function<void(realtime::RealtimeProcessor&)>;

// Plays an impulse through the rack `specs` for 2 s, making each edit on the model once the
// audio reaches its time; returns the left channel.
std::vector<float> render(const QString& chain, const std::vector<std::pair<double, Edit>>& edits,
                          const std::vector<std::pair<double, EngineEdit>>& engineEdits = {})
{
    QUndoStack undo;
    RackModel model;
    model.setUndoStack(&undo);
    model.setChainSpec(chain);
    EngineController engine(&model);
    dsp::AudioBuffer input(2, 2 * kRate);
    input.channel(0)[0] = input.channel(1)[0] = 0.5f;
    auto owned = std::make_unique<realtime::OfflineBackend>(std::move(input), -1,
                                                            realtime::OfflineBackend::Pace::Manual);
    auto* backend = owned.get();
    if (!engine.start(std::move(owned), realtime::StreamConfig(kRate, kBlock, 2, 2)))
        return {};
    size_t next = 0, nextEngine = 0;
    while (!backend->finished()) {
        const double seconds = static_cast<double>(backend->framesDone()) / kRate;
        while (next < edits.size() && seconds >= edits[next].first)
            edits[next++].second(model);
        while (nextEngine < engineEdits.size() && seconds >= engineEdits[nextEngine].first)
            engineEdits[nextEngine++].second(*engine.processor());
        backend->pump(1);
    }
    std::vector<float> out(backend->output().channel(0), backend->output().channel(0) + 2 * kRate);
    engine.stop();
    return out;
}

} // namespace

class TestLiveRackEdits : public QObject {
    Q_OBJECT
private slots:
    void rackEditsKeepTheOtherEffectsState()
    {
        const QString chain = "LoButterworth(8000, order=2) | Reverb(room_size=0.9)";
        const auto plain = render(chain, {});
        QCOMPARE(plain.size(), size_t(2 * kRate));
        const int order = 1; // LoButterworth's order
        const auto edited = render(chain, {{0.4, [](RackModel& m) { QVERIFY(m.addEffect("Gain", 2)); }},
                                           {0.7, [](RackModel& m) { QVERIFY(m.moveEffect(2, 1)); }},
                                           {1.0, [=](RackModel& m) { QVERIFY(m.setParameter(0, order, 4)); }},
                                           {1.3, [](RackModel& m) { QVERIFY(m.removeEffect(1)); }}});
        QCOMPARE(edited.size(), plain.size());
        float late = 0.0f, worst = 0.0f;
        for (size_t i = 0; i < plain.size(); ++i) {
            worst = std::max(worst, std::fabs(plain[i] - edited[i]));
            if (i > size_t(3 * kRate / 2))
                late = std::max(late, std::fabs(plain[i]));
        }
        QVERIFY2(late > 1e-5f, "the reverb must still sound after 1.5 s for this test to mean anything");
        QVERIFY2(worst < 1e-5f, qPrintable(QString::number(worst)));
    }

    void eachRackEditIsTheSameEditInTheEngine_data()
    {
        QTest::addColumn<QString>("chain");
        QTest::addColumn<int>("kind");
        // The app must send the edit the user made, not a whole chain for the engine to guess
        // from: with two effects of the same kind, or two that hold state, a guess keeps the
        // wrong instance and cuts a tail the user never touched.
        QTest::newRow("move a delay past a reverb")
            << "Delay(delay_samples=9000, feedback=0.5, mix=0.5) | Reverb(room_size=0.9)" << 0;
        QTest::newRow("remove the first of two reverbs")
            << "Reverb(room_size=0.9) | Reverb(room_size=0.9)" << 1;
        QTest::newRow("rebuild the first of two delays")
            << "Delay(delay_samples=9000, feedback=0.5, mix=0.5) | Delay(delay_samples=9000, feedback=0.5, "
               "mix=0.5)"
            << 2;
    }
    void eachRackEditIsTheSameEditInTheEngine()
    {
        QFETCH(QString, chain);
        QFETCH(int, kind);
        Edit onModel;
        EngineEdit onEngine;
        switch (kind) {
        case 0:
            onModel = [](RackModel& m) { QVERIFY(m.moveEffect(0, 1)); };
            onEngine = [](realtime::RealtimeProcessor& p) { p.moveEffect(0, 1); };
            break;
        case 1:
            onModel = [](RackModel& m) { QVERIFY(m.removeEffect(0)); };
            onEngine = [](realtime::RealtimeProcessor& p) { p.removeEffect(0); };
            break;
        default:
            onModel = [](RackModel& m) { QVERIFY(m.setParameter(0, 0, 12000)); };
            onEngine = [](realtime::RealtimeProcessor& p) { p.setParameter(0, 0, 12000); };
            break;
        }
        const auto viaModel = render(chain, {{0.5, onModel}});
        const auto direct = render(chain, {}, {{0.5, onEngine}});
        QCOMPARE(viaModel.size(), direct.size());
        float worst = 0.0f;
        for (size_t i = 0; i < direct.size(); ++i)
            worst = std::max(worst, std::fabs(direct[i] - viaModel[i]));
        QVERIFY2(worst < 1e-6f, qPrintable(QString::number(worst)));
    }

    void rackEditsReachTheEngine()
    {
        // The control for the test above: an edit that should be heard is heard.
        const QString chain = "Reverb(room_size=0.9)";
        const auto plain = render(chain, {});
        const auto halved = render(chain, {{0.5, [](RackModel& m) {
                                                QVERIFY(m.addEffect("Gain", 1));
                                                QVERIFY(m.setParameter(1, 0, 0.5));
                                            }}});
        QCOMPARE(halved.size(), plain.size());
        for (size_t i = size_t(0.6 * kRate); i < plain.size(); ++i)
            QVERIFY(std::fabs(halved[i] - 0.5f * plain[i]) <= 1e-6f);
    }
};

QTEST_MAIN(TestLiveRackEdits)
#include "tst_LiveRackEdits.moc"
