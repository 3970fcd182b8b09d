// The live rig loses its sound server and gets it back (issue 12): the device bar shows the
// loss and offers to reconnect, the engine reconnects by itself when a server is there again
// (the same processor and rack, edits made meanwhile included), the GUI thread never blocks
// for long meanwhile, and reconnecting can be cancelled. And the bar shows the buffer a JACK
// server granted, following a change of it while running. Real parts: a private PulseAudio
// server (PulseServer.h, SIGKILLed) and a JACK server with the dummy driver.
#include "DeviceBar.h"
#include "EngineController.h"
#include "common/PulseServer.h"
#include "RackModel.h"
#include "realtime/RealtimeProcessor.h"
#include "realtime/RtAudioBackend.h"
#include "common/AudioFiles.h"
#include "common/JackServer.h"
#include "ui_DeviceBar.h"

#include <QFile>
#include <QSignalSpy>
#include <QtTest>
#include <functional>
#include <memory>

using namespace fxrack::app;

namespace {

// Measures how long the GUI thread went without running its event loop: a timer that should
// fire every few milliseconds, and the longest gap between two of its ticks beyond that.
class GuiWatchdog : public QObject {
public:
    static constexpr int kTickMs = 5;
    GuiWatchdog()
    {
        connect(&m_timer, &QTimer::timeout, this,
                [this] { m_longest = std::max(m_longest, m_clock.restart() - kTickMs); });
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.start(kTickMs);
        m_clock.start();
    }
    qint64 longestBlockMs() const { return m_longest; }
    // After the test itself blocked this thread (starting a server): that gap is not counted.
    void skipGap() { m_clock.restart(); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
};

int gainParam(const RackModel& model, int row)
{
    return model.slotAt(row).type->findParam("gain");
}

} // namespace

class TestDeviceReconnect : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // ALSA's default device goes to PulseAudio (ALSA's pulse plugin, libasound2-plugins),
        // to the server PULSE_SERVER names, through ~/.asoundrc in a private HOME.
        QVERIFY(m_home.isValid());
        QFile rc(m_home.filePath(".asoundrc"));
        QVERIFY(rc.open(QIODevice::WriteOnly));
        rc.write("pcm.!default { type pulse }\nctl.!default { type pulse }\n");
        rc.close();
        qputenv("HOME", m_home.path().toLocal8Bit());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_servers = 0;
    }

    void pulseServerKilledAndBackReconnectsWithTheSameRack()
    {
        startPulse();
        loseAndReconnect(
            "pulse", [this] { m_pulse->kill(); }, [this] { startPulse(); });
    }

    void alsaThroughThePulsePluginReconnectsWithTheSameRack()
    {
        startPulse();
        loseAndReconnect(
            "alsa", [this] { m_pulse->kill(); }, [this] { startPulse(); });
    }

    void jackServerKilledAndBackReconnectsWithTheSameRack()
    {
        auto server = std::make_unique<fxrack::test::JackServer>();
        if (!server->isRunning())
            QSKIP(qPrintable("jackd (jackd2) did not start: " + QString::fromStdString(server->error())));
        loseAndReconnect(
            "jack", [&] { server->kill(); },
            [&] { server = std::make_unique<fxrack::test::JackServer>(); }); // JACK_DEFAULT_SERVER follows
    }

    // A server back at another rate: the processor prepares its rack again, and every impulse
    // response loads again on its loader. Those loads are the app's too: one that fails (the file
    // went during the loss) is reported on the card, which would otherwise say the IR runs while
    // the slot passes audio dry.
    void anIrReloadedAtTheNewRateIsTrackedAfterAReconnect()
    {
        auto server = std::make_unique<fxrack::test::JackServer>(48000, 256);
        if (!server->isRunning())
            QSKIP(qPrintable("jackd (jackd2) did not start: " + QString::fromStdString(server->error())));
        const QString ir = m_dir->filePath("room.wav");
        fxrack::test::writeRoomImpulse(ir.toStdString(), 0.2, 48000);
        RackModel model;
        model.setChainSpec("Gain(0.5) | Convolver");
        QVERIFY(model.setText(1, 0, ir));
        EngineController engine(&model);
        engine.setAutoReconnect(true);
        fxrack::realtime::RtAudioBackend::Options jack;
        jack.api = fxrack::realtime::RtAudioBackend::Api::Jack;
        QVERIFY2(engine.start(std::make_unique<fxrack::realtime::RtAudioBackend>(jack),
                              fxrack::realtime::StreamConfig(48000, 256, 0, 2)),
                 qPrintable(engine.lastError()));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isTextLoading(1), 20000);
        QVERIFY(model.textLoadError(1).isEmpty());
        QCOMPARE(QString::fromStdString(engine.processor()->effects().at(1).text(0)), ir);

        QSignalSpy lost(&engine, &EngineController::deviceLost);
        QSignalSpy reconnected(&engine, &EngineController::reconnected);
        server->kill();
        QTRY_COMPARE_WITH_TIMEOUT(lost.count(), 1, 5000);
        QVERIFY(QFile::remove(ir));
        server = std::make_unique<fxrack::test::JackServer>(44100, 256);
        QVERIFY2(server->isRunning(), server->error().c_str());
        QTRY_COMPARE_WITH_TIMEOUT(reconnected.count(), 1, 15000);
        QCOMPARE(engine.processor()->config().sampleRate, 44100);
        QTRY_VERIFY_WITH_TIMEOUT(engine.processor()->loadsInFlight() == 0, 20000);
        QTRY_VERIFY2_WITH_TIMEOUT(model.textLoadError(1).contains(ir), qPrintable(model.textLoadError(1)),
                                  5000);
        QVERIFY(!model.isTextLoading(1));
        QVERIFY(engine.processor()->effects().at(1).text(0).empty()); // dry, as the card says
        engine.stop();
    }

    void reconnectingCanBeCancelled()
    {
        startPulse();
        RackModel model;
        model.setChainSpec("Gain(0.5)");
        EngineController engine(&model);
        DeviceBar bar(&engine);
        startOn(bar, engine);
        QSignalSpy lost(&engine, &EngineController::deviceLost);
        QSignalSpy stopped(&engine, &EngineController::stopped);
        QSignalSpy attempts(&engine, &EngineController::reconnecting);
        m_pulse->kill();
        QTRY_COMPARE_WITH_TIMEOUT(lost.count(), 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(attempts.count() >= 2, 5000); // the first attempt failed
        GuiWatchdog watchdog;
        QTest::mouseClick(bar.ui()->stopButton, Qt::LeftButton);
        QCOMPARE(stopped.count(), 1);
        QVERIFY(!engine.isReconnecting());
        QVERIFY(!engine.isRunning());
        QVERIFY(!engine.processor());
        const int after = static_cast<int>(attempts.count());
        QTest::qWait(EngineController::kLongestRetryMs / 4);
        QCOMPARE(attempts.count(), after); // no more attempts
        QVERIFY(watchdog.longestBlockMs() <= 50);
        QCOMPARE(bar.ui()->startButton->text(), QStringLiteral("&Start"));
        QVERIFY(bar.ui()->startButton->isEnabled());
    }

    // Part 7: JACK decides the buffer; the bar shows what it granted and follows a change.
    void theBarShowsTheBufferJackGranted()
    {
        fxrack::test::JackServer server(48000, 1024);
        if (!server.isRunning())
            QSKIP(qPrintable("jackd (jackd2) did not start: " + QString::fromStdString(server.error())));
        RackModel model;
        model.setChainSpec("Gain(0.5)");
        EngineController engine(&model);
        DeviceBar bar(&engine);
        bar.setApi("jack");
        QTRY_VERIFY_WITH_TIMEOUT(!bar.isProbing() && bar.ui()->outputCombo->count() > 0, 10000);
        bar.setBufferSize(128);
        QVERIFY2(bar.start(), qPrintable(engine.lastError()));
        QCOMPARE(engine.grantedBufferSize(), 1024);
        QCOMPARE(bar.bufferSize(), 1024);
        QVERIFY(bar.ui()->bufferCombo->toolTip().contains("128"));
        QVERIFY2(bar.ui()->latencyLabel->text().contains("21.33"),
                 qPrintable(bar.ui()->latencyLabel->text()));

        if (QStandardPaths::findExecutable("jack_bufsize").isEmpty())
            QSKIP("jack_bufsize (jackd2's example clients) is missing");
        QSignalSpy changed(&engine, &EngineController::bufferChanged);
        QCOMPARE(QProcess::execute("jack_bufsize", {"2048"}), 0);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 10000);
        QVERIFY(engine.isRunning());
        QCOMPARE(bar.bufferSize(), 2048);
        QVERIFY2(bar.ui()->latencyLabel->text().contains("42.67"),
                 qPrintable(bar.ui()->latencyLabel->text()));
        bar.stop();
        QCOMPARE(bar.bufferSize(), 128); // the request is the user's again
    }

