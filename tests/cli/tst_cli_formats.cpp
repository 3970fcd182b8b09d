// Output formats of fxrack-cli batch (issue 16): MP3 and Opus decode and keep their tags, "same
// as input" keeps the codec (Opus stays Opus), 24-bit WAV to 16-bit FLAC keeps the tags, and
// --quality changes what a lossy encoder writes.
#include "common/AudioFiles.h"
#include "common/CliRunner.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <map>

using namespace fxrack::test;

namespace {

using Tags = std::map<int, std::string>;

const Tags& playerTags()
{
    static const Tags tags{{SF_STR_TITLE, "Night Take"},
                           {SF_STR_ARTIST, "The Rack"},
                           {SF_STR_ALBUM, "Batch Sessions"},
                           {SF_STR_DATE, "2026"},
                           {SF_STR_TRACKNUMBER, "7"},
                           {SF_STR_GENRE, "Ambient"},
                           {SF_STR_COMMENT, "kept across formats"}};
    return tags;
}

Tags tagsOf(const QString& path)
{
    Tags tags;
    SF_INFO info{};
    SNDFILE* f = sf_open(path.toUtf8().constData(), SFM_READ, &info);
    if (!f)
        return tags;
    for (int id = SF_STR_FIRST; id <= SF_STR_LAST; ++id)
        if (const char* t = sf_get_string(f, id); t && *t && id != SF_STR_SOFTWARE)
            tags[id] = t;
    sf_close(f);
    return tags;
}

// The codec ffprobe names, or empty where ffprobe is not installed.
QString ffprobeCodec(const QString& path)
{
    const QString ffprobe = QStandardPaths::findExecutable("ffprobe");
    if (ffprobe.isEmpty())
        return {};
    QProcess p;
    p.start(ffprobe, {"-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name", "-of",
                      "default=nw=1:nk=1", path});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

QString writeTaggedInput(const QTemporaryDir& dir, const QString& name, int format, int rate = 48000)
{
    const QString path = dir.filePath(name);
    std::vector<std::pair<int, std::string>> strings(playerTags().begin(), playerTags().end());
    writeFile(path.toStdString(), makeSignal(2, rate), format, rate, strings);
    return path;
}

} // namespace

class TestCliFormats : public QObject {
    Q_OBJECT

private slots:
    void mp3AndOpusDecodeAndKeepTheirTags_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("major");
        QTest::addColumn<int>("subtype");
        QTest::newRow("mp3") << QString("mp3") << int(SF_FORMAT_MPEG) << int(SF_FORMAT_MPEG_LAYER_III);
        QTest::newRow("opus") << QString("opus") << int(SF_FORMAT_OGG) << int(SF_FORMAT_OPUS);
        QTest::newRow("ogg") << QString("ogg") << int(SF_FORMAT_OGG) << int(SF_FORMAT_VORBIS);
    }
    void mp3AndOpusDecodeAndKeepTheirTags()
    {
        QFETCH(QString, format);
        QFETCH(int, major);
        QFETCH(int, subtype);
        QTemporaryDir dir;
        const QString in = writeTaggedInput(dir, "in.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_24);
        const CliRun r = runCli({"batch", in, "--out", dir.filePath("out"), "--chain", "Gain(0.8)",
                                 "--format", format, "--report", dir.filePath("r.json")});
        QCOMPARE(r.exitCode, 0);
        const QString out = dir.filePath("out/in." + format);
        const FileAudio decoded = readFile(out.toStdString());
        QCOMPARE(decoded.info.format & SF_FORMAT_TYPEMASK, major);
        QCOMPARE(decoded.info.format & SF_FORMAT_SUBMASK, subtype);
        QCOMPARE(decoded.info.channels, 2);
        // Decodes to audio, not silence: the 0.8 x 0.5 signal's peak, give or take the codec.
        QVERIFY2(maxAbs(decoded.audio) > 0.2 && maxAbs(decoded.audio) < 0.6,
                 qPrintable(QString::number(maxAbs(decoded.audio))));
        QVERIFY(decoded.info.frames >= 48000 - 2048);
        // Every tag that the format holds arrived; any other is named in the report.
        const Tags got = tagsOf(out);
        QFile reportFile(dir.filePath("r.json"));
        QVERIFY(reportFile.open(QIODevice::ReadOnly));
        const QJsonArray dropped = QJsonDocument::fromJson(reportFile.readAll())
                                       .object()["records"]
                                       .toArray()[0]
                                       .toObject()["tags_dropped"]
                                       .toArray();
        for (const auto& [id, text] : playerTags()) {
            const bool arrived = got.count(id) && got.at(id) == text;
            static const std::map<int, QString> names{{SF_STR_TITLE, "title"},
                                                      {SF_STR_ARTIST, "artist"},
                                                      {SF_STR_ALBUM, "album"},
                                                      {SF_STR_DATE, "date"},
                                                      {SF_STR_GENRE, "genre"},
                                                      {SF_STR_COMMENT, "comment"},
                                                      {SF_STR_TRACKNUMBER, "tracknumber"}};
            const bool reported = dropped.contains(names.at(id));
            QVERIFY(!(arrived && reported));
            QVERIFY2(arrived || reported, qPrintable(format + ": tag " + QString::number(id)));
        }
        // Title and artist are in every one of these formats.
        QCOMPARE(QString::fromStdString(got.at(SF_STR_TITLE)), QString("Night Take"));
        QCOMPARE(QString::fromStdString(got.at(SF_STR_ARTIST)), QString("The Rack"));
        if (const QString codec = ffprobeCodec(out); !codec.isEmpty())
            QCOMPARE(codec, format == "mp3"    ? QString("mp3")
                            : format == "opus" ? QString("opus")
                                               : QString("vorbis"));
    }

    void sameAsInputKeepsTheOpusCodec()
    {
        QTemporaryDir dir;
        const QString in = writeTaggedInput(dir, "voice.opus", SF_FORMAT_OGG | SF_FORMAT_OPUS);
        QCOMPARE(readFile(in.toStdString()).info.format & SF_FORMAT_SUBMASK, SF_FORMAT_OPUS);
        const CliRun r = runCli({"batch", in, "--out", dir.filePath("out"), "--chain", "Gain(0.8)"});
        QCOMPARE(r.exitCode, 0);
        const QString out = dir.filePath("out/voice.opus");
        QCOMPARE(readFile(out.toStdString()).info.format & SF_FORMAT_SUBMASK, SF_FORMAT_OPUS);
        if (const QString codec = ffprobeCodec(out); !codec.isEmpty())
            QCOMPARE(codec, QString("opus"));
        QCOMPARE(tagsOf(out), playerTags());
    }

    void wav24ToFlac16KeepsEveryTag()
    {
        QTemporaryDir dir;
        const QString in = writeTaggedInput(dir, "take.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24);
        const Tags input = tagsOf(in);
        QVERIFY(input.size() >= 5);
        const CliRun r = runCli({"batch", in, "--out", dir.filePath("out"), "--chain", "Gain(0.8)",
                                 "--format", "flac", "--subtype", "pcm16"});
        QCOMPARE(r.exitCode, 0);
        const QString out = dir.filePath("out/take.flac");
        QCOMPARE(readFile(out.toStdString()).info.format, SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
        QCOMPARE(tagsOf(out), input);
    }

    void qualityChangesTheLossyEncoding()
    {
        QTemporaryDir dir;
        const QString in = writeTaggedInput(dir, "in.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        for (const QString& format : {QString("mp3"), QString("opus"), QString("ogg")}) {
            QCOMPARE(runCli({"batch", in, "--out", dir.filePath("low"), "--chain", "Gain", "--format", format,
                             "--quality", "0.1"})
                         .exitCode,
                     0);
            QCOMPARE(runCli({"batch", in, "--out", dir.filePath("high"), "--chain", "Gain", "--format",
                             format, "--quality", "0.9"})
                         .exitCode,
                     0);
            const qint64 low = QFileInfo(dir.filePath("low/in." + format)).size();
            const qint64 high = QFileInfo(dir.filePath("high/in." + format)).size();
            QVERIFY2(high > low, qPrintable(QString("%1: %2 vs %3").arg(format).arg(high).arg(low)));
        }
        QCOMPARE(runCli({"batch", in, "--out", dir.path(), "--chain", "Gain", "--quality", "1.5"}).exitCode,
                 2);
        QCOMPARE(runCli({"batch", in, "--out", dir.path(), "--chain", "Gain", "--format", "mp4"}).exitCode,
                 2);
    }
};

QTEST_GUILESS_MAIN(TestCliFormats)
#include "tst_cli_formats.moc"
