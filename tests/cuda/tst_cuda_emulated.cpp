// The GPU chain on every CI run, without a GPU: GpuOps.cu compiled for the host runs each kernel
// body over the launch's grid and block indices, cuFFT through a CPU FFT (src/cuda/HostCuda.h),
// and the whole runner is compared with the CPU effects (the block-interleaved IIR layout, the
// scan's state stride, the overlap-save layout, the delay kernels). Also: which effects go where,
// the honest auto choice, the module loader's reasons, and a fault mid-file.
#include "cuda/CudaChain.h"
#include "cuda/CudaTestSupport.h"
#include "io/ComputeDevice.h"

#include <QFile>

using namespace fxrack;

class TestCudaEmulated : public QObject {
    Q_OBJECT

    cuda::GpuBackend& emulated() { return cuda::hostEmulatedBackend(); }

private slots:
    void gpuVersionsExistForTheLinearEffectsOnly()
    {
        for (const char* spec :
             {"Gain(0.5)", "Normalize", "LoButterworth(8000)", "HiChebyshev2(100)", "Peaking(1000)",
              "LoShelving(200)", "DesignableFIR(cutoff=2000)", "Delay(delay_samples=10)"}) {
            const auto chain = dsp::parseChain(spec);
            QVERIFY2(cuda::supportsEffect(chain.at(0)), spec);
        }
        // The GPU versions compute the wet signal only: a base-class mix below 1 stays on the CPU.
        for (const char* spec : {"Reverb", "Compressor", "Chorus", "Overdrive", "Limiter", "Tremolo",
                                 "LoButterworth(8000, mix=0.5)", "Gain(0.5, mix=0.99)"}) {
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

    // The real module (or its absence) on this machine: a CUDA request without a device runs on
    // the CPU with the reason, whichever part is missing.
    void deviceChoiceSaysWhyTheCpuStandsIn()
    {
        std::string why;
        const int devices = cuda::deviceCount(&why);
        QCOMPARE(why.empty(), devices > 0);
        const auto chain = dsp::parseChain("HiButterworth(80) | LoButterworth(8000) | Reverb");
        const auto cpuOnly = dsp::parseChain("Reverb");
        for (auto requested : {io::ComputeDevice::Cuda, io::ComputeDevice::Auto}) {
            const auto split = io::chooseComputeDevice(requested, chain);
            const auto none = io::chooseComputeDevice(requested, cpuOnly);
            QCOMPARE(none.device, io::ComputeDevice::Cpu);
            QVERIFY(!none.reason.empty());
            if (devices == 0) {
                QCOMPARE(split.device, io::ComputeDevice::Cpu);
                QCOMPARE(split.reason, why);
            } else {
                QCOMPARE(split.device, io::ComputeDevice::Cuda);
                QCOMPARE(split.reason,
                         std::string("split: GPU: 0 HiButterworth, 1 LoButterworth; CPU: 2 Reverb"));
            }
        }
        if (devices == 0) {
            // Which part is missing, in words a user can act on.
            QVERIFY2(why.rfind("the CUDA module is not installed", 0) == 0 ||
                         why.rfind("NVIDIA's CUDA runtime is missing", 0) == 0 ||
                         why.rfind("no CUDA", 0) == 0,
                     why.c_str());
            auto copy = dsp::parseChain("HiButterworth(80) | LoButterworth(8000) | Reverb");
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, cuda::CudaChainRunner(copy, 2, 1024));
        }
    }

    void moduleLoaderNamesWhatIsMissing()
    {
        std::string why;
        QVERIFY(!cuda::loadCudaModule({"/nonexistent/libfxrack_cuda_kernels.so"}, &why));
        QVERIFY2(why.rfind("the CUDA module is not installed (looked for /nonexistent/", 0) == 0,
                 why.c_str());
        QVERIFY2(why.find("fxrack-cuda") != std::string::npos, why.c_str());

        QTemporaryDir dir;
        const QString junk = dir.filePath("libfxrack_cuda_kernels.so");
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a library");
        file.close();
        QVERIFY(!cuda::loadCudaModule({junk.toStdString()}, &why));
        QVERIFY2(why.rfind("the CUDA module could not load: ", 0) == 0, why.c_str());
#ifdef FXRACK_TEST_CUDA_MODULE
        // The module this build made loads (it needs NVIDIA's runtime, not a GPU) and answers.
        cuda::GpuBackend* backend = cuda::loadCudaModule({FXRACK_TEST_CUDA_MODULE}, &why);
        QVERIFY2(backend, why.c_str());
        std::string devices;
        if (backend->deviceCount(&devices) == 0)
            QVERIFY2(devices.rfind("no CUDA", 0) == 0, devices.c_str());
#endif
    }

    // auto: the GPU only where it wins (docs/cuda.md); cuda forces it.
    void autoKeepsCheapChainsOnTheCpu()
    {
        const auto gain = dsp::parseChain("Gain(0.5)");
        const auto biquads = dsp::parseChain("Gain(0.5) | Peaking(1000, gain=3) | LoShelving(200)");
        const auto seed = dsp::parseChain("HiButterworth(80) | LoButterworth(8000)");
        QCOMPARE(cuda::gpuWorthCost(gain), 0.25);
        QCOMPARE(cuda::gpuWorthCost(biquads), 2.25);
        QCOMPARE(cuda::gpuWorthCost(seed), 6.0); // two 5th-order Butterworths: 3 sections each
        QVERIFY(cuda::gpuWorthCost(dsp::parseChain("DesignableFIR(cutoff=2000, num_taps=101)")) >
                cuda::kAutoGpuMinCost);

        cuda::setBackendForTesting(&emulated()); // a "device" is present
        const auto gainAuto = io::chooseComputeDevice(io::ComputeDevice::Auto, gain);
        QCOMPARE(gainAuto.device, io::ComputeDevice::Cpu);
        QVERIFY2(gainAuto.reason.rfind("auto: the chain is cheaper on the CPU", 0) == 0,
                 gainAuto.reason.c_str());
        QCOMPARE(io::chooseComputeDevice(io::ComputeDevice::Auto, biquads).device, io::ComputeDevice::Cpu);
        const auto seedAuto = io::chooseComputeDevice(io::ComputeDevice::Auto, seed);
        QCOMPARE(seedAuto.device, io::ComputeDevice::Cuda);
        QVERIFY(seedAuto.reason.empty());
        QCOMPARE(io::chooseComputeDevice(io::ComputeDevice::Cuda, gain).device, io::ComputeDevice::Cuda);
        cuda::setBackendForTesting(nullptr);
    }

    // The whole GPU chain, kernels run on the host, against the CPU effects through
    // StreamProcessor; tolerance as on a GPU.
    void emulatedChainEqualsTheCpu_data()
    {
        test::addGpuChainRows();
    }
    void emulatedChainEqualsTheCpu()
    {
        QFETCH(QString, spec);
        QFETCH(int, chunk);
        cuda::setBackendForTesting(&emulated());
        const auto r = test::runGpuAgainstCpu(spec.toStdString(), chunk, 60000);
        cuda::setBackendForTesting(nullptr);
        QCOMPARE(r.cpu.device.device, io::ComputeDevice::Cpu);
        QCOMPARE(r.gpu.device.device, io::ComputeDevice::Cuda);
        QVERIFY2(r.difference <= 1e-5, qPrintable(QString::number(r.difference)));
    }

    // The runner directly, cutting blocks longer than it was built for, state carried across.
    void emulatedRunnerEqualsCpuChainForAnyChunking()
    {
        const double diff = test::runnerAgainstChainAnyChunking(&emulated(), 40000);
        QVERIFY2(diff <= 1e-5, qPrintable(QString::number(diff)));
    }

    // Independent channels split into two lanes (a stream each, so copies overlap kernels);
    // a ping-pong delay couples them into one. The comparisons above run both ways.
    void runnerSplitsChannelsIntoLanes()
    {
        auto chain = dsp::parseChain("LoButterworth(8000) | Delay(delay_samples=100)");
        chain.prepare({48000.0, 4096, 3});
        QCOMPARE(cuda::CudaChainRunner(chain, 3, 4096, &emulated()).lanes(), 2);
        QCOMPARE(cuda::CudaChainRunner(chain, 1, 4096, &emulated()).lanes(), 1);
        auto pingPong = dsp::parseChain("LoButterworth(8000) | Delay(delay_samples=100, strategy=ping_pong)");
        pingPong.prepare({48000.0, 4096, 2});
        QCOMPARE(cuda::CudaChainRunner(pingPong, 2, 4096, &emulated()).lanes(), 1);
        auto cpuOnly = dsp::parseChain("Reverb");
        cpuOnly.prepare({48000.0, 4096, 2});
        QCOMPARE(cuda::CudaChainRunner(cpuOnly, 2, 4096, &emulated()).lanes(), 0);
    }

    // The block-decomposed IIR kernels in every block length the runner picks (32, 64, 128, 256,
    // 512, 1024: from the chunk length) and forced ones, against the sequential filter.
    void emulatedBlockIirEqualsTheSequentialFilter()
    {
        const std::vector<cuda::Sos> sections = {{0.2, 0.4, 0.2, -0.5, 0.3}, {1.0, -2.0, 1.0, -1.9, 0.905}};
        struct Case {
            int L, frames;
        };
        for (const Case k : {Case{0, 1000}, Case{0, 20000}, Case{0, 70000}, Case{0, 300000}, Case{0, 1100000},
                             Case{0, 10000}, Case{1, 5003}, Case{7, 10001}, Case{256, 100003}}) {
            const int channels = 2;
            auto op = emulated().makeSosOp(sections, channels, k.L);
            auto buffer = emulated().makeBuffer(channels, k.frames);
            auto signal = test::makeSignal(channels, k.frames);
            std::vector<const float*> in;
            std::vector<float*> out;
            auto result = signal;
            for (int c = 0; c < channels; ++c) {
                in.push_back(signal[size_t(c)].data());
                out.push_back(result[size_t(c)].data());
            }
            buffer->upload(in.data(), k.frames);
            op->run(*buffer, k.frames);
            buffer->download(out.data(), k.frames);
            double worst = 0;
            for (int c = 0; c < channels; ++c) {
                std::vector<double> x(signal[size_t(c)].begin(), signal[size_t(c)].end());
                for (const auto& q : sections) {
                    double s[2] = {0, 0};
                    cuda::sosRun(q, x.data(), x.data(), k.frames, s);
                }
                for (int i = 0; i < k.frames; ++i)
                    worst = std::max(
                        worst, std::fabs(double(result[size_t(c)][size_t(i)]) - double(float(x[size_t(i)]))));
            }
            QVERIFY2(worst <= 1e-5,
                     qPrintable(QString("L %1, %2 frames: %3").arg(k.L).arg(k.frames).arg(worst)));
        }
    }

    // A device fault mid-file (the module's test hook): the file is run again on the CPU from
    // the start, the report says so, and the output is the CPU's.
    void faultMidFileRunsTheFileAgainOnTheCpu()
    {
        cuda::setBackendForTesting(&emulated());
        // The probe is launch 1; each chunk of this chain makes 2 + 4 * 6 launches.
        emulated().failAfterLaunches(200);
        const auto r =
            test::runGpuAgainstCpu("HiButterworth(80) | LoButterworth(8000) | Reverb", 4096, 60000);
        emulated().failAfterLaunches(0);
        cuda::setBackendForTesting(nullptr);
        QCOMPARE(r.gpu.device.device, io::ComputeDevice::Cpu);
        QVERIFY2(r.gpu.device.reason.rfind("the GPU failed mid-file (CUDA ", 0) == 0,
                 r.gpu.device.reason.c_str());
        QVERIFY2(r.gpu.device.reason.find("injected fault") != std::string::npos,
                 r.gpu.device.reason.c_str());
        QVERIFY2(r.gpu.device.reason.find("run again on the CPU") != std::string::npos,
                 r.gpu.device.reason.c_str());
        QCOMPARE(r.gpu.framesWritten, r.cpu.framesWritten);
        QCOMPARE(r.difference, 0.0);
    }

    // A fault at the probe: the CPU runs the file from the start, saying the runner could not start.
    void faultAtTheProbeRunsTheCpu()
    {
        cuda::setBackendForTesting(&emulated());
        emulated().failAfterLaunches(1);
        const auto r = test::runGpuAgainstCpu("HiButterworth(80) | LoButterworth(8000)", 4096, 20000);
        emulated().failAfterLaunches(0);
        cuda::setBackendForTesting(nullptr);
        QCOMPARE(r.gpu.device.device, io::ComputeDevice::Cpu);
        QVERIFY2(r.gpu.device.reason.rfind("the CUDA runner could not start: CUDA probe kernel", 0) == 0,
                 r.gpu.device.reason.c_str());
        QCOMPARE(r.difference, 0.0);
    }

    // An effect with a dry/wet mix below 1 runs on the CPU between GPU segments.
    void mixBelowOneRunsOnTheCpu()
    {
        const std::string spec = "LoButterworth(1000, mix=0.5) | Gain(0.5) | HiButterworth(100, mix=0.25)";
        const auto chain = dsp::parseChain(spec);
        QCOMPARE(cuda::describePlan(chain, cuda::planChain(chain)),
                 std::string("GPU: 1 Gain; CPU: 0 LoButterworth, 2 HiButterworth"));
        cuda::setBackendForTesting(&emulated());
        const auto r = test::runGpuAgainstCpu(spec, 4096, 30000);
        cuda::setBackendForTesting(nullptr);
        QCOMPARE(r.gpu.device.device, io::ComputeDevice::Cuda);
        QVERIFY2(r.difference <= 1e-5, qPrintable(QString::number(r.difference)));
    }
};

QTEST_GUILESS_MAIN(TestCudaEmulated)
#include "tst_cuda_emulated.moc"
