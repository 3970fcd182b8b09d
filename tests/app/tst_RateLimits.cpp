#include "common/AppSupport.h"
#include "BatchPanel.h"
#include "DeviceBar.h"
#include "EffectCard.h"
#include "EngineController.h"
#include "Knob.h"
#include "MainWindow.h"
#include "RackModel.h"
#include "RackView.h"
#include "ResponsePlot.h"
#include "dsp/EffectRegistry.h"
#include "dsp/Errors.h"
#include "dsp/RateLimits.h"
#include "realtime/OfflineBackend.h"
#include "realtime/RealtimeProcessor.h"
#include "ui_BatchPanel.h"
#include "ui_DeviceBar.h"

#include <QLabel>
#include <QLineEdit>
#include <QStatusBar>
#include <QTest>
#include <QUndoStack>

using namespace fxrack;
using namespace fxrack::app;

// Issue 12, part 4: knobs stay inside what the engine accepts at the rate it runs.
namespace {

// Vertical drag by `dy` pixels (negative: up), in steps, as a user would.
void dragKnob(Knob* knob, int dy)
{
    const QPoint start = knob->rect().center();
    QTest::mousePress(knob, Qt::LeftButton, Qt::NoModifier, start);
    const int steps = std::max(1, std::abs(dy) / 5);
    for (int i = 1; i <= steps; ++i) {
        const QPoint p = start + QPoint(0, dy * i / steps);
        QMouseEvent move(QEvent::MouseMove, p, knob->mapToGlobal(p), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(knob, &move);
    }
    QTest::mouseRelease(knob, Qt::LeftButton, Qt::NoModifier, start + QPoint(0, dy));
}

void typeInto(Knob* knob, const QString& text)
{
    QTest::mouseDClick(knob, Qt::LeftButton, Qt::NoModifier, knob->rect().center());
    auto* editor = knob->findChild<QLineEdit*>();
    QVERIFY(editor && editor->isVisible());
    editor->setText(text);
    QTest::keyClick(editor, Qt::Key_Return);
}

// An engine over 2 s of silence at `rate`, pumped by hand.
std::unique_ptr<realtime::OfflineBackend> silentBackend(int rate)
{
    return std::make_unique<realtime::OfflineBackend>(dsp::AudioBuffer(1, rate * 2), rate * 2,
                                                      realtime::OfflineBackend::Pace::Manual);
}

bool acceptedAt(const RackModel& model, int row, double rate)
{
    try {
        model.buildChain().at(row).validate(rate);
        return true;
    } catch (const dsp::ParameterError&) {
        return false;
    }
}

} // namespace

class TestRateLimits : public QObject {
    Q_OBJECT
    QTemporaryDir m_home;

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        fxrack::test::isolateHome(m_home);
    }

    void highestValidFollowsEachEffectsValidation()
    {
        const auto& registry = dsp::EffectRegistry::builtin();
        auto lo = registry.create("LoButterworth");
        const int cutoff = lo->findParam("cutoff");
        const double at48 = dsp::highestValid(*lo, cutoff, 48000.0);
        QVERIFY2(at48 < 24000.0 && at48 >= 23900.0, qPrintable(QString::number(at48, 'f', 6)));
        lo->setParameter(cutoff, at48);
        lo->validate(48000.0);                                                         // accepted: no throw
        QCOMPARE(dsp::highestValid(*lo, cutoff, 0.0), lo->paramInfo(cutoff).maxValue); // rate unknown
        QVERIFY(dsp::highestValid(*lo, cutoff, 22050.0) < 11025.0);

        // A band-pass FIR: cutoff_high below Nyquist; cutoff below cutoff_high (firwin's rule).
        auto fir = registry.create("DesignableFIR");
        fir->setParameter("cutoff", 1000.0);
        fir->setParameter("cutoff_high", 5000.0);
        fir->setParameter("pass_zero", 0.0);
        const double high = dsp::highestValid(*fir, fir->findParam("cutoff_high"), 44100.0);
        QVERIFY2(high < 22050.0 && high > 21900.0, qPrintable(QString::number(high)));
        QVERIFY(dsp::highestValid(*fir, fir->findParam("cutoff"), 44100.0) < 5000.0);

        // Not bound by the rate: the metadata's maximum.
        auto gain = registry.create("Gain");
        QCOMPARE(dsp::highestValid(*gain, 0, 8000.0), gain->paramInfo(0).maxValue);
    }

