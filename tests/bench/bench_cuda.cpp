// bench_cuda [SECONDS] [CHANNELS]: the block-decomposed IIR over a long multichannel 48 kHz
// signal (600 s x 8 channels unless told), the seed filters HiButterworth(80) |
// LoButterworth(8000) (two 5th-order Butterworths, 6 sections), in one run so the ratios are
// comparable (docs/architecture.md, measuring):
//   - CPU, sequential: the chain's own SosFilter, one thread (the CPU path a job runs);
//   - CPU, block-decomposed over 2 threads, channel by channel (the CPU's time-parallel filter);
//   - GPU, kernels only: the signal resident on the device;
//   - GPU, the chain runner in 4M-frame chunks, uploads and downloads included.
// Goal: the GPU at least 10x faster than the CPU path of the same machine (TorchFX reports 2.2x).
// Without a device the GPU rows are absent and the reason is printed.
#include "cuda/BlockIir.h"
#include "cuda/CudaChain.h"
#include "dsp/ChainSpec.h"
#include "dsp/effects/SosEffect.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace fxrack;

namespace {

const char* kChain = "HiButterworth(80) | LoButterworth(8000)";
constexpr double kRate = 48000.0;

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
    std::printf("bench_cuda: %s, %.0f s x %d channels at 48 kHz (%lld frames)\n", kChain, seconds, channels,
                static_cast<long long>(frames));
    const Planar signal = makeSignal(channels, frames);
    std::vector<Row> rows;

    // The CPU path a job runs: the chain, sequential SosFilter.
    auto chain = dsp::parseChain(kChain);
    chain.prepare({kRate, 65536, channels});
    Planar reference = signal;
    {
        auto p = pointers(reference);
        dsp::AudioBlock block(p.data(), channels, n);
        const double t0 = now();
        for (int64_t start = 0; start < frames; start += 65536) {
            auto piece = block.subBlock(int(start), int(std::min<int64_t>(65536, frames - start)));
            chain.process(piece);
        }
        rows.push_back({"CPU sequential SosFilter, 1 thread", now() - t0, 0.0});
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

    std::string why;
    const bool gpu = cuda::deviceCount(&why) > 0;
    if (gpu) {
        // Kernels only: the whole signal resident on the device, one op per effect.
        Planar out = signal;
        auto p = pointers(out);
        cuda::GpuBuffer buffer(channels, n);
        std::vector<std::unique_ptr<cuda::GpuOp>> ops;
        for (auto& sections : effects)
            ops.push_back(cuda::makeSosOp(sections, channels, n));
        std::vector<const float*> in(p.begin(), p.end());
        buffer.upload(in.data(), n);
        for (auto& op : ops) // warm-up: allocations and the basis
            op->run(buffer, n);
        for (auto& op : ops)
            op->reset();
        buffer.upload(in.data(), n);
        cuda::GpuBuffer::synchronize();
        const double t0 = now();
        for (auto& op : ops)
            op->run(buffer, n);
        cuda::GpuBuffer::synchronize();
        const double t = now() - t0;
        buffer.download(p.data(), n);
        rows.push_back({"GPU block-decomposed, kernels only", t, maxDiff(out, reference)});

        // The chain runner as a job uses it, with the transfers.
        Planar out2 = signal;
        auto p2 = pointers(out2);
        auto gpuChain = dsp::parseChain(kChain);
        gpuChain.prepare({kRate, 65536, channels});
        const int chunk = 1 << 22;
        cuda::CudaChainRunner runner(gpuChain, channels, chunk);
        dsp::AudioBlock block(p2.data(), channels, n);
        const double t1 = now();
        runner.process(block);
        cuda::GpuBuffer::synchronize();
        rows.push_back(
            {"GPU chain runner, 4M-frame chunks + transfers", now() - t1, maxDiff(out2, reference)});
    }

    const double base = rows[0].seconds;
    std::printf("\n%-48s %10s %12s %10s %12s\n", "path", "seconds", "x realtime", "speed-up", "max |diff|");
    for (const auto& r : rows)
        std::printf("%-48s %10.3f %12.1f %9.1fx %12.2e\n", r.path.c_str(), r.seconds, seconds / r.seconds,
                    base / r.seconds, r.error);
    if (!gpu)
        std::printf("\nGPU rows absent: %s\n", why.c_str());
    else
        std::printf("\ngoal: GPU at least 10x the CPU sequential path (TorchFX reports 2.2x)\n");
    return 0;
}
