#include "BatchPanel.h"
#include "RackModel.h"
#include "common/AppSupport.h"
#include "ui_BatchPanel.h"

#include <QFile>
#include <QStandardItemModel>
#include <QTest>

using namespace fxrack::app;

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
