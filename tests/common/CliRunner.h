#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTest>
#include <cerrno>
#include <functional>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fxrack::test {

// fxrack-cli run as a real process: exit code and what it printed.
struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

inline CliRun runCli(const QStringList& args, const QString& workingDir = {},
                     const std::function<void()>& childSetup = {})
{
    QProcess p;
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    if (childSetup)
        p.setChildProcessModifier(childSetup); // runs in the child before exec (limits, signals)
    p.start(FXRACK_CLI_PATH, args);
    if (!p.waitForFinished(120000))
        qFatal("fxrack-cli did not finish");
    CliRun r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

inline CliRun runCli(const QStringList& args, const std::function<void()>& childSetup)
{
    return runCli(args, {}, childSetup);
}

// fxrack-cli run on a pseudo-terminal (stdout and stderr both), for what it draws only on a
// terminal: everything it wrote, as raw bytes, and its exit code.
struct TerminalRun {
    int exitCode = -1;
    QByteArray output;
};

inline TerminalRun runCliOnTerminal(const QStringList& args)
{
    std::vector<QByteArray> argv8{QByteArray(FXRACK_CLI_PATH)};
    for (const QString& a : args)
        argv8.push_back(a.toUtf8());
    std::vector<char*> argv;
    for (auto& a : argv8)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    if (pid < 0)
        qFatal("forkpty failed");
    if (pid == 0) {
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    TerminalRun r;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(master, buffer, sizeof buffer);
        if (n > 0)
            r.output.append(buffer, static_cast<int>(n));
        else if (n < 0 && errno == EINTR)
            continue;
        else
            break; // EIO once the child has closed the terminal
    }
    ::close(master);
    int status = 0;
    ::waitpid(pid, &status, 0);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

} // namespace fxrack::test
