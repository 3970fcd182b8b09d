// Snapshots from the command line: `live --snapshot T:store|recall:NAME --snapshot-morph S`,
// and a session's snapshots, over the file API (the engine at its own pace, so times are exact).
#include "common/AudioFiles.h"
#include "common/CliRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace fxrack::test;

namespace {
constexpr int kRate = 48000;
}

class TestCliSnapshots : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Planar dc(1, std::vector<float>(2 * kRate, 0.5f));
        writeFile(path("dc.wav").toStdString(), dc, SF_FORMAT_WAV | SF_FORMAT_FLOAT, kRate);
    }

    void storeThenRecallMorphsBack()
    {
        const auto r = runCli({"live",
                               "--api",
                               "file",
                               "--input-file",
                               path("dc.wav"),
                               "--output-file",
                               path("out.wav"),
                               "--chain",
                               "Gain(0.2)",
                               "--buffer",
                               "128",
                               "--snapshot",
                               "0:store:A",
                               "--set",
                               "0.1:0.gain=1",
                               "--snapshot",
                               "0.3:store:B",
                               "--snapshot",
                               "0.5:recall:a",
                               "--snapshot-morph",
                               "1",
                               "--stats",
                               "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o["params"].toObject()["0.gain"].toDouble(), 0.2);
        QCOMPARE(o["snapshots"].toArray(), (QJsonArray{"A", "B"}));
        const auto out = readFile(path("out.wav").toStdString()).audio[0];
        // 0.5 * gain: 0.5 at 0.4 s, gliding down to 0.1 from 0.5 s to 1.5 s, half way at 1 s
        // (behind by up to the gain's own ramp, 50 ms: 0.02 of output).
        QVERIFY(qAbs(out[static_cast<size_t>(0.45 * kRate)] - 0.5f) < 1e-4);
        QVERIFY(qAbs(out[static_cast<size_t>(1.0 * kRate)] - 0.3f) < 0.025);
        QVERIFY(qAbs(out[static_cast<size_t>(1.9 * kRate)] - 0.1f) < 1e-4);
        for (size_t i = static_cast<size_t>(0.5 * kRate) + 1; i < static_cast<size_t>(1.6 * kRate); ++i)
            QVERIFY2(out[i] <= out[i - 1] + 1e-6f && out[i - 1] - out[i] < 5e-5f,
                     qPrintable(QString::number(i)));
    }

    void aSessionsSnapshotsAreRecalled()
    {
        QFile f(path("s.fxrack"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "fxrack-session", "format_version": 1,
            "audio": {"api": "", "channels_in": 1, "channels_out": 1},
            "rack": [{"type": "Gain", "id": "g", "params": {"gain": 1}}],
            "snapshots": {"morph_seconds": 0, "list": [{"name": "C", "rack": [{"type": "Gain", "id": "g", "params": {"gain": 0.5}}]}]}})");
        f.close();
        const auto r = runCli({"live", "--api", "file", "--input-file", path("dc.wav"), "--output-file",
                               path("out2.wav"), "--session", path("s.fxrack"), "--snapshot", "0.5:recall:C",
                               "--stats", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o["params"].toObject()["0.gain"].toDouble(), 0.5);
    }

    void badSnapshotStepsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("verb") << QStringList{"--snapshot", "1:keep:A"}
                              << "fxrack-cli: --snapshot 1:keep:A: keep: ";
        QTest::newRow("name") << QStringList{"--snapshot", "1:store:Z"}
                              << "fxrack-cli: --snapshot 1:store:Z: Z: ";
        QTest::newRow("unknown") << QStringList{"--snapshot", "1:recall:B"}
                                 << "fxrack-cli: --snapshot B: no snapshot B";
        QTest::newRow("recall before store")
            << QStringList{"--snapshot", "1:recall:B", "--snapshot", "2:store:B"}
            << "fxrack-cli: --snapshot B: no snapshot B";
        QTest::newRow("morph") << QStringList{"--snapshot-morph", "11"}
                               << "fxrack-cli: --snapshot-morph must be";
    }
    void badSnapshotStepsAreUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = runCli(QStringList{"live", "--api", "file", "--input-file", path("dc.wav"),
                                          "--output-file", path("bad.wav"), "--chain", "Gain(1)"} +
                              args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
        QVERIFY(!QFile::exists(path("bad.wav")));
    }
};

QTEST_GUILESS_MAIN(TestCliSnapshots)
#include "tst_cli_snapshots.moc"
