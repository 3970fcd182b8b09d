// Loudness (issue 16): `fxrack-cli analyze` on the EBU Tech 3341 test signals, generated here,
// reads each integrated loudness within +-0.1 LU; Normalize(strategy=lufs) brings loud and quiet
// material to -14 LUFS within +-0.3 LU with a true peak at or under -1.0 dBTP, as ffmpeg's
// ebur128 filter (peak=true) measures it on its own; batch reports carry the measurements.
#include "common/AudioFiles.h"
#include "common/CliRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace fxrack::test;

namespace {

struct Segment {
    double seconds;
    std::vector<double> dbfs; // per channel, a 1 kHz sine's peak level
};

// A 48 kHz float file of 1 kHz sine segments, as EBU Tech 3341 describes its test signals.
void writeSegments(const std::string& path, const std::vector<Segment>& segments)
{
    const int channels = static_cast<int>(segments.front().dbfs.size());
    Planar audio(static_cast<size_t>(channels));
    int64_t t = 0;
    for (const auto& s : segments) {
        const auto n = static_cast<int64_t>(std::llround(s.seconds * 48000.0));
        for (int64_t i = 0; i < n; ++i, ++t)
            for (int c = 0; c < channels; ++c)
                audio[size_t(c)].push_back(
                    static_cast<float>(std::pow(10.0, s.dbfs[size_t(c)] / 20.0) *
                                       std::sin(2.0 * M_PI * 1000.0 * double(t) / 48000.0)));
    }
    writeFile(path, audio, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 48000);
}

QJsonObject analyze(const QString& path)
{
    const CliRun r = runCli({"analyze", "--json", path});
    if (r.exitCode != 0)
        return {};
    return QJsonDocument::fromJson(r.out.toUtf8())
        .object()["files"]
        .toArray()[0]
        .toObject()["measurements"]
        .toObject();
}

// Noise at `level`, with bursts `burstLevel` loud, `burstMs` long, every `everyMs`: material whose
// peaks stand far above its loudness. Like music, it has little energy near Nyquist (a
// second-order low-pass at 12 kHz): full-band white noise is where true-peak meters disagree
// with each other by a dB or more, as their interpolators pass different amounts of image.
Planar peakyNoise(double seconds, double level, double burstLevel, double burstMs, double everyMs)
{
    const auto frames = static_cast<int64_t>(seconds * 48000.0);
    Planar audio(2, std::vector<float>(static_cast<size_t>(frames)));
    uint32_t state = 7;
    const double a = std::exp(-2.0 * M_PI * 12000.0 / 48000.0);
    double s1[2] = {0, 0}, s2[2] = {0, 0};
    for (int64_t i = 0; i < frames; ++i) {
        const double ms = std::fmod(double(i) / 48.0, everyMs);
        const double amplitude = ms < burstMs ? burstLevel : level;
        for (int c = 0; c < 2; ++c) {
            state = state * 1664525u + 1013904223u;
            const double x = amplitude * (double(state >> 8) / 8388608.0 - 1.0);
            s1[c] = (1.0 - a) * x + a * s1[c];
            s2[c] = (1.0 - a) * s1[c] + a * s2[c];
            audio[size_t(c)][size_t(i)] = static_cast<float>(s2[c]);
        }
    }
    return audio;
}

} // namespace

class TestCliLoudness : public QObject {
    Q_OBJECT

private slots:
    void ebuTech3341Signals_data()
    {
        QTest::addColumn<std::vector<Segment>>("segments");
        QTest::addColumn<double>("expected");
        const std::vector<double> st(2, 0.0);
        auto stereo = [](double db) { return std::vector<double>{db, db}; };
        QTest::newRow("1: -23 dBFS") << std::vector<Segment>{{20, stereo(-23)}} << -23.0;
        QTest::newRow("2: -33 dBFS") << std::vector<Segment>{{20, stereo(-33)}} << -33.0;
        QTest::newRow("3: -36/-23/-36")
            << std::vector<Segment>{{10, stereo(-36)}, {60, stereo(-23)}, {10, stereo(-36)}} << -23.0;
        QTest::newRow("4: -72/-36/-23/-36/-72") << std::vector<Segment>{{10, stereo(-72)},
                                                                        {10, stereo(-36)},
                                                                        {60, stereo(-23)},
                                                                        {10, stereo(-36)},
                                                                        {10, stereo(-72)}}
                                                << -23.0;
        QTest::newRow("5: -26/-20/-26")
            << std::vector<Segment>{{20, stereo(-26)}, {20.1, stereo(-20)}, {20, stereo(-26)}} << -23.0;
        // 5.0 in L R C Ls Rs order; the surround channels weigh 1.41 (+1.5 dB).
        QTest::newRow("6: 5.0") << std::vector<Segment>{{20, {-28, -28, -24, -30, -30}}} << -23.0;
        (void)st;
    }
    void ebuTech3341Signals()
    {
        QFETCH(std::vector<Segment>, segments);
        QFETCH(double, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath("signal.wav");
        writeSegments(path.toStdString(), segments);
        const QJsonObject m = analyze(path);
        const double lufs = m["integrated_lufs"].toDouble();
        QVERIFY2(std::abs(lufs - expected) <= 0.1, qPrintable(QString::number(lufs, 'f', 3)));
        QCOMPARE(m["channels"].toInt(), int(segments.front().dbfs.size()));
        QCOMPARE(m["sample_rate"].toDouble(), 48000.0);
    }

    void analyzeReportsEveryMeasurement()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("sine.wav");
        writeSegments(path.toStdString(), {{5, {-6, -6}}});
        const QJsonObject m = analyze(path);
        QVERIFY(std::abs(m["sample_peak_dbfs"].toDouble() + 6.0) < 0.01);
        QVERIFY(std::abs(m["true_peak_dbtp"].toDouble() + 6.0) < 0.1);
        QVERIFY(std::abs(m["rms_dbfs"].toDouble() + 9.0103) < 0.001); // a sine's RMS is 3 dB under its peak
        QVERIFY(std::abs(m["loudness_range_lu"].toDouble()) < 0.1);
        QCOMPARE(m["duration_seconds"].toDouble(), 5.0);
        const CliRun text = runCli({"analyze", path, dir.filePath("missing.wav")});
        QCOMPARE(text.exitCode, 1);
        QVERIFY(text.out.contains("integrated loudness") && text.out.contains("dBTP"));
        QVERIFY(text.err.contains("missing.wav"));
    }

