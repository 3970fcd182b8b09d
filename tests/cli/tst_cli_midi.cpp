// fxrack-cli with MIDI control, as a process: `devices --midi`, and `live --midi-in --map`
// against a real JACK server (dummy driver) with a test client sending on a JACK MIDI port.
#include "common/CliRunner.h"
#include "common/JackMidiSender.h"
#include "common/JackServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <thread>

using namespace fxrack;

class TestCliMidi : public QObject {
    Q_OBJECT
    std::unique_ptr<test::JackServer> m_server;

private slots:
    void init()
    {
        m_server = std::make_unique<test::JackServer>();
        if (!m_server->isRunning())
            QSKIP(("no JACK server: " + m_server->error()).c_str());
    }
    void cleanup() { m_server.reset(); }

    void devicesListsMidiPorts()
    {
        test::JackMidiSender sender("footswitch");
        const auto r = test::runCli({"devices", "--midi", "--api", "jack", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray ports = QJsonDocument::fromJson(r.out.toUtf8()).array();
        bool found = false;
        for (const auto& p : ports)
            found |= p.toObject()["name"].toString() == QString::fromStdString(sender.portName()) &&
                     p.toObject()["api"].toString() == "jack" && p.toObject()["index"].isDouble();
        QVERIFY2(found, qPrintable(r.out));
        const auto text = test::runCli({"devices", "--midi", "--api", "jack"});
        QVERIFY2(text.out.contains("footswitch:midi_out (jack)"), qPrintable(text.out));
    }

    void liveFollowsMappedControllers()
    {
        test::JackMidiSender sender("nano");
        QProcess p;
        p.start(FXRACK_CLI_PATH,
                {"live", "--api", "jack", "--chain", "Gain(1) | LoButterworth(1000) | Gain(1)", "--duration",
                 "3", "--midi-in", "nano", "--map", "ch1:cc7=0.gain:0..2", "--map",
                 "ch1:cc1/33=1.cutoff:200..8000", "--map", "ch10:note36=bypass:2", "--stats", "--json"});
        QVERIFY(p.waitForStarted());
        for (int i = 0; i < 5000 && !sender.isConnected() && p.state() == QProcess::Running; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        QVERIFY2(sender.isConnected(), qPrintable(p.readAllStandardError()));
        for (int v = 0; v <= 96; ++v)
            sender.cc(1, 7, v);
        sender.cc(1, 1, 100);
        sender.cc(1, 33, 3);
        sender.send({0x99, 36, 127});
        QVERIFY(p.waitForFinished(30000));
        const QString err = p.readAllStandardError();
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(o["midi_messages"].toInt(), 100);
        QCOMPARE(o["midi_dropped"].toInt(), 0);
        const QJsonObject params = o["params"].toObject();
        QCOMPARE(params["0.gain"].toDouble(), 96 * 2 / 127.0);
        // cutoff is log-scaled: a mapping without a curve follows the knob's scale.
        QCOMPARE(params["1.cutoff"].toDouble(), 200 * std::pow(40.0, ((100 << 7) | 3) / 16383.0));
        QCOMPARE(o["midi_mappings"].toArray().size(), 3);
        QCOMPARE(o["midi_ports"].toArray()[0].toString(), QString::fromStdString(sender.portName()));
        QVERIFY2(err.isEmpty() || !err.contains("error"), qPrintable(err));
    }

    void aSessionsMappingsApplyAndMapAddsToThem()
    {
        // The session maps CC 7 to its second Gain (by the effect's id); --map adds CC 8 on the first
        // and a snapshot stored and recalled from MIDI.
        QTemporaryDir dir;
        const QString session = dir.filePath("midi.fxrack");
        QFile f(session);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "fxrack-session", "format_version": 1,
            "rack": [{"type": "Gain", "id": "first", "params": {"gain": 1}},
                     {"type": "Gain", "id": "second", "params": {"gain": 1}}],
            "midi": {"mappings": [{"map": "ch1:cc7=1.gain:0..2", "effect": "second"}]}})");
        f.close();
        test::JackMidiSender sender("sessionpad");
        QProcess p;
        p.start(FXRACK_CLI_PATH, {"live", "--api", "jack", "--session", session, "--duration", "3",
                                  "--midi-in", "sessionpad", "--map", "ch1:cc8=0.gain:0..1", "--map",
                                  "ch1:cc9=store:B", "--map", "ch1:cc10=snapshot:B", "--stats", "--json"});
        QVERIFY(p.waitForStarted());
        for (int i = 0; i < 5000 && !sender.isConnected() && p.state() == QProcess::Running; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        QVERIFY2(sender.isConnected(), qPrintable(p.readAllStandardError()));
        sender.cc(1, 7, 127);
        sender.cc(1, 8, 0);
        // A footswitch stores snapshot B, the controller moves on, another recalls B (the
        // session's morph: 0 s). Apart in time: within one dispatch each target keeps its latest.
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        sender.cc(1, 9, 127);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        sender.cc(1, 7, 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        sender.cc(1, 10, 127);
        QVERIFY(p.waitForFinished(30000));
        QVERIFY2(p.exitCode() == 0, qPrintable(p.readAllStandardError()));
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(o["midi_mappings"].toArray().size(), 4);
        QCOMPARE(o["midi_messages"].toInt(), 5);
        QCOMPARE(o["params"].toObject()["1.gain"].toDouble(), 2.0);
        QCOMPARE(o["params"].toObject()["0.gain"].toDouble(), 0.0);
    }

    void badMappingsAndPortsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("malformed") << QStringList{"--midi-in", "x", "--map", "ch1:cc7=0.gain:wobble"}
                                   << "fxrack-cli: --map ch1:cc7=0.gain:wobble: wobble: ";
        QTest::newRow("unknown path")
            << QStringList{"--midi-in", "x", "--map", "ch1:cc7=0.nosuch"}
            << "fxrack-cli: --map ch1:cc7=0.nosuch: 0.nosuch: Gain has no parameter nosuch";
        QTest::newRow("no such slot") << QStringList{"--midi-in", "x", "--map", "ch1:cc7=4.gain"}
                                      << "fxrack-cli: --map ch1:cc7=4.gain: slot 4: the rack has 1 effects";
        QTest::newRow("no such port") << QStringList{"--midi-in", "nothere", "--map", "ch1:cc7=0.gain"}
                                      << "fxrack-cli: --midi-in nothere: no MIDI input port matches";
        QTest::newRow("map without port")
            << QStringList{"--map", "ch1:cc7=0.gain"} << "fxrack-cli: --map needs --midi-in";
    }
    void badMappingsAndPortsAreUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = test::runCli(
            QStringList{"live", "--api", "jack", "--chain", "Gain(1)", "--duration", "1"} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliMidi)
#include "tst_cli_midi.moc"
