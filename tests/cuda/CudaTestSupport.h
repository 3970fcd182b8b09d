#pragma once
// What the CUDA tests share: the device requirement (a visible skip, or a failure under
// FXRACK_REQUIRE_CUDA=1, as a GPU run sets it), the chains compared with the CPU, and one file
// through StreamProcessor on a device against the CPU.
#include "common/AudioFiles.h"
#include "cuda/CudaChain.h"
#include "cuda/CudaModule.h"
#include "dsp/ChainSpec.h"
#include "io/StreamProcessor.h"

#include <QTemporaryDir>
#include <QTest>
#include <cstdlib>
#include <string>

namespace fxrack::test {

inline bool cudaRequired()
{
    const char* v = std::getenv("FXRACK_REQUIRE_CUDA");
    return v && *v && std::string(v) != "0";
}

// Skips the calling test unless a CUDA device is present (CTest shows the skip: tests/cuda's
// SKIP_REGULAR_EXPRESSION); with FXRACK_REQUIRE_CUDA=1 the absence is a failure.
#define FXRACK_REQUIRE_CUDA_DEVICE()                                                                         \
    do {                                                                                                     \
        std::string why_;                                                                                    \
        if (::fxrack::cuda::deviceCount(&why_) == 0) {                                                       \
            if (::fxrack::test::cudaRequired())                                                              \
                QFAIL(qPrintable(                                                                            \
                    QString::fromStdString("FXRACK_REQUIRE_CUDA=1 but no CUDA device: " + why_)));           \
            QSKIP(qPrintable(QString::fromStdString("no CUDA device (" + why_ + ")")));                      \
        }                                                                                                    \
    } while (false)

// The chains every GPU-against-CPU comparison runs, with the chunk sizes that stress the
// runner's bookkeeping (odd chunks, chunks shorter than the FIR).
inline void addGpuChainRows()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("chunk");
    QTest::newRow("gain") << "Gain(0.5)" << 4096;
    QTest::newRow("gain clamp") << "Gain(3, clamp=true)" << 4096;
    QTest::newRow("iir cascade") << "HiButterworth(80) | LoButterworth(8000)" << 65536;
    QTest::newRow("iir, odd chunks") << "LoChebyshev1(3000, order=8) | Peaking(1000, gain=6)" << 1001;
    QTest::newRow("iir, short chunks") << "HiButterworth(200, order=6)" << 100;
    QTest::newRow("fir") << "DesignableFIR(cutoff=2000, num_taps=301)" << 10000;
    QTest::newRow("fir, chunks shorter than taps") << "DesignableFIR(cutoff=500, num_taps=1001)" << 700;
    QTest::newRow("delay") << "Delay(delay_samples=700, taps=4, feedback=0.5, mix=0.4)" << 500;
    QTest::newRow("delay ping-pong") << "Delay(delay_samples=3000, taps=3, strategy=ping_pong)" << 8192;
    QTest::newRow("normalize") << "Gain(0.8) | LoButterworth(4000) | Normalize(peak=0.95)" << 30000;
    // Channel 1's gain differs from channel 0's: each lane must apply its own channels' gains.
    QTest::newRow("normalize per channel") << "LoButterworth(300) | Normalize(strategy=per_channel)" << 30000;
    QTest::newRow("split around reverb") << "Gain(0.5) | Reverb | LoButterworth(500)" << 4096;
}

struct GpuAgainstCpu {
    io::ProcessReport cpu, gpu;
    double difference = 0.0; // the largest sample difference of the two outputs
};

// One 2-channel file through `spec` on the CPU and with a CUDA request (on whatever backend
// the runner loads: the module, or the one set with cuda::setBackendForTesting).
inline GpuAgainstCpu runGpuAgainstCpu(const std::string& spec, int chunk, int frames = 200000)
{
    QTemporaryDir dir;
    const auto input = dir.filePath("in.wav").toStdString();
    writeFile(input, makeSignal(2, frames, 48000, 0.5f), SF_FORMAT_WAV | SF_FORMAT_FLOAT);
    auto run = [&](io::ComputeDevice device, const std::string& out) {
        io::StreamProcessor p(dsp::parseChain(spec), chunk, device);
        p.setTailSeconds(0.05);
        return p.processFile(input, out);
    };
    GpuAgainstCpu result;
    const auto cpuOut = dir.filePath("cpu.wav").toStdString();
    const auto gpuOut = dir.filePath("gpu.wav").toStdString();
    result.cpu = run(io::ComputeDevice::Cpu, cpuOut);
    result.gpu = run(io::ComputeDevice::Cuda, gpuOut);
    result.difference = maxDifference(readFile(cpuOut).audio, readFile(gpuOut).audio);
    return result;
}

// The runner directly against the chain, in blocks of changing sizes (some longer than the
// runner was built for, so it cuts them up), state carried across: the largest difference.
// `backend` null: the module's.
inline double runnerAgainstChainAnyChunking(cuda::GpuBackend* backend, int frames)
{
    const std::string spec =
        "HiButterworth(80, order=4) | LoElliptic(6000) | DesignableFIR(cutoff=3000, num_taps=127) | "
        "Delay(delay_samples=333, taps=2) | Gain(0.7)";
    const int channels = 3;
    const auto signal = makeSignal(channels, frames);
    auto cpuChain = dsp::parseChain(spec);
    auto gpuChain = dsp::parseChain(spec);
    cpuChain.prepare({48000.0, 4096, channels});
    gpuChain.prepare({48000.0, 4096, channels});
    cuda::CudaChainRunner runner(gpuChain, channels, 5000, backend);
    if (runner.placement() != "GPU: 0 HiButterworth, 1 LoElliptic, 2 DesignableFIR, 3 Delay, 4 Gain")
        throw std::runtime_error("unexpected placement " + runner.placement());
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
    return maxDifference(a, b);
}

} // namespace fxrack::test
