// fxrack-cli live and devices as a real process, against a JACK dummy server started here.
#include "common/JackServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

class TestCliLive : public QObject {
    Q_OBJECT
    std::unique_ptr<fxrack::test::JackServer> m_server;

    struct Result {
        int code;
        QByteArray out, err;
    };
    Result run(const QStringList& args, int timeoutMs = 30000)
    {
        QProcess p;
        p.start(FXRACK_CLI_PATH, args);
        p.waitForFinished(timeoutMs);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<fxrack::test::JackServer>(48000, 256);
        QVERIFY2(m_server->isRunning(), m_server->error().c_str());
    }
    void devicesJsonListsTheJackSystemDevice()
    {
        auto r = run({"devices", "--api", "jack", "--json"});
        QCOMPARE(r.code, 0);
        const auto devices = QJsonDocument::fromJson(r.out).array();
        QVERIFY(!devices.isEmpty());
        const auto d = devices.first().toObject();
        QCOMPARE(d["name"].toString(), QString("system"));
        QCOMPARE(d["max_output_channels"].toInt(), 2);
        QVERIFY(d.contains("sample_rates") && d.contains("is_default_input"));
    }
    void liveRunsForTheDurationAndReportsJsonStats()
    {
        auto r = run({"live", "--api", "jack", "--chain", "HiButterworth(80) | Gain(1.5)", "--channels-in",
                      "2", "--buffer", "256", "--duration", "2", "--set", "1:1.gain=0.5", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const auto o = QJsonDocument::fromJson(r.out).object();
        QVERIFY(std::abs(o["frames"].toDouble() - 96000) <= 0.02 * 96000);
        QCOMPARE(o["commands_applied"].toInt(), 1);
        QCOMPARE(o["xruns_slow_callback"].toInt(), 0);
        QVERIFY(o["callback_us_max"].toDouble() < o["deadline_us"].toDouble());
        QVERIFY(o.contains("convolver_late_cycles")); // no Convolver: none late
        QCOMPARE(o["convolver_late_cycles"].toInt(-1), 0);
    }
    void liveStatsPrintsTheCountersWithTheDemoInput()
    {
        auto r = run({"live", "--api", "jack", "--chain", "Gain(1.0)", "--input", "demo", "--duration", "1",
                      "--stats"});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("frames") && r.out.contains("xruns") && r.out.contains("deadline us"));
        QVERIFY2(r.out.contains("convolver late    0 cycles"), r.out.constData());
        QVERIFY(r.err.contains("demo input"));
    }
    void usageMistakesExitWith2AndNameTheCulprit()
    {
        auto r = run({"live", "--api", "jack", "--chain", "Gain(1.0)", "--set", "0.5:3.gain=2"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("3.gain"));
        r = run({"live", "--chain", "Gain(1.0) | Normalize(peak=0.9)"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("whole signal"));
        r = run({"live", "--chain", "Gain(1.0)", "--buffer", "8"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("--buffer"));
    }
    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TestCliLive)
#include "tst_cli_live.moc"
