// fxrack-cli batch as a real process: good files all processed, bad ones reported alone.
#include "common/AudioFiles.h"
#include "common/CliRunner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace fxrack::test;

namespace {

using Run = CliRun;

// Every file but the done records a batch leaves beside its outputs (".<name>.done", for
// --resume): temporary files left behind would show here.
QStringList filesIn(const QString& dir)
{
    QStringList files = QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
    files.removeIf([](const QString& f) { return f.startsWith('.') && f.endsWith(".done"); });
    return files;
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
}

} // namespace

class TestCliBatch : public QObject {
    Q_OBJECT

private slots:
    void everyGoodFileIsProcessedAndEachBadOneReportedOnOneLine()
    {
        QTemporaryDir dir;
        QStringList inputs;
        for (int i = 0; i < 3; ++i) {
            inputs << dir.filePath(QString("good%1.wav").arg(i));
            writeFile(inputs.last().toStdString(), makeSignal(2, 30000), SF_FORMAT_WAV | SF_FORMAT_PCM_24);
        }
        QFile good(inputs[0]);
        QVERIFY(good.open(QIODevice::ReadOnly));
        const QByteArray bytes = good.readAll();
        writeBytes(dir.filePath("truncated.wav"), bytes.left(5000));
        QByteArray corrupt = bytes;
        for (int i = 12; i < 36; ++i)
            corrupt[i] = char(0x5A);
        writeBytes(dir.filePath("corrupt.wav"), corrupt);
        writeBytes(dir.filePath("empty.wav"), {});
        writeBytes(dir.filePath("notes.wav"), "just text\n");
        QDir(dir.path()).mkdir("folder.wav");
        const QStringList bad{dir.filePath("truncated.wav"), dir.filePath("corrupt.wav"),
                              dir.filePath("empty.wav"),     dir.filePath("notes.wav"),
                              dir.filePath("folder.wav"),    dir.filePath("missing.wav")};
        const QString out = dir.filePath("out");
        const Run r = runCli(
            QStringList{"batch"} + inputs + bad +
            QStringList{"--out", out, "--chain", "Gain(0.5) | Reverb", "--jobs", "2", "--suffix", "_fx"});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(filesIn(out), (QStringList{"good0_fx.wav", "good1_fx.wav", "good2_fx.wav"}));
        const QStringList errLines = r.err.trimmed().split('\n');
        QCOMPARE(errLines.size(), bad.size());
        for (const QString& b : bad)
            QVERIFY2(r.err.contains(b), qPrintable(r.err));
        QVERIFY(r.out.contains("9 files: 3 ok, 6 failed"));
        QCOMPARE(readFile((out + "/good1_fx.wav").toStdString()).info.frames, sf_count_t(30000));
    }

    void unwritableTargetFailsThatFileAlone()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath("a.wav"), b = dir.filePath("b.wav");
        writeFile(a.toStdString(), makeSignal(1, 8000), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        writeFile(b.toStdString(), makeSignal(1, 8000), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        const QString out = dir.filePath("out");
        QVERIFY(QDir(dir.path()).mkpath("out/b.flac")); // b's target is a directory
        const Run r = runCli({"batch", a, b, "--out", out, "--chain", "Gain", "--format", "flac"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(QFile::exists(out + "/a.flac"));
        QCOMPARE(readFile((out + "/a.flac").toStdString()).info.format, SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
        QCOMPARE(r.err.trimmed().split('\n').size(), 1);
        QVERIFY(r.err.contains("b.flac"));
    }

    void existingOutputsNeedOverwrite()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath("a.wav");
        writeFile(a.toStdString(), makeSignal(1, 8000), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        const QString out = dir.filePath("out");
        QCOMPARE(runCli({"batch", a, "--out", out, "--chain", "Gain"}).exitCode, 0);
        const Run again = runCli({"batch", a, "--out", out, "--chain", "Gain"});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains("--overwrite"));
        QCOMPARE(runCli({"batch", a, "--out", out, "--chain", "Gain", "--overwrite"}).exitCode, 0);
        QCOMPARE(filesIn(out), QStringList{"a.wav"});
    }

    // --progress draws a bar on a terminal (here a pseudo-terminal): it reaches 100%, names the
    // files done, and is cleared before the report. Into a pipe it draws nothing.
    void progressBarIsDrawnOnATerminalOnly()
    {
        QTemporaryDir dir;
        QStringList args{"batch"};
        for (int i = 0; i < 3; ++i) {
            const QString path = dir.filePath(QString("take%1.wav").arg(i));
            writeFile(path.toStdString(), makeSignal(2, 96000), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
            args << path;
        }
        args << "--out" << dir.filePath("out") << "--chain"
             << "Reverb"
             << "--progress";
        const auto terminal = fxrack::test::runCliOnTerminal(args);
        QCOMPARE(terminal.exitCode, 0);
        const QByteArray& out = terminal.output;
        QVERIFY2(out.contains("[##############################] 100%"), out.constData());
        QVERIFY2(out.contains("3/3 files"), out.constData());
        const qsizetype cleared = out.lastIndexOf("\r\033[K");
        QVERIFY2(cleared >= 0 && cleared < out.indexOf("ok      "), out.constData());
        QCOMPARE(out.count("ok      "), 3);

        args.replace(args.indexOf("--out") + 1, dir.filePath("out2"));
        const auto piped = runCli(args);
        QCOMPARE(piped.exitCode, 0);
        QVERIFY(!piped.err.contains("\033[K") && !piped.out.contains("\033[K"));
        QVERIFY(!piped.err.contains("100%"));
    }

    void badChainOrFlagIsExitTwo()
    {
        QTemporaryDir dir;
        QCOMPARE(runCli({"batch", "x.wav", "--out", dir.path(), "--chain", "Nope(1)"}).exitCode, 2);
        QCOMPARE(runCli({"batch", "x.wav", "--out", dir.path(), "--chain", "Gain", "--jobs", "0"}).exitCode,
                 2);
        QCOMPARE(runCli({"batch", "x.wav", "--chain", "Gain"}).exitCode, 2);
        QCOMPARE(filesIn(dir.path()), QStringList{});
    }
};

QTEST_GUILESS_MAIN(TestCliBatch)
#include "tst_cli_batch.moc"
