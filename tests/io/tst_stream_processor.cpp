// StreamProcessor on real files: chunked equals whole, whole-signal Normalize, tails, formats,
// dither, atomic output and refusal to overwrite the input.
#include "common/AudioFiles.h"
#include "dsp/AudioBuffer.h"
#include "dsp/ChainSpec.h"
#include "dsp/EffectRegistry.h"
#include "dsp/effects/Normalize.h"
#include "io/AudioFormat.h"
#include "io/Ebur128Meter.h"
#include "io/FileError.h"
#include "io/StreamProcessor.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <limits>
#include <unistd.h>

using namespace fxrack;
using namespace fxrack::test;

namespace {

// Every stateful effect available in this build, so the equality proof covers them all.
std::string statefulChainSpec()
{
    std::string spec = "Gain(0.8) | Delay(delay_samples=1500, feedback=0.4, mix=0.3) | Reverb(room_size=0.6)";
    const auto& reg = dsp::EffectRegistry::builtin();
    if (reg.find("HiButterworth"))
        spec = "HiButterworth(80) | " + spec;
    if (reg.find("LoButterworth"))
        spec += " | LoButterworth(8000)";
    return spec;
}

// The reference: the whole file as one block through a freshly built chain.
Planar processWhole(const std::string& spec, const Planar& input, double rate)
{
    auto chain = dsp::parseChain(spec);
    const int channels = static_cast<int>(input.size());
    const int frames = static_cast<int>(input[0].size());
    dsp::AudioBuffer buffer(channels, frames);
    for (int c = 0; c < channels; ++c)
        std::copy(input[size_t(c)].begin(), input[size_t(c)].end(), buffer.channel(c));
    chain.prepare({rate, frames, channels});
    chain.reset();
    auto block = buffer.block();
    chain.process(block);
    Planar out(static_cast<size_t>(channels));
    for (int c = 0; c < channels; ++c)
        out[size_t(c)].assign(buffer.channel(c), buffer.channel(c) + frames);
    return out;
}

QStringList filesIn(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestStreamProcessor : public QObject {
    Q_OBJECT

private slots:
    void chunkedOutputEqualsWholeFileProcessingForAnyChunkSize_data()
    {
        QTest::addColumn<int>("chunk");
        QTest::newRow("1 frame") << 1;
        QTest::newRow("7 frames") << 7;
        QTest::newRow("1000 frames") << 1000;
        QTest::newRow("65536 frames") << 65536;
        QTest::newRow("larger than the file") << (1 << 20);
    }
    void chunkedOutputEqualsWholeFileProcessingForAnyChunkSize()
    {
        QFETCH(int, chunk);
        QTemporaryDir dir;
        const double rate = 44100.0;
        const int frames = chunk == 1 ? 6000 : 100000;
        const auto input = makeSignal(2, frames, rate);
        const auto in = dir.filePath("in.wav").toStdString();
        const auto out = dir.filePath("out.wav").toStdString();
        writeFile(in, input, SF_FORMAT_WAV | SF_FORMAT_FLOAT, int(rate));

        const auto spec = statefulChainSpec();
        io::StreamProcessor processor(dsp::parseChain(spec), chunk);
        const auto report = processor.processFile(in, out);
        QCOMPARE(report.framesWritten, int64_t(frames));

        const auto got = readFile(out);
        QCOMPARE(got.info.samplerate, int(rate));
        const auto expected = processWhole(spec, input, rate);
        QVERIFY2(maxDifference(got.audio, expected) <= 1e-6,
                 qPrintable(QString::number(maxDifference(got.audio, expected))));
    }

    void chainSplitAcrossTwoDspThreadsGivesTheSameOutput()
    {
        // The seed chain balances between its filters and its reverb: a 2-thread run splits it
        // there, and the pipelined halves write exactly what one thread writes.
        QTemporaryDir dir;
        const auto input = makeSignal(2, 200000);
        const auto in = dir.filePath("in.wav").toStdString();
        writeFile(in, input, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        const char* seed = "HiButterworth(80) | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)";
        io::StreamProcessor two(dsp::parseChain(seed), 4096);
        two.setDspThreads(2);
        const int split = two.splitPoint(2, 48000.0);
        QVERIFY2(split > 0 && split < 4, qPrintable(QString::number(split)));
        two.processFile(in, dir.filePath("two.wav").toStdString());
        io::StreamProcessor one(dsp::parseChain(seed), 4096);
        one.setDspThreads(1);
        one.processFile(in, dir.filePath("one.wav").toStdString());
        QCOMPARE(maxDifference(readFile(dir.filePath("two.wav").toStdString()).audio,
                               readFile(dir.filePath("one.wav").toStdString()).audio),
                 0.0);
        // A single cheap effect is not worth a second thread.
        QCOMPARE(io::StreamProcessor(dsp::parseChain("Gain(2)"), 4096).splitPoint(2, 48000.0), 0);
    }

    void aNanInAFloatFileBecomesSilenceInIntegerOutput()
    {
        // A NaN has no integer value (casting it is undefined; x86 gave full-scale -1).
        QTemporaryDir dir;
        Planar input(1, std::vector<float>{0.25f, std::numeric_limits<float>::quiet_NaN(), 0.25f, 0.0f});
        const auto in = dir.filePath("nan.wav").toStdString();
        writeFile(in, input, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        io::OutputOptions options;
        options.sampleFormat = io::SampleFormat::Pcm32;
        io::StreamProcessor processor(dsp::parseChain("Gain(1)"), 4096);
        processor.processFile(in, dir.filePath("out.wav").toStdString(), options);
        const auto out = readFile(dir.filePath("out.wav").toStdString());
        QCOMPARE(out.audio[0][1], 0.0f);
        QCOMPARE(out.audio[0][0], 0.25f);
    }

    void stateIsResetBetweenFiles()
    {
        QTemporaryDir dir;
        const auto input = makeSignal(2, 30000);
        const auto in = dir.filePath("in.wav").toStdString();
        writeFile(in, input, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        io::StreamProcessor processor(dsp::parseChain("Reverb(room_size=0.9) | Delay(delay_samples=4000)"),
                                      4096);
        processor.processFile(in, dir.filePath("a.wav").toStdString());
        processor.processFile(in, dir.filePath("b.wav").toStdString());
        QCOMPARE(maxDifference(readFile(dir.filePath("a.wav").toStdString()).audio,
                               readFile(dir.filePath("b.wav").toStdString()).audio),
                 0.0);
    }

    void identityChainIsBitExactFor24BitPcm()
    {
        QTemporaryDir dir;
        const auto input = makeSignal(2, 50000, 48000, 0.9f);
        const auto in = dir.filePath("in.wav").toStdString();
        const auto out = dir.filePath("out.wav").toStdString();
        writeFile(in, input, SF_FORMAT_WAV | SF_FORMAT_PCM_24);
        io::StreamProcessor processor(dsp::parseChain("Gain(1.0)"), 3000);
        processor.processFile(in, out);
        const auto a = readFile(in);
        const auto b = readFile(out);
        QCOMPARE(b.info.format, SF_FORMAT_WAV | SF_FORMAT_PCM_24);
        QCOMPARE(maxDifference(a.audio, b.audio), 0.0);
    }

    void integerOutputDoesNotDependOnChunkSize()
    {
        QTemporaryDir dir;
        const auto in = dir.filePath("in.wav").toStdString();
        writeFile(in, makeSignal(2, 70000), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        for (int chunk : {333, 65536}) {
            io::StreamProcessor processor(dsp::parseChain("Gain(0.7) | Reverb"), chunk);
            processor.processFile(in, dir.filePath(QString("out%1.wav").arg(chunk)).toStdString());
        }
        QCOMPARE(maxDifference(readFile(dir.filePath("out333.wav").toStdString()).audio,
                               readFile(dir.filePath("out65536.wav").toStdString()).audio),
                 0.0);
    }

    void floatToIntegerOutputIsDitheredWithTpdf()
    {
        QTemporaryDir dir;
        const auto in = dir.filePath("in.wav").toStdString();
        const auto out = dir.filePath("out.wav").toStdString();
        // A constant a quarter of a 16-bit LSB: plain rounding would write only zeros.
        const float quarterLsb = 0.25f / 32768.0f;
        Planar input(1, std::vector<float>(40000, quarterLsb));
        writeFile(in, input, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        io::StreamProcessor processor(dsp::parseChain("Gain(1.0)"));
        io::OutputOptions options;
        options.sampleFormat = io::SampleFormat::Pcm16;
        processor.processFile(in, out, options);
        const auto got = readFile(out);
        QCOMPARE(got.info.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        double sum = 0;
        int nonzero = 0, beyondTwoLsb = 0;
        for (float x : got.audio[0]) {
            const double lsb = x * 32768.0;
            sum += lsb;
            nonzero += lsb != 0.0;
            beyondTwoLsb += std::fabs(lsb) > 2.0;
        }
        const double mean = sum / double(got.audio[0].size());
        QVERIFY2(std::fabs(mean - 0.25) < 0.02, qPrintable(QString::number(mean))); // dither keeps the mean
        QVERIFY(nonzero > 10000);
        QCOMPARE(beyondTwoLsb, 0); // TPDF spans +-1 LSB around the value
    }

    void normalizePeakLandsOnTargetWhateverTheChunkSize_data()
    {
        QTest::addColumn<int>("chunk");
        QTest::newRow("333") << 333;
        QTest::newRow("4096") << 4096;
        QTest::newRow("65536") << 65536;
    }
    void normalizePeakLandsOnTargetWhateverTheChunkSize()
    {
        QFETCH(int, chunk);
        QTemporaryDir dir;
        const auto in = dir.filePath("in.wav").toStdString();
        const auto out = dir.filePath("out.wav").toStdString();
        auto input = makeSignal(2, 120000, 48000, 0.3f);
        input[1][100000] = -0.61f; // one loud sample late in the file: per-chunk gains would miss it
        writeFile(in, input, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        io::StreamProcessor processor(dsp::parseChain("Gain(0.8) | Normalize(peak=0.95)"), chunk);
        const auto report = processor.processFile(in, out);
        QCOMPARE(report.analysisPasses, 1);
        const auto got = readFile(out).audio;
        QVERIFY2(std::fabs(maxAbs(got) - 0.95) <= 0.95e-6, qPrintable(QString::number(maxAbs(got), 'g', 10)));
        // One gain for the whole file: no steps at chunk boundaries.
        const double gain = 0.95 / (0.61 * 0.8);
        double worst = 0;
        for (size_t c = 0; c < 2; ++c)
            for (size_t i = 0; i < got[c].size(); ++i)
                worst = std::max(worst, std::fabs(got[c][i] - input[c][i] * 0.8 * gain));
        QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
    }

    void everyNormalizeStrategyGetsTheWholeSignal_data()
    {
        QTest::addColumn<QString>("strategy");
        for (const char* s : {"peak", "rms", "percentile", "per_channel", "lufs"})
            QTest::newRow(s) << QString(s);
    }
    void everyNormalizeStrategyGetsTheWholeSignal()
    {
        // Two chunk sizes must give the same file: the gain cannot depend on how it was read.
        QFETCH(QString, strategy);
        QTemporaryDir dir;
        const auto in = dir.filePath("in.wav").toStdString();
        writeFile(in, makeSignal(2, 96000, 48000, 0.2f), SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        const auto spec = "Normalize(peak=0.9, strategy=" + strategy.toStdString() + ", lufs=-23)";
        Planar outs[2];
        int k = 0;
        for (int chunk : {1111, 65536}) {
            io::StreamProcessor processor(dsp::parseChain(spec), chunk);
            const auto out = dir.filePath(QString("o%1.wav").arg(chunk)).toStdString();
            processor.processFile(in, out);
            outs[k++] = readFile(out).audio;
        }
        QVERIFY(maxDifference(outs[0], outs[1]) <= 1e-7);
        if (strategy != "rms" && strategy != "percentile") // those aim an average, not the peak, at 0.9
            QVERIFY(maxAbs(outs[0]) <= 0.9 + 1e-6);
        QVERIFY(maxAbs(outs[0]) > 0.05); // something was applied, not silence
    }

    void lufsNormalizeLandsWithinATenthOfALoudnessUnit()
    {
        QTemporaryDir dir;
        const auto in = dir.filePath("in.wav").toStdString();
        const auto out = dir.filePath("out.wav").toStdString();
        writeFile(in, makeSignal(2, 48000 * 6, 48000, 0.05f), SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        const double before = io::measureFileLufs(in);
        io::StreamProcessor processor(dsp::parseChain("Normalize(strategy=lufs, lufs=-20, peak=1.0)"), 10000);
        processor.processFile(in, out);
        const double after = io::measureFileLufs(out);
        QVERIFY2(std::fabs(before + 20.0) > 3.0, qPrintable(QString::number(before))); // it had to move
        QVERIFY2(std::fabs(after + 20.0) <= 0.1, qPrintable(QString::number(after)));
    }

    void tailLetsReverbRingOutAfterTheEnd()
    {
        QTemporaryDir dir;
        const auto in = dir.filePath("in.wav").toStdString();
        const auto out = dir.filePath("out.wav").toStdString();
        writeFile(in, makeSignal(2, 24000), SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        io::StreamProcessor processor(dsp::parseChain("Reverb(room_size=0.8)"), 5000);
        processor.setTailSeconds(1.5);
        const auto report = processor.processFile(in, out);
        QCOMPARE(report.framesWritten, int64_t(24000 + 72000));
        const auto got = readFile(out).audio;
        QCOMPARE(got[0].size(), size_t(96000));
        double tailEnergy = 0;
        for (size_t i = 24000; i < 30000; ++i)
            tailEnergy += got[0][i] * got[0][i];
        QVERIFY(tailEnergy > 1e-3);
    }

    void formatsRateChannelsAndMetadataAreKept_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("ext");
        QTest::newRow("wav pcm16") << (SF_FORMAT_WAV | SF_FORMAT_PCM_16) << "wav";
        QTest::newRow("wav float") << (SF_FORMAT_WAV | SF_FORMAT_FLOAT) << "wav";
        QTest::newRow("flac 24") << (SF_FORMAT_FLAC | SF_FORMAT_PCM_24) << "flac";
        QTest::newRow("ogg vorbis") << (SF_FORMAT_OGG | SF_FORMAT_VORBIS) << "ogg";
        QTest::newRow("aiff 24") << (SF_FORMAT_AIFF | SF_FORMAT_PCM_24) << "aiff";
    }
    void formatsRateChannelsAndMetadataAreKept()
    {
        QFETCH(int, format);
        QFETCH(QString, ext);
        QTemporaryDir dir;
        const auto in = dir.filePath("in." + ext).toStdString();
        const auto out = dir.filePath("out." + ext).toStdString();
        writeFile(in, makeSignal(3, 30000, 32000), format, 32000, {{SF_STR_TITLE, "Test Title"}});
        io::StreamProcessor processor(dsp::parseChain("Gain(0.5)"), 4096);
        processor.processFile(in, out);
        const auto got = readFile(out);
        QCOMPARE(got.info.format, format);
        QCOMPARE(got.info.samplerate, 32000);
        QCOMPARE(got.info.channels, 3);
        QCOMPARE(got.title, std::string("Test Title"));
        QVERIFY(got.info.frames >= 30000);
    }

    void formatAndSubtypeChangeWhenAsked()
    {
        QTemporaryDir dir;
        const auto in = dir.filePath("in.wav").toStdString();
        const auto out = dir.filePath("out.flac").toStdString();
        writeFile(in, makeSignal(2, 10000), SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        io::StreamProcessor processor(dsp::parseChain("Gain(0.5)"));
        io::OutputOptions options;
        options.format = io::FileFormat::Flac;
        processor.processFile(in, out, options); // float cannot go into FLAC: 24-bit
        QCOMPARE(readFile(out).info.format, SF_FORMAT_FLAC | SF_FORMAT_PCM_24);
        options.format = io::FileFormat::Aiff;
        options.sampleFormat = io::SampleFormat::Pcm16;
        processor.processFile(in, dir.filePath("out.aiff").toStdString(), options);
        QCOMPARE(readFile(dir.filePath("out.aiff").toStdString()).info.format,
                 SF_FORMAT_AIFF | SF_FORMAT_PCM_16);
    }

    void wavOutputBeyondFourGibibytesBecomesRf64()
    {
        io::AudioFileInfo info;
        info.sampleRate = 48000;
        info.channels = 2;
        info.sndfileFormat = SF_FORMAT_WAV | SF_FORMAT_PCM_24;
        const int64_t small = 48000LL * 600;      // 10 minutes: 173 MB
        const int64_t large = 48000LL * 3600 * 7; // 7 hours: 7.3 GB
        QCOMPARE(io::resolveOutputFormat(info, {}, small, "x.wav"), SF_FORMAT_WAV | SF_FORMAT_PCM_24);
        QCOMPARE(io::resolveOutputFormat(info, {}, large, "x.wav"), SF_FORMAT_RF64 | SF_FORMAT_PCM_24);
        io::OutputOptions ogg;
        ogg.format = io::FileFormat::Ogg;
        QCOMPARE(io::resolveOutputFormat(info, ogg, small, "x.ogg"), SF_FORMAT_OGG | SF_FORMAT_VORBIS);
        ogg.sampleFormat = io::SampleFormat::Pcm16;
        QVERIFY_THROWS_EXCEPTION(io::FileError, io::resolveOutputFormat(info, ogg, small, "x.ogg"));
    }

    void chunksYieldsTheSameAudioAsProcessFileOneBlockAtATime()
    {
        QTemporaryDir dir;
        const auto in = dir.filePath("in.wav").toStdString();
        const auto out = dir.filePath("out.wav").toStdString();
        writeFile(in, makeSignal(2, 50000), SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        io::StreamProcessor processor(dsp::parseChain("Gain(0.5) | Reverb | Normalize(peak=0.9)"), 8192);
        processor.processFile(in, out);
        const auto expected = readFile(out).audio;

        Planar got(2);
        int blocks = 0;
        for (const dsp::AudioBlock& block : processor.chunks(in)) {
            QCOMPARE(block.numChannels(), 2);
            QVERIFY(block.numFrames() == 8192 || blocks == 50000 / 8192);
            for (int c = 0; c < 2; ++c)
                got[size_t(c)].insert(got[size_t(c)].end(), block.channel(c),
                                      block.channel(c) + block.numFrames());
            ++blocks;
        }
        QCOMPARE(blocks, 50000 / 8192 + 1);
        QCOMPARE(maxDifference(got, expected), 0.0);
    }

    void refusesToWriteOverItsInputByPathSymlinkOrHardlink()
    {
        QTemporaryDir dir;
        const auto in = dir.filePath("in.wav").toStdString();
        writeFile(in, makeSignal(1, 1000), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        const auto original = readFile(in).audio;
        const auto sym = dir.filePath("sym.wav").toStdString();
        const auto hard = dir.filePath("hard.wav").toStdString();
        QVERIFY(::symlink(in.c_str(), sym.c_str()) == 0);
        QVERIFY(::link(in.c_str(), hard.c_str()) == 0);
        io::StreamProcessor processor(dsp::parseChain("Gain(0.1)"));
        for (const auto& target : {in, sym, hard, dir.filePath("./in.wav").toStdString()}) {
            try {
                processor.processFile(in, target);
                QFAIL("wrote over its input");
            } catch (const io::FileError& e) {
                QVERIFY(std::string(e.what()).find("input") != std::string::npos);
            }
        }
        QCOMPARE(maxDifference(readFile(in).audio, original), 0.0);
        QCOMPARE(filesIn(dir.path()).size(), 3);
    }

    void cancelStopsWithinAChunkAndLeavesNoOutput()
    {
        QTemporaryDir dir;
        const auto in = dir.filePath("in.wav").toStdString();
        const auto out = dir.filePath("out.wav").toStdString();
        writeFile(in, makeSignal(2, 200000), SF_FORMAT_WAV | SF_FORMAT_PCM_24);
        std::atomic<bool> cancel{false};
        double lastFraction = 0;
        io::StreamProcessor processor(dsp::parseChain("Reverb"), 1000);
        QVERIFY_THROWS_EXCEPTION(io::Cancelled, processor.processFile(
                                                    in, out, {},
                                                    [&](double f) {
                                                        lastFraction = f;
                                                        if (f > 0.1)
                                                            cancel = true;
                                                    },
                                                    &cancel));
        QVERIFY(lastFraction < 0.2); // within a few chunks of the request
        QCOMPARE(filesIn(dir.path()), QStringList{"in.wav"});
    }

    void badInputThrowsFileErrorNamingTheFileAndLeavesNoOutput()
    {
        QTemporaryDir dir;
        const auto text = dir.filePath("text.wav").toStdString();
        {
            std::FILE* f = std::fopen(text.c_str(), "w");
            std::fputs("this is not audio\n", f);
            std::fclose(f);
        }
        const auto out = dir.filePath("out.wav").toStdString();
        io::StreamProcessor processor(dsp::parseChain("Gain"));
        try {
            processor.processFile(text, out);
            QFAIL("read a text file as audio");
        } catch (const io::FileError& e) {
            QCOMPARE(e.path(), text);
        }
        QCOMPARE(filesIn(dir.path()), QStringList{"text.wav"});
    }
};

QTEST_GUILESS_MAIN(TestStreamProcessor)
#include "tst_stream_processor.moc"
