// The Convolver's impulse response in the app: the rack model holds the path (one undo step per
// change), the live engine rebuilds that slot only, a missing file leaves the effect dry and the
// rest of the rack running, and a session keeps the path through an open and a save.
#include "EffectCard.h"
#include "EngineController.h"
#include "MainWindow.h"
#include "RackModel.h"
#include "ResponsePlot.h"
#include "common/AppSupport.h"
#include "common/AudioFiles.h"
#include "dsp/Errors.h"
#include "realtime/OfflineBackend.h"
#include "realtime/RealtimeProcessor.h"
#include "session/Preset.h"
#include "session/Session.h"
#include "session/SessionIo.h"
#include "session/SessionPaths.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <chrono>
#include <cmath>
#include <functional>
#include <thread>

using namespace fxrack;
using namespace fxrack::app;

namespace {

constexpr int kRate = 48000;
constexpr int kBlock = 256;
constexpr int kIr = 0; // Convolver's "ir"

QString factoryIr(const QString& name)
{
    for (const QString& path : session::SessionPaths::factoryIrs())
        if (path.endsWith(QLatin1Char('/') + name))
            return path;
    return {};
}

// One second of a tone through the rack, `edit` made on the model after a quarter of it;
// the messages the engine sent go to `messages`. Returns the left channel.
std::vector<float> render(RackModel& model, const std::function<void(RackModel&)>& edit = {},
                          QStringList* messages = nullptr)
{
    EngineController engine(&model);
    QObject::connect(&engine, &EngineController::message, &engine, [messages](const QString& text) {
        if (messages)
            messages->append(text);
    });
    dsp::AudioBuffer input(2, kRate);
    for (int i = 0; i < kRate; ++i)
        input.channel(0)[i] = input.channel(1)[i] = 0.25f * static_cast<float>(std::sin(0.05 * i));
    auto owned = std::make_unique<realtime::OfflineBackend>(std::move(input), -1,
                                                            realtime::OfflineBackend::Pace::Manual);
    auto* backend = owned.get();
    if (!engine.start(std::move(owned), realtime::StreamConfig(kRate, kBlock, 2, 2)))
        return {};
    // Files load on the engine's loader: the audio waits for them here, so every run plays the
    // same (poll() installs what finished).
    const auto waitForLoads = [&] {
        const auto giveUp = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        while (engine.processor()->loadsInFlight() > 0 && std::chrono::steady_clock::now() < giveUp) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            engine.poll();
        }
    };
    waitForLoads();
    bool edited = !edit;
    while (!backend->finished()) {
        if (!edited && backend->framesDone() >= kRate / 4) {
            edit(model);
            edited = true;
            waitForLoads();
        }
        backend->pump(1);
    }
    std::vector<float> out(backend->output().channel(0), backend->output().channel(0) + kRate);
    engine.stop();
    return out;
}

float maxDifference(const std::vector<float>& a, const std::vector<float>& b, size_t from = 0)
{
    float worst = 0.0f;
    for (size_t i = from; i < std::min(a.size(), b.size()); ++i)
        worst = std::max(worst, std::fabs(a[i] - b[i]));
    return worst;
}

} // namespace

