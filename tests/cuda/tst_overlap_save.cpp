// FIR by FFT overlap-save (the GPU's FIR and DesignableFIR) equals the direct convolution with
// the history carried across chunks (dsp::FirFilter), using the same block bookkeeping the
// kernels use, on the CPU.
#include "cuda/GpuMath.h"
#include "cuda/OverlapSave.h"
#include "dsp/design/FirFilter.h"

#include <QTest>
#include <cmath>
#include <random>

using namespace fxrack;

namespace {

std::vector<float> noise(int n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> d(-1.0f, 1.0f);
    std::vector<float> x(static_cast<size_t>(n));
    for (auto& v : x)
        v = d(rng);
    return x;
}

std::vector<double> randomTaps(int n)
{
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> d(-1.0, 1.0);
    std::vector<double> taps(static_cast<size_t>(n));
    for (auto& v : taps)
        v = d(rng) / n;
    return taps;
}

} // namespace

class TestOverlapSave : public QObject {
    Q_OBJECT

private slots:
    void geometryCoversEveryOutputOnce()
    {
        for (int taps : {1, 2, 101, 1000, 8191}) {
            const auto g = cuda::overlapSaveGeometry(taps);
            QVERIFY(g.fftSize >= 4 * taps && g.fftSize >= 4096);
            QCOMPARE(g.fftSize & (g.fftSize - 1), 0);
            QCOMPARE(g.hop, g.fftSize - taps + 1);
            for (int frames : {1, g.hop - 1, g.hop, g.hop + 1, 5 * g.hop + 3}) {
                std::vector<int> hits(static_cast<size_t>(frames), 0);
                for (int s = 0; s < g.segments(frames); ++s)
                    for (int p = 0; p < g.fftSize; ++p) {
                        const auto f = cuda::osOutputFrame(g, s, p, frames);
                        if (f >= 0)
                            ++hits[static_cast<size_t>(f)];
                    }
                QVERIFY(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
            }
        }
    }

    void overlapSaveEqualsDirectConvolutionAcrossChunks_data()
    {
        QTest::addColumn<int>("taps");
        QTest::addColumn<int>("fft");
        QTest::addColumn<int>("chunk");
        QTest::newRow("1 tap") << 1 << 64 << 100;
        QTest::newRow("31 taps, many segments") << 31 << 128 << 1000;
        QTest::newRow("chunks shorter than the taps") << 257 << 1024 << 100;
        QTest::newRow("101 taps, default FFT") << 101 << 4096 << 65536;
        QTest::newRow("ragged chunks") << 64 << 256 << 777;
    }
    void overlapSaveEqualsDirectConvolutionAcrossChunks()
    {
        QFETCH(int, taps);
        QFETCH(int, fft);
        QFETCH(int, chunk);
        const int frames = 150000;
        const auto h = randomTaps(taps);
        const auto x = noise(frames, 3);

        auto direct = x;
        dsp::FirFilter fir;
        fir.prepare(1, taps);
        fir.setTaps(h);
        cuda::OverlapSaveCpu os(h, fft);
        auto fast = x;
        for (int start = 0; start < frames; start += chunk) {
            const int n = std::min(chunk, frames - start);
            float* ch[] = {direct.data() + start};
            fir.process(dsp::AudioBlock(ch, 1, n));
            os.process(fast.data() + start, n);
        }
        double worst = 0;
        for (int i = 0; i < frames; ++i)
            worst = std::max(worst, double(std::fabs(direct[size_t(i)] - fast[size_t(i)])));
        QVERIFY2(worst <= 1e-6, qPrintable(QString::number(worst)));
    }

    void sharedPerSampleMaths()
    {
        QCOMPARE(cuda::gainSample(0.5f, 3.0f, false), 1.5f);
        QCOMPARE(cuda::gainSample(0.5f, 3.0f, true), 1.0f);
        QCOMPARE(cuda::gainSample(-0.5f, 3.0f, true), -1.0f);
        QCOMPARE(cuda::normalizeSample(0.25f, 2.0), 0.5f);
        // Ping-pong: tap 1 from the channel itself, tap 2 from its partner, a lone channel keeps its own.
        QCOMPARE(cuda::delaySource(0, 1, 2, true), 0);
        QCOMPARE(cuda::delaySource(0, 2, 2, true), 1);
        QCOMPARE(cuda::delaySource(1, 2, 2, true), 0);
        QCOMPARE(cuda::delaySource(2, 2, 3, true), 2);
        QCOMPARE(cuda::delaySource(1, 2, 2, false), 1);
    }
};

QTEST_GUILESS_MAIN(TestOverlapSave)
#include "tst_overlap_save.moc"
