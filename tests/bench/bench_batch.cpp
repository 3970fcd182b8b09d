// bench_batch [MINUTES] [WORKDIR]: batch throughput on a generated stereo 48 kHz 24-bit file
// (10 minutes unless told), all in one run so the ratios are comparable (docs/architecture.md, measuring):
//   - the I/O floor: libsndfile int read + write, 64K-frame chunks, no processing; and its durable
//     twin, which also fsyncs and renames as `process` does, so the floor ratio compares like
//     with like;
//   - the seed chain through `fxrack-cli process` (the whole process: start-up, reading, DSP,
//     writing, fsync and rename), and through StreamProcessor inside this process;
//   - two files through `fxrack-cli batch --jobs 2`, per file;
//   - SoX running its nearest chain (if installed);
//   - peak memory (max RSS of a child process) for a 1-minute file against the long one;
//   - a collection: 200 clips of 30 s (FXRACK_BENCH_CLIPS, FXRACK_BENCH_CLIP_SECONDS) in nested
//     folders to 44.1 kHz FLAC through the seed chain, `fxrack-cli batch --recursive --jobs 2`
//     against SoX under `xargs -P 2` (with its own `rate -v`), in files per second, and the same
//     batch as 2 shards (two processes, --jobs 1 each) against 1 process with --jobs 2.
// Every output is removed before its timed run, so all rows write a new file.
// Goals: the seed chain at least 4x faster than SoX's, within 2x of the I/O floor; peak
// memory of the long file within 10% of the short one's; the collection at least 3x SoX's files
// per second; 2 shards within 5% of 1 process.
#include "common/AudioFiles.h"
#include "dsp/ChainSpec.h"
#include "io/Batch.h"
#include "io/StreamProcessor.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace fxrack;
namespace fs = std::filesystem;

namespace {

const char* kSeedChain = "HiButterworth(80) | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)";

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Median wall time of `runs` runs of f, each after an untimed prepare().
template <typename P, typename F> double medianSeconds(int runs, P&& prepare, F&& f)
{
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        prepare();
        const double start = now();
        f();
        t.push_back(now() - start);
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

// A long test file written in pieces (pink-ish noise and tones) so generation needs no memory.
void generate(const std::string& path, double minutes)
{
    SF_INFO info{};
    info.samplerate = 48000;
    info.channels = 2;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_24;
    SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
    const int64_t frames = static_cast<int64_t>(minutes * 60 * 48000);
    std::vector<int> buf(65536 * 2);
    uint32_t state = 12345;
    double pink[2] = {0, 0};
    for (int64_t start = 0; start < frames; start += 65536) {
        const int64_t n = std::min<int64_t>(65536, frames - start);
        for (int64_t i = 0; i < n; ++i)
            for (int c = 0; c < 2; ++c) {
                state = state * 1664525u + 1013904223u;
                const double white = static_cast<double>(state >> 8) / 16777216.0 - 0.5;
                pink[c] = 0.98 * pink[c] + 0.02 * white * 8;
                const double t = static_cast<double>(start + i) / 48000.0;
                const double x = 0.3 * pink[c] + 0.2 * std::sin(2 * M_PI * (440.0 + 110 * c) * t);
                buf[size_t(i * 2 + c)] = static_cast<int>(std::lround(x * 8388607.0)) * 256;
            }
        sf_writef_int(f, buf.data(), n);
    }
    sf_close(f);
}

void copyFloor(const std::string& in, const std::string& out)
{
    SF_INFO info{};
    SNDFILE* r = sf_open(in.c_str(), SFM_READ, &info);
    SNDFILE* w = sf_open(out.c_str(), SFM_WRITE, &info);
    std::vector<int> buf(65536 * size_t(info.channels));
    sf_count_t n;
    while ((n = sf_readf_int(r, buf.data(), 65536)) > 0)
        sf_writef_int(w, buf.data(), n);
    sf_close(r);
    sf_close(w);
}

// The floor made durable as `process` makes its output: a temporary file, fsync, rename.
void durableCopyFloor(const std::string& in, const std::string& out)
{
    const std::string temp = out + ".tmp";
    copyFloor(in, temp);
    const int fd = ::open(temp.c_str(), O_WRONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    fs::rename(temp, out);
}

// `count` clips of `seconds` (stereo 48 kHz 24-bit) spread over root/, root/a/, root/a/b/.
void generateCollection(const fs::path& root, int count, double seconds)
{
    fs::create_directories(root / "a" / "b");
    const fs::path first = root / "clip000.wav";
    generate(first.string(), seconds / 60.0);
    for (int i = 1; i < count; ++i) {
        const fs::path folder = i % 3 == 0 ? root : (i % 3 == 1 ? root / "a" : root / "a" / "b");
        char name[32];
        std::snprintf(name, sizeof name, "clip%03d.wav", i);
        fs::copy_file(first, folder / name, fs::copy_options::overwrite_existing);
    }
}

// Max RSS (KiB) of a child that processes `in` with the seed chain.
long peakMemoryKiB(const std::string& in, const std::string& out)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        try {
            io::StreamProcessor p(dsp::parseChain(kSeedChain));
            p.processFile(in, out);
        } catch (...) {
            ::_exit(1);
        }
        ::_exit(0);
    }
    int status = 0;
    rusage usage{};
    ::wait4(pid, &status, 0, &usage);
    return usage.ru_maxrss;
}

} // namespace

