// FftConvolver against the direct form (FirFilter, double precision), and DesignableFIR's FFT
// convolution against its direct form, for tap counts around the crossover and awkward block
// sizes: 1, odd sizes and sizes that are no multiple of the partition. Tolerance: 1e-6 of full
// scale (inputs within +-1, responses whose absolute sum is at most 1, so outputs are too).
#include "common/AllocationCounter.h"
#include "common/AudioFiles.h"
#include "dsp/AudioBuffer.h"
#include "dsp/ChainSpec.h"
#include "dsp/design/AdaptiveFftConvolver.h"
#include "dsp/design/FftConvolver.h"
#include "dsp/design/FirDesign.h"
#include "dsp/design/FirFilter.h"
#include "dsp/effects/DesignableFir.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <random>
#include <thread>
#include <vector>

using namespace fxrack;
using namespace fxrack::dsp;

namespace {

constexpr double kTolerance = 1e-6;

std::vector<float> noise(int frames, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    std::vector<float> x(static_cast<size_t>(frames));
    for (auto& v : x)
        v = dist(rng);
    return x;
}

// Random taps scaled to an absolute sum of 1: the output stays within full scale.
std::vector<double> randomTaps(int count, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> dist(0.0, 1.0);
    std::vector<double> taps(static_cast<size_t>(count));
    double sum = 0.0;
    for (auto& t : taps) {
        t = dist(rng) * std::exp(-4.0 * (&t - taps.data()) / count);
        sum += std::abs(t);
    }
    for (auto& t : taps)
        t /= sum;
    return taps;
}

std::vector<float> direct(const std::vector<double>& taps, std::vector<float> x)
{
    FirFilter fir;
    fir.prepare(1, static_cast<int>(taps.size()));
    fir.setTaps(taps);
    float* p = x.data();
    const AudioBlock block(&p, 1, static_cast<int>(x.size()));
    fir.process(block);
    return x;
}

double worstDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    double worst = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, double(std::abs(a[i] - b[i])));
    return worst;
}

} // namespace

class TstFftConvolver : public QObject {
    Q_OBJECT

private slots:
    void equalsTheDirectForm_data()
    {
        QTest::addColumn<int>("taps");
        QTest::addColumn<int>("block");
        QTest::addColumn<int>("partition"); // 0: the one partitionSizeFor() picks
        for (int taps : {1, 2, 31, 63, 64, 65, 100, 127, 128, 129, 255, 257, 511, 1000, 1023, 1025, 4097})
            for (int block : {1, 7, 64, 100, 333, 1024, 4096})
                QTest::addRow("%d taps, %d-frame blocks", taps, block) << taps << block << 0;
        // Blocks that are no multiple of the partition, and partitions longer than the blocks.
        for (int block : {1, 5, 100, 1000, 3000})
            QTest::addRow("1023 taps, partition 256, %d-frame blocks", block) << 1023 << block << 256;
        QTest::addRow("20000 taps, partition 16384, 4096-frame blocks") << 20000 << 4096 << 16384;
    }
    void equalsTheDirectForm()
    {
        QFETCH(int, taps);
        QFETCH(int, block);
        QFETCH(int, partition);
        const auto h = randomTaps(taps, static_cast<unsigned>(taps));
        const int frames = std::max(3 * taps, 6000) + 17;
        const auto x = noise(frames, 5);
        FftConvolver fft;
        fft.prepare(taps, partition > 0 ? partition : FftConvolver::partitionSizeFor(taps, block));
        fft.setTaps(h);
        auto y = x;
        for (int start = 0; start < frames; start += block)
            fft.process(y.data() + start, y.data() + start, std::min(block, frames - start));
        const double worst = worstDifference(y, direct(h, x));
        QVERIFY2(worst < kTolerance, qPrintable(QString("worst difference %1").arg(worst)));
    }

