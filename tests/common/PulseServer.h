#pragma once

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QTest>

namespace fxrack::test {

// A private PulseAudio server with one null sink ("fxrack_null"), for tests that play sound
// without a sound card. It gets its own HOME and XDG_RUNTIME_DIR under `baseDir`, so it never
// meets the user's server; clients reach it through PULSE_SERVER=<serverAddress()>. Stopped
// (SIGTERM, then SIGKILL) when this object goes.
class PulseServer {
public:
    static constexpr const char* kSinkName = "fxrack_null";

    ~PulseServer() { stop(); }

    // Starts it and waits until its socket exists; false with the reason in error().
    bool start(const QString& baseDir)
    {
        const QString runtime = baseDir + QStringLiteral("/runtime");
        const QString home = baseDir + QStringLiteral("/home");
        QDir().mkpath(runtime + QStringLiteral("/pulse"));
        QDir().mkpath(home);
        QFile::setPermissions(runtime,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        m_socket = runtime + QStringLiteral("/pulse/native");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
        env.remove(QStringLiteral("PULSE_SERVER"));
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        // -n: no default.pa (no hardware probing); --system=false and --disallow-exit: what a
        // root user in a container needs to run a per-user server that stays up.
        m_process.start(
            QStringLiteral("pulseaudio"),
            {QStringLiteral("--daemonize=no"), QStringLiteral("--exit-idle-time=-1"), QStringLiteral("-n"),
             QStringLiteral("--system=false"), QStringLiteral("--disallow-exit"),
             QStringLiteral("--load=module-null-sink sink_name=%1").arg(QLatin1String(kSinkName)),
             QStringLiteral("--load=module-native-protocol-unix socket=%1 auth-anonymous=1").arg(m_socket)});
        if (!m_process.waitForStarted(5000)) {
            m_error = QStringLiteral("pulseaudio did not start: %1").arg(m_process.errorString());
            return false;
        }
        QElapsedTimer waited;
        waited.start();
        while (!QFileInfo::exists(m_socket)) {
            if (m_process.state() != QProcess::Running || waited.elapsed() > 10000) {
                m_error = QStringLiteral("pulseaudio did not open %1: %2")
                              .arg(m_socket, QString::fromLocal8Bit(m_process.readAll()));
                stop();
                return false;
            }
            QTest::qWait(20);
        }
        return true;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    // SIGKILL, as a crashing server dies: its clients see their connection drop.
    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill();
        m_process.waitForFinished(5000);
    }

    bool isRunning() const { return m_process.state() == QProcess::Running; }
    QString serverAddress() const { return QStringLiteral("unix:") + m_socket; }
    QString error() const { return m_error; }

    // What `pactl <args>` prints when asked of this server (empty when pactl fails).
    QString pactl(const QStringList& args) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PULSE_SERVER"), serverAddress());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("pactl"), args);
        if (!p.waitForFinished(5000) || p.exitCode() != 0)
            return {};
        return QString::fromLocal8Bit(p.readAllStandardOutput());
    }

private:
    QProcess m_process;
    QString m_socket;
    QString m_error;
};

} // namespace fxrack::test