    void cutoffKnobDraggedPastNyquistStaysBelowIt()
    {
        RackModel model;
        QUndoStack stack;
        model.setUndoStack(&stack);
        model.setChainSpec("LoButterworth(8000)");
        QCOMPARE(model.sampleRate(), 48000.0);
        RackView view(&model);
        view.resize(320, 420);
        ResponsePlot plot(&model);
        view.show();
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        EngineController engine(&model);
        auto backend = silentBackend(48000);
        auto* offline = backend.get();
        QVERIFY2(engine.start(std::move(backend), realtime::StreamConfig(48000, 256, 1, 1)),
                 qPrintable(engine.lastError()));
        offline->pump(4);
        QCOMPARE(engine.sampleRate(), 48000.0);

        const int id = model.slotAt(0).type->findParam("cutoff");
        Knob* knob = view.card(0)->knob(id);
        QVERIFY(knob);
        QVERIFY2(knob->upperLimit() < 24000.0, qPrintable(QString::number(knob->upperLimit())));
        dragKnob(knob, -50); // what went to 96 kHz before
        const double dragged = model.value(0, id);
        QVERIFY2(dragged < 24000.0 && dragged > 8000.0, qPrintable(QString::number(dragged)));
        QCOMPARE(knob->value(), dragged);
        QVERIFY(acceptedAt(model, 0, 48000.0));
        QCOMPARE(engine.processor()->effects().at(0).param(id), dragged);
        QVERIFY(view.card(0)->noteText().isEmpty()); // the knob stopped at the limit: nothing clamped
        QTRY_VERIFY(plot.errorText().isEmpty());
        QVERIFY(std::abs(plot.magnitudeDbAt(1000.0)) < 0.5); // the curve is there, flat below cutoff

        // Typed far above: clamped to the same limit, with a note naming effect and parameter.
        typeInto(knob, "96k");
        QCOMPARE(model.value(0, id), knob->upperLimit());
        QCOMPARE(knob->value(), model.value(0, id));
        QCOMPARE(engine.processor()->effects().at(0).param(id), model.value(0, id));
        const QString note = view.card(0)->noteText();
        QVERIFY2(note.contains("LoButterworth") && note.contains("96.0 kHz"), qPrintable(note));
        QTRY_VERIFY(plot.errorText().isEmpty());
        fxrack::test::saveScreenshot(&view, "rate_limit_cutoff_typed_above_nyquist");
        engine.stop();
    }

