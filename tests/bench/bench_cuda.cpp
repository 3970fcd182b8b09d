// bench_cuda [SECONDS] [CHANNELS]: the GPU chain runner against the CPU path a real batch job
// takes, over a long multichannel 48 kHz signal held in memory (600 s x 8 channels unless told),
// in one run so the ratios are comparable (docs/architecture.md, measuring):
//   - baseline, the CPU job path: the chain split over two DSP threads as StreamProcessor splits
//     it (the first effects on one thread, the rest on another, chunk by chunk, 65536 frames);
//   - CPU, sequential: the same chain on one thread;
//   - GPU, kernels only: the signal resident on the device (seed chain);
//   - GPU, the chain runner in 65536-frame chunks (the job's chunk), transfers included, for each
//     chain of the cost table: the rows that back auto's rule (docs/cuda.md, kAutoGpuMinCost).
// Goal: the GPU runner at least 10x the CPU job path on the seed chain (TorchFX reports 2.2x).
// Without a device the GPU rows are absent and the reason is printed.
#include "cuda/BlockIir.h"
#include "cuda/CudaChain.h"
#include "dsp/ChainSpec.h"
#include "dsp/effects/SosEffect.h"
#include "io/ComputeDevice.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

using namespace fxrack;

namespace {

const char* kChain = "HiButterworth(80) | LoButterworth(8000)";
// The cost table: chains from cheap to heavy, with auto's cost of each.
const char* kTable[] = {"Gain(0.5)", "Gain(0.5) | Peaking(1000, gain=3) | LoShelving(200)", kChain,
                        "HiButterworth(80, order=8) | LoButterworth(8000, order=8) | Peaking(2000, gain=4)",
                        "DesignableFIR(cutoff=2000, num_taps=255)"};
constexpr double kRate = 48000.0;
constexpr int kJobChunk = 65536;

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

using Planar = std::vector<std::vector<float>>;

Planar makeSignal(int channels, int64_t frames)
{
    Planar out(static_cast<size_t>(channels), std::vector<float>(static_cast<size_t>(frames)));
    uint32_t state = 1;
    for (int c = 0; c < channels; ++c)
        for (int64_t i = 0; i < frames; ++i) {
            state = state * 1664525u + 1013904223u;
            const double noise = (static_cast<double>(state >> 8) / 16777216.0 - 0.5) * 0.3;
            out[size_t(c)][size_t(i)] =
                static_cast<float>(0.4 * std::sin(2 * M_PI * 220.0 * (c + 1) * double(i) / kRate) + noise);
        }
    return out;
}

std::vector<float*> pointers(Planar& p)
{
    std::vector<float*> out;
    for (auto& ch : p)
        out.push_back(ch.data());
    return out;
}

double maxDiff(const Planar& a, const Planar& b)
{
    double worst = 0;
    for (size_t c = 0; c < a.size(); ++c)
        for (size_t i = 0; i < a[c].size(); ++i)
            worst = std::max(worst, double(std::fabs(a[c][i] - b[c][i])));
    return worst;
}

struct Row {
    std::string path;
    double seconds;
    double error;
};

// The CPU path of a job: two DSP threads, the chain cut at `split`, a chunk handed from the first
// to the second as soon as it is done (StreamProcessor's pipeline without the files).
double cpuJobPath(dsp::EffectChain& chain, Planar& audio, int64_t frames)
{
    const int channels = static_cast<int>(audio.size());
    const int split = std::max(1, chain.size() / 2);
    auto p = pointers(audio);
    std::atomic<int64_t> firstDone{0};
    auto chunkAt = [&](int64_t start) {
        dsp::AudioBlock block(p.data(), channels, static_cast<int>(frames));
        return block.subBlock(static_cast<int>(start),
                              static_cast<int>(std::min<int64_t>(kJobChunk, frames - start)));
    };
    const double t0 = now();
    std::thread second([&] {
        for (int64_t start = 0; start < frames; start += kJobChunk) {
            while (firstDone.load(std::memory_order_acquire) <= start)
                std::this_thread::yield();
            auto piece = chunkAt(start);
            chain.processRange(piece, split, chain.size());
        }
    });
    for (int64_t start = 0; start < frames; start += kJobChunk) {
        auto piece = chunkAt(start);
        chain.processRange(piece, 0, split);
        firstDone.store(start + 1, std::memory_order_release);
    }
    second.join();
    return now() - t0;
}

double cpuSequential(dsp::EffectChain& chain, Planar& audio, int64_t frames)
{
    auto p = pointers(audio);
    dsp::AudioBlock block(p.data(), static_cast<int>(audio.size()), static_cast<int>(frames));
    const double t0 = now();
    for (int64_t start = 0; start < frames; start += kJobChunk) {
        auto piece = block.subBlock(int(start), int(std::min<int64_t>(kJobChunk, frames - start)));
        chain.process(piece);
    }
    return now() - t0;
}

} // namespace