class TestImpulseResponseCard : public QObject {
    Q_OBJECT
    QTemporaryDir m_home; // user presets are written here

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        test::isolateHome(m_home);
        if (factoryIr(QStringLiteral("cab_1x12.wav")).isEmpty())
            QSKIP("no factory IRs found (resources/irs, share/fxrack/irs or FXRACK_IRS_DIR)");
    }

    void setTextIsOneUndoStepAndRunsTheConvolver()
    {
        const QString cab = factoryIr(QStringLiteral("cab_1x12.wav"));
        QUndoStack undo;
        RackModel model;
        model.setUndoStack(&undo);
        model.setChainSpec(QStringLiteral("Gain(1) | Convolver"));
        const auto dry = render(model);
        QCOMPARE(dry.size(), size_t(kRate));

        QSignalSpy texts(&model, &RackModel::textChanged);
        QStringList messages;
        const auto wet = render(
            model, [&](RackModel& m) { QVERIFY(m.setText(1, kIr, cab)); }, &messages);
        QCOMPARE(wet.size(), dry.size());
        QCOMPARE(model.text(1, kIr), cab);
        QCOMPARE(texts.count(), 1);
        QVERIFY2(messages.isEmpty(), qPrintable(messages.join('\n')));
        QVERIFY(model.specs()[1].texts.size() == 1);
        QVERIFY2(maxDifference(dry, wet, kRate / 2) > 1e-3f, "the cabinet must change the sound");
        // Before the edit, the rack ran dry: the edit rebuilt the slot, not the start.
        QVERIFY(maxDifference(dry, wet, 0) > 0.0f);
        for (size_t i = 0; i < size_t(kRate / 8); ++i)
            QCOMPARE(wet[i], dry[i]);

        QCOMPARE(undo.count(), 1);
        undo.undo();
        QVERIFY(model.text(1, kIr).isEmpty());
        undo.redo();
        QCOMPARE(model.text(1, kIr), cab);
        QVERIFY(!model.setText(0, 0, cab)); // Gain has no text parameter
    }

    void missingIrRunsDryAndTheRestOfTheRack()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("gone.wav"));
        RackModel model;
        model.setChainSpec(QStringLiteral("Gain(0.5) | Convolver"));
        const auto halfDry = render(model);
        QVERIFY(model.setText(1, kIr, missing));
        QVERIFY(model.textProblem(1, kIr).contains(missing));
        QStringList messages;
        const auto out = render(model, {}, &messages);
        QCOMPARE(out.size(), halfDry.size());
        QVERIFY2(maxDifference(out, halfDry) < 1e-6f, "the Gain runs and the Convolver passes dry");
        QVERIFY2(!messages.isEmpty() && messages.first().contains(missing), qPrintable(messages.join('\n')));

        // Set while running: the same, and the engine keeps going.
        RackModel live;
        live.setChainSpec(QStringLiteral("Gain(0.5) | Convolver"));
        QStringList liveMessages;
        const auto edited = render(
            live, [&](RackModel& m) { QVERIFY(m.setText(1, kIr, missing)); }, &liveMessages);
        QVERIFY2(maxDifference(edited, halfDry) < 1e-6f, "");
        QVERIFY2(!liveMessages.isEmpty() && liveMessages.first().contains(missing),
                 qPrintable(liveMessages.join('\n')));
    }

    void engineRefusesABadIrAndKeepsTheRunningOne()
    {
        // The processor's own check, beneath the app's: a missing file throws, naming it, and
        // the slot keeps its instance and its text.
        QTemporaryDir dir;
        const QString cab = factoryIr(QStringLiteral("cab_1x12.wav"));
        const QString missing = dir.filePath(QStringLiteral("nowhere.wav"));
        RackModel model;
        model.setChainSpec(QStringLiteral("Gain(1) | Convolver"));
        QVERIFY(model.setText(1, kIr, cab));
        EngineController engine(&model);
        dsp::AudioBuffer input(2, kRate / 4);
        QVERIFY(engine.start(std::make_unique<realtime::OfflineBackend>(
                                 std::move(input), -1, realtime::OfflineBackend::Pace::Manual),
                             realtime::StreamConfig(kRate, kBlock, 2, 2)));
        QCOMPARE(QString::fromStdString(engine.processor()->effects().at(1).text(kIr)), cab);
        try {
            engine.processor()->setText(1, kIr, missing.toStdString());
            QFAIL("a missing IR must be refused");
        } catch (const dsp::ImpulseResponseError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(missing), e.what());
        }
        QCOMPARE(QString::fromStdString(engine.processor()->effects().at(1).text(kIr)), cab);
        engine.stop();
    }

    void cardPicksAFactoryIrFromItsMenu()
    {
        QUndoStack undo;
        RackModel model;
        model.setUndoStack(&undo);
        model.setChainSpec(QStringLiteral("Gain(1) | Convolver"));
        const auto dry = render(model);
        EffectCard card(&model, model.slotAt(1).uid);
        connect(&model, &RackModel::dataChanged, &card, &EffectCard::refresh);
        auto* button = qobject_cast<QToolButton*>(card.control(kIr));
        QVERIFY(button && button->menu());
        QCOMPARE(button->text(), EffectCard::tr("No impulse response"));
        QAction* pick = nullptr;
        for (QAction* action : button->menu()->actions())
            if (action->objectName() == QLatin1String("factoryFile") &&
                action->data().toString().endsWith(QLatin1String("/cab_4x12.wav")))
                pick = action;
        QVERIFY2(pick, "the menu offers the factory cabinets");
        QVERIFY(card.learnAction(kIr) == nullptr); // a file is not MIDI-learnable

        pick->trigger();
        QCOMPARE(model.text(1, kIr), pick->data().toString());
        QCOMPARE(button->text(), QStringLiteral("cab_4x12.wav"));
        QVERIFY(card.problemText().isEmpty());
        card.resize(card.sizeHint());
        test::saveScreenshot(&card, QStringLiteral("convolver-card"));
        const auto wet = render(model);
        QVERIFY2(maxDifference(dry, wet) > 1e-3f, "the picked cabinet runs in the engine");

        undo.undo();
        QVERIFY(model.text(1, kIr).isEmpty());
        QCOMPARE(button->text(), EffectCard::tr("No impulse response"));
        undo.redo();
        QCOMPARE(button->text(), QStringLiteral("cab_4x12.wav"));
    }

    void cardSaysWhenTheIrIsMissing()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("moved.wav"));
        RackModel model;
        model.setChainSpec(QStringLiteral("Gain(0.5) | Convolver"));
        QVERIFY(model.setText(1, kIr, missing));
        EffectCard card(&model, model.slotAt(1).uid);
        QVERIFY2(card.problemText().contains(missing), qPrintable(card.problemText()));
        QCOMPARE(card.problemText().count(QLatin1Char('\n')), 0);
        test::saveScreenshot(&card, QStringLiteral("convolver-card-missing-ir"));
    }

    // A long IR loads on the engine's loader thread, not the GUI thread: the card says
    // "loading…" as soon as the edit returns (the load can only land through poll(), on this
    // thread, so this cannot race), the GUI's timers keep firing while it loads, and the card
    // clears once the engine reports the new instance in. The one timing assertion is that the
    // GUI was not stopped for the whole load (it would be, were the file read here).
    void aLargeIrSaysLoadingAndTheGuiRunsMeanwhile()
    {
        QTemporaryDir dir;
        const QString big = dir.filePath(QStringLiteral("big_hall.wav"));
        test::writeRoomImpulse(big.toStdString(), 40.0, 44100); // read, resampled, partitioned twice
        QUndoStack undo;
        RackModel model;
        model.setUndoStack(&undo);
        model.setChainSpec(QStringLiteral("Gain(1) | Convolver"));
        EngineController engine(&model);
        QVERIFY(
            engine.start(realtime::OfflineBackend::noDevice(), realtime::StreamConfig(kRate, kBlock, 0, 2)));
        EffectCard card(&model, model.slotAt(1).uid);
        connect(&model, &RackModel::dataChanged, &card, &EffectCard::refresh);
        QVERIFY(card.loadingText().isEmpty());

        QElapsedTimer clock;
        clock.start();
        QVERIFY(model.setText(1, kIr, big));
        const qint64 editMs = clock.elapsed();
        QCOMPARE(card.loadingText(), EffectCard::tr("loading…"));
        QCOMPARE(QString::fromStdString(engine.processor()->effects().at(1).text(kIr)), big);
        card.resize(card.sizeHint());
        test::saveScreenshot(&card, QStringLiteral("convolver-card-loading"));

        qint64 last = clock.elapsed(), maxGap = 0;
        int ticks = 0;
        QTimer ticker;
        ticker.setInterval(5);
        connect(&ticker, &QTimer::timeout, &ticker, [&] {
            const qint64 now = clock.elapsed();
            maxGap = std::max(maxGap, now - last);
            last = now;
            ++ticks;
        });
        ticker.start();
        QTRY_VERIFY_WITH_TIMEOUT(card.loadingText().isEmpty(), 120000);
        const qint64 loadMs = clock.elapsed();
        ticker.stop();
        qInfo("the edit returned in %lld ms, the load landed after %lld ms; the GUI timer fired %d times "
              "meanwhile, the longest gap %lld ms",
              editMs, loadMs, ticks, maxGap);
        QVERIFY2(card.problemText().isEmpty(), qPrintable(card.problemText()));
        QCOMPARE(engine.processor()->loadsInFlight(), 0);
        QVERIFY(ticks >= 1);
        QVERIFY2(maxGap < loadMs, "the GUI thread was held for the whole load");
        QCOMPARE(undo.count(), 1);
        engine.stop();
    }

    // A missing IR passes audio dry "until the file is found": when it appears (here its folder
    // too), the card stops saying it is missing and the engine loads it, with no edit made.
    void aMissingIrThatAppearsIsLoaded()
    {
        const QString cab = factoryIr(QStringLiteral("cab_1x12.wav"));
        QTemporaryDir dir;
        const QString later = dir.filePath(QStringLiteral("later/cab.wav"));
        QUndoStack undo;
        RackModel model;
        model.setUndoStack(&undo);
        model.setChainSpec(QStringLiteral("Gain(1) | Convolver"));
        QVERIFY(model.setText(1, kIr, later));
        EngineController engine(&model);
        QStringList messages;
        connect(&engine, &EngineController::message, &engine, [&](const QString& m) { messages << m; });
        QVERIFY(
            engine.start(realtime::OfflineBackend::noDevice(), realtime::StreamConfig(kRate, kBlock, 0, 2)));
        EffectCard card(&model, model.slotAt(1).uid);
        connect(&model, &RackModel::dataChanged, &card, &EffectCard::refresh);
        ResponsePlot plot(&model);
        QTRY_VERIFY_WITH_TIMEOUT(!plot.isComputing(), 20000);
        QVERIFY(plot.leftOut().contains(QStringLiteral("Convolver"))); // no file, no response
        QVERIFY2(card.problemText().contains(later), qPrintable(card.problemText()));
        QVERIFY(engine.processor()->effects().at(1).text(kIr).empty()); // dry
        QVERIFY2(!messages.isEmpty() && messages.first().contains(later), qPrintable(messages.join('\n')));

        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("later")));
        QVERIFY(QFile::copy(cab, later));
        QTRY_VERIFY_WITH_TIMEOUT(card.problemText().isEmpty(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(QString::fromStdString(engine.processor()->effects().at(1).text(kIr)),
                                  later, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(card.loadingText().isEmpty() && !model.isTextLoading(1), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!plot.isComputing() && plot.pending().isEmpty() && plot.leftOut().isEmpty(),
                                 20000); // and its response
        QCOMPARE(undo.count(), 1);       // no edit was made
        engine.stop();
    }

    // A file that was there when the card checked it and is gone when the engine starts (a drive
    // unmounted meanwhile, no edit since): the engine runs the slot dry, the card says so rather
    // than nothing, and the rack waits for the file, which loads when it is back.
    void anIrGoneWhenTheEngineStartsIsShownAndWaitedFor()
    {
        const QString cab = factoryIr(QStringLiteral("cab_1x12.wav"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cab.wav"));
        QVERIFY(QFile::copy(cab, path));
        QUndoStack undo;
        RackModel model;
        model.setUndoStack(&undo);
        model.setChainSpec(QStringLiteral("Gain(1) | Convolver"));
        QVERIFY(model.setText(1, kIr, path));
        EffectCard card(&model, model.slotAt(1).uid);
        connect(&model, &RackModel::dataChanged, &card, &EffectCard::refresh);
        QVERIFY2(card.problemText().isEmpty(), qPrintable(card.problemText()));

        QVERIFY(QFile::remove(path));
        EngineController engine(&model);
        QStringList messages;
        connect(&engine, &EngineController::message, &engine, [&](const QString& m) { messages << m; });
        QVERIFY(
            engine.start(realtime::OfflineBackend::noDevice(), realtime::StreamConfig(kRate, kBlock, 0, 2)));
        QVERIFY(engine.processor()->effects().at(1).text(kIr).empty()); // dry
        QVERIFY2(!messages.isEmpty() && messages.first().contains(path), qPrintable(messages.join('\n')));
        QVERIFY2(card.problemText().contains(path), qPrintable(card.problemText()));

        QVERIFY(QFile::copy(cab, path));
        QTRY_COMPARE_WITH_TIMEOUT(QString::fromStdString(engine.processor()->effects().at(1).text(kIr)), path,
                                  20000);
        QTRY_VERIFY_WITH_TIMEOUT(card.loadingText().isEmpty() && !model.isTextLoading(1), 20000);
        QVERIFY2(card.problemText().isEmpty(), qPrintable(card.problemText()));
        QVERIFY(model.textLoadError(1).isEmpty());
        QCOMPARE(undo.count(), 1); // no edit was made
        engine.stop();
    }

    // The response plot works out a Convolver's response (the file read, resampled, summed over
    // every tap) on a worker: the curve leaves it out until it is in, then shows the cabinet.
    void thePlotWorksOutTheIrResponseOnAWorker()
    {
        const QString cab = factoryIr(QStringLiteral("cab_4x12.wav"));
        RackModel model;
        model.setChainSpec(QStringLiteral("Gain(1) | Convolver"));
        ResponsePlot plot(&model);
        QVERIFY(!plot.isComputing());
        QVERIFY(std::abs(plot.magnitudeDbAt(1000.0)) < 0.01); // no IR: flat
        QVERIFY(model.setText(1, kIr, cab));
        plot.recompute(); // what the rack's change starts on the next event loop turn
        QVERIFY(plot.isComputing());
        QVERIFY(plot.pending().contains(QStringLiteral("Convolver")));
        QVERIFY(plot.leftOut().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!plot.isComputing() && plot.pending().isEmpty(), 60000);
        QVERIFY(plot.leftOut().isEmpty());
        QVERIFY(plot.errorText().isEmpty());
        const double low = plot.magnitudeDbAt(200.0), high = plot.magnitudeDbAt(12000.0);
        QVERIFY2(std::abs(low - high) > 3.0, qPrintable(QStringLiteral("%1 dB, %2 dB").arg(low).arg(high)));
        model.setParameter(0, 0, 0.5); // another effect's value: the IR's response is kept
        plot.recompute();
        QVERIFY(!plot.isComputing());
        QVERIFY(plot.pending().isEmpty() && plot.leftOut().isEmpty());
    }

    // More IR responses in the rack than the plot keeps of old ones: the plot still finishes. (It
    // forgot every kept response once full, the rack's own included, and so worked them out again
    // and again, for ever.)
    void thePlotFinishesWithMoreConvolversThanItKeeps()
    {
        QTemporaryDir dir;
        const QString ir = dir.filePath(QStringLiteral("short.wav"));
        test::writeRoomImpulse(ir.toStdString(), 0.01, kRate);
        QStringList rack;
        for (int i = 0; i < 40; ++i) // each its own response: another level
            rack << QStringLiteral("Convolver(ir=\"%1\", gain_db=%2)").arg(ir).arg(-0.25 * i);
        RackModel model;
        model.setChainSpec(rack.join(QStringLiteral(" | ")));
        QCOMPARE(model.count(), 40);
        ResponsePlot plot(&model);
        QTRY_VERIFY_WITH_TIMEOUT(!plot.isComputing() && plot.pending().isEmpty(), 60000);
        QVERIFY(plot.leftOut().isEmpty());
        QVERIFY(plot.errorText().isEmpty());
        QVERIFY(std::abs(plot.magnitudeDbAt(1000.0)) > 1.0); // forty rooms and their levels
    }

    void effectPresetAndRackPresetKeepTheIr()
    {
        const QString hall = factoryIr(QStringLiteral("hall.wav"));
        session::Preset preset;
        preset.kind = session::Preset::Kind::Effect;
        preset.name = QStringLiteral("Big hall");
        preset.entries = session::rackFromChain(
            dsp::buildChain(dsp::parseChainSpec("Convolver(ir=\"" + hall.toStdString() + "\")")));
        preset.entries.front().id.clear();
        session::PresetLibrary library;
        library.saveUser(preset, true);

        MainWindow::Options options;
        options.probeDevices = false;
        options.offerRecovery = false;
        options.autosave = false;
        MainWindow window(options);
        RackModel* rack = window.rackModel();
        rack->setChainSpec(QStringLiteral("Gain(1) | Convolver"));
        window.undoStack()->clear();
        QVERIFY(window.loadEffectPreset(1, QStringLiteral("Big hall")));
        QCOMPARE(QFileInfo(rack->text(1, kIr)).canonicalFilePath(), QFileInfo(hall).canonicalFilePath());
        window.undoStack()->undo();
        QVERIFY(rack->text(1, kIr).isEmpty());
        window.undoStack()->redo();
        QVERIFY(!rack->text(1, kIr).isEmpty());

        // A rack preset's slots are made the same way (RackModel::makeSlot of an effect).
        const dsp::EffectChain chain =
            dsp::buildChain(dsp::parseChainSpec("Convolver(ir=\"" + hall.toStdString() + "\")"));
        QCOMPARE(rack->makeSlot(chain.at(0)).texts.value(kIr), hall);
    }

    // A session whose IR moved away: it opens with a notice naming the path, the card says the
    // file is missing, and the rack runs with that slot dry (the Gain before it still works).
    void aSessionWhoseIrMovedOpensAndRunsDry()
    {
        const QString room = factoryIr(QStringLiteral("room_small.wav"));
        QTemporaryDir dir;
        const QString moved = dir.filePath(QStringLiteral("irs/room.wav"));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("irs")));
        QVERIFY(QFile::copy(room, moved));
        const QString path = dir.filePath(QStringLiteral("rig.fxrack"));
        session::Session written;
        written.rack = session::rackFromChain(dsp::buildChain(
            dsp::parseChainSpec("Gain(0.5) | Convolver(ir=\"" + moved.toStdString() + "\")")));
        session::SessionIo::write(written, path);
        QVERIFY(QFile::remove(moved));

        const session::LoadResult loaded = session::SessionIo::load(path);
        QVERIFY(loaded.ok());
        QVERIFY2(loaded.notices.size() == 1 && loaded.notices.first().contains(moved),
                 qPrintable(loaded.notices.join('\n')));
        RackModel model;
        model.setChain(session::chainFromSession(*loaded.session));
        QCOMPARE(model.text(1, kIr), moved);
        EffectCard card(&model, model.slotAt(1).uid);
        QVERIFY2(card.problemText().contains(moved), qPrintable(card.problemText()));
        QStringList messages;
        const auto out = render(model, {}, &messages);
        RackModel halfGain;
        halfGain.setChainSpec(QStringLiteral("Gain(0.5) | Convolver"));
        QCOMPARE(out.size(), size_t(kRate));
        QVERIFY2(maxDifference(out, render(halfGain)) < 1e-6f, "the Gain runs and the Convolver passes dry");
        QVERIFY2(!messages.isEmpty() && messages.first().contains(moved), qPrintable(messages.join('\n')));
    }

    void sessionRoundTripKeepsTheIr()
    {
        const QString room = factoryIr(QStringLiteral("room_small.wav"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rig.fxrack"));
        session::Session written;
        written.rack = session::rackFromChain(
            dsp::buildChain(dsp::parseChainSpec("Gain(1) | Convolver(ir=\"" + room.toStdString() + "\")")));
        session::SessionIo::write(written, path);

        // What MainWindow does: open (applySession), then save (currentSession).
        RackModel model;
        model.setChain(session::chainFromSession(session::SessionIo::read(path)));
        QCOMPARE(model.text(1, kIr), room);
        session::Session saved = session::SessionIo::read(path);
        saved.rack = session::rackFromChain(model.buildChain());
        session::SessionIo::write(saved, path);
        const session::Session reread = session::SessionIo::read(path);
        QCOMPARE(QString::fromStdString(reread.rack.at(1).text("ir")), room);
    }
};

QTEST_MAIN(TestImpulseResponseCard)
#include "tst_ImpulseResponseCard.moc"
