#include "BatchPanel.h"
#include "RackModel.h"
#include "common/AppSupport.h"
#include "common/AudioFiles.h"
#include "ui_BatchPanel.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProgressBar>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace fxrack::app;

using fxrack::test::readFile;
using fxrack::test::writeWav;

class TestBatchPanel : public QObject {
    Q_OBJECT
private slots:
    void threeFilesOneBadTwoDoneOneFailed()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QDir().mkpath(dir.filePath("in/sub"));
        QVERIFY(writeWav(dir.filePath("in/a.wav"), 24000));
        QVERIFY(writeWav(dir.filePath("in/sub/b.wav"), 48000));
        QFile bad(dir.filePath("in/broken.wav"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("this is not a RIFF file at all, just text pretending to be audio");
        bad.close();
        QFile notes(dir.filePath("in/notes.txt")); // not audio: left out of a folder
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.close();

        RackModel rack;
        rack.setSpecs(RackModel::defaultSpecs());
        BatchPanel panel(&rack, nullptr);
        panel.resize(1100, 420);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.addPaths({dir.filePath("in")}), 3);
        QCOMPARE(panel.addPaths({dir.filePath("in/a.wav")}), 0); // no duplicates
        panel.ui()->folderEdit->setText(dir.filePath("out"));
        panel.ui()->formatCombo->setCurrentIndex(panel.ui()->formatCombo->findData("flac"));

        QVERIFY(panel.start());
        QVERIFY(panel.isRunning());
        QVERIFY(!panel.ui()->startButton->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 30000);

        int done = 0, failed = 0;
        for (int row = 0; row < panel.fileCount(); ++row) {
            if (panel.fileState(row) == BatchPanel::FileState::Done) {
                ++done;
                QVERIFY2(QFile::exists(panel.outputPath(row)), qPrintable(panel.outputPath(row)));
                QVERIFY(panel.outputPath(row).endsWith("_fx.flac"));
            } else if (panel.fileState(row) == BatchPanel::FileState::Failed) {
                ++failed;
                QVERIFY2(panel.fileResult(row).contains("broken.wav"), qPrintable(panel.fileResult(row)));
            }
        }
        QCOMPARE(done, 2);
        QCOMPARE(failed, 1);
        QVERIFY(!QFile::exists(dir.filePath("out/broken_fx.flac")));
        QCOMPARE(panel.ui()->overallProgress->value(), 100);
        fxrack::test::saveScreenshot(&panel, "batch_two_done_one_failed");
    }