int main(int argc, char** argv)
{
    const double minutes = argc > 1 ? std::atof(argv[1]) : 10.0;
    const fs::path dir = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "fxrack-bench-batch";
    const int runs = std::getenv("FXRACK_BENCH_RUNS") ? std::atoi(std::getenv("FXRACK_BENCH_RUNS")) : 5;
    fs::create_directories(dir);
    const std::string in = (dir / "long.wav").string(), in2 = (dir / "long2.wav").string();
    const std::string shortIn = (dir / "short.wav").string();
    std::printf("generating %.1f-minute stereo 48 kHz 24-bit files in %s ...\n", minutes, dir.c_str());
    generate(in, minutes);
    fs::copy_file(in, in2, fs::copy_options::overwrite_existing);
    generate(shortIn, 1.0);
    const double audio = minutes * 60.0;

    struct Row {
        std::string what;
        double seconds;
    };
    std::vector<Row> rows;
    const std::string out = (dir / "out.wav").string();
    const std::string cli = FXRACK_CLI_PATH;
    const std::string outDir = (dir / "batch-out").string();
    auto removeOutputs = [&] {
        fs::remove(out);
        fs::remove_all(outDir);
    };
    auto run = [&](const std::string& command) {
        if (std::system(command.c_str()) != 0)
            std::fprintf(stderr, "failed: %s\n", command.c_str());
    };
    const std::string quietChain = std::string(" --chain '") + kSeedChain + "' > /dev/null";

    rows.push_back({"I/O floor: libsndfile int read + write",
                    medianSeconds(runs, removeOutputs, [&] { copyFloor(in, out); })});
    rows.push_back({"I/O floor, durable: read + write + fsync + rename",
                    medianSeconds(runs, removeOutputs, [&] { durableCopyFloor(in, out); })});
    rows.push_back({"fxrack-cli process, seed chain (1 job)", medianSeconds(runs, removeOutputs, [&] {
                        run(cli + " process '" + in + "' '" + out + "'" + quietChain);
                    })});
    const double twoJobs = medianSeconds(runs, removeOutputs, [&] {
        run(cli + " batch '" + in + "' '" + in2 + "' --out '" + outDir + "' --jobs 2" + quietChain);
    });
    rows.push_back({"fxrack-cli batch --jobs 2, 2 files (per file)", twoJobs / 2.0});
    rows.push_back({"StreamProcessor in this process, seed chain", medianSeconds(runs, removeOutputs, [&] {
                        io::StreamProcessor(dsp::parseChain(kSeedChain)).processFile(in, out);
                    })});
    rows.push_back({"StreamProcessor in this process, empty chain", medianSeconds(runs, removeOutputs, [&] {
                        io::StreamProcessor(dsp::EffectChain{}).processFile(in, out);
                    })});
    const bool haveSox = std::system("command -v sox > /dev/null 2>&1") == 0;
    double sox = 0;
    if (haveSox) {
        sox = medianSeconds(runs, removeOutputs, [&] {
            run("sox '" + in + "' '" + out + "' highpass 80 lowpass 8000 gain 3.5 reverb 30");
        });
        rows.push_back({"SoX: highpass 80 lowpass 8000 gain 3.5 reverb 30", sox});
    }

    const double floor = rows[0].seconds;
    const double durableFloor = rows[1].seconds;
    const double seed = rows[2].seconds;
    std::printf("\n%-52s %9s %12s %9s %9s\n", "what (median of runs)", "seconds", "x real time", "x floor",
                "vs SoX");
    for (const auto& r : rows) {
        std::printf("%-52s %9.3f %12.1f %9.2f", r.what.c_str(), r.seconds, audio / r.seconds,
                    r.seconds / floor);
        if (haveSox)
            std::printf(" %8.2fx", sox / r.seconds);
        std::printf("\n");
    }
    std::printf("\nseed chain (fxrack-cli process) vs I/O floor: %.2fx the floor's time, %.2fx the durable "
                "floor's (goal <= 2)\n",
                seed / floor, seed / durableFloor);
    std::printf("fxrack-cli process, whole process, %.1f-minute file: %.2f s\n", minutes, seed);
    if (haveSox)
        std::printf("seed chain (fxrack-cli process) vs SoX:       %.2fx faster (goal >= 4)\n", sox / seed);
    else
        std::printf("SoX is not installed: no SoX row (apt install sox)\n");

    const long shortKiB = peakMemoryKiB(shortIn, (dir / "mem1.wav").string());
    const long longKiB = peakMemoryKiB(in, (dir / "mem2.wav").string());
    std::printf("peak memory: 1-minute file %ld KiB, %.1f-minute file %ld KiB (%+.1f%%, goal within 10%%)\n",
                shortKiB, minutes, longKiB, 100.0 * (double(longKiB) - double(shortKiB)) / double(shortKiB));
    // A collection to 44.1 kHz FLAC: files per second, against SoX, and sharded.
    const int clips = std::getenv("FXRACK_BENCH_CLIPS") ? std::atoi(std::getenv("FXRACK_BENCH_CLIPS")) : 200;
    const double clipSeconds =
        std::getenv("FXRACK_BENCH_CLIP_SECONDS") ? std::atof(std::getenv("FXRACK_BENCH_CLIP_SECONDS")) : 30.0;
    const int collectionRuns = std::max(1, runs / 2);
    const fs::path clipsDir = dir / "clips";
    const std::string clipsOut = (dir / "clips-out").string();
    std::printf("\ngenerating %d clips of %.0f s in nested folders ...\n", clips, clipSeconds);
    generateCollection(clipsDir, clips, clipSeconds);
    auto removeClips = [&] { fs::remove_all(clipsOut); };
    const std::string toFlac = " --recursive --format flac --rate 44100 --out '" + clipsOut + "'";
    const double oneProcess = medianSeconds(collectionRuns, removeClips, [&] {
        run(cli + " batch '" + clipsDir.string() + "'" + toFlac + " --jobs 2" + quietChain);
    });
    const double twoShards = medianSeconds(collectionRuns, removeClips, [&] {
        run("(" + cli + " batch '" + clipsDir.string() + "'" + toFlac + " --jobs 1 --shard 0/2" + quietChain +
            " & " + cli + " batch '" + clipsDir.string() + "'" + toFlac + " --jobs 1 --shard 1/2" +
            quietChain + " & wait)");
    });
    std::printf("\n%-52s %9s %12s\n", "collection to 44.1 kHz FLAC (median of runs)", "seconds", "files/s");
    std::printf("%-52s %9.3f %12.1f\n", "fxrack-cli batch --jobs 2", oneProcess, clips / oneProcess);
    std::printf("%-52s %9.3f %12.1f\n", "fxrack-cli batch, 2 shards (--jobs 1 each)", twoShards,
                clips / twoShards);
    if (haveSox) {
        const double soxClips = medianSeconds(collectionRuns, removeClips, [&] {
            fs::create_directories(clipsOut);
            run("find '" + clipsDir.string() + "' -name '*.wav' | xargs -P 2 -I{} sh -c 'sox \"$1\" \"" +
                clipsOut +
                "/$(basename \"$1\" .wav).flac\" highpass 80 lowpass 8000 gain 3.5 reverb 30 rate -v 44100' "
                "_ {}");
        });
        std::printf("%-52s %9.3f %12.1f\n", "SoX under xargs -P 2 (rate -v 44100)", soxClips,
                    clips / soxClips);
        std::printf("\ncollection: fxrack-cli %.2fx SoX's files per second (goal >= 3)\n",
                    soxClips / oneProcess);
    }
    std::printf("collection: 2 shards take %+.1f%% of 1 process's time (goal within 5%%)\n",
                100.0 * (twoShards - oneProcess) / oneProcess);
    fs::remove_all(dir);
    return 0;
}
