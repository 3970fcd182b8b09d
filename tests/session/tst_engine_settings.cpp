#include "session/EngineSettings.h"
#include "session/SessionError.h"
#include "session/SessionIo.h"

#include <QtTest>

using namespace fxrack;
using namespace fxrack::session;

class TestEngineSettings : public QObject {
    Q_OBJECT
private slots:
    void batchSettingsBecomeBatchOptions()
    {
        BatchSettings b;
        b.jobs = 7;
        b.chunkFrames = 4096;
        b.device = QStringLiteral("cuda");
        b.tailSeconds = 2.5;
        b.format = QStringLiteral("flac");
        const io::BatchOptions o = batchOptions(b);
        QCOMPARE(o.jobs, 7);
        QCOMPARE(o.chunkSize, 4096);
        QCOMPARE(o.device, io::ComputeDevice::Cuda);
        QCOMPARE(o.tailSeconds, 2.5);
        QVERIFY(o.output.format.has_value());
        QCOMPARE(*o.output.format, *io::parseFileFormat("flac"));
        QVERIFY(o.ifExists == io::IfExists::Fail && !o.resume);
    }
    void sameFormatLeavesEachInputsOwnAndAutoStaysAuto()
    {
        BatchSettings b; // format "same", device "auto"
        const io::BatchOptions o = batchOptions(b);
        QVERIFY(!o.output.format.has_value());
        QCOMPARE(o.device, io::ComputeDevice::Auto);
    }
    void audioSettingsBecomeAStreamConfig()
    {
        AudioSettings a;
        a.sampleRateHz = 44100;
        a.bufferFrames = 64;
        a.channelsIn = 2;
        a.channelsOut = 6;
        a.inputDevice = QStringLiteral("Scarlett 2i2");
        a.outputDevice = QStringLiteral("system");
        const realtime::StreamConfig c = streamConfig(a);
        QCOMPARE(c.sampleRate, 44100);
        QCOMPARE(c.bufferSize, 64);
        QCOMPARE(c.channelsIn, 2);
        QCOMPARE(c.channelsOut, 6);
        QCOMPARE(QString::fromStdString(c.inputDevice), QString("Scarlett 2i2"));
        QCOMPARE(QString::fromStdString(c.outputDevice), QString("system"));
        c.validate(); // a session's values are within the stream's limits
    }
    void aSessionAllowsExactlyTheEnginesLimits()
    {
        const QByteArray head = R"({"format": "fxrack-session", "format_version": 1, )";
        const auto parses = [&](const QByteArray& tail) {
            try {
                SessionIo::parse(head + tail + "}");
                return true;
            } catch (const SessionError&) {
                return false;
            }
        };
        const QByteArray maxJobs = QByteArray::number(io::BatchOptions::kMaxJobs);
        QVERIFY(parses(R"("batch": {"jobs": )" + maxJobs + "}"));
        QVERIFY(!parses(R"("batch": {"jobs": )" + QByteArray::number(io::BatchOptions::kMaxJobs + 1) + "}"));
        const QByteArray maxChannels = QByteArray::number(realtime::StreamConfig::kMaxChannels);
        QVERIFY(parses(R"("audio": {"channels_out": )" + maxChannels + "}"));
        QVERIFY(!parses(R"("audio": {"channels_out": )" +
                        QByteArray::number(realtime::StreamConfig::kMaxChannels + 1) + "}"));
    }
};

QTEST_GUILESS_MAIN(TestEngineSettings)
#include "tst_engine_settings.moc"
