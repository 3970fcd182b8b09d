#include "BatchPanel.h"
#include "DeviceBar.h"
#include "EffectCard.h"
#include "EffectPalette.h"
#include "EngineController.h"
#include "LevelMeter.h"
#include "MainWindow.h"
#include "MeterPanel.h"
#include "RackModel.h"
#include "RackView.h"
#include "RecoveryBar.h"
#include "ResponsePlot.h"
#include "Translations.h"
#include "common/AppSupport.h"
#include "dsp/ChainSpec.h"
#include "realtime/OfflineBackend.h"
#include "session/SessionIo.h"
#include "ui_BatchPanel.h"
#include "ui_DeviceBar.h"
#include "ui_MainWindow.h"

#include <QFile>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace fxrack;
using namespace fxrack::app;

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_home;

private slots:
    void cleanup() { installTranslation(QStringLiteral("en")); }

    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        fxrack::test::isolateHome(m_home);
        installTranslation(QStringLiteral("en"));
    }

    void opensTheDefaultSession()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.resize(1400, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString seed = QString::fromStdString(dsp::formatChain(
            dsp::parseChain("HiButterworth(80) | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)")));
        QCOMPARE(window.rackModel()->chainSpec(), seed);
        QVERIFY(window.windowTitle().contains("Untitled"));
        QVERIFY(!window.isWindowModified());
        QCOMPARE(window.rackView()->card(3)->row(), 3);
        // The plot shows the band-pass of the seed: flat-ish (+3.5 dB of Gain 1.5) in the middle,
        // far down at 20 Hz.
        const double mid = window.responsePlot()->magnitudeDbAt(1000.0);
        QVERIFY2(std::abs(mid - 20.0 * std::log10(1.5)) < 0.2, qPrintable(QString::number(mid)));
        QVERIFY(window.responsePlot()->magnitudeDbAt(25.0) < mid - 10.0);
        QVERIFY(window.responsePlot()->leftOut().contains("Reverb"));
        fxrack::test::saveScreenshot(&window, "main_window_default_session");
    }

    void editsMarkTheTitleAndUndoCleansIt()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.rackModel()->setParameter(0, 0, 120.0));
        QVERIFY(window.isWindowModified());
        window.undoStack()->undo();
        QVERIFY(!window.isWindowModified());
    }

    void paletteSearchAndDoubleClickAppend()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        EffectPalette* palette = window.palette();
        const int all = palette->visibleEffectCount();
        QCOMPARE(all, int(dsp::EffectRegistry::builtin().types().size()));
        QTest::keyClicks(palette->searchField(), "chorus");
        QCOMPARE(palette->visibleEffectCount(), 1);
        QTreeWidgetItem* chorus = palette->itemFor("Chorus");
        QVERIFY(chorus && !chorus->isHidden());
        QCoreApplication::processEvents();
        const QRect rect = palette->tree()->visualItemRect(chorus);
        QVERIFY2(rect.isValid(), "the item is laid out");
        QSignalSpy doubleClicked(palette->tree(), &QTreeWidget::itemDoubleClicked);
        // What a real double click delivers: a click, then the double-click press and release.
        QTest::mouseClick(palette->tree()->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
        QTest::mouseDClick(palette->tree()->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
        QCOMPARE(doubleClicked.count(), 1);
        QCOMPARE(window.rackModel()->count(), 5);
        QCOMPARE(QString::fromStdString(window.rackModel()->slotAt(4).type->name), QString("Chorus"));
        QCOMPARE(window.rackView()->currentRow(), 4);
        palette->searchField()->clear();
        QCOMPARE(palette->visibleEffectCount(), all);
    }

    void savesAndReopensASession()
    {
        const QString path = m_home.filePath("rig.fxrack");
        {
            MainWindow window(MainWindow::Options::quiet());
            QVERIFY(window.rackModel()->setBypassed(2, true));
            QVERIFY(window.rackModel()->setParameter(3, 0, 0.8));
            QVERIFY(window.saveSessionTo(path));
            QVERIFY(!window.isWindowModified());
            QVERIFY(window.windowTitle().startsWith("rig"));
        }
        MainWindow::Options options = MainWindow::Options::quiet();
        options.sessionPath = path;
        MainWindow reopened(options);
        QCOMPARE(reopened.sessionPath(), path);
        QVERIFY(reopened.rackModel()->slotAt(2).bypassed);
        QCOMPARE(reopened.rackModel()->value(3, 0), 0.8);
        QVERIFY(!reopened.isWindowModified());
        QVERIFY(reopened.ui()->menuRecent->actions().first()->toolTip().endsWith("rig.fxrack"));
    }

    void aSessionRestoresTheSampleRateBufferAndChannels()
    {
        const QString path = m_home.filePath("rate.fxrack");
        fxrack::session::Session s;
        s.rack = fxrack::session::rackFromChain(fxrack::dsp::parseChain("Gain(0.5)"));
        s.audio.sampleRateHz = 96000;
        s.audio.bufferFrames = 256;
        s.audio.channelsIn = 2;
        s.audio.channelsOut = 4;
        fxrack::session::SessionIo::write(s, path);
        MainWindow::Options options = MainWindow::Options::quiet();
        options.sessionPath = path;
        MainWindow window(options);
        const fxrack::realtime::StreamConfig config = window.deviceBar()->streamConfig();
        QCOMPARE(config.sampleRate, 96000);
        QCOMPARE(config.bufferSize, 256);
        QCOMPARE(window.deviceBar()->ui()->channelsInSpin->value(), 2);
        QCOMPARE(config.channelsOut, 4);
        // And what the window would save keeps them.
        QVERIFY(window.saveSessionTo(path));
        const fxrack::session::Session saved = fxrack::session::SessionIo::read(path);
        QCOMPARE(saved.audio.sampleRateHz, 96000);
        QCOMPARE(saved.audio.bufferFrames, 256);
    }

    void germanTranslationIsLoaded()
    {
        QCOMPARE(installTranslation(QStringLiteral("de")), QString("de"));
        {
            MainWindow window(MainWindow::Options::quiet());
            window.resize(1400, 860);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QCOMPARE(window.ui()->menuFile->title(), QString("&Datei"));
            QCOMPARE(window.ui()->menuEdit->title(), QString("&Bearbeiten"));
            QCOMPARE(window.ui()->menuLoadEffectPreset->title(), QString("E&ffekt-Voreinstellung laden"));
            QCOMPARE(window.recoveryBar()->restoreButton()->text(), QString("&Wiederherstellen"));
            fxrack::test::saveScreenshot(&window, "main_window_german");
        }
        QCOMPARE(installTranslation(QStringLiteral("es")), QString("es"));
        {
            MainWindow window(MainWindow::Options::quiet());
            QCOMPARE(window.ui()->menuFile->title(), QString("&Archivo"));
        }
        installTranslation(QStringLiteral("en"));
    }

    // Switching the language from the menu retranslates every part of an open window at once:
    // menus, the cards (rebuilt with translated labels), palette, meters, device bar and batch
    // panel, including texts the code fills in (combo items, a file's status) and the menus
    // filled in code. The session and the rack stay as they were.
    void languageSwitchesInAnOpenWindow()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.resize(1400, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const int effects = window.rackModel()->count();
        QVERIFY(effects > 0);
        window.rackView()->setCurrentRow(1);
        const QString take = m_home.filePath("take.wav"); // listed by name; never processed here
        QFile(take).open(QIODevice::WriteOnly);
        QCOMPARE(window.batchPanel()->addPaths({take}), 1);
        const auto texts = [&](QTreeWidget* tree) {
            QStringList out;
            for (int i = 0; i < tree->topLevelItemCount(); ++i)
                out << tree->topLevelItem(i)->text(0);
            return out;
        };

        // Picks a language from the menu, as a user does, and lets the LanguageChange events land.
        const auto chooseLanguage = [&](const QString& code) {
            bool found = false;
            for (QAction* a : window.ui()->menuLanguage->actions())
                if (a->data().toString() == code && !found) {
                    found = true;
                    a->trigger();
                }
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
            QCoreApplication::processEvents();
            return found;
        };
        QVERIFY(chooseLanguage("de"));

        QCOMPARE(window.ui()->menuFile->title(), QString("&Datei"));
        QCOMPARE(window.palette()->parentWidget()->windowTitle(), QString("Effekte"));
        QCOMPARE(window.rackModel()->count(), effects);
        QCOMPARE(window.rackView()->currentRow(), 1);
        QCOMPARE(window.rackView()->card(0)->bypassButton()->toolTip(), QString("Umgehen"));
        QCOMPARE(window.palette()->searchField()->placeholderText(), QString("Effekte suchen"));
        QVERIFY2(texts(window.palette()->tree()).contains("Dynamik"),
                 qPrintable(texts(window.palette()->tree()).join(", ")));
        QVERIFY(window.meters()->findChild<QLabel*>("dspLoad")->text().startsWith("DSP-Last"));
        QCOMPARE(window.batchPanel()->ui()->startButton->text(), QString("&Starten"));
        QCOMPARE(window.batchPanel()->ui()->formatCombo->itemText(0), QString("Wie die Eingabe"));
        QCOMPARE(window.batchPanel()->ui()->chunkCombo->itemText(0), QString("4096 Frames"));
        QCOMPARE(window.deviceBar()->ui()->bufferCombo->itemText(0).endsWith("Frames"), true);
        QCOMPARE(window.batchPanel()->ui()->fileList->topLevelItem(0)->text(1), // the status column
                 QString("Wartet"));
        QVERIFY(!window.ui()->menuLoadPreset->actions().isEmpty());
        fxrack::test::saveScreenshot(&window, "main_window_switched_to_german");

        QVERIFY(chooseLanguage("en"));
        QCOMPARE(window.ui()->menuFile->title(), QString("&File"));
        QCOMPARE(window.rackView()->card(0)->bypassButton()->toolTip(), QString("Bypass"));
        QCOMPARE(window.batchPanel()->ui()->formatCombo->itemText(0), QString("Same as input"));
    }

    void startsWithNoAudioDeviceAndTheDemoInputMovesTheMeters()
    {
        MainWindow::Options options = MainWindow::Options::quiet();
        options.probeDevices = true;
        options.audioApi = DeviceBar::kNoDeviceApi;
        MainWindow window(options);
        window.resize(1400, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        DeviceBar* bar = window.deviceBar();
        QTRY_VERIFY_WITH_TIMEOUT(!bar->isProbing() && bar->ui()->outputCombo->count() > 0, 10000);
        QVERIFY(bar->demoInputSelected());
        QCOMPARE(bar->bufferSize(), 128);
        QVERIFY(bar->start());
        QVERIFY(window.engine()->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(window.meters()->updates() >= 5, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(window.meters()->outputMeter()->peakDb(0) > -40.0, 5000);
        // A knob edit while running goes through the queue; the engine keeps running.
        QVERIFY(window.rackModel()->setParameter(2, 0, 0.5));
        QVERIFY(window.rackModel()->moveEffect(3, 0));
        QTest::qWait(200);
        QVERIFY(window.engine()->isRunning());
        QVERIFY2(bar->ui()->latencyLabel->text().contains("2.67"),
                 qPrintable(bar->ui()->latencyLabel->text()));
        QVERIFY2(bar->ui()->latencyLabel->text().contains("chain: 0 samples"),
                 qPrintable(bar->ui()->latencyLabel->text()));
        // A 101-tap FIR added live: the device bar shows the chain's 50 samples beside the buffer.
        QVERIFY(window.rackModel()->addEffect("DesignableFIR"));
        const int fir = window.rackModel()->count() - 1;
        QVERIFY(window.rackModel()->setParameter(
            fir, window.rackModel()->slotAt(fir).type->findParam("num_taps"), 101));
        QTRY_VERIFY2_WITH_TIMEOUT(bar->ui()->latencyLabel->text().contains("chain: 50 samples"),
                                  qPrintable(bar->ui()->latencyLabel->text()), 5000);
        // Bypassed, it keeps its latency (its dry path is delayed as much).
        QVERIFY(window.rackModel()->setBypassed(fir, true));
        QTest::qWait(100);
        QVERIFY2(bar->ui()->latencyLabel->text().contains("chain: 50 samples"),
                 qPrintable(bar->ui()->latencyLabel->text()));
        fxrack::test::saveScreenshot(&window, "main_window_demo_input_running");
        bar->stop();
        QVERIFY(!window.engine()->isRunning());
    }

    void aDeviceThatVanishesIsReportedAndTheWindowCarriesOn()
    {
        MainWindow::Options options = MainWindow::Options::quiet();
        options.probeDevices = true;
        options.audioApi = DeviceBar::kNoDeviceApi;
        MainWindow window(options);
        window.resize(1400, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        DeviceBar* bar = window.deviceBar();
        QTRY_VERIFY_WITH_TIMEOUT(!bar->isProbing() && bar->ui()->outputCombo->count() > 0, 10000);
        QVERIFY(bar->start());
        QVERIFY(!bar->ui()->startButton->isEnabled());
        auto* backend = dynamic_cast<realtime::OfflineBackend*>(window.engine()->backend());
        QVERIFY(backend);
        QSignalSpy lost(window.engine(), &EngineController::deviceLost);

        backend->simulateFailure("the USB interface was unplugged");
        // The GUI timer notices within a poll; nothing has to be pumped by hand.
        QTRY_COMPARE_WITH_TIMEOUT(lost.count(), 1, 2000);
        QVERIFY(!window.engine()->isRunning());
        const QString text = bar->ui()->statusLabel->text();
        QVERIFY2(text.contains("the USB interface was unplugged") && text.contains("Start again"),
                 qPrintable(text));
        QVERIFY(bar->showsProblem());
        // The re-probe after the loss finishes without hiding the reason.
        QTRY_VERIFY_WITH_TIMEOUT(!bar->isProbing(), 10000);
        QCOMPARE(bar->ui()->statusLabel->text(), text);
        QVERIFY(bar->ui()->startButton->isEnabled());
        QVERIFY(!bar->ui()->stopButton->isEnabled());
        QVERIFY(window.isVisible());
        fxrack::test::saveScreenshot(&window, "main_window_device_lost");

        // And the rig starts again from the same bar.
        QVERIFY(bar->start());
        QVERIFY(window.engine()->isRunning());
        QVERIFY(!bar->showsProblem());
        bar->stop();
    }

    void closingDuringABatchAsksAndYesCancelsWithoutPartialOutput()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Enough audio that the batch is still busy while the questions are answered: one job
        // at a time, small chunks, a long reverb tail on every file.
        QStringList inputs;
        for (int i = 0; i < 8; ++i) {
            inputs << dir.filePath(QStringLiteral("in/take%1.wav").arg(i));
            QDir().mkpath(dir.filePath("in"));
            QVERIFY(fxrack::test::writeWav(inputs.last(), 48000 * 30));
        }
        MainWindow window(MainWindow::Options::quiet());
        window.resize(1400, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.ui()->tabs->setCurrentIndex(1);
        BatchPanel* batch = window.batchPanel();
        QCOMPARE(batch->addPaths({dir.filePath("in")}), 8);
        batch->ui()->folderEdit->setText(dir.filePath("out"));
        batch->ui()->jobsSpin->setValue(1);
        batch->ui()->chunkCombo->setCurrentIndex(0);
        batch->ui()->tailSpin->setValue(batch->ui()->tailSpin->maximum());
        QVERIFY(batch->start());
        QTRY_VERIFY_WITH_TIMEOUT(batch->ui()->overallProgress->value() > 0, 10000);
        fxrack::test::saveScreenshot(&window, "close_during_batch_running");

        QString text;
        bool answered = false;
        fxrack::test::answerNextMessageBox(QMessageBox::No, &text, &answered, "close_during_batch_question");
        QVERIFY(!window.close());
        QVERIFY(answered);
        QVERIFY2(text.contains("batch is still running"), qPrintable(text));
        QVERIFY(window.isVisible());
        QVERIFY2(batch->isRunning(), "No keeps the batch running");

        fxrack::test::answerNextMessageBox(QMessageBox::Yes, &text, &answered);
        QVERIFY(window.close());
        QVERIFY(answered);
        QVERIFY(!window.isVisible());
        // close() returned after the workers stopped: the list and the folder are final already.
        QVERIFY(!batch->isRunning());
        int done = 0;
        int cancelled = 0;
        for (int row = 0; row < batch->fileCount(); ++row) {
            if (batch->fileState(row) == BatchPanel::FileState::Done) {
                ++done;
                QVERIFY(QFile::exists(batch->outputPath(row)));
            } else {
                QCOMPARE(batch->fileState(row), BatchPanel::FileState::Cancelled);
                ++cancelled;
                QVERIFY2(!QFile::exists(batch->outputPath(row)), qPrintable(batch->outputPath(row)));
            }
        }
        QVERIFY(cancelled > 0);
        // Nothing half written under another name either: the folder holds the finished files only.
        QCOMPARE(QDir(dir.filePath("out")).entryList(QDir::Files | QDir::Hidden).size(), done);
    }

    // Last with closingDuringABatch...: closing saves the window state, which later tests would restore.
    void closingWithUnsavedChangesAsksFirst()
    {
        MainWindow window(MainWindow::Options::quiet());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.close()); // nothing changed: no question
        window.show();
        QVERIFY(window.rackModel()->setParameter(0, 0, 120.0));
        QString text;
        bool answered = false;
        fxrack::test::answerNextMessageBox(QMessageBox::Cancel, &text, &answered, "close_unsaved_question");
        QVERIFY(!window.close());
        QVERIFY(answered);
        QVERIFY(window.isVisible());
        QCOMPARE(window.rackModel()->value(0, 0), 120.0); // the edit is still there
        fxrack::test::answerNextMessageBox(QMessageBox::Discard, &text, &answered);
        QVERIFY(window.close());
        QVERIFY(answered);
        QVERIFY(!window.isVisible());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_MainWindow.moc"
