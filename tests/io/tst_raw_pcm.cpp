// Packed PCM read and written by FXRack's own codec (sf_read_raw/sf_write_raw) in every layout it
// takes: 16/24/32-bit, little- and big-endian containers, 1 to 3 channels. libsndfile's int path
// is the reference on both sides.
#include "common/AudioFiles.h"
#include "dsp/AudioBuffer.h"
#include "dsp/ChainSpec.h"
#include "io/FileError.h"
#include "io/SoundFileReader.h"
#include "io/StreamProcessor.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fxrack;
using namespace fxrack::test;

namespace {

// A signal that reaches both ends of the integer range, where sign extension and clipping live.
Planar extremes(int channels, int frames)
{
    auto signal = makeSignal(channels, frames, 48000, 0.45f);
    for (auto& ch : signal) {
        ch[10] = -1.0f;
        ch[11] = 1.0f - 1.0f / 8388608.0f;
        ch[12] = -1.0f / 32768.0f;
        ch[13] = 0.0f;
    }
    return signal;
}

} // namespace

class TestRawPcm : public QObject {
    Q_OBJECT

private slots:
    void layouts_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("ext");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("outFormat"); // W64, RF64 and WAVEX come back as WAV
        const struct {
            const char* name;
            int format;
            const char* ext;
            int outFormat;
        } formats[] = {
            {"wav 16", SF_FORMAT_WAV | SF_FORMAT_PCM_16, "wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16},
            {"wav 24", SF_FORMAT_WAV | SF_FORMAT_PCM_24, "wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24},
            {"wav 32", SF_FORMAT_WAV | SF_FORMAT_PCM_32, "wav", SF_FORMAT_WAV | SF_FORMAT_PCM_32},
            {"rifx 24 (big-endian wav; comes back as plain wav)",
             SF_FORMAT_WAV | SF_FORMAT_PCM_24 | SF_ENDIAN_BIG, "wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24},
            {"aiff 16", SF_FORMAT_AIFF | SF_FORMAT_PCM_16, "aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_16},
            {"aiff 24", SF_FORMAT_AIFF | SF_FORMAT_PCM_24, "aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_24},
            {"aiff 32", SF_FORMAT_AIFF | SF_FORMAT_PCM_32, "aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_32},
            {"aifc sowt 24 (little-endian aiff)", SF_FORMAT_AIFF | SF_FORMAT_PCM_24 | SF_ENDIAN_LITTLE,
             "aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_24 | SF_ENDIAN_LITTLE},
            {"w64 24", SF_FORMAT_W64 | SF_FORMAT_PCM_24, "w64", SF_FORMAT_WAV | SF_FORMAT_PCM_24},
            {"rf64 16", SF_FORMAT_RF64 | SF_FORMAT_PCM_16, "wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16},
            {"wavex 24", SF_FORMAT_WAVEX | SF_FORMAT_PCM_24, "wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24},
        };
        for (const auto& f : formats)
            for (int channels : {1, 2, 3})
                QTest::newRow(qPrintable(QString("%1, %2 ch").arg(f.name).arg(channels)))
                    << f.format << f.ext << channels << f.outFormat;
    }

    // The reader gives exactly libsndfile's int-path values, across odd read boundaries.
    void layouts()
    {
        QFETCH(int, format);
        QFETCH(QString, ext);
        QFETCH(int, channels);
        QFETCH(int, outFormat);
        QTemporaryDir dir;
        const auto in = dir.filePath("in." + ext).toStdString();
        writeFile(in, extremes(channels, 20011), format);
        const auto reference = readFile(in);

        io::SoundFileReader reader(in);
        dsp::AudioBuffer buffer(channels, 777);
        Planar got(static_cast<size_t>(channels));
        for (;;) {
            const int n = reader.read(buffer.block());
            if (n == 0)
                break;
            for (int c = 0; c < channels; ++c)
                got[size_t(c)].insert(got[size_t(c)].end(), buffer.channel(c), buffer.channel(c) + n);
        }
        QCOMPARE(maxDifference(got, reference.audio), 0.0);

        // Doubled through the writer: a byte-order slip on both sides would cancel in a plain
        // copy, not under a gain. Doubling stays on the integer grid (no dither); the two
        // extremes clip.
        const auto out = dir.filePath("out." + ext).toStdString();
        const auto report = io::StreamProcessor(dsp::parseChain("Gain(2.0)"), 1001).processFile(in, out);
        const auto written = readFile(out);
        QCOMPARE(reference.info.format, format);
        QCOMPARE(written.info.format, outFormat);
        QCOMPARE(written.info.frames, reference.info.frames);
        const int bits = (format & SF_FORMAT_SUBMASK) == SF_FORMAT_PCM_16   ? 16
                         : (format & SF_FORMAT_SUBMASK) == SF_FORMAT_PCM_24 ? 24
                                                                            : 32;
        const double largest = 1.0 - std::ldexp(1.0, 1 - bits);
        Planar expected = reference.audio;
        int clips = 0;
        for (auto& ch : expected)
            for (float& x : ch) {
                const double doubled = 2.0 * x;
                x = static_cast<float>(std::clamp(doubled, -1.0, largest));
                clips += doubled < -1.0 || doubled > largest;
            }
        QCOMPARE(maxDifference(written.audio, expected), 0.0);
        QCOMPARE(report.clippedSamples, static_cast<int64_t>(clips));
    }

    void truncatedFilesAreRefusedInEveryContainer_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("ext");
        QTest::newRow("wav") << (SF_FORMAT_WAV | SF_FORMAT_PCM_24) << "wav";
        QTest::newRow("wavex") << (SF_FORMAT_WAVEX | SF_FORMAT_PCM_16) << "wav";
        QTest::newRow("w64") << (SF_FORMAT_W64 | SF_FORMAT_PCM_24) << "w64";
        QTest::newRow("rf64") << (SF_FORMAT_RF64 | SF_FORMAT_PCM_24) << "wav";
        QTest::newRow("aiff") << (SF_FORMAT_AIFF | SF_FORMAT_PCM_24) << "aiff";
        QTest::newRow("aifc sowt") << (SF_FORMAT_AIFF | SF_FORMAT_PCM_16 | SF_ENDIAN_LITTLE) << "aiff";
    }
    // A copy cut off half-way (mid-frame) is a broken file whatever its container: libsndfile
    // shortens it quietly and says so only in its log, in each container's own words.
    void truncatedFilesAreRefusedInEveryContainer()
    {
        QFETCH(int, format);
        QFETCH(QString, ext);
        QTemporaryDir dir;
        const auto full = dir.filePath("full." + ext).toStdString();
        writeFile(full, makeSignal(2, 10000), format);
        QFile file(QString::fromStdString(full));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const auto cut = dir.filePath("cut." + ext);
        QFile out(cut);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes.left(bytes.size() / 2 + 1));
        out.close();

        // The whole file is accepted and read to its end.
        {
            io::SoundFileReader reader(full);
            dsp::AudioBuffer buffer(2, 4096);
            int64_t frames = 0;
            while (const int n = reader.read(buffer.block()))
                frames += n;
            QCOMPARE(frames, int64_t{10000});
        }
        try {
            io::SoundFileReader reader(cut.toStdString());
            dsp::AudioBuffer buffer(2, 4096);
            while (reader.read(buffer.block()) > 0) {
            }
            QFAIL("a file cut in half was read without an error");
        } catch (const io::FileError& e) {
            QVERIFY2(std::string(e.what()).find("truncated") != std::string::npos, e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestRawPcm)
#include "tst_raw_pcm.moc"