    void aValueTheEngineRefusesDoesNotStayOnScreen()
    {
        // The rack believes 96 kHz while the stream runs 48 kHz (a rate change not followed yet):
        // the engine refuses 30 kHz, and the card goes back to what runs.
        RackModel model;
        model.setChainSpec("LoButterworth(8000)");
        model.setSampleRate(96000.0);
        RackView view(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        EngineController engine(&model);
        auto backend = silentBackend(48000);
        QVERIFY(engine.start(std::move(backend), realtime::StreamConfig(48000, 256, 1, 1)));
        const int id = model.slotAt(0).type->findParam("cutoff");
        Knob* knob = view.card(0)->knob(id);
        typeInto(knob, "30000");
        QTRY_COMPARE(model.value(0, id), 8000.0);
        QCOMPARE(knob->value(), 8000.0);
        QCOMPARE(engine.processor()->effects().at(0).param(id), 8000.0);
        QVERIFY2(view.card(0)->noteText().contains("refused"), qPrintable(view.card(0)->noteText()));
        engine.stop();
    }

    void sessionRateChangeClampsAndUndoRestores()
    {
        MainWindow::Options options;
        options.probeDevices = false;
        options.offerRecovery = false;
        options.autosave = false;
        MainWindow window(options);
        window.resize(1300, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        RackModel* model = window.rackModel();
        QComboBox* rate = window.deviceBar()->ui()->rateCombo;
        rate->setCurrentIndex(rate->findData(96000));
        QCOMPARE(model->sampleRate(), 96000.0);
        QCOMPARE(window.responsePlot()->sampleRate(), 96000.0);

        const int row = 1; // the seed's LoButterworth(8000)
        const int id = model->slotAt(row).type->findParam("cutoff");
        QVERIFY(model->setParameter(row, id, 40000.0));
        const int steps = window.undoStack()->count();

        rate->setCurrentIndex(rate->findData(44100));
        QCOMPARE(model->sampleRate(), 44100.0);
        const double clamped = model->value(row, id);
        QVERIFY2(clamped < 22050.0 && clamped > 21900.0, qPrintable(QString::number(clamped)));
        QVERIFY(acceptedAt(*model, row, 44100.0));
        QCOMPARE(window.undoStack()->count(), steps + 1); // one step
        EffectCard* card = window.rackView()->card(row);
        QCOMPARE(card->knob(id)->value(), clamped);
        QVERIFY2(card->noteText().contains("LoButterworth") && card->noteText().contains("40.0 kHz"),
                 qPrintable(card->noteText()));
        QVERIFY(window.statusBar()->currentMessage().contains("LoButterworth"));
        QTRY_VERIFY(window.responsePlot()->errorText().isEmpty());
        QCOMPARE(window.responsePlot()->sampleRate(), 44100.0);
        fxrack::test::saveScreenshot(card, "rate_limit_clamped_card");
        fxrack::test::saveScreenshot(&window, "rate_limit_clamped_window");

        window.undoStack()->undo();
        QCOMPARE(model->value(row, id), 40000.0);
        QCOMPARE(model->sampleRate(), 96000.0); // valid again: undo restores the rate with it
        QCOMPARE(rate->currentData().toInt(), 96000);
        QVERIFY(card->noteText().isEmpty());
        QVERIFY(acceptedAt(*model, row, 96000.0));
        window.undoStack()->redo();
        QCOMPARE(model->value(row, id), clamped);
        QCOMPARE(rate->currentData().toInt(), 44100);
    }

    void theRunningStreamsRateGoverns()
    {
        MainWindow::Options options;
        options.offerRecovery = false;
        options.autosave = false;
        options.audioApi = DeviceBar::kNoDeviceApi;
        MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        DeviceBar* bar = window.deviceBar();
        QTRY_VERIFY_WITH_TIMEOUT(!bar->isProbing() && bar->ui()->outputCombo->count() > 0, 10000);
        RackModel* model = window.rackModel();
        QComboBox* rate = bar->ui()->rateCombo;
        const int row = 1, id = model->slotAt(row).type->findParam("cutoff");
        rate->setCurrentIndex(rate->findData(96000));
        QVERIFY(model->setParameter(row, id, 40000.0));
        rate->setCurrentIndex(rate->findData(44100)); // clamped: one step
        const double clamped = model->value(row, id);
        QVERIFY(bar->start());
        QCOMPARE(window.engine()->sampleRate(), 44100.0);
        QCOMPARE(model->sampleRate(), 44100.0);

        // The rate control moves, the stream does not: the rack keeps the stream's rate.
        rate->setCurrentIndex(rate->findData(96000));
        QCOMPARE(model->sampleRate(), 44100.0);
        QVERIFY(model->setParameter(row, id, 30000.0)); // clamped below the stream's Nyquist
        QCOMPARE(model->value(row, id), clamped);

        // Undoing the rate change while the stream runs at 44.1 kHz: the rack comes back to it.
        const int steps = window.undoStack()->count(); // (30 kHz clamped to the same value: no step)
        window.undoStack()->undo();                    // the rate change
        QTRY_COMPARE(model->sampleRate(), 44100.0);
        QTRY_COMPARE(model->value(row, id), clamped);
        QCOMPARE(window.engine()->processor()->effects().at(row).param(id), clamped);
        QCOMPARE(window.rackView()->card(row)->knob(id)->value(), clamped);
        QCOMPARE(window.undoStack()->count(), steps); // the undone step gave way to a new fit
        QVERIFY(!window.undoStack()->canRedo());
        QVERIFY(window.rackView()->card(row)->noteText().contains("40.0 kHz"));

        bar->stop(); // stopped: the rate control's rate again
        QCOMPARE(model->sampleRate(), 96000.0);
    }

    void batchRefusesAFileWhoseRateRefusesTheChain()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(fxrack::test::writeWav(dir.filePath("fine.wav"), 4800, 48000));
        QVERIFY(fxrack::test::writeWav(dir.filePath("low.wav"), 2205, 22050));
        RackModel rack;
        rack.setChainSpec("LoButterworth(15000) | Gain(1.0)");
        BatchPanel panel(&rack, nullptr);
        panel.resize(1100, 360);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.addPaths({dir.filePath("fine.wav"), dir.filePath("low.wav")}), 2);
        panel.ui()->folderEdit->setText(dir.filePath("out"));

        QVERIFY(!panel.start());
        QVERIFY(!panel.isRunning());
        QCOMPARE(panel.fileState(0), BatchPanel::FileState::Waiting);
        QCOMPARE(panel.fileState(1), BatchPanel::FileState::Failed);
        const QString why = panel.fileResult(1);
        QVERIFY2(why.contains("low.wav") && why.contains("LoButterworth") && why.contains("cutoff"),
                 qPrintable(why));
        const QString status = panel.ui()->timeLeftLabel->text();
        QVERIFY2(status.contains("low.wav") && status.contains("cutoff"), qPrintable(status));
        QVERIFY(!QDir(dir.filePath("out")).exists()); // nothing started, nothing written
        fxrack::test::saveScreenshot(&panel, "rate_limit_batch_refused");

        // The same chain with a cutoff the low file accepts runs.
        rack.setParameter(0, rack.slotAt(0).type->findParam("cutoff"), 8000.0);
        QVERIFY(panel.start());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 30000);
        QCOMPARE(panel.fileState(1), BatchPanel::FileState::Done);
    }
};

QTEST_MAIN(TestRateLimits)
#include "tst_RateLimits.moc"
