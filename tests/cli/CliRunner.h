#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTest>

namespace fxrack::test {

// fxrack-cli run as a real process: exit code and what it printed.
struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

inline CliRun runCli(const QStringList& args, const QString& workingDir = {})
{
    QProcess p;
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    p.start(FXRACK_CLI_PATH, args);
    if (!p.waitForFinished(120000))
        qFatal("fxrack-cli did not finish");
    CliRun r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace fxrack::test
