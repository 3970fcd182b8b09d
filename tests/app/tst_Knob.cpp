#include "EffectCard.h"
#include "EngineController.h"
#include "Knob.h"
#include "ParamFormat.h"
#include "RackModel.h"
#include "RackView.h"
#include "common/AppSupport.h"
#include "dsp/EffectRegistry.h"
#include "realtime/OfflineBackend.h"
#include "realtime/RealtimeProcessor.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>
#include <cmath>

using namespace fxrack;
using namespace fxrack::app;

namespace {

// Vertical drag by `dy` pixels (negative: up), in steps, as a user would.
void dragKnob(Knob* knob, int dy, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    const QPoint start = knob->rect().center();
    QTest::mousePress(knob, Qt::LeftButton, modifiers, start);
    const int steps = std::max(1, std::abs(dy) / 5);
    for (int i = 1; i <= steps; ++i) {
        const QPoint p = start + QPoint(0, dy * i / steps);
        QMouseEvent move(QEvent::MouseMove, p, knob->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, modifiers);
        QApplication::sendEvent(knob, &move);
    }
    QTest::mouseRelease(knob, Qt::LeftButton, modifiers, start + QPoint(0, dy));
}

double rms(const float* x, int n)
{
    double sum = 0.0;
    for (int i = 0; i < n; ++i)
        sum += double(x[i]) * x[i];
    return std::sqrt(sum / n);
}

} // namespace

class TestKnob : public QObject {
    Q_OBJECT
private slots:
    void logTravelFollowsMetadata()
    {
        const dsp::ParamInfo cutoff = dsp::hzParam("cutoff", 1000.0, 20.0, 20000.0);
        QCOMPARE(cutoff.scale, dsp::Scale::Log);
        // Half the travel of a log knob is the geometric mean.
        QVERIFY(std::abs(positionToValue(cutoff, 0.5) - std::sqrt(20.0 * 20000.0)) < 1e-6);
        QVERIFY(std::abs(valueToPosition(cutoff, 632.4555) - 0.5) < 1e-4);
        const dsp::ParamInfo mix = dsp::linearParam("mix", 0.5, 0.0, 1.0);
        QCOMPARE(positionToValue(mix, 0.25), 0.25);
    }

    void gainKnobSpansItsUsefulRangeAndTypedValuesGoBeyond()
    {
        // Gain accepts -120..1000 (amplitude, dB or power), but its knob turns through 0..4.
        const auto* type = dsp::EffectRegistry::builtin().find("Gain");
        QVERIFY(type);
        const dsp::ParamInfo gain = type->params.at(0);
        QCOMPARE(positionToValue(gain, 0.25), 1.0);
        QCOMPARE(valueToPosition(gain, 2.0), 0.5);
        QCOMPARE(valueToPosition(gain, 10.0), 1.0); // beyond the knob: shown at its end
        Knob knob(gain);
        knob.setValue(1.0);
        knob.show();
        QVERIFY(QTest::qWaitForWindowExposed(&knob));
        QSignalSpy edited(&knob, &Knob::valueEdited);
        QTest::mouseDClick(&knob, Qt::LeftButton, Qt::NoModifier, knob.rect().center());
        auto* editor = knob.findChild<QLineEdit*>();
        QVERIFY(editor && editor->isVisible());
        editor->setText("10");
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(edited.count(), 1);
        QCOMPARE(edited.at(0).at(0).toDouble(), 10.0); // a typed value may leave the knob's span
    }

