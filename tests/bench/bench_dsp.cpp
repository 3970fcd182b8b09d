// bench_dsp: DSP throughput at 48 kHz stereo, printed as tables that can be compared run to run.
//   1. every effect of the catalogue, blocks of 64 and 65536 frames;
//   2. every IIR filter in ns per channel-sample per section (frames x channels x sections), at
//      both block sizes, with the kernel this machine picks and with the portable SSE2 one, and
//      against a bare biquad loop (the compute floor) as a ratio;
//   3. the seed chain over 60 s of stereo noise in 64-frame blocks against the bare loop of as
//      many sections, and as times real time.
//   4. DesignableFIR direct against FFT by tap count (the crossover), and at 1,023 taps;
//   5. the Convolver with a 2-s stereo IR: live (256-frame buffers) as a share of one core, batch
//      (65,536-frame chunks) as times real time, beside ffmpeg's afir on the same IR and file.
// Goals (issue 2): each IIR filter within 1.25x of the bare loop per section; the seed chain at
// 400x real time or more on one core for 64-frame blocks. Issue 14: the Convolver live under 3 %
// of a core, batch 200x real time or more and faster than afir; every IIR filter at 0.75 ns per
// channel-sample per section or better at both block sizes; DesignableFIR at 1,023 taps in
// 4,096-frame blocks 3,000x real time or more; Overdrive 300x or more at 64-frame blocks.
// Times cover the processing only: refreshing the input between runs (a copy of 1.9 MB) is not
// the filter's cost and is left out of the timed part, for the bare loop alike.
#include "../common/LegacyOverdrive.h"
#include "dsp/AudioBuffer.h"
#include "dsp/ChainSpec.h"
#include "dsp/Denormals.h"
#include "dsp/EffectRegistry.h"
#include "dsp/design/ButterworthDesigner.h"
#include "dsp/design/IirDesign.h"
#include "dsp/effects/DesignableFir.h"
#include "dsp/effects/SosEffect.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iterator>
#include <random>
#include <sndfile.h>
#include <string>
#include <unistd.h>
#include <vector>

using namespace fxrack::dsp;

