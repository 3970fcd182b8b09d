// fxrack-cli process, run as a real process on real files: what it prints, what it writes,
// and every kind of bad input (one-line error, exit code, no partial output).
#include "common/AudioFiles.h"
#include "common/CliRunner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <sys/resource.h>
#include <unistd.h>

using namespace fxrack::test;

namespace {

using Run = CliRun;

QStringList filesIn(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot | QDir::System, QDir::Name);
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray readBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCliProcess : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_good; // a 2-second stereo 24-bit WAV

    QString path(const QString& name) const { return m_dir.filePath(name); }

    // The error is exactly one line on stderr naming `name`, and the output folder holds
    // nothing new (no output, no temporary file).
    void expectFailure(const Run& r, int code, const QString& name, const QStringList& filesBefore,
                       const QString& outDir)
    {
        QCOMPARE(r.exitCode, code);
        const QString err = r.err.trimmed();
        QVERIFY2(!err.isEmpty() && !err.contains('\n'), qPrintable(r.err));
        QVERIFY2(err.contains(name), qPrintable(err));
        QCOMPARE(filesIn(outDir), filesBefore);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_good = path("good.wav");
        writeFile(m_good.toStdString(), makeSignal(2, 96000), SF_FORMAT_WAV | SF_FORMAT_PCM_24, 48000,
                  {{SF_STR_TITLE, "demo"}});
    }

    void processPrintsWhatItDidAndKeepsFormat()
    {
        const QString out = path("out.wav");
        const Run r = runCli({"process", m_good, out, "--chain", "Gain(0.5) | Reverb(room_size=0.3)"});
        QCOMPARE(r.exitCode, 0);
        for (const char* field : {"input:", "frames:", "rate:", "chain:", "output:", "time:", "real time"})
            QVERIFY2(r.out.contains(field), qPrintable(r.out));
        QVERIFY(r.out.contains("96000"));
        QVERIFY(r.out.contains("48000 Hz"));
        QVERIFY(r.out.contains("Reverb"));
        const auto got = readFile(out.toStdString());
        QCOMPARE(got.info.format, SF_FORMAT_WAV | SF_FORMAT_PCM_24);
        QCOMPARE(got.info.frames, sf_count_t(96000));
        QCOMPARE(got.title, std::string("demo"));
        QFile::remove(out);
    }

    void chunkSizeChangesNothingInTheOutput()
    {
        const QString a = path("chunk_a.wav"), b = path("chunk_b.wav");
        const QString chain = "Gain(0.7) | Delay(delay_samples=3000) | Reverb";
        QCOMPARE(runCli({"process", m_good, a, "--chain", chain, "--chunk-size", "777"}).exitCode, 0);
        QCOMPARE(runCli({"process", m_good, b, "--chain", chain, "--chunk-size", "65536"}).exitCode, 0);
        QCOMPARE(readBytes(a), readBytes(b));
        QVERIFY(readBytes(a).size() > 96000 * 6);
        QFile::remove(a);
        QFile::remove(b);
    }

