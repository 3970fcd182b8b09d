// --session FILE for process, batch and live: the rack and settings come from the file, and
// flags given on the command line win.
#include "common/AudioFiles.h"
#include "common/CliRunner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using fxrack::test::runCli;
using namespace fxrack::test;

namespace {

const char* kSession = R"json({ "format": "fxrack-session", "format_version": 1, "app_version": "0.1.0",
  "audio": { "api": "jack", "input_device": "", "output_device": "", "sample_rate": 48000,
             "buffer_size": 256, "channels_in": 0, "channels_out": 2 },
  "rack": [ { "type": "Gain", "id": "gain-1", "bypass": false, "params": { "gain": 0.5 } },
            { "type": "Gain", "id": "gain-2", "bypass": true, "params": { "gain": 4 } } ],
  "batch": { "output_dir": "OUTDIR", "suffix": "_sess", "format": "flac", "device": "cpu",
             "chunk_size": 4096, "jobs": 1, "tail_seconds": 0 } })json";

void writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class TestCliSession : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        writeText(path("rig.fxrack"), QByteArray(kSession).replace("OUTDIR", path("out").toUtf8()));
        writeFile(path("in.wav").toStdString(), makeSignal(2, 24000, 48000.0, 0.5f),
                  SF_FORMAT_WAV | SF_FORMAT_FLOAT);
    }

    void processTakesTheRackAndBatchSettings()
    {
        const auto r = runCli({"process", path("in.wav"), path("a.flac"), "--session", path("rig.fxrack")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto in = readFile(path("in.wav").toStdString());
        const auto out = readFile(path("a.flac").toStdString());
        QCOMPARE(out.info.format & SF_FORMAT_TYPEMASK, SF_FORMAT_FLAC);
        // Gain 0.5 applied, the bypassed Gain 4 not.
        QVERIFY(std::abs(maxAbs(out.audio) - 0.5 * maxAbs(in.audio)) < 1e-3);
    }

    void flagsWinOverTheSession()
    {
        const auto r = runCli(
            {"process", path("in.wav"), path("b.wav"), "--session", path("rig.fxrack"), "--format", "wav"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(readFile(path("b.wav").toStdString()).info.format & SF_FORMAT_TYPEMASK, SF_FORMAT_WAV);
    }

    void batchTakesFolderSuffixAndFormatFromTheSession()
    {
        const auto r = runCli({"batch", path("in.wav"), "--session", path("rig.fxrack")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(path("out/in_sess.flac")));
    }

    void chainAndSessionTogetherIsAUsageError()
    {
        const auto r = runCli({"process", path("in.wav"), path("c.wav"), "--session", path("rig.fxrack"),
                               "--chain", "Gain(1)"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("not both"));
        QVERIFY(!QFile::exists(path("c.wav")));
    }

    void aMissingSessionIsAFileError()
    {
        const auto r = runCli({"process", path("in.wav"), path("d.wav"), "--session", path("nope.fxrack")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("nope.fxrack"));
        QCOMPARE(r.err.count('\n'), 1);
    }

    void aBadSessionNamesTheFieldAndIsAUsageError()
    {
        writeText(path("bad.fxrack"),
                  R"({"format":"fxrack-session","format_version":1,"rack":[{"type":"Chorusx"}]})");
        const auto r = runCli({"process", path("in.wav"), path("e.wav"), "--session", path("bad.fxrack")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("rack[0].type") && r.err.contains("did you mean \"Chorus\"?"),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(path("e.wav")));
    }

    void liveReadsTheSessionBeforeAnyAudio()
    {
        // A session naming a newer format is refused before a device is touched.
        writeText(path("new.fxrack"), R"({"format":"fxrack-session","format_version":99,"rack":[]})");
        const auto r = runCli({"live", "--session", path("new.fxrack"), "--duration", "1"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("99") && r.err.contains("1"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliSession)
#include "tst_cli_session.moc"