    // New taps mid-stream: from then on the output is the new response's on the whole past, as the
    // direct form gives (DesignableFIR redesigns its taps while a cutoff ramps).
    void aTapChangeActsOnTheWholePast()
    {
        for (int block : {1, 77, 256, 1000}) {
            const int taps = 700;
            const auto a = randomTaps(taps, 1), b = randomTaps(taps, 2);
            const int frames = 9000, changeAt = 4321;
            const auto x = noise(frames, 9);
            FftConvolver fft;
            fft.prepare(taps, FftConvolver::partitionSizeFor(taps, block));
            fft.setTaps(a);
            FirFilter fir;
            fir.prepare(1, taps);
            fir.setTaps(a);
            auto y = x, expected = x;
            float* p = expected.data();
            const AudioBlock whole(&p, 1, frames);
            for (int start = 0; start < frames;) {
                const int end = std::min({start + block, frames, start < changeAt ? changeAt : frames});
                if (start == changeAt) {
                    fft.setTaps(b);
                    fir.setTaps(b);
                }
                fft.process(y.data() + start, y.data() + start, end - start);
                fir.process(whole.subBlock(start, end - start));
                start = end;
            }
            const double worst = worstDifference(y, expected);
            QVERIFY2(worst < kTolerance,
                     qPrintable(QString("block %1: worst difference %2").arg(block).arg(worst)));
        }
    }

    // Calls that end on segment boundaries transform every segment once: the output is the same,
    // bit for bit, whatever those calls are.
    void alignedCallsGiveTheSameSamples()
    {
        const auto h = randomTaps(3000, 3);
        const auto x = noise(40000, 4);
        std::vector<float> first;
        for (int block : {1024, 4096, 8192}) {
            FftConvolver fft;
            fft.prepare(3000, 1024);
            fft.setTaps(h);
            auto y = x;
            for (int start = 0; start < 40000; start += block)
                fft.process(y.data() + start, y.data() + start, std::min(block, 40000 - start));
            if (first.empty())
                first = y;
            else
                QVERIFY(y == first);
        }
    }

    void resetForgetsThePast()
    {
        const auto h = randomTaps(500, 6);
        const auto x = noise(5000, 7);
        FftConvolver fft;
        fft.prepare(500, 128);
        fft.setTaps(h);
        auto first = x, second = x;
        fft.process(first.data(), first.data(), 5000);
        fft.reset();
        fft.process(second.data(), second.data(), 5000);
        QVERIFY(first == second);
    }

    void processAndSetTapsDoNotAllocate()
    {
        const auto a = randomTaps(1500, 1), b = randomTaps(1500, 2);
        auto x = noise(20000, 3);
        FftConvolver fft;
        fft.prepare(1500, 256);
        fft.setTaps(a);
        test::ScopedAllocationCounter counter;
        for (int start = 0; start + 333 <= 20000; start += 333) {
            if (start == 9990)
                fft.setTaps(b);
            fft.process(x.data() + start, x.data() + start, 333);
        }
        QCOMPARE(counter.counts().allocations, 0L);
        QCOMPARE(counter.counts().frees, 0L);
    }

    // Calls of every size in runs (prepared for 4,096): AdaptiveFftConvolver switches between
    // its segment sizes, priming each from the recent input, and stays on the direct form.
    void adaptiveFollowsTheCallSizes_data()
    {
        QTest::addColumn<int>("taps");
        for (int taps : {20, 101, 1023, 3000})
            QTest::addRow("%d taps", taps) << taps;
    }
    void adaptiveFollowsTheCallSizes()
    {
        QFETCH(int, taps);
        const auto h = randomTaps(taps, 21), h2 = randomTaps(taps, 22);
        const int frames = 120000;
        const auto x = noise(frames, 23);
        AdaptiveFftConvolver fft;
        fft.prepare(taps, 4096);
        fft.setTaps(h);
        FirFilter fir;
        fir.prepare(1, taps);
        fir.setTaps(h);
        auto y = x, expected = x;
        float* p = expected.data();
        const AudioBlock whole(&p, 1, frames);
        std::mt19937 rng(static_cast<unsigned>(taps));
        std::vector<int> sizesSeen;
        int start = 0, call = 0;
        while (start < frames) {
            // Runs of ten calls: short, full, medium, odd.
            const int run = (call++ / 10) % 4;
            int n = run == 0   ? 1 + static_cast<int>(rng() % 64)
                    : run == 1 ? 4096
                    : run == 2 ? 100 + static_cast<int>(rng() % 1400)
                               : 2047;
            n = std::min(n, frames - start);
            if (call == 137) { // new taps mid-run, as a ramp gives
                fft.setTaps(h2);
                fir.setTaps(h2);
            }
            fft.process(y.data() + start, y.data() + start, n);
            fir.process(whole.subBlock(start, n));
            if (std::find(sizesSeen.begin(), sizesSeen.end(), fft.segmentSize()) == sizesSeen.end())
                sizesSeen.push_back(fft.segmentSize());
            start += n;
        }
        const double worst = worstDifference(y, expected);
        QVERIFY2(worst < kTolerance, qPrintable(QString("worst difference %1").arg(worst)));
        QCOMPARE(sizesSeen.size(), size_t(2)); // both segment sizes ran
    }

