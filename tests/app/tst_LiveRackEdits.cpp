// The live rig through the app's own path: rack edits made on the RackModel reach the engine as
// whole chains (EngineController::onStructureChanged -> replaceChain), which must still change
// only the slot edited. A Reverb's tail survives a Gain inserted after it, moved before it and
// removed again, exactly as if nothing had happened; a structural change of another slot too.
#include "EngineController.h"
#include "RackModel.h"
#include "common/AppSupport.h"
#include "realtime/OfflineBackend.h"

#include <QTest>
#include <QUndoStack>
#include <functional>

using namespace fxrack;
using namespace fxrack::app;

namespace {

constexpr int kRate = 48000;
constexpr int kBlock = 256;

using Edit = std::function<void(RackModel&)>;

// Plays an impulse through the rack `specs` for 2 s, making each edit on the model once the
// audio reaches its time; returns the left channel.
std::vector<float> render(const QString& chain, const std::vector<std::pair<double, Edit>>& edits)
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
    size_t next = 0;
    while (!backend->finished()) {
        const double seconds = static_cast<double>(backend->framesDone()) / kRate;
        while (next < edits.size() && seconds >= edits[next].first)
            edits[next++].second(model);
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