    // Issue 16: a dropped folder is mirrored, rows show names (folder in the tooltip), a failed
    // row shows its reason and no full bar, loudness columns fill in, the report can be saved,
    // and the name template, if-exists, rate and quality controls reach the engine.
    void nestedFolderMirroredWithLoudnessAndReport()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath("show/s1/extras"));
        QVERIFY(writeWav(dir.filePath("show/intro.wav"), 24000));
        QVERIFY(writeWav(dir.filePath("show/s1/ep1.wav"), 48000));
        QVERIFY(writeWav(dir.filePath("show/s1/extras/bonus.wav"), 30000));
        QFile bad(dir.filePath("show/s1/broken.wav"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not audio");
        bad.close();

        RackModel rack;
        rack.setSpecs(RackModel::defaultSpecs());
        BatchPanel panel(&rack, nullptr);
        panel.resize(1400, 520);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(!panel.ui()->saveReportButton->isEnabled());
        QCOMPARE(panel.addPaths({dir.filePath("show")}), 4);
        QCOMPARE(panel.ui()->fileList->topLevelItem(0)->text(0), QString("intro.wav"));
        QCOMPARE(panel.ui()->fileList->topLevelItem(0)->toolTip(0),
                 QDir::toNativeSeparators(dir.filePath("show")));
        const QString out = dir.filePath("out");
        panel.ui()->folderEdit->setText(out);
        panel.ui()->nameEdit->setText("{index}_{stem}");
        panel.ui()->formatCombo->setCurrentIndex(panel.ui()->formatCombo->findData("flac"));
        panel.ui()->rateCombo->setCurrentIndex(panel.ui()->rateCombo->findData(44100));
        panel.ui()->ifExistsCombo->setCurrentIndex(panel.ui()->ifExistsCombo->findData("rename"));
        const auto s = panel.settings();
        QCOMPARE(s.nameTemplate, QString("{index}_{stem}"));
        QCOMPARE(s.ifExists, QString("rename"));
        QCOMPARE(s.sampleRate, 44100);
        QCOMPARE(s.quality, -1.0);
        QVERIFY(s.recursive);

        QVERIFY(panel.start());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 30000);
        // Sorted path order: show/intro, show/s1/broken, show/s1/ep1, show/s1/extras/bonus.
        QVERIFY(QFile::exists(out + "/1_intro.flac"));
        QVERIFY(QFile::exists(out + "/s1/3_ep1.flac"));
        QVERIFY(QFile::exists(out + "/s1/extras/4_bonus.flac"));
        QCOMPARE(readFile((out + "/s1/3_ep1.flac").toStdString()).info.samplerate, 44100);
        const int brokenRow = 1;
        QCOMPARE(panel.fileState(brokenRow), BatchPanel::FileState::Failed);
        QVERIFY(panel.fileResult(brokenRow).contains("broken.wav"));
        auto* bar = qobject_cast<QProgressBar*>(
            panel.ui()->fileList->itemWidget(panel.ui()->fileList->topLevelItem(brokenRow), 2));
        QVERIFY(bar && !bar->isVisible());
        QVERIFY(panel.ui()->fileList->topLevelItem(brokenRow)->text(2).contains("broken.wav"));
        for (int row : {0, 2, 3}) {
            QCOMPARE(panel.fileState(row), BatchPanel::FileState::Done);
            bool ok = false;
            QLocale().toDouble(panel.loudnessText(row, 0), &ok);
            QVERIFY2(ok, qPrintable(panel.loudnessText(row, 0)));
            QLocale().toDouble(panel.loudnessText(row, 1), &ok);
            QVERIFY(ok);
            QLocale().toDouble(panel.loudnessText(row, 2), &ok);
            QVERIFY(ok);
        }
        fxrack::test::saveScreenshot(&panel, "batch_nested_loudness_one_failed");

        QVERIFY(panel.ui()->saveReportButton->isEnabled());
        QVERIFY(panel.ui()->openOutputButton->isEnabled());
        QCOMPARE(panel.outputFolder(), out);
        QVERIFY(panel.saveReport(dir.filePath("report.json")));
        QFile report(dir.filePath("report.json"));
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(report.readAll()).object();
        QCOMPARE(json["records"].toArray().size(), 4);
        QCOMPARE(json["summary"].toObject()["failed"].toInt(), 1);
        QVERIFY(json["records"].toArray()[0].toObject().contains("lufs_after"));

        // Again, renaming: new outputs beside the first ones.
        QVERIFY(panel.start());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 30000);
        QVERIFY(QFile::exists(out + "/1_intro (2).flac"));
        QVERIFY(panel.outputPath(0).endsWith("1_intro (2).flac"));
    }

    void cudaIsGreyedOutWithAReasonWhenAbsent()
    {
        RackModel rack;
        rack.setSpecs(RackModel::defaultSpecs());
        BatchPanel panel(&rack, nullptr);
        auto* model = qobject_cast<QStandardItemModel*>(panel.ui()->deviceCombo->model());
        QVERIFY(model);
        const QStandardItem* cuda = model->item(panel.ui()->deviceCombo->findData("cuda"));
        QVERIFY(cuda);
        if (!cuda->isEnabled()) {
            QVERIFY(cuda->toolTip().startsWith("Not available: "));
            QVERIFY(!panel.ui()->deviceNote->text().isEmpty());
        } else {
            QVERIFY(panel.ui()->deviceNote->text().isEmpty());
        }
    }
};

QTEST_MAIN(TestBatchPanel)
#include "tst_BatchPanel.moc"