private:
    // Runs a rack on `api`, kills its server, edits the rack during the loss, starts a new
    // server and checks that the same processor runs again with the edits.
    void loseAndReconnect(const QString& api, const std::function<void()>& killServer,
                          const std::function<void()>& startServer)
    {
        RackModel model;
        model.setChainSpec("Gain(0.5) | Reverb(room_size=0.4)");
        EngineController engine(&model);
        DeviceBar bar(&engine);
        startOn(bar, engine, api);
        auto* processor = engine.processor();
        QVERIFY(model.setParameter(0, gainParam(model, 0), 0.25));
        QSignalSpy lost(&engine, &EngineController::deviceLost);
        QSignalSpy reconnected(&engine, &EngineController::reconnected);

        GuiWatchdog watchdog;
        killServer(); // waits for the server to die, on this thread
        watchdog.skipGap();
        QTRY_COMPARE_WITH_TIMEOUT(lost.count(), 1, 5000);
        QVERIFY(engine.isReconnecting());
        QVERIFY(!engine.isRunning());
        QVERIFY(bar.showsProblem());
        QTRY_VERIFY_WITH_TIMEOUT(bar.ui()->statusLabel->text().contains("Reconnecting"), 2000);
        QVERIFY2(bar.ui()->statusLabel->text().contains(api), qPrintable(bar.ui()->statusLabel->text()));
        QVERIFY(bar.ui()->startButton->isEnabled()); // "Reconnect now"
        QCOMPARE(bar.ui()->startButton->text(), QStringLiteral("Reconnect &now"));
        QVERIFY(bar.ui()->stopButton->isEnabled()); // gives up
        // Attempts against no server fail and back off; the rack can still be edited.
        QTest::qWait(700);
        QCOMPARE(reconnected.count(), 0);
        QVERIFY(model.setParameter(0, gainParam(model, 0), 0.75));
        QVERIFY(model.setBypassed(1, true));

        startServer(); // JackServer waits for jackd here, on this thread: not the app's doing
        watchdog.skipGap();
        QTRY_COMPARE_WITH_TIMEOUT(reconnected.count(), 1, 15000);
        const qint64 blocked = watchdog.longestBlockMs();
        qInfo("longest GUI block during the loss: %lld ms", static_cast<long long>(blocked));
        QVERIFY2(blocked <= 50, qPrintable(QString::number(blocked)));

        QVERIFY(engine.isRunning());
        QVERIFY(!engine.isReconnecting());
        QCOMPARE(engine.processor(), processor); // the same processor, only a new stream
        QCOMPARE(model.count(), 2);
        QCOMPARE(model.value(0, gainParam(model, 0)), 0.75);
        QCOMPARE(processor->effects().at(0).param("gain"), 0.75);
        QVERIFY(processor->effects().isBypassed(1));
        QVERIFY(!bar.showsProblem());
        QCOMPARE(bar.ui()->startButton->text(), QStringLiteral("&Start"));
        const auto frames = processor->stats().frames;
        QTRY_VERIFY_WITH_TIMEOUT(processor->stats().frames > frames + 4800, 10000); // sound again
        bar.stop();
        QVERIFY(!engine.isRunning());
    }

    // A new server where PULSE_SERVER points.
    void startPulse()
    {
        m_pulse = std::make_unique<fxrack::test::PulseServer>();
        if (!m_pulse->start(m_dir->filePath(QString("pulse%1").arg(m_servers++))))
            QSKIP(qPrintable(m_pulse->error()));
        qputenv("PULSE_SERVER", m_pulse->serverAddress().toLocal8Bit());
    }

    void startOn(DeviceBar& bar, EngineController& engine, const QString& api = "pulse")
    {
        bar.setApi(api);
        QTRY_VERIFY_WITH_TIMEOUT(!bar.isProbing() && bar.ui()->outputCombo->count() > 0, 10000);
        QVERIFY2(bar.start(), qPrintable(engine.lastError()));
        QVERIFY(engine.isRunning());
    }

    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<fxrack::test::PulseServer> m_pulse;
    int m_servers = 0;
};

QTEST_MAIN(TestDeviceReconnect)
#include "tst_DeviceReconnect.moc"
