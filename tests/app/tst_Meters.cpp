// The meter panel: peak hold, clip indicator (a click clears it), DSP load, the xrun counter that
// a click resets, and safety-stage events, fed the snapshots the engine's telemetry becomes.
#include "EngineController.h"
#include "LevelMeter.h"
#include "MeterPanel.h"
#include "common/AppSupport.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <cmath>

using namespace fxrack::app;

class TestMeters : public QObject {
    Q_OBJECT
    QTemporaryDir m_home;

    static MeterSnapshot snapshot(float left, float right)
    {
        MeterSnapshot s;
        s.inPeak = {left, right};
        s.inRms = {left / 2, right / 2};
        s.outPeak = {left, right};
        s.outRms = {left / 2, right / 2};
        return s;
    }

private slots:
    void initTestCase() { fxrack::test::isolateHome(m_home); }

    void peakHoldsAndClipsLatchUntilClicked()
    {
        MeterPanel panel;
        panel.resize(160, 420);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        LevelMeter* out = panel.outputMeter();
        panel.showSnapshot(snapshot(0.5f, 1.0f));
        QCOMPARE(out->channels(), 2);
        QVERIFY(std::abs(out->peakDb(0) - 20 * std::log10(0.5)) < 0.01);
        QVERIFY(!out->clipped(0));
        QVERIFY(out->clipped(1)); // full scale lights the clip indicator
        // The level falls; the hold and the clip stay.
        panel.showSnapshot(snapshot(0.1f, 0.1f));
        QVERIFY(out->peakDb(0) < -19.0);
        QVERIFY(std::abs(out->holdDb(0) - 20 * std::log10(0.5)) < 0.01);
        QVERIFY(out->clipped(1));
        fxrack::test::saveScreenshot(&panel, "meters_clip_and_hold");
        // A click on the meter clears the clip indicators.
        QTest::mouseClick(out, Qt::LeftButton, Qt::NoModifier, out->rect().center());
        QVERIFY(!out->clipped(1));
        // After the hold time the hold follows the level down.
        QTest::qWait(LevelMeter::kHoldMs + 100);
        panel.showSnapshot(snapshot(0.1f, 0.1f));
        QVERIFY(out->holdDb(0) < -19.0);
    }

    void loadXrunsAndSafetyEventsAreShownAndXrunsResetOnClick()
    {
        MeterPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        MeterSnapshot s = snapshot(0.2f, 0.2f);
        s.load = 0.25f;
        s.xruns = 3;
        s.safetyEvents = 2;
        panel.showSnapshot(s);
        QVERIFY(panel.findChild<QPushButton*>("xrunButton")->text().contains("3"));
        QSignalSpy reset(&panel, &MeterPanel::resetXrunsRequested);
        QTest::mouseClick(panel.xrunButton(), Qt::LeftButton);
        QCOMPARE(reset.count(), 1);
        bool sawLoad = false, sawSafety = false;
        for (auto* label : panel.findChildren<QLabel*>()) {
            sawLoad |= label->text().contains("25 %");
            sawSafety |= label->text().contains("Safety: 2");
        }
        QVERIFY(sawLoad && sawSafety);
        fxrack::test::saveScreenshot(&panel, "meters_counters");
    }

    // Late convolver partitions show only once there are any.
    void convolverLateCyclesShowOnceThereAreAny()
    {
        MeterPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto* late = panel.findChild<QLabel*>("convolverLate");
        QVERIFY(late);
        MeterSnapshot s = snapshot(0.2f, 0.2f);
        panel.showSnapshot(s);
        QVERIFY(!late->isVisible());
        s.convolverLateCycles = 4;
        panel.showSnapshot(s);
        QVERIFY(late->isVisible());
        QVERIFY2(late->text().contains("Convolver late: 4"), qPrintable(late->text()));
        QVERIFY(!late->toolTip().isEmpty());
        fxrack::test::saveScreenshot(&panel, "meters_convolver_late");
        panel.clear();
        QVERIFY(!late->isVisible());
    }
};

QTEST_MAIN(TestMeters)
#include "tst_Meters.moc"
