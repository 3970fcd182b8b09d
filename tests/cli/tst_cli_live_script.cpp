// Scripted live runs (`fxrack-cli live --api file`): the live engine with its queues, fades and
// smoothing, driven over a real file with edits at audio times, and checked sample by sample.
#include "common/AudioFiles.h"
#include "common/CliRunner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <sndfile.h>

using namespace fxrack::test;

namespace {

constexpr int kRate = 48000;

Planar impulse(int channels, int frames)
{
    Planar p(static_cast<size_t>(channels), std::vector<float>(static_cast<size_t>(frames), 0.0f));
    for (auto& c : p)
        c[0] = 0.5f;
    return p;
}

double maxDiff(const Planar& a, const Planar& b)
{
    double worst = 0.0;
    for (size_t c = 0; c < a.size(); ++c)
        for (size_t i = 0; i < a[c].size(); ++i)
            worst = std::max(worst, static_cast<double>(std::fabs(a[c][i] - b[c][i])));
    return worst;
}

} // namespace

class TestCliLiveScript : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    // Runs the chain live over `in` into `out` with the extra flags; returns the --json stats.
    QJsonObject render(const QString& in, const QString& out, const QString& chain,
                       const QStringList& extra = {})
    {
        QStringList args{"live",    "--api", "file",     "--input-file", in,        "--output-file", out,
                         "--chain", chain,   "--buffer", "256",          "--stats", "--json"};
        args += extra;
        const auto r = runCli(args);
        if (r.exitCode != 0)
            qWarning("%s", qPrintable(r.err));
        [&] { QCOMPARE(r.exitCode, 0); }();
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void editsOfOtherSlotsLeaveAnEffectsStateAlone_data()
    {
        QTest::addColumn<QString>("chain");
        QTest::addColumn<bool>("impulseInput");
        QTest::newRow("reverb") << "Reverb(room_size=0.9)" << true;
        QTest::newRow("delay") << "Delay(delay_samples=24000, feedback=0.7, mix=0.5, taps=3)" << true;
        QTest::newRow("chorus") << "Chorus(rate_hz=0.7, depth_ms=5)" << false;
    }
    void editsOfOtherSlotsLeaveAnEffectsStateAlone()
    {
        QFETCH(QString, chain);
        QFETCH(bool, impulseInput);
        const QString in = path("in.wav");
        writeFile(in.toStdString(), impulseInput ? impulse(2, 2 * kRate) : makeSignal(2, 2 * kRate),
                  SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        render(in, path("plain.wav"), chain);
        // Gain(1.0) inserted after the effect at 0.5 s and moved before it at 0.9 s.
        const auto stats = render(in, path("edited.wav"), chain,
                                  {"--edit", "0.5:insert:1:Gain(1.0)", "--edit", "0.9:move:1:0"});
        QCOMPARE(stats["params"].toObject()["0.gain"].toDouble(), 1.0); // the Gain ended first
        const auto plain = readFile(path("plain.wav").toStdString()).audio;
        const auto edited = readFile(path("edited.wav").toStdString()).audio;
        QCOMPARE(edited[0].size(), size_t(2 * kRate));
        double late = 0.0;
        for (size_t i = 3 * kRate / 2; i < plain[0].size(); ++i)
            late = std::max(late, static_cast<double>(std::fabs(plain[0][i])));
        QVERIFY2(late > 1e-5, "the effect must still sound after 1.5 s for this test to mean anything");
        const double diff = maxDiff(plain, edited);
        QVERIFY2(diff < 1e-5, qPrintable(QString::number(diff)));
    }

    void aBypassedFirDelaysTheInputByItsLatency()
    {
        const QString in = path("noise.wav");
        const auto input = makeSignal(1, 2 * kRate);
        writeFile(in.toStdString(), input, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        const QString chain = "DesignableFIR(cutoff=4000, num_taps=101)";
        const auto before = render(in, path("fir_plain.wav"), chain);
        QCOMPARE(before["chain_latency_samples"].toInt(), 50);
        const auto after = render(in, path("fir.wav"), chain, {"--edit", "1:bypass:0:on"});
        QCOMPARE(after["chain_latency_samples"].toInt(), 50);
        QCOMPARE(after["device_lost"].toBool(), false);
        const auto out = readFile(path("fir.wav").toStdString()).audio;
        // The bypass lands at the first 256-frame block boundary at or after 1 s, then fades for
        // 10 ms: from there on the output is the input 50 samples late, exactly.
        const size_t settled = (kRate + 255) / 256 * 256 + kRate / 100;
        for (size_t i = settled; i < out[0].size(); ++i)
            QCOMPARE(out[0][i], input[0][i - 50]);
        double filtered = 0.0;
        for (size_t i = kRate / 2; i < kRate - 512; ++i)
            filtered = std::max(filtered, static_cast<double>(std::fabs(out[0][i] - input[0][i - 50])));
        QVERIFY(filtered > 0.01); // before the bypass the FIR filtered
    }

    void statsListEveryParameterByPath()
    {
        const QString in = path("short.wav");
        writeFile(in.toStdString(), makeSignal(2, kRate / 2), SF_FORMAT_WAV | SF_FORMAT_PCM_24);
        const auto stats = render(in, path("short_out.wav"), "LoButterworth(8000) | Gain(1.0)",
                                  {"--set", "0.1:0.cutoff=2000", "--edit", "0.2:remove:1"});
        const auto params = stats["params"].toObject();
        QCOMPARE(params["0.cutoff"].toDouble(), 2000.0);
        QVERIFY(params.contains("0.order"));
        QVERIFY(!params.contains("1.gain")); // removed
        QCOMPARE(readFile(path("short_out.wav").toStdString()).info.format, SF_FORMAT_WAV | SF_FORMAT_PCM_24);
        // An edit timed after the end of the file is not silently dropped.
        const auto late = runCli({"live", "--api", "file", "--input-file", in, "--output-file",
                                  path("late.wav"), "--chain", "Gain", "--edit", "5:remove:0"});
        QCOMPARE(late.exitCode, 0);
        QVERIFY2(late.err.contains("5:remove:0") && late.err.contains("not applied"), qPrintable(late.err));
    }

    void badScriptsFailBeforeAnyAudioAndWriteNothing()
    {
        const QString in = path("bad_in.wav");
        writeFile(in.toStdString(), makeSignal(1, kRate / 10), SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        struct Case {
            QStringList args;
            int code;
            QString mentions;
        };
        const QList<Case> cases{
            // A bad index, effect or value is a usage error (2), as a bad --chain is.
            {{"--edit", "0.1:remove:3"}, 2, "no effect at index 3"},
            {{"--edit", "0.1:insert:0:Nope(1)"}, 2, "Nope"},
            {{"--edit", "0.1:insert:0:Normalize"}, 2, "whole signal"},
            {{"--set", "0.1:0.gain=-5"}, 2, "0.gain"},
            {{"--edit", "0.1:explode:0"}, 2, "expected T:insert"},
            {{"--edit", "-1:remove:0"}, 2, "negative"},
        };
        for (const auto& c : cases) {
            const QString out = path("bad_out.wav");
            QStringList args{"live",          "--api", "file",    "--input-file", in,
                             "--output-file", out,     "--chain", "Gain"};
            args += c.args;
            const auto r = runCli(args);
            QCOMPARE(r.exitCode, c.code);
            QVERIFY2(r.err.contains(c.mentions), qPrintable(r.err));
            QCOMPARE(r.err.trimmed().count('\n'), 0); // one line
            QVERIFY(!QFile::exists(out));
        }
        // The output never overwrites the input.
        const auto r =
            runCli({"live", "--api", "file", "--input-file", in, "--output-file", in, "--chain", "Gain"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("overwrite the input"), qPrintable(r.err));
        QCOMPARE(readFile(in.toStdString()).audio[0].size(), size_t(kRate / 10));
        // --api file needs both files.
        QCOMPARE(runCli({"live", "--api", "file", "--input-file", in, "--chain", "Gain"}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliLiveScript)
#include "tst_cli_live_script.moc"