namespace {

constexpr double kRate = 48000.0;
constexpr int kChannels = 2;

AudioBuffer noise(int frames)
{
    AudioBuffer buffer(kChannels, frames);
    std::mt19937 rng(99);
    std::uniform_real_distribution<float> dist(-0.5f, 0.5f);
    for (int c = 0; c < kChannels; ++c)
        for (int i = 0; i < frames; ++i)
            buffer.channel(c)[i] = dist(rng);
    return buffer;
}

// FXRACK_BENCH_RUNS when set (9 for final numbers), else `fallback`.
int runsFromEnvironment(int fallback)
{
    const char* runs = std::getenv("FXRACK_BENCH_RUNS");
    return runs && std::atoi(runs) > 0 ? std::atoi(runs) : fallback;
}

// Best wall time of `runs` calls of `body`, each after an untimed `setup`, in seconds: on a
// shared, noisy machine the fastest run is the one least disturbed, so ratios of best times
// compare well run to run.
double bestSeconds(int runs, const std::function<void()>& setup, const std::function<void()>& body)
{
    std::vector<double> times;
    for (int r = 0; r < runs; ++r) {
        setup();
        const auto start = std::chrono::steady_clock::now();
        body();
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return *std::min_element(times.begin(), times.end());
}

// The compute floor: a bare TDF-II cascade, both channels and all sections per frame, state in
// locals, `s1 = (b1*x + s2) - a1*y` (the fastest shape, docs/architecture.md). Templated on the
// section count so the state stays in registers.
template <int NS> void bareBiquads(float* x0, float* x1, int n, double (&state)[2][16][2])
{
    // A gentle low-pass section, repeated: the values do not matter for speed, stability does.
    constexpr double b0 = 0.0675, b1 = 0.135, b2 = 0.0675, a1 = -1.143, a2 = 0.413;
    double s1[2][NS], s2[2][NS];
    for (int k = 0; k < NS; ++k)
        for (int c = 0; c < 2; ++c) {
            s1[c][k] = state[c][k][0];
            s2[c][k] = state[c][k][1];
        }
    for (int i = 0; i < n; ++i) {
        double u0 = x0[i], u1 = x1[i];
        for (int k = 0; k < NS; ++k) {
            const double y0 = b0 * u0 + s1[0][k];
            const double y1 = b0 * u1 + s1[1][k];
            s1[0][k] = (b1 * u0 + s2[0][k]) - a1 * y0;
            s1[1][k] = (b1 * u1 + s2[1][k]) - a1 * y1;
            s2[0][k] = b2 * u0 - a2 * y0;
            s2[1][k] = b2 * u1 - a2 * y1;
            u0 = y0;
            u1 = y1;
        }
        x0[i] = static_cast<float>(u0);
        x1[i] = static_cast<float>(u1);
    }
    for (int k = 0; k < NS; ++k)
        for (int c = 0; c < 2; ++c) {
            state[c][k][0] = s1[c][k];
            state[c][k][1] = s2[c][k];
        }
}

using BareFn = void (*)(float*, float*, int, double (&)[2][16][2]);
BareFn bareFor(int sections)
{
    static const BareFn table[] = {bareBiquads<1>,  bareBiquads<2>,  bareBiquads<3>,  bareBiquads<4>,
                                   bareBiquads<5>,  bareBiquads<6>,  bareBiquads<7>,  bareBiquads<8>,
                                   bareBiquads<9>,  bareBiquads<10>, bareBiquads<11>, bareBiquads<12>,
                                   bareBiquads<13>, bareBiquads<14>, bareBiquads<15>, bareBiquads<16>};
    return table[std::clamp(sections, 1, 16) - 1];
}

void copyInto(AudioBuffer& work, const AudioBuffer& source)
{
    for (int c = 0; c < kChannels; ++c)
        std::memcpy(work.channel(c), source.channel(c),
                    sizeof(float) * static_cast<size_t>(source.numFrames()));
}

// Seconds to run `sections` bare sections over `source` in blocks of `block` frames.
double bareSeconds(int sections, const AudioBuffer& source, int block, int runs)
{
    AudioBuffer work(kChannels, source.numFrames());
    double state[2][16][2] = {};
    const auto setup = [&] {
        copyInto(work, source);
        std::memset(state, 0, sizeof state);
    };
    return bestSeconds(runs, setup, [&] {
        const auto fn = bareFor(sections);
        for (int pos = 0; pos < source.numFrames(); pos += block) {
            const int n = std::min(block, source.numFrames() - pos);
            fn(work.channel(0) + pos, work.channel(1) + pos, n, state);
        }
    });
}

// Seconds to run `chain` over `source` in blocks of `block` frames (a fresh copy each run).
double chainSeconds(EffectChain& chain, const AudioBuffer& source, int block, int runs)
{
    AudioBuffer work(kChannels, source.numFrames());
    const auto setup = [&] {
        copyInto(work, source);
        chain.reset();
    };
    return bestSeconds(runs, setup, [&] {
        for (int pos = 0; pos < source.numFrames(); pos += block) {
            auto b = work.block(pos, std::min(block, source.numFrames() - pos));
            chain.process(b);
        }
    });
}

// Issue 13's flood moves cutoffs all the time: a Lo/HiButterworth with its cutoff set every 64
// frames (so it always ramps and is redesigned every SosEffect::kUpdateInterval samples) against
// the same filter still, and the cost of one redesign from the difference.
void sweepRows(const AudioBuffer& source, int runs)
{
    std::printf("\n%-44s %10s %12s %14s\n", "cutoff sweep, 64-frame blocks", "seconds", "x real time",
                "ns / redesign");
    constexpr int block = 64;
    for (const char* spec : {"LoButterworth(8000)", "HiButterworth(80)", "LoButterworth(8000, order=8)"}) {
        auto chain = parseChain(spec);
        chain.prepare({kRate, 4096, kChannels});
        Effect& effect = chain.at(0);
        const double base = effect.param(0);
        AudioBuffer work(kChannels, source.numFrames());
        const auto setup = [&] {
            copyInto(work, source);
            chain.reset();
        };
        const auto run = [&](bool sweep) {
            return bestSeconds(runs, setup, [&] {
                for (int pos = 0, k = 0; pos < source.numFrames(); pos += block, ++k) {
                    if (sweep)
                        effect.setParameter("cutoff", base * (k % 2 ? 1.1 : 0.9));
                    auto b = work.block(pos, std::min(block, source.numFrames() - pos));
                    chain.process(b);
                }
            });
        };
        const double still = run(false);
        const double swept = run(true);
        const double redesigns = static_cast<double>(source.numFrames()) / SosEffect::kUpdateInterval;
        const double seconds = static_cast<double>(source.numFrames()) / kRate;
        std::printf("%-44s %10.3f %12.0f\n", (std::string(spec) + ", still").c_str(), still, seconds / still);
        std::printf("%-44s %10.3f %12.0f %14.0f\n", (std::string(spec) + ", cutoff moving").c_str(), swept,
                    seconds / swept, (swept - still) / redesigns * 1e9);
    }
    // One design alone: the generic path the effects took before (its analog prototype kept, as
    // IirFilter kept it) against ButterworthDesigner's closed form, over the same cutoffs.
    std::printf("\n%-44s %14s %14s %8s\n", "one Butterworth design, 48 kHz", "generic ns", "closed ns",
                "speed-up");
    constexpr int designs = 20000;
    for (int order : {2, 5, 8}) {
        for (PassType type : {PassType::LowPass, PassType::HighPass}) {
            const Zpk prototype = butterworthPrototype(order);
            const ButterworthDesigner designer(order);
            double sink = 0.0;
            const auto time = [&](auto&& design) {
                return bestSeconds(
                           runs, [] {},
                           [&] {
                               for (int i = 0; i < designs; ++i)
                                   sink += design(40.0 * std::pow(1.0003, i % 20000))[0].a1;
                           }) /
                       designs * 1e9;
            };
            const double generic =
                time([&](double hz) { return designFromPrototype(prototype, hz, type, kRate); });
            const double closed = time([&](double hz) { return designer.design(hz, type, kRate); });
            std::printf("%-44s %14.0f %14.0f %7.1fx%s\n",
                        (std::string(type == PassType::LowPass ? "low-pass" : "high-pass") + ", order " +
                         std::to_string(order))
                            .c_str(),
                        generic, closed, generic / closed, sink == 12345.0 ? " " : "");
        }
    }
}

// CPU seconds of the whole process (every thread: zita-convolver computes its larger partitions
// on its own threads, and they count).
double cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

void writeWav(const std::string& path, const AudioBuffer& audio)
{
    SF_INFO info{};
    info.samplerate = static_cast<int>(kRate);
    info.channels = audio.numChannels();
    info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
    std::vector<float> interleaved(static_cast<size_t>(audio.numFrames() * audio.numChannels()));
    for (int i = 0; i < audio.numFrames(); ++i)
        for (int c = 0; c < audio.numChannels(); ++c)
            interleaved[static_cast<size_t>(i * audio.numChannels() + c)] = audio.channel(c)[i];
    sf_writef_float(f, interleaved.data(), audio.numFrames());
    sf_close(f);
}

// The Convolver rows: a fresh prepared effect per run (its reset() flushes the partitions,
// which a stream never pays for), CPU time of all threads.
void convolverRows(const AudioBuffer& source, int runs)
{
    const auto dir = std::filesystem::temp_directory_path() / ("fxrack-bench-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    AudioBuffer ir(kChannels, static_cast<int>(kRate * 2));
    std::mt19937 rng(7);
    std::normal_distribution<float> dist(0.0f, 0.1f);
    for (int c = 0; c < kChannels; ++c)
        for (int i = 0; i < ir.numFrames(); ++i)
            ir.channel(c)[i] =
                dist(rng) * std::exp(-3.0f * static_cast<float>(i) / static_cast<float>(kRate));
    const std::string irPath = (dir / "ir.wav").string(), inPath = (dir / "in.wav").string();
    writeWav(irPath, ir);
    writeWav(inPath, source);
    const double seconds = source.numFrames() / kRate;
    std::printf("\n%-44s %12s %12s\n", "Convolver, 2-s stereo IR", "% of a core", "x real time");
    for (int block : {256, 65536}) {
        double best = 1e30;
        for (int r = 0; r < runs; ++r) {
            auto chain = parseChain("Convolver(ir=\"" + irPath + "\")");
            chain.prepare({kRate, block, kChannels, block == 256}); // live is realtime, batch is not
            AudioBuffer work(kChannels, source.numFrames());
            copyInto(work, source);
            const double start = cpuSeconds();
            for (int pos = 0; pos < source.numFrames(); pos += block) {
                auto b = work.block(pos, std::min(block, source.numFrames() - pos));
                chain.process(b);
            }
            best = std::min(best, cpuSeconds() - start);
        }
        std::printf(
            "%-44s %11.2f%% %12.0f\n",
            (block == 256 ? std::string("live, 256-frame buffers") : "batch, 65536-frame chunks").c_str(),
            100.0 * best / seconds, seconds / best);
    }
    // ffmpeg's afir on the same IR and file (wall time of the whole command, one thread).
    const std::string command = "ffmpeg -v error -threads 1 -filter_threads 1 -i '" + inPath + "' -i '" +
                                irPath + "' -lavfi 'afir=gtype=none' -f null - 2>/dev/null";
    double best = 1e30;
    bool ran = true;
    for (int r = 0; r < runs && ran; ++r) {
        const auto start = std::chrono::steady_clock::now();
        ran = std::system(command.c_str()) == 0;
        best =
            std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    if (ran)
        std::printf("%-44s %12s %12.0f\n", "ffmpeg afir (whole command, one thread)", "", seconds / best);
    else
        std::printf("ffmpeg afir: not run (ffmpeg missing or refused the options)\n");
    std::filesystem::remove_all(dir);
}

// The Overdrive rows (issue 14): its half-band stages against the one 369-tap FIR each way they
// replaced (tests/common/LegacyOverdrive.h, the earlier code verbatim), in the same run, 64-frame
// blocks. Goal: 300x real time or more.
void overdriveRows(const AudioBuffer& source, int runs)
{
    const double seconds = source.numFrames() / kRate;
    EffectChain before;
    before.add(fxrack::test::LegacyOverdrive::registeredType().create());
    before.prepare({kRate, 64, kChannels});
    auto after = parseChain("Overdrive");
    after.prepare({kRate, 64, kChannels});
    // Interleaved, so both see the same load on a shared machine.
    double tBefore = 1e30, tAfter = 1e30;
    for (int r = 0; r < runs; ++r) {
        tBefore = std::min(tBefore, chainSeconds(before, source, 64, 1));
        tAfter = std::min(tAfter, chainSeconds(after, source, 64, 1));
    }
    std::printf("\n%-44s %12s %12s\n", "Overdrive, 64-frame blocks", "x real time", "vs before");
    std::printf("%-44s %12.0f %11.2fx\n", "before: one 369-tap FIR each way", seconds / tBefore, 1.0);
    std::printf("%-44s %12.0f %11.2fx\n", "half-band stages (97, 23, 11 taps)", seconds / tAfter,
                tBefore / tAfter);
    std::printf("goal: Overdrive >= 300x real time at 64-frame blocks\n");
}

// DesignableFIR's direct form against its FFT convolution by tap count and block size: the
// crossover that DesignableFir::prefersFft() follows, then the goal row.
void firRows(const AudioBuffer& source, int runs)
{
    const double seconds = source.numFrames() / kRate;
    const auto timeFir = [&](int taps, int block, int useFft) {
        auto chain = parseChain("DesignableFIR(cutoff=3000, num_taps=" + std::to_string(taps) + ")");
        dynamic_cast<DesignableFir&>(chain.at(0)).forceFft(useFft);
        chain.prepare({kRate, block, kChannels});
        return seconds / chainSeconds(chain, source, block, runs);
    };
    constexpr int kBlocks[] = {1, 8, 32, 64, 4096};
    std::printf("\nDesignableFIR, x real time, direct (d) and FFT (f) by block size\n%-10s", "taps");
    for (int block : kBlocks)
        std::printf(" %7s %7s", (std::to_string(block) + "d").c_str(), (std::to_string(block) + "f").c_str());
    std::printf("\n");
    int crossover[std::size(kBlocks)] = {};
    for (int taps : {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1023, 2047, 8191}) {
        std::printf("%-10d", taps);
        for (size_t b = 0; b < std::size(kBlocks); ++b) {
            const double direct = timeFir(taps, kBlocks[b], 0), fft = timeFir(taps, kBlocks[b], 1);
            // The crossover: the FFT is faster from here on.
            if (fft <= direct)
                crossover[b] = 0;
            else if (crossover[b] == 0)
                crossover[b] = taps;
            std::printf(" %7.0f %7.0f", direct, fft);
        }
        std::printf("\n");
    }
    for (size_t b = 0; b < std::size(kBlocks); ++b) {
        int takes = 0;
        for (int taps = 1; taps <= 8191 && takes == 0; ++taps)
            takes = DesignableFir::prefersFft(taps, kBlocks[b]) ? taps : 0;
        std::printf("%d-frame blocks: FFT faster from %s taps; DesignableFIR takes it from %s\n", kBlocks[b],
                    crossover[b] ? std::to_string(crossover[b]).c_str() : "(never)",
                    takes ? std::to_string(takes).c_str() : "(never)");
    }
    auto chain = parseChain("DesignableFIR(cutoff=3000, num_taps=1023)");
    chain.prepare({kRate, 4096, kChannels});
    std::printf("%-44s %12.0f   (goal: 3000 or more)\n", "DesignableFIR, 1023 taps, 4096-frame blocks",
                seconds / chainSeconds(chain, source, 4096, runs));
}

int sectionsOf(const EffectChain& chain)
{
    int total = 0;
    for (int i = 0; i < chain.size(); ++i)
        if (const auto* sos = dynamic_cast<const SosEffect*>(&chain.at(i)))
            total += sos->currentCoefficients().count;
    return total;
}

void setKernel(EffectChain& chain, SosFilter::Kernel kernel)
{
    for (int i = 0; i < chain.size(); ++i)
        if (auto* sos = dynamic_cast<SosEffect*>(&chain.at(i)))
            sos->setKernel(kernel);
}

const char* kernelName(SosFilter::Kernel kernel)
{
    return kernel == SosFilter::Kernel::Fma ? "fma (AVX2 + FMA)" : "portable (SSE2)";
}

// The issue-14 goal for the IIR filters, per channel-sample per section.
constexpr double kIirGoalNs = 0.75;

} // namespace

int main(int argc, char** argv)
{
    double seedSeconds = 60.0;
    // FXRACK_BENCH_RUNS sets the runs per row (as bench_batch), e.g. 9 for final numbers.
    int runs = runsFromEnvironment(7);
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--convolver")) {
            // Only the Convolver rows (issue 14).
            ScopedNoDenormals noDenormals;
            convolverRows(noise(static_cast<int>(kRate * 30)), runsFromEnvironment(3));
            return 0;
        }
        if (!std::strcmp(argv[i], "--fir")) {
            // Only the DesignableFIR crossover and goal rows (issue 14).
            ScopedNoDenormals noDenormals;
            firRows(noise(static_cast<int>(kRate * 2)), runsFromEnvironment(3));
            return 0;
        }
        if (!std::strcmp(argv[i], "--overdrive")) {
            // Only the Overdrive rows (issue 14), FXRACK_BENCH_RUNS times (default 7).
            ScopedNoDenormals noDenormals;
            overdriveRows(noise(static_cast<int>(kRate * 5)), runsFromEnvironment(runs));
            return 0;
        }
        if (!std::strcmp(argv[i], "--sweep")) {
            // Only the cutoff sweep rows (issue 13's CC flood).
            ScopedNoDenormals noDenormals;
            sweepRows(noise(static_cast<int>(kRate * 5)), runsFromEnvironment(5));
            return 0;
        }
        if (!std::strcmp(argv[i], "--quick")) {
            seedSeconds = 5.0;
            runs = 3;
        } else {
            std::fprintf(stderr,
                         "usage: bench_dsp [--quick | --convolver | --fir | --overdrive | --sweep]\n");
            return 2;
        }
    }
    runs = runsFromEnvironment(runs);
    ScopedNoDenormals noDenormals;
    const auto source = noise(static_cast<int>(kRate * 5));
    const double sourceSeconds = source.numFrames() / kRate;

    std::printf("FXRack DSP benchmark: 48 kHz stereo, best of %d runs\n", runs);
    std::printf("SOS kernel: %s\n", kernelName(SosFilter::bestKernel()));
    std::printf("ns/ch-smp/sect: ns per channel-sample per section (time / (frames x %d channels x "
                "sections)),\n  at 64- and 65536-frame blocks; sse2 (64): the same with the portable "
                "kernel at 64 frames\n\n",
                kChannels);
    std::printf("%-16s %8s %11s %12s %21s %10s %8s\n", "effect", "sections", "x RT (64)", "x RT (65536)",
                "ns/ch-smp/sect 64/64k", "sse2 (64)", "vs bare");
    const double bareNsPerSection = [&] {
        // The floor per section, from an 8-section run (long enough to amortise the frame loop).
        const double t = bareSeconds(8, source, 64, runs);
        return t * 1e9 / (source.numFrames() * kChannels * 8.0);
    }();
    int filtersOverGoal = 0;
    int filtersOverNs = 0;
    for (const auto* type : EffectRegistry::builtin().types()) {
        EffectChain chain;
        chain.add(type->create());
        chain.prepare({kRate, 65536, kChannels});
        if (chain.needsAnalysis()) {
            chain.at(0).beginAnalysis();
            chain.at(0).analyze(const_cast<AudioBuffer&>(source).block());
            chain.at(0).endAnalysis();
        }
        const double t64 = chainSeconds(chain, source, 64, runs);
        const double tBig = chainSeconds(chain, source, 65536, runs);
        const int sections = sectionsOf(chain);
        std::printf("%-16s %8s %11.0f %12.0f", type->name.c_str(),
                    sections ? std::to_string(sections).c_str() : "-", sourceSeconds / t64,
                    sourceSeconds / tBig);
        if (sections > 0) {
            const double channelSampleSections = source.numFrames() * double(kChannels) * sections;
            const double ns64 = t64 * 1e9 / channelSampleSections;
            const double nsBig = tBig * 1e9 / channelSampleSections;
            setKernel(chain, SosFilter::Kernel::Portable);
            const double portable64 = chainSeconds(chain, source, 64, runs) * 1e9 / channelSampleSections;
            setKernel(chain, SosFilter::bestKernel());
            const double bare = bareSeconds(sections, source, 64, runs);
            const double ratio = t64 / bare;
            filtersOverGoal += ratio > 1.25;
            filtersOverNs += std::max(ns64, nsBig) > kIirGoalNs;
            std::printf(" %10.2f %10.2f %10.2f %7.2fx", ns64, nsBig, portable64, ratio);
        }
        std::printf("\n");
    }
    std::printf("\nbare biquad floor: %.2f ns per channel-sample per section (8 sections, 64-frame "
                "blocks)\n",
                bareNsPerSection);
    std::printf("IIR filters slower than 1.25x the bare loop of their sections: %d (goal: 0)\n",
                filtersOverGoal);
    std::printf("IIR filters slower than %.2f ns per channel-sample-section: %d (goal: 0)\n\n", kIirGoalNs,
                filtersOverNs);

    // The seed chain over 60 s of stereo noise.
    const auto seedSource = noise(static_cast<int>(kRate * seedSeconds));
    auto seed = parseChain("HiButterworth(80) | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)");
    seed.prepare({kRate, 4096, kChannels});
    const int seedSections = sectionsOf(seed);
    std::printf("%-44s %10s %12s %10s\n", "seed chain, 64-frame blocks", "seconds", "x real time",
                "vs floor");
    const double floorTime = bareSeconds(seedSections, seedSource, 64, runs);
    std::printf("%-44s %10.3f %12.0f %9.2fx\n",
                ("bare loop, " + std::to_string(seedSections) + " sections (compute floor)").c_str(),
                floorTime, seedSeconds / floorTime, 1.0);
    for (int block : {64, 512, 4096}) {
        const double t = chainSeconds(seed, seedSource, block, runs);
        std::printf("%-44s %10.3f %12.0f %9.2fx\n",
                    ("seed chain, " + std::to_string(block) + "-frame blocks").c_str(), t, seedSeconds / t,
                    t / floorTime);
    }
    std::printf("\ngoal: seed chain >= 400x real time at 64-frame blocks on one core\n");
    sweepRows(noise(static_cast<int>(kRate * 5)), runs);
    overdriveRows(source, runs);
    firRows(noise(static_cast<int>(kRate * 2)), runs);
    convolverRows(noise(static_cast<int>(kRate * 30)), runs);
    std::printf("goals: Convolver live < 3%% of a core; batch >= 200x real time and faster than afir\n");
    return 0;
}
