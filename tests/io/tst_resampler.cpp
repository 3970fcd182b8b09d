// --rate: libsoxr at very high quality after the chain (issue 16). A 96 kHz -> 44.1 kHz sine is
// clean to better than -110 dB THD+N, chunk size does not change a bit of the output, and
// 44.1 -> 48 -> 44.1 kHz comes back within -100 dB of the original away from the edges.
#include "common/AudioFiles.h"
#include "dsp/ChainSpec.h"
#include "io/Resampler.h"
#include "io/StreamProcessor.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace fxrack;
using namespace fxrack::test;

namespace {

Planar tones(int channels, int64_t frames, double rate, const std::vector<double>& hz, double level)
{
    Planar out(static_cast<size_t>(channels), std::vector<float>(static_cast<size_t>(frames)));
    for (int c = 0; c < channels; ++c)
        for (int64_t i = 0; i < frames; ++i) {
            double x = 0.0;
            for (double f : hz)
                x += std::sin(2.0 * M_PI * f * static_cast<double>(i) / rate + 0.3 * c);
            out[size_t(c)][size_t(i)] = static_cast<float>(level * x / static_cast<double>(hz.size()));
        }
    return out;
}

// THD+N of a `hz` sine in x[from, to): the least-squares fit of a sine and cosine at `hz`
// (and a DC term) is the signal, the rest is distortion and noise. In dB.
double thdPlusNoise(const std::vector<float>& x, double rate, double hz, size_t from, size_t to)
{
    double ss = 0, sc = 0, cc = 0, xs = 0, xc = 0, sum = 0;
    const double n = static_cast<double>(to - from);
    for (size_t i = from; i < to; ++i) {
        const double w = 2.0 * M_PI * hz * static_cast<double>(i) / rate;
        const double s = std::sin(w), c = std::cos(w);
        ss += s * s;
        sc += s * c;
        cc += c * c;
        xs += x[i] * s;
        xc += x[i] * c;
        sum += x[i];
    }
    const double det = ss * cc - sc * sc;
    const double a = (xs * cc - xc * sc) / det, b = (xc * ss - xs * sc) / det, dc = sum / n;
    double signal = 0, residual = 0;
    for (size_t i = from; i < to; ++i) {
        const double w = 2.0 * M_PI * hz * static_cast<double>(i) / rate;
        const double fit = a * std::sin(w) + b * std::cos(w) + dc;
        signal += fit * fit;
        residual += (x[i] - fit) * (x[i] - fit);
    }
    return 10.0 * std::log10(residual / signal);
}

io::ProcessReport convert(const std::string& in, const std::string& out, double rate, int chunk = 65536)
{
    io::StreamProcessor processor(dsp::parseChain("Gain"), chunk);
    io::OutputOptions options;
    options.sampleRate = rate;
    options.sampleFormat = io::SampleFormat::Float;
    return processor.processFile(in, out, options);
}

} // namespace

class TestResampler : public QObject {
    Q_OBJECT

private slots:
    void sine96kTo44k1IsCleanerThanMinus110dB()
    {
        QTemporaryDir dir;
        const auto in = dir.filePath("s96.wav").toStdString(), out = dir.filePath("s44.wav").toStdString();
        writeFile(in, tones(1, 96000 * 3, 96000, {1000.0}, 0.5), SF_FORMAT_WAV | SF_FORMAT_FLOAT, 96000);
        const auto report = convert(in, out, 44100);
        QCOMPARE(report.framesWritten, int64_t(44100 * 3));
        const FileAudio r = readFile(out);
        QCOMPARE(r.info.samplerate, 44100);
        QCOMPARE(r.info.frames, sf_count_t(44100 * 3));
        const double thdn = thdPlusNoise(r.audio[0], 44100, 1000.0, 4410, 44100 * 3 - 4410);
        qInfo("THD+N %.1f dB", thdn);
        QVERIFY2(thdn < -110.0, qPrintable(QString::number(thdn)));
        // The input's level and phase: no delay left in the output.
        QVERIFY(std::abs(r.audio[0][44100] - 0.5 * std::sin(2.0 * M_PI * 1000.0 * 1.0)) < 1e-4);
        QVERIFY(std::abs(r.audio[0][44100 + 11] - 0.5 * std::sin(2.0 * M_PI * 1000.0 * (44111.0 / 44100.0))) <
                1e-4);
    }

    void chunkedEqualsWhole()
    {
        QTemporaryDir dir;
        const auto in = dir.filePath("in.wav").toStdString();
        writeFile(in, makeSignal(2, 150001), SF_FORMAT_WAV | SF_FORMAT_FLOAT, 48000);
        convert(in, dir.filePath("whole.wav").toStdString(), 44100, 1 << 20);
        for (int chunk : {997, 4096, 65536}) {
            const auto name = dir.filePath(QString("c%1.wav").arg(chunk)).toStdString();
            convert(in, name, 44100, chunk);
            const FileAudio a = readFile(name), b = readFile(dir.filePath("whole.wav").toStdString());
            QCOMPARE(a.info.frames, b.info.frames);
            QCOMPARE(maxDifference(a.audio, b.audio), 0.0);
        }
        // The Resampler alone, fed in uneven pieces, gives what one call gives.
        const Planar x = makeSignal(1, 20000);
        auto run = [&](const std::vector<int>& pieces) {
            io::Resampler rs(48000, 44100, 1, 20000);
            std::vector<float> y;
            auto sink = [&](const dsp::AudioBlock& b) {
                y.insert(y.end(), b.channel(0), b.channel(0) + b.numFrames());
            };
            int at = 0;
            for (size_t k = 0; at < 20000; ++k) {
                const int n = std::min(pieces[k % pieces.size()], 20000 - at);
                float* p = const_cast<float*>(x[0].data()) + at;
                rs.process(dsp::AudioBlock(&p, 1, n), sink);
                at += n;
            }
            rs.finish(sink);
            return y;
        };
        const auto whole = run({20000});
        QCOMPARE(whole.size(), size_t(18375));
        QCOMPARE(run({1, 7, 500, 3333}), whole);
    }

    void roundTrip44k1To48kAndBackWithinMinus100dB()
    {
        QTemporaryDir dir;
        const auto a = dir.filePath("a.wav").toStdString(), b = dir.filePath("b.wav").toStdString(),
                   c = dir.filePath("c.wav").toStdString();
        const Planar original = tones(2, 44100 * 2, 44100, {100.0, 997.0, 5003.0, 15000.0}, 0.8);
        writeFile(a, original, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 44100);
        convert(a, b, 48000);
        QCOMPARE(readFile(b).info.frames, sf_count_t(96000));
        convert(b, c, 44100);
        const FileAudio back = readFile(c);
        QCOMPARE(back.info.frames, sf_count_t(44100 * 2));
        double worst = 0.0;
        for (size_t ch = 0; ch < 2; ++ch)
            for (size_t i = 4410; i < size_t(44100 * 2 - 4410); ++i)
                worst = std::max(worst, std::abs(double(back.audio[ch][i]) - original[ch][i]));
        const double db = 20.0 * std::log10(worst);
        qInfo("round trip: worst error %.1f dBFS", db);
        QVERIFY2(db < -100.0, qPrintable(QString::number(db)));
    }
};

QTEST_GUILESS_MAIN(TestResampler)
#include "tst_resampler.moc"
