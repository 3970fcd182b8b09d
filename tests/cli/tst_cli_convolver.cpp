// fxrack-cli with the Convolver: IR paths in a chain spec resolve against the working directory,
// a missing or unusable IR is exit 1 with one line naming the file and the slot.
#include "common/AudioFiles.h"
#include "common/CliRunner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fxrack;
using namespace fxrack::test;

class TstCliConvolver : public QObject {
    Q_OBJECT

private slots:
    void relativeIrResolvesAgainstTheWorkingDirectory()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath("irs"));
        // A half-gain impulse two samples late: the output is the input, halved and delayed.
        std::vector<float> ir(3, 0.0f);
        ir[2] = 0.5f;
        writeFile(dir.filePath("irs/half.wav").toStdString(), {ir}, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        const Planar input = makeSignal(2, 4800);
        writeFile(dir.filePath("in.wav").toStdString(), input, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        const auto r =
            runCli({"process", "in.wav", "out.wav", "--chain", "Convolver(ir=\"irs/half.wav\")"}, dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto out = readFile(dir.filePath("out.wav").toStdString());
        QCOMPARE(out.audio.size(), size_t(2));
        for (size_t c = 0; c < 2; ++c)
            for (size_t i = 2; i < input[c].size(); ++i)
                QVERIFY(std::abs(out.audio[c][i] - 0.5f * input[c][i - 2]) < 1e-6f);
    }

    // The live engine (--api file, 256-frame buffers: zita-convolver) and the batch path (FFT
    // convolution) give the same samples within 1e-6 of full scale, their float rounding (quiet
    // enough that the live safety stage's ceiling never acts).
    void liveAndBatchAgree()
    {
        QTemporaryDir dir;
        Planar ir(2, std::vector<float>(24000));
        uint32_t state = 5;
        for (auto& ch : ir)
            for (size_t i = 0; i < ch.size(); ++i) {
                state = state * 1664525u + 1013904223u;
                const float noise = static_cast<float>(state >> 8) / 16777216.0f - 0.5f;
                ch[i] = noise * 0.1f * std::exp(-static_cast<float>(i) / 4000.0f);
            }
        writeFile(dir.filePath("ir.wav").toStdString(), ir, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        writeFile(dir.filePath("in.wav").toStdString(), makeSignal(2, 48000, 48000.0, 0.2f),
                  SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        const QString chain = "Convolver(ir=\"ir.wav\", gain_db=-6)";
        auto r = runCli({"process", "in.wav", "batch.wav", "--chain", chain}, dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"live", "--api", "file", "--input-file", "in.wav", "--output-file", "live.wav",
                    "--buffer", "256", "--chain", chain},
                   dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto batch = readFile(dir.filePath("batch.wav").toStdString());
        const auto live = readFile(dir.filePath("live.wav").toStdString());
        QCOMPARE(live.audio.size(), batch.audio.size());
        float peak = 0.0f;
        for (const auto& ch : batch.audio)
            for (const float v : ch)
                peak = std::max(peak, std::abs(v));
        QVERIFY2(peak > 0.01f && peak < 0.9f, qPrintable(QString::number(peak)));
        float worst = 0.0f;
        for (size_t c = 0; c < batch.audio.size(); ++c) {
            QCOMPARE(live.audio[c].size(), batch.audio[c].size());
            for (size_t i = 0; i < batch.audio[c].size(); ++i)
                worst = std::max(worst, std::abs(live.audio[c][i] - batch.audio[c][i]));
        }
        QVERIFY2(worst < 1e-6f, qPrintable(QString::number(worst)));
    }

    void badIrIsExitOneNamingFileAndSlot_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing") << "missing"
                                 << "impulse response not found";
        QTest::newRow("text named .wav") << "text"
                                         << "not an audio file";
        QTest::newRow("60 minutes") << "long"
                                    << "the impulse response lasts 3600 s; at most 60 s are allowed";
    }
    void badIrIsExitOneNamingFileAndSlot()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        writeFile(dir.filePath("in.wav").toStdString(), makeSignal(2, 4800),
                  SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        if (kind == "text") {
            QFile f(dir.filePath("cab.wav"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is text\n");
        } else if (kind == "long") {
            // 60 minutes at 8 Hz: a small file whose duration is what is refused.
            writeFile(dir.filePath("cab.wav").toStdString(), {std::vector<float>(8 * 3600, 0.1f)},
                      SF_FORMAT_WAV | SF_FORMAT_FLOAT, 8);
        }
        const auto r = runCli(
            {"process", "in.wav", "out.wav", "--chain", "Gain(1) | Convolver(ir=\"cab.wav\")"}, dir.path());
        QCOMPARE(r.exitCode, 1);
        const QString err = r.err.trimmed();
        QVERIFY2(!err.contains('\n'), qPrintable(err));
        QVERIFY2(err.contains("Convolver (slot 1): cab.wav: " + reason), qPrintable(err));
        QVERIFY(!QFile::exists(dir.filePath("out.wav")));
    }
};

QTEST_GUILESS_MAIN(TstCliConvolver)
#include "tst_cli_convolver.moc"