    void normalizedToMinus14LufsUnderMinus1dBTP_data()
    {
        QTest::addColumn<Planar>("material");
        // Loud: dense and near full scale (the gain goes down). Quiet: low noise with bursts
        // 24 dB above it (the gain goes up ~30 dB, and the bursts would clip without the limiter).
        QTest::newRow("loud") << peakyNoise(20, 0.7, 0.9, 5, 250);
        QTest::newRow("quiet") << peakyNoise(20, 0.002, 0.03, 10, 500);
    }
    void normalizedToMinus14LufsUnderMinus1dBTP()
    {
        QFETCH(Planar, material);
        QTemporaryDir dir;
        const QString in = dir.filePath("in.wav");
        writeFile(in.toStdString(), material, SF_FORMAT_WAV | SF_FORMAT_PCM_24, 48000);
        const CliRun r =
            runCli({"batch", in, "--out", dir.filePath("out"), "--chain",
                    "Normalize(strategy=lufs, lufs=-14, true_peak=-1)", "--report", dir.filePath("r.json")});
        QCOMPARE(r.exitCode, 0);
        const QString out = dir.filePath("out/in.wav");
        // Our own measurement, through the report and analyze.
        QFile report(dir.filePath("r.json"));
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QJsonObject rec =
            QJsonDocument::fromJson(report.readAll()).object()["records"].toArray()[0].toObject();
        qInfo("report: %.2f LUFS, %.2f dBTP after", rec["lufs_after"].toDouble(),
              rec["true_peak_after"].toDouble());
        QVERIFY(std::abs(rec["lufs_after"].toDouble() + 14.0) <= 0.3);
        QVERIFY(rec["true_peak_after"].toDouble() <= -1.0);
        QVERIFY(std::abs(rec["lufs_before"].toDouble() - analyze(in)["integrated_lufs"].toDouble()) < 0.01);
        QVERIFY(std::abs(analyze(out)["integrated_lufs"].toDouble() + 14.0) <= 0.3);

        // ffmpeg's, independently.
        const QString ffmpeg = QStandardPaths::findExecutable("ffmpeg");
        if (ffmpeg.isEmpty())
            QSKIP("ffmpeg is not installed (packaging/install-deps.sh --tests installs it)");
        QProcess p;
        p.start(ffmpeg,
                {"-hide_banner", "-nostats", "-i", out, "-af", "ebur128=peak=true", "-f", "null", "-"});
        QVERIFY(p.waitForFinished(120000));
        const QString log = QString::fromUtf8(p.readAllStandardError());
        const QString summary = log.mid(log.lastIndexOf("Summary:"));
        const auto integrated = QRegularExpression(R"(I:\s+(-?[\d.]+) LUFS)").match(summary);
        const auto peak = QRegularExpression(R"(Peak:\s+(-?[\d.]+) dBFS)").match(summary);
        QVERIFY2(integrated.hasMatch() && peak.hasMatch(), qPrintable(summary));
        const double lufs = integrated.captured(1).toDouble(), truePeak = peak.captured(1).toDouble();
        qInfo("ffmpeg: %.1f LUFS, %.1f dBTP", lufs, truePeak);
        QVERIFY2(std::abs(lufs + 14.0) <= 0.3, qPrintable(summary));
        QVERIFY2(truePeak <= -1.0, qPrintable(summary));
    }
};

QTEST_GUILESS_MAIN(TestCliLoudness)
#include "tst_cli_loudness.moc"
