// The CUDA chain runner: which effects go where (on the CPU, every CI run), device detection
// without a driver, and GPU against CPU where a device is present (skipped, saying why, where
// none is).
#include "common/AudioFiles.h"
#include "cuda/CudaChain.h"
#include "dsp/ChainSpec.h"
#include "io/ComputeDevice.h"
#include "io/StreamProcessor.h"

#include <QTemporaryDir>
#include <QTest>

using namespace fxrack;

namespace {

// Skips the calling test unless a CUDA device is present.
#define REQUIRE_CUDA_DEVICE()                                                                                \
    do {                                                                                                     \
        std::string why_;                                                                                    \
        if (cuda::deviceCount(&why_) == 0)                                                                   \
            QSKIP(qPrintable(QString::fromStdString("no CUDA device: " + why_)));                            \
    } while (false)

} // namespace

class TestCudaRunner : public QObject {
    Q_OBJECT

private slots:
    void gpuVersionsExistForTheLinearEffectsOnly()
    {
        for (const char* spec :
             {"Gain(0.5)", "Normalize", "LoButterworth(8000)", "HiChebyshev2(100)", "Peaking(1000)",
              "LoShelving(200)", "DesignableFIR(cutoff=2000)", "Delay(delay_samples=10)"}) {
            const auto chain = dsp::parseChain(spec);
            QVERIFY2(cuda::supportsEffect(chain.at(0)), spec);
        }
        for (const char* spec : {"Reverb", "Compressor", "Chorus", "Overdrive", "Limiter", "Tremolo"}) {
            const auto chain = dsp::parseChain(spec);
            QVERIFY2(!cuda::supportsEffect(chain.at(0)), spec);
        }
    }

    void planSplitsTheChainAndSaysWhichEffectRunsWhere()
    {
        auto chain = dsp::parseChain("Gain(0.5) | LoButterworth(8000) | Reverb | Delay(delay_samples=100) | "
                                     "DesignableFIR(cutoff=2000)");
        auto plan = cuda::planChain(chain);
        QCOMPARE(plan.size(), size_t(3));
        QVERIFY(plan[0].gpu && !plan[1].gpu && plan[2].gpu);
        QCOMPARE(plan[0].effects, (std::vector<int>{0, 1}));
        QCOMPARE(plan[1].effects, (std::vector<int>{2}));
        QCOMPARE(plan[2].effects, (std::vector<int>{3, 4}));
        QCOMPARE(cuda::describePlan(chain, plan),
                 std::string("GPU: 0 Gain, 1 LoButterworth, 3 Delay, 4 DesignableFIR; CPU: 2 Reverb"));
        bool all = true;
        QVERIFY(cuda::planUsesGpu(plan, &all));
        QVERIFY(!all);

        // A bypassed effect runs nowhere, and the GPU segments join up.
        chain.setBypassed(2, true);
        plan = cuda::planChain(chain);
        QCOMPARE(plan.size(), size_t(1));
        QCOMPARE(plan[0].effects, (std::vector<int>{0, 1, 3, 4}));
        QVERIFY(cuda::planUsesGpu(plan, &all));
        QVERIFY(all);

        const auto cpuOnly = dsp::parseChain("Reverb | Compressor");
        plan = cuda::planChain(cpuOnly);
        QVERIFY(!cuda::planUsesGpu(plan));
        QCOMPARE(cuda::describePlan(cpuOnly, plan), std::string("CPU: 0 Reverb, 1 Compressor"));
        QCOMPARE(cuda::describePlan(dsp::EffectChain{}, {}), std::string("no effects"));

        auto reverb = dsp::parseChain("Gain(0.5) | Reverb");
        QCOMPARE(cuda::CpuChainRunner(reverb).placement(), std::string("CPU: 0 Gain, 1 Reverb"));
    }