    // FFTW's planner is not thread-safe: batch workers prepare chains at once, and zita-convolver
    // (the live Convolver) plans beside FftConvolver. Threads planning sizes nobody planned yet,
    // each checked against the direct form.
    void plansOnManyThreadsAtOnce()
    {
        const auto x = noise(6000, 12);
        QTemporaryDir dir;
        const std::string ir = dir.filePath("ir.wav").toStdString();
        test::writeFile(ir, {noise(3000, 13)}, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        std::vector<double> worst(8, 1.0);
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&, t] {
                const int taps = 300 + 97 * t; // new transform sizes
                const auto h = randomTaps(taps, static_cast<unsigned>(t));
                FftConvolver fft;
                fft.prepare(taps, 64 << (t % 4));
                fft.setTaps(h);
                auto y = x;
                fft.process(y.data(), y.data(), static_cast<int>(y.size()));
                if (t % 2 == 0) {
                    // zita-convolver plans here too, through the live Convolver.
                    auto live = parseChain("Convolver(ir=\"" + ir + "\")").remove(0);
                    live->prepare({48000.0, 256, 2, true});
                }
                worst[static_cast<size_t>(t)] = worstDifference(y, direct(h, x));
            });
        for (auto& t : threads)
            t.join();
        for (const double w : worst)
            QVERIFY2(w < kTolerance, qPrintable(QString("worst difference %1").arg(w)));
    }

    // The effect: FFT against its own direct form through prepare(), latency, blocks of any size
    // and a cutoff ramping while it runs.
    void designableFirFftEqualsItsDirectForm_data()
    {
        QTest::addColumn<int>("taps");
        QTest::addColumn<int>("block");
        for (int taps : {DesignableFir::kFftCrossover[0].minTaps - 1, DesignableFir::kFftCrossover[0].minTaps,
                         101, 256, 1023, 2048, 8191})
            for (int block : {1, 8, 31, 64, 333, 4096})
                QTest::addRow("%d taps, %d-frame blocks", taps, block) << taps << block;
    }
    void designableFirFftEqualsItsDirectForm()
    {
        QFETCH(int, taps);
        QFETCH(int, block);
        const int frames = 24000;
        const auto x = noise(frames, 11);
        std::vector<float> outputs[2];
        for (int useFft : {0, 1}) {
            auto effect =
                parseChain("DesignableFIR(cutoff=3000, num_taps=" + std::to_string(taps) + ")").remove(0);
            auto& fir = dynamic_cast<DesignableFir&>(*effect);
            fir.forceFft(useFft);
            effect->prepare({48000.0, block, 1});
            QCOMPARE(fir.usesFft(), useFft == 1);
            auto y = x;
            float* p = y.data();
            const AudioBlock whole(&p, 1, frames);
            for (int start = 0; start < frames; start += block) {
                if (start <= frames / 3 && start + block > frames / 3)
                    effect->setParameter("cutoff", 9000.0);
                auto part = whole.subBlock(start, std::min(block, frames - start));
                effect->process(part);
            }
            outputs[useFft] = y;
        }
        const double worst = worstDifference(outputs[0], outputs[1]);
        QVERIFY2(worst < kTolerance, qPrintable(QString("worst difference %1").arg(worst)));
        // The crossover: long filters in blocks that are not tiny take the FFT by themselves.
        auto effect = parseChain("DesignableFIR(num_taps=" + std::to_string(taps) + ")").remove(0);
        effect->prepare({48000.0, block, 1});
        QCOMPARE(dynamic_cast<DesignableFir&>(*effect).usesFft(), DesignableFir::prefersFft(taps, block));
    }

    void theCrossover()
    {
        QVERIFY(DesignableFir::prefersFft(1023, 4096));
        QVERIFY(DesignableFir::prefersFft(101, 64));
        QVERIFY(!DesignableFir::prefersFft(DesignableFir::kFftCrossover[0].minTaps - 1, 4096));
        QVERIFY(DesignableFir::prefersFft(1023, 8));
        QVERIFY(!DesignableFir::prefersFft(101, 8));
        QVERIFY(!DesignableFir::prefersFft(1023, 1));
        QVERIFY(DesignableFir::prefersFft(8191, 1));
    }
};

QTEST_GUILESS_MAIN(TstFftConvolver)
#include "tst_fftconvolver.moc"
