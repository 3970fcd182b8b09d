#include "BatchPanel.h"
#include "RackModel.h"
#include "common/AppSupport.h"
#include "common/PulseServer.h"
#include "ui_BatchPanel.h"

#include <QAudioDevice>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QTest>

using namespace fxrack::app;

// Previewing a batch result goes through Qt Multimedia (QMediaPlayer and QAudioOutput) to the
// sound server. Here the server is a real PulseAudio with a null sink, started for this test
// alone, so the sound goes all the way through and nothing is heard.
class TestBatchPreview : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fxrack::test::PulseServer m_pulse;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_pulse.start(m_dir.filePath("pulse")), qPrintable(m_pulse.error()));
        // Before the first multimedia object: the backend connects to the server it names.
        qputenv("PULSE_SERVER", m_pulse.serverAddress().toLocal8Bit());
        QVERIFY(m_pulse.pactl({"list", "short", "sinks"}).contains("fxrack_null"));
    }

    void cleanupTestCase()
    {
        m_pulse.stop();
        QVERIFY(!m_pulse.isRunning());
    }

    void theNullSinkIsListedAsAnAudioOutput()
    {
        QStringList ids;
        for (const QAudioDevice& device : QMediaDevices::audioOutputs())
            ids << QString::fromUtf8(device.id());
        QVERIFY2(ids.contains("fxrack_null"), qPrintable(ids.join(", ")));
        QCOMPARE(QString::fromUtf8(QMediaDevices::defaultAudioOutput().id()), QString("fxrack_null"));
    }

    void aBatchResultPlaysAndStops()
    {
        QVERIFY(QDir().mkpath(m_dir.filePath("in")));
        QVERIFY(fxrack::test::writeWav(m_dir.filePath("in/tone.wav"), 48000 * 4));
        RackModel rack;
        rack.setSpecs(RackModel::defaultSpecs());
        BatchPanel panel(&rack, nullptr);
        panel.resize(1100, 420);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.addPaths({m_dir.filePath("in")}), 1);
        panel.ui()->folderEdit->setText(m_dir.filePath("out"));
        QVERIFY(panel.start());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), 30000);
        QCOMPARE(panel.fileState(0), BatchPanel::FileState::Done);
        const QString result = panel.outputPath(0);
        QVERIFY(QFile::exists(result));

        QVERIFY(!panel.ui()->stopPreviewButton->isEnabled());
        panel.ui()->fileList->setCurrentItem(panel.ui()->fileList->topLevelItem(0));
        QTest::mouseClick(panel.ui()->playButton, Qt::LeftButton);
        QMediaPlayer* player = panel.previewPlayer();
        QVERIFY(player);
        QCOMPARE(player->source().toLocalFile(), result); // the result, not the input
        QTRY_COMPARE_WITH_TIMEOUT(player->playbackState(), QMediaPlayer::PlayingState, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(player->position() > 300, 10000);
        QCOMPARE(player->error(), QMediaPlayer::NoError);
        // The stream really reached the server: it has a client stream on the null sink.
        QVERIFY2(!m_pulse.pactl({"list", "short", "sink-inputs"}).trimmed().isEmpty(),
                 "no stream on the PulseAudio server while playing");
        QVERIFY(panel.ui()->stopPreviewButton->isEnabled());
        QVERIFY(panel.ui()->previewLabel->text().contains("tone_fx.wav"));
        fxrack::test::saveScreenshot(&panel, "batch_preview_playing");

        QTest::mouseClick(panel.ui()->stopPreviewButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(player->playbackState(), QMediaPlayer::StoppedState, 5000);
        QVERIFY(!panel.ui()->stopPreviewButton->isEnabled());
        QVERIFY(panel.ui()->previewLabel->text().isEmpty());
    }
};

QTEST_MAIN(TestBatchPreview)
#include "tst_BatchPreview.moc"