    void deviceChoiceFollowsThePlan()
    {
        std::string why;
        const int devices = cuda::deviceCount(&why);
        // Devices and no reason, or none and the reason why.
        QCOMPARE(why.empty(), devices > 0);
        const auto chain = dsp::parseChain("Gain(0.5) | Reverb");
        const auto cpuOnly = dsp::parseChain("Reverb");
        for (auto requested : {io::ComputeDevice::Cuda, io::ComputeDevice::Auto}) {
            const auto split = io::chooseComputeDevice(requested, chain);
            const auto none = io::chooseComputeDevice(requested, cpuOnly);
            QCOMPARE(none.device, io::ComputeDevice::Cpu);
            QVERIFY(!none.reason.empty());
            if (devices == 0) {
                // No driver here: the CPU, with the driver's own words.
                QVERIFY2(why.rfind("no CUDA", 0) == 0, why.c_str());
                QCOMPARE(split.device, io::ComputeDevice::Cpu);
                QCOMPARE(split.reason, why);
                QCOMPARE(none.reason, why);
            } else {
                QVERIFY(why.empty());
                QCOMPARE(split.device, io::ComputeDevice::Cuda);
                QCOMPARE(split.reason, std::string("split: GPU: 0 Gain; CPU: 1 Reverb"));
            }
        }
        if (devices == 0)
            QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                     cuda::CudaChainRunner(const_cast<dsp::EffectChain&>(chain), 2, 1024));
    }

    // A CUDA request processes the file, on the GPU or on the CPU with the reason; the output is
    // the CPU's either way. Runs with and without a device.
    void cudaRequestGivesTheCpuResult_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("chunk");
        QTest::newRow("gain") << "Gain(0.5)" << 4096;
        QTest::newRow("gain clamp") << "Gain(3, clamp=true)" << 4096;
        QTest::newRow("iir cascade") << "HiButterworth(80) | LoButterworth(8000)" << 65536;
        QTest::newRow("iir, odd chunks") << "LoChebyshev1(3000, order=8) | Peaking(1000, gain=6)" << 1001;
        QTest::newRow("fir") << "DesignableFIR(cutoff=2000, num_taps=301)" << 10000;
        QTest::newRow("fir, chunks shorter than taps") << "DesignableFIR(cutoff=500, num_taps=1001)" << 700;
        QTest::newRow("delay") << "Delay(delay_samples=700, taps=4, feedback=0.5, mix=0.4)" << 500;
        QTest::newRow("delay ping-pong") << "Delay(delay_samples=3000, taps=3, strategy=ping_pong)" << 8192;
        QTest::newRow("normalize") << "Gain(0.8) | LoButterworth(4000) | Normalize(peak=0.95)" << 30000;
        QTest::newRow("split around reverb") << "Gain(0.5) | Reverb | LoButterworth(500)" << 4096;
    }
    void cudaRequestGivesTheCpuResult()
    {
        QFETCH(QString, spec);
        QFETCH(int, chunk);
        QTemporaryDir dir;
        const auto input = dir.filePath("in.wav").toStdString();
        const auto signal = test::makeSignal(2, 200000, 48000, 0.5f);
        test::writeFile(input, signal, SF_FORMAT_WAV | SF_FORMAT_FLOAT);

        auto run = [&](io::ComputeDevice device, const std::string& out) {
            io::StreamProcessor p(dsp::parseChain(spec.toStdString()), chunk, device);
            p.setTailSeconds(0.05);
            return p.processFile(input, out);
        };
        const auto cpuOut = dir.filePath("cpu.wav").toStdString();
        const auto gpuOut = dir.filePath("gpu.wav").toStdString();
        const auto cpu = run(io::ComputeDevice::Cpu, cpuOut);
        const auto gpu = run(io::ComputeDevice::Cuda, gpuOut);
        QCOMPARE(cpu.device.device, io::ComputeDevice::Cpu);
        std::string why;
        if (cuda::deviceCount(&why) == 0) {
            QCOMPARE(gpu.device.device, io::ComputeDevice::Cpu);
            QCOMPARE(gpu.device.reason, why);
        } else {
            QCOMPARE(gpu.device.device, io::ComputeDevice::Cuda);
        }
        const double diff = test::maxDifference(test::readFile(cpuOut).audio, test::readFile(gpuOut).audio);
        QVERIFY2(diff <= 1e-5, qPrintable(QString::number(diff)));
    }

    // The runner directly, cutting blocks longer than it was built for, state carried across.
    void gpuRunnerEqualsCpuChainForAnyChunking()
    {
        REQUIRE_CUDA_DEVICE();
        const std::string spec =
            "HiButterworth(80, order=4) | LoElliptic(6000) | DesignableFIR(cutoff=3000, num_taps=127) | "
            "Delay(delay_samples=333, taps=2) | Gain(0.7)";
        const int channels = 3, frames = 250000;
        const auto signal = test::makeSignal(channels, frames);
        auto cpuChain = dsp::parseChain(spec);
        auto gpuChain = dsp::parseChain(spec);
        cpuChain.prepare({48000.0, 4096, channels});
        gpuChain.prepare({48000.0, 4096, channels});
        cuda::CudaChainRunner runner(gpuChain, channels, 5000);
        QCOMPARE(runner.placement(),
                 std::string("GPU: 0 HiButterworth, 1 LoElliptic, 2 DesignableFIR, 3 Delay, 4 Gain"));
        auto a = signal, b = signal;
        std::vector<float*> pa, pb;
        for (int c = 0; c < channels; ++c) {
            pa.push_back(a[size_t(c)].data());
            pb.push_back(b[size_t(c)].data());
        }
        const int sizes[] = {1, 17, 4096, 12345, 5000, 100000};
        int start = 0;
        for (int k = 0; start < frames; ++k) {
            const int n = std::min(sizes[k % 6], frames - start);
            dsp::AudioBlock ba(pa.data(), channels, frames), bb(pb.data(), channels, frames);
            auto sa = ba.subBlock(start, n), sb = bb.subBlock(start, n);
            cpuChain.process(sa);
            runner.process(sb);
            start += n;
        }
        const double diff = test::maxDifference(a, b);
        QVERIFY2(diff <= 1e-5, qPrintable(QString::number(diff)));
    }

    void blockIirOnTheGpuEqualsTheSequentialFilter()
    {
        REQUIRE_CUDA_DEVICE();
        const std::vector<cuda::Sos> sections = {{0.2, 0.4, 0.2, -0.5, 0.3}, {1.0, -2.0, 1.0, -1.9, 0.905}};
        for (int L : {0, 1, 7, 256, 1024}) {
            const int channels = 2, frames = 100003;
            auto op = cuda::makeSosOp(sections, channels, frames, L);
            cuda::GpuBuffer buffer(channels, frames);
            auto signal = test::makeSignal(channels, frames);
            std::vector<const float*> in;
            std::vector<float*> out;
            auto result = signal;
            for (int c = 0; c < channels; ++c) {
                in.push_back(signal[size_t(c)].data());
                out.push_back(result[size_t(c)].data());
            }
            buffer.upload(in.data(), frames);
            op->run(buffer, frames);
            buffer.download(out.data(), frames);
            double worst = 0;
            for (int c = 0; c < channels; ++c) {
                std::vector<double> x(signal[size_t(c)].begin(), signal[size_t(c)].end());
                for (size_t q = 0; q < sections.size(); ++q) {
                    double s[2] = {0, 0};
                    cuda::sosRun(sections[q], x.data(), x.data(), frames, s);
                }
                for (int i = 0; i < frames; ++i)
                    worst = std::max(
                        worst, std::fabs(double(result[size_t(c)][size_t(i)]) - double(float(x[size_t(i)]))));
            }
            QVERIFY2(worst <= 1e-5, qPrintable(QString("L %1: %2").arg(L).arg(worst)));
        }
    }
};

QTEST_GUILESS_MAIN(TestCudaRunner)
#include "tst_cuda_runner.moc"