    void formatSubtypeAndTailOptionsAreApplied()
    {
        const QString out = path("out.flac");
        const Run r = runCli({"process", m_good, out, "--chain", "Reverb", "--format", "flac", "--subtype",
                              "pcm16", "--tail", "0.5"});
        QCOMPARE(r.exitCode, 0);
        const auto got = readFile(out.toStdString());
        QCOMPARE(got.info.format, SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
        QCOMPARE(got.info.frames, sf_count_t(96000 + 24000));
        QFile::remove(out);
    }

    void cudaRequestFallsBackToCpuAndSaysWhy()
    {
        const QString out = path("cuda.wav");
        const Run r = runCli({"process", m_good, out, "--chain", "Gain(0.5)", "--device", "cuda"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("device"), qPrintable(r.err));
        if (r.out.contains("device:  cpu"))
            QVERIFY2(r.err.contains("("), qPrintable(r.err)); // the reason
        QFile::remove(out);
    }

    void badInputIsExitOneWithOneLineAndNoOutput_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing file") << "missing.wav"
                                      << "no such file";
        QTest::newRow("zero-length file") << "empty.wav"
                                          << "empty";
        QTest::newRow("text file named .wav") << "text.wav"
                                              << "not an audio file";
        QTest::newRow("corrupt header") << "corrupt.wav"
                                        << "not an audio file";
        QTest::newRow("truncated data") << "truncated.wav"
                                        << "truncated";
        QTest::newRow("truncated flac") << "truncated.flac"
                                        << "";
        QTest::newRow("directory given as a file") << "adir"
                                                   << "directory";
    }
    void badInputIsExitOneWithOneLineAndNoOutput()
    {
        QFETCH(QString, input);
        QFETCH(QString, reason);
        QTemporaryDir work;
        const QString in = work.filePath(input);
        if (input == "empty.wav") {
            writeBytes(in, {});
        } else if (input == "text.wav") {
            writeBytes(in, "This is a text file, not a RIFF/WAVE file.\nSecond line.\n");
        } else if (input == "corrupt.wav") {
            QByteArray bytes = readBytes(m_good);
            for (int i = 12; i < 36; ++i) // the fmt chunk
                bytes[i] = char(0xA5);
            writeBytes(in, bytes);
        } else if (input == "truncated.wav") {
            writeBytes(in, readBytes(m_good).left(44 + 6 * 1000 + 3));
        } else if (input == "truncated.flac") {
            const QString full = work.filePath("full.flac");
            writeFile(full.toStdString(), makeSignal(2, 96000), SF_FORMAT_FLAC | SF_FORMAT_PCM_24);
            writeBytes(in, readBytes(full).left(readBytes(full).size() / 2));
            QFile::remove(full);
        } else if (input == "adir") {
            QVERIFY(QDir(work.path()).mkdir("adir"));
        }
        const QStringList before = filesIn(work.path());
        const Run r = runCli({"process", in, work.filePath("out.wav"), "--chain", "Gain(0.5)"});
        expectFailure(r, 1, in, before, work.path());
        QVERIFY2(r.err.contains(reason), qPrintable(r.err));
    }

    void unwritableOutputFolderIsExitOne()
    {
        for (const QString& out :
             {path("no/such/folder/out.wav"), QString("/proc/fxrack-out.wav"), m_good + "/out.wav"}) {
            const QStringList before = filesIn(m_dir.path());
            const Run r = runCli({"process", m_good, out, "--chain", "Gain(0.5)"});
            expectFailure(r, 1, out, before, m_dir.path());
        }
    }

    void outputEqualToInputIsRefusedAlsoThroughLinks()
    {
        const QString in = path("mine.wav");
        QVERIFY(QFile::copy(m_good, in));
        QVERIFY(QFile::link(in, path("mine-symlink.wav")));
        QVERIFY(::link(in.toUtf8().constData(), path("mine-hardlink.wav").toUtf8().constData()) == 0);
        const QByteArray original = readBytes(in);
        for (const QString& out : {in, path("mine-symlink.wav"), path("mine-hardlink.wav")}) {
            const QStringList before = filesIn(m_dir.path());
            const Run r = runCli({"process", in, out, "--chain", "Gain(0.1)"});
            expectFailure(r, 1, out, before, m_dir.path());
            QVERIFY(r.err.contains("input"));
        }
        QCOMPARE(readBytes(in), original);
        for (const char* name : {"mine.wav", "mine-symlink.wav", "mine-hardlink.wav"})
            QFile::remove(path(name));
    }

    void fullDiskIsExitOneAndLeavesNoPartialOutput()
    {
        // A file size limit in the child stands in for a full disk: write() fails with EFBIG.
        QTemporaryDir work;
        const QString out = work.filePath("out.wav");
        const QStringList before = filesIn(work.path());
        const Run r = runCli({"process", m_good, out, "--chain", "Gain(0.5)"}, [] {
            rlimit limit{};
            limit.rlim_cur = limit.rlim_max = 100000; // bytes; the output needs ~576 KB
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
        expectFailure(r, 1, out, before, work.path());
        QVERIFY2(r.err.contains("full") || r.err.contains("limit"), qPrintable(r.err));
    }

    void badChainOrFlagIsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown effect") << QStringList{"--chain", "Gian(0.5)"} << "Gian";
        QTest::newRow("bad parameter value") << QStringList{"--chain", "Gain(gain=abc)"} << "gain";
        QTest::newRow("unknown flag") << QStringList{"--chain", "Gain", "--frobnicate"} << "--frobnicate";
        QTest::newRow("bad chunk size")
            << QStringList{"--chain", "Gain", "--chunk-size", "0"} << "--chunk-size";
        QTest::newRow("bad device") << QStringList{"--chain", "Gain", "--device", "tpu"} << "--device";
        QTest::newRow("bad format") << QStringList{"--chain", "Gain", "--format", "mp9"} << "--format";
        QTest::newRow("bad subtype") << QStringList{"--chain", "Gain", "--subtype", "pcm12"} << "--subtype";
        QTest::newRow("negative tail") << QStringList{"--chain", "Gain", "--tail", "-1"} << "--tail";
        QTest::newRow("no chain") << QStringList{} << "--chain";
    }
    void badChainOrFlagIsExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        QTemporaryDir work;
        const Run r = runCli(QStringList{"process", m_good, work.filePath("out.wav")} + args);
        expectFailure(r, 2, named, {}, work.path());
    }
};

QTEST_GUILESS_MAIN(TestCliProcess)
#include "tst_cli_process.moc"