    void dragWheelShiftResetAndTyping()
    {
        const dsp::ParamInfo mix = dsp::linearParam("mix", 0.5, 0.0, 1.0);
        Knob knob(mix);
        knob.resize(knob.sizeHint());
        knob.show();
        QVERIFY(QTest::qWaitForWindowExposed(&knob));
        // The knob reports, the owner decides: apply every edit, as the model does.
        QList<int> gestures;
        connect(&knob, &Knob::valueEdited, &knob, [&](double v, int g) {
            knob.setValue(v);
            gestures << g;
        });
        dragKnob(&knob, -40); // up 40 px of 200: +0.2
        QVERIFY2(std::abs(knob.value() - 0.7) < 0.011, qPrintable(QString::number(knob.value())));
        QVERIFY(gestures.size() > 1);
        QVERIFY(std::all_of(gestures.begin(), gestures.end(), [&](int g) { return g == gestures.first(); }));

        dragKnob(&knob, 40, Qt::ShiftModifier); // fine: -0.02
        QVERIFY2(std::abs(knob.value() - 0.68) < 0.0011, qPrintable(QString::number(knob.value())));

        QWheelEvent wheel(knob.rect().center(), knob.mapToGlobal(knob.rect().center()), {}, {0, 120},
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&knob, &wheel);
        QVERIFY(std::abs(knob.value() - 0.69) < 1e-9);

        QTest::mouseClick(&knob, Qt::RightButton, Qt::NoModifier, knob.rect().center());
        QCOMPARE(knob.value(), 0.5);

        QTest::mouseDClick(&knob, Qt::LeftButton, Qt::NoModifier, knob.rect().center());
        auto* editor = knob.findChild<QLineEdit*>();
        QVERIFY(editor && editor->isVisible());
        editor->setText("0.25");
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(knob.value(), 0.25);

        QSignalSpy refused(&knob, &Knob::valueRefused);
        QTest::mouseDClick(&knob, Qt::LeftButton, Qt::NoModifier, knob.rect().center());
        editor->setText("7");
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(knob.value(), 0.25); // out of range: refused, not clamped
        QCOMPARE(refused.count(), 1);
        fxrack::test::saveScreenshot(&knob, "knob");
    }

    void turningAKnobReachesTheEngine()
    {
        // A 1 kHz sine through ParametricEQ at 1 kHz: the output level is the EQ's gain.
        RackModel model;
        QUndoStack stack;
        model.setUndoStack(&stack);
        model.setChainSpec("ParametricEQ(frequency=1000, q=1, gain=0)");
        RackView view(&model);
        view.resize(400, 420);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        constexpr int kRate = 48000;
        constexpr int kFrames = kRate * 2;
        dsp::AudioBuffer input(1, kFrames);
        for (int i = 0; i < kFrames; ++i)
            input.channel(0)[i] = float(0.1 * std::sin(2.0 * M_PI * 1000.0 * i / kRate));
        auto backend = std::make_unique<realtime::OfflineBackend>(std::move(input), kFrames,
                                                                  realtime::OfflineBackend::Pace::Manual);
        auto* offline = backend.get();
        EngineController engine(&model);
        realtime::StreamConfig config(kRate, 256, 1, 1);
        QVERIFY2(engine.start(std::move(backend), config), qPrintable(engine.lastError()));
        QCOMPARE(offline->pump(40), 40);

        Knob* gain = view.card(0)->knob(model.slotAt(0).type->findParam("gain"));
        QVERIFY(gain);
        dragKnob(gain, -20); // up: more gain
        const double gainDb = model.value(0, model.slotAt(0).type->findParam("gain"));
        QVERIFY2(gainDb > 3.0 && gainDb < 48.0, qPrintable(QString::number(gainDb)));
        QCOMPARE(gain->value(), gainDb);
        QCOMPARE(stack.count(), 1); // one drag, one undo step

        offline->pump(200); // the command is applied at the next block; the ramp settles
        // (The controller owns the backend: read its recording before stopping.)
        const dsp::AudioBuffer& out = offline->output();
        const int done = static_cast<int>(offline->framesDone());
        const double before = 0.1 / std::sqrt(2.0); // the input's RMS
        const double after = rms(out.channel(0) + done - 4800, 4800);
        const double measuredDb = 20.0 * std::log10(after / before);
        QVERIFY2(std::abs(measuredDb - gainDb) < 0.1,
                 qPrintable(QString("asked %1 dB, engine gave %2 dB").arg(gainDb).arg(measuredDb)));
        engine.stop();
        fxrack::test::saveScreenshot(&view, "knob_turned_eq");
    }
};

QTEST_MAIN(TestKnob)
#include "tst_Knob.moc"
