#include "MainWindow.h"
#include "RackModel.h"
#include "RecoveryBar.h"
#include "common/AppSupport.h"
#include "session/Autosaver.h"
#include "session/SessionPaths.h"

#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QTest>

using namespace fxrack;
using namespace fxrack::app;

// Crash recovery as the user meets it: an FXRack that was autosaving is killed, the next start
// offers the rack in a bar above the tabs (not a modal dialog: the window is usable at once),
// and Restore brings the rack back.
class TestRecovery : public QObject {
    Q_OBJECT
    QTemporaryDir m_home;

    // Runs the helper until it autosaved, then kills it with SIGKILL; returns the file it left.
    static QString crashAfterAutosave()
    {
        QProcess helper;
        helper.start(QStringLiteral(FXRACK_AUTOSAVE_HELPER), {session::SessionPaths::stateDir()});
        if (!helper.waitForStarted(5000))
            return {};
        QString path;
        while (path.isEmpty() && helper.waitForReadyRead(10000)) {
            const QString line = QString::fromLocal8Bit(helper.readLine()).trimmed();
            if (line.startsWith(QLatin1String("SAVED ")))
                path = line.mid(6);
        }
        helper.kill(); // SIGKILL: no destructor, no cleanExit
        helper.waitForFinished(5000);
        return helper.exitStatus() == QProcess::CrashExit ? path : QString();
    }

    static MainWindow::Options recoveringOptions()
    {
        MainWindow::Options o;
        o.probeDevices = false;
        o.offerRecovery = true;
        o.autosave = true;
        return o;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        fxrack::test::isolateHome(m_home); // XDG_STATE_HOME: the helper inherits it
    }

    void killedSessionIsOfferedAndRestoreLoadsItsRack()
    {
        const QString recovery = crashAfterAutosave();
        QVERIFY2(QFile::exists(recovery), qPrintable(recovery));

        MainWindow window(recoveringOptions());
        window.resize(1400, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        RecoveryBar* bar = window.recoveryBar();
        QTRY_VERIFY(bar->isVisible());
        QCOMPARE(bar->recoveryPath(), recovery);
        QVERIFY(bar->label()->text().contains("did not close properly"));
        // Until the user answers, the default session is what the window shows.
        QCOMPARE(window.rackModel()->count(), 4);
        fxrack::test::saveScreenshot(&window, "recovery_offered");

        QTest::mouseClick(bar->restoreButton(), Qt::LeftButton);
        QVERIFY(!bar->isVisible());
        RackModel* rack = window.rackModel();
        QCOMPARE(rack->count(), 2);
        QCOMPARE(QString::fromStdString(rack->slotAt(0).type->name), QString("Chorus"));
        QCOMPARE(QString::fromStdString(rack->slotAt(1).type->name), QString("Gain"));
        QCOMPARE(rack->value(1, 0), 0.25);
        // Restored work lives nowhere but in the window: it is unsaved.
        QVERIFY(window.isWindowModified());
        QVERIFY(window.sessionPath().isEmpty());
        QVERIFY(!QFile::exists(recovery));
        QVERIFY(session::Autosaver::findRecoveries().isEmpty());
        fxrack::test::saveScreenshot(&window, "recovery_restored");
    }

    void discardKeepsTheDefaultRackAndForgetsTheFile()
    {
        const QString recovery = crashAfterAutosave();
        QVERIFY(QFile::exists(recovery));
        MainWindow window(recoveringOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.recoveryBar()->isVisible());
        QTest::mouseClick(window.recoveryBar()->discardButton(), Qt::LeftButton);
        QVERIFY(!window.recoveryBar()->isVisible());
        QCOMPARE(window.rackModel()->count(), 4);
        QVERIFY(!window.isWindowModified());
        QVERIFY(!QFile::exists(recovery));
        QVERIFY(session::Autosaver::findRecoveries().isEmpty());
    }

    void cleanStartOffersNothing()
    {
        QVERIFY(session::Autosaver::findRecoveries().isEmpty());
        MainWindow window(recoveringOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(50); // the offer is queued after construction
        QVERIFY(!window.recoveryBar()->isVisible());
    }
};

QTEST_MAIN(TestRecovery)
#include "tst_Recovery.moc"