int main(int argc, char** argv)
{
    const double seconds = argc > 1 ? std::atof(argv[1]) : 600.0;
    const int channels = argc > 2 ? std::atoi(argv[2]) : 8;
    const auto frames = static_cast<int64_t>(seconds * kRate);
    if (frames <= 0 || channels <= 0 || frames > (int64_t(1) << 31) - 1) {
        std::fprintf(stderr, "usage: bench_cuda [SECONDS] [CHANNELS]\n");
        return 2;
    }
    const int n = static_cast<int>(frames);
    std::printf("bench_cuda: %.0f s x %d channels at 48 kHz (%lld frames), chunks of %d frames\n", seconds,
                channels, static_cast<long long>(frames), kJobChunk);
    const Planar signal = makeSignal(channels, frames);
    std::string why;
    const bool gpu = cuda::deviceCount(&why) > 0;

    // The cost table: per chain, the CPU job path against the GPU runner, and what auto picks.
    std::printf("\n%-80s %6s %9s %9s %9s %10s %6s\n", "chain", "cost", "cpu job s", "cpu 1t s", "gpu s",
                "gpu/cpujob", "auto");
    for (const char* spec : kTable) {
        auto cpuChain = dsp::parseChain(spec);
        cpuChain.prepare({kRate, kJobChunk, channels});
        Planar reference = signal;
        const double job = cpuJobPath(cpuChain, reference, frames);
        cpuChain.reset();
        Planar one = signal;
        const double sequential = cpuSequential(cpuChain, one, frames);
        double gpuSeconds = 0.0, error = 0.0;
        if (gpu) {
            auto gpuChain = dsp::parseChain(spec);
            gpuChain.prepare({kRate, kJobChunk, channels});
            Planar out = signal;
            auto p = pointers(out);
            cuda::CudaChainRunner runner(gpuChain, channels, kJobChunk);
            dsp::AudioBlock block(p.data(), channels, n);
            const double t0 = now();
            for (int64_t start = 0; start < frames; start += kJobChunk) {
                auto piece = block.subBlock(int(start), int(std::min<int64_t>(kJobChunk, frames - start)));
                runner.process(piece);
            }
            gpuSeconds = now() - t0;
            error = maxDiff(out, reference);
        }
        const auto decision = io::chooseComputeDevice(io::ComputeDevice::Auto, cpuChain);
        std::printf("%-80s %6.2f %9.3f %9.3f %9.3f %9.1fx %6s", spec, cuda::gpuWorthCost(cpuChain), job,
                    sequential, gpuSeconds, gpu ? job / gpuSeconds : 0.0,
                    decision.device == io::ComputeDevice::Cuda ? "gpu" : "cpu");
        std::printf(gpu ? "  max |diff| %.2e\n" : "\n", error);
    }

    // The seed chain in detail.
    std::vector<Row> rows;
    auto chain = dsp::parseChain(kChain);
    chain.prepare({kRate, kJobChunk, channels});
    Planar reference = signal;
    rows.push_back({"CPU job path, 2 DSP threads (baseline)", cpuJobPath(chain, reference, frames), 0.0});
    chain.reset();
    {
        Planar out = signal;
        rows.push_back(
            {"CPU sequential, 1 thread", cpuSequential(chain, out, frames), maxDiff(out, reference)});
    }

    // The CPU block-decomposed filter, 2 threads, one channel at a time.
    std::vector<std::vector<cuda::Sos>> effects;
    for (int e = 0; e < chain.size(); ++e) {
        const auto& c = dynamic_cast<dsp::SosEffect&>(chain.at(e)).currentCoefficients();
        effects.emplace_back();
        for (int k = 0; k < c.count; ++k)
            effects.back().push_back({c[k].b0, c[k].b1, c[k].b2, c[k].a1, c[k].a2});
    }
    {
        Planar out = signal;
        std::vector<double> x(static_cast<size_t>(frames));
        const double t0 = now();
        for (auto& ch : out) {
            std::copy(ch.begin(), ch.end(), x.begin());
            for (auto& sections : effects) {
                std::vector<double> state(sections.size() * 2, 0.0);
                cuda::blockIirCascadeParallel(sections.data(), int(sections.size()), x.data(), n, 4096,
                                              state.data(), 2);
                for (auto& v : x) // the chain rounds to float between effects
                    v = static_cast<float>(v);
            }
            std::copy(x.begin(), x.end(), ch.begin());
        }
        rows.push_back({"CPU block-decomposed, 2 threads", now() - t0, maxDiff(out, reference)});
    }

    if (gpu) {
        // Kernels only: the whole signal resident on the device, one op per effect.
        cuda::GpuBackend& backend = *cuda::cudaBackend();
        Planar out = signal;
        auto p = pointers(out);
        auto buffer = backend.makeBuffer(channels, n);
        std::vector<std::unique_ptr<cuda::GpuOp>> ops;
        for (auto& sections : effects)
            ops.push_back(backend.makeSosOp(sections, channels));
        std::vector<const float*> in(p.begin(), p.end());
        buffer->upload(in.data(), n);
        for (auto& op : ops) // warm-up: allocations and the basis
            op->run(*buffer, n);
        for (auto& op : ops)
            op->reset();
        buffer->upload(in.data(), n);
        buffer->synchronize();
        const double t0 = now();
        for (auto& op : ops)
            op->run(*buffer, n);
        buffer->synchronize();
        const double t = now() - t0;
        buffer->download(p.data(), n);
        rows.push_back({"GPU block-decomposed, kernels only", t, maxDiff(out, reference)});

        // The chain runner as a job uses it, with the transfers, in 4M-frame chunks.
        Planar out2 = signal;
        auto p2 = pointers(out2);
        auto gpuChain = dsp::parseChain(kChain);
        gpuChain.prepare({kRate, kJobChunk, channels});
        cuda::CudaChainRunner runner(gpuChain, channels, 1 << 22);
        dsp::AudioBlock block(p2.data(), channels, n);
        const double t1 = now();
        runner.process(block);
        rows.push_back(
            {"GPU chain runner, 4M-frame chunks + transfers", now() - t1, maxDiff(out2, reference)});
    }

    const double base = rows[0].seconds;
    std::printf("\n%s\n%-48s %10s %12s %10s %12s\n", kChain, "path", "seconds", "x realtime", "speed-up",
                "max |diff|");
    for (const auto& r : rows)
        std::printf("%-48s %10.3f %12.1f %9.1fx %12.2e\n", r.path.c_str(), r.seconds, seconds / r.seconds,
                    base / r.seconds, r.error);
    if (!gpu)
        std::printf("\nGPU rows absent: %s\n", why.c_str());
    else
        std::printf("\ngoal: the GPU runner at least 10x the CPU job path (TorchFX reports 2.2x)\n");
    return 0;
}
