// fxrack-cli batch INPUT... --out DIR --chain SPEC ...: many files through one chain (CLI.md).
#include "cli/ChainSource.h"
#include "cli/Command.h"
#include "cli/ConsoleProgress.h"
#include "dsp/ChainSpec.h"
#include "io/Batch.h"
#include "session/EngineSettings.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace fxrack::cli {
namespace {

io::BatchRunner* g_runner = nullptr;

extern "C" void onBatchInterrupt(int)
{
    if (g_runner)
        g_runner->cancel(); // an atomic store: safe in a signal handler
}

int runBatch(const std::vector<std::string>& args)
{
    std::vector<std::string> inputs;
    std::string outDir, chainText, sessionPath, suffix;
    bool showProgress = false;
    // Flags given on the command line win over a session's batch settings.
    bool jobsGiven = false, chunkGiven = false, deviceGiven = false, suffixGiven = false, tailGiven = false;
    io::BatchOptions options;
    ArgReader r(args);
    while (!r.atEnd()) {
        const std::string arg = r.next();
        if (arg == "--out") {
            outDir = r.value(arg);
        } else if (arg == "--chain") {
            chainText = r.value(arg);
        } else if (arg == "--session") {
            sessionPath = r.value(arg);
        } else if (arg == "--jobs") {
            options.jobs = ArgReader::toInt(arg, r.value(arg), 1, io::BatchOptions::kMaxJobs);
            jobsGiven = true;
        } else if (arg == "--chunk-size") {
            options.chunkSize = ArgReader::toInt(arg, r.value(arg), 1, io::BatchOptions::kMaxChunkSize);
            chunkGiven = true;
        } else if (arg == "--device") {
            const auto text = r.value(arg);
            const auto d = io::parseComputeDevice(text);
            if (!d)
                throw UsageError{"option --device: \"" + text + "\" is not cpu, cuda or auto"};
            options.device = *d;
            deviceGiven = true;
        } else if (arg == "--suffix") {
            suffix = r.value(arg);
            suffixGiven = true;
            if (suffix.find('/') != std::string::npos)
                throw UsageError{"option --suffix: \"" + suffix + "\" must not contain '/'"};
        } else if (arg == "--overwrite") {
            options.overwrite = true;
        } else if (arg == "--format") {
            const auto text = r.value(arg);
            options.output.format = io::parseFileFormat(text);
            if (!options.output.format)
                throw UsageError{"option --format: \"" + text + "\" is not wav, flac, ogg or aiff"};
        } else if (arg == "--subtype") {
            const auto text = r.value(arg);
            options.output.sampleFormat = io::parseSampleFormat(text);
            if (!options.output.sampleFormat)
                throw UsageError{"option --subtype: \"" + text + "\" is not float, pcm16, pcm24 or pcm32"};
        } else if (arg == "--tail") {
            options.tailSeconds = ArgReader::toNumber(arg, r.value(arg));
            if (options.tailSeconds < 0.0 || options.tailSeconds > io::BatchOptions::kMaxTailSeconds)
                throw UsageError{"option --tail: seconds out of range [0, 3600]"};
            tailGiven = true;
        } else if (arg == "--progress") {
            showProgress = true;
        } else if (arg.size() > 1 && arg[0] == '-') {
            throw UsageError{"unknown option \"" + arg + "\" for batch (see 'fxrack-cli batch --help')"};
        } else {
            inputs.push_back(arg);
        }
    }
    if (inputs.empty())
        throw UsageError{"batch needs at least one INPUT file"};
    ChainSource source = loadChainSource("batch", chainText, sessionPath);
    if (source.session) {
        const auto& settings = source.session->batch;
        const io::BatchOptions batch = session::batchOptions(settings);
        if (outDir.empty())
            outDir = settings.outputDir.toStdString();
        if (!suffixGiven)
            suffix = settings.suffix.toStdString();
        if (!jobsGiven)
            options.jobs = batch.jobs;
        if (!chunkGiven)
            options.chunkSize = batch.chunkSize;
        if (!tailGiven)
            options.tailSeconds = batch.tailSeconds;
        if (!deviceGiven)
            options.device = batch.device;
        if (!options.output.format)
            options.output.format = batch.output.format;
    }
    if (outDir.empty())
        throw UsageError{"batch needs --out DIR"};
    const dsp::EffectChain chain = std::move(source.chain);

    std::error_code ec;
    std::filesystem::create_directories(outDir, ec);
    if (!std::filesystem::is_directory(outDir)) {
        printError(outDir + ": cannot create the output folder" +
                   (ec ? " (" + ec.message() + ")" : std::string()));
        return ExitFailure;
    }

    io::BatchRunner runner(chain, options);
    g_runner = &runner;
    std::signal(SIGXFSZ, SIG_IGN);
    std::signal(SIGINT, onBatchInterrupt);
    std::signal(SIGTERM, onBatchInterrupt);

    const auto jobs = io::makeBatchJobs(inputs, outDir, suffix, options.output);
    ConsoleProgress bar;
    io::BatchProgressCallback progress;
    if (showProgress)
        progress = [&](const io::BatchProgress& p) {
            bar.update(p.overallFraction,
                       std::to_string(p.filesFinished) + "/" + std::to_string(jobs.size()) + " files",
                       p.secondsLeft);
        };
    const auto started = std::chrono::steady_clock::now();
    const auto results = runner.run(jobs, progress);
    g_runner = nullptr;
    bar.finish();

    int failed = 0;
    double audioSeconds = 0.0;
    bool deviceNoted = false;
    for (const auto& result : results) {
        if (result.ok) {
            audioSeconds += result.report.input.durationSeconds();
            char line[64];
            std::snprintf(line, sizeof line, "%.1fx real time", result.report.realtimeFactor());
            std::cout << "ok      " << result.job.input << " -> " << result.job.output << " (" << line
                      << ")\n";
            if (options.device != io::ComputeDevice::Cpu && !deviceNoted) {
                deviceNoted = true;
                std::cerr << "fxrack-cli: device " << io::computeDeviceName(result.report.device.device)
                          << (result.report.device.reason.empty() ? std::string()
                                                                  : " (" + result.report.device.reason + ")")
                          << std::endl;
            }
        } else {
            ++failed;
            std::cout << "failed  " << result.job.input << "\n";
            printError(result.error);
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    char summary[160];
    std::snprintf(summary, sizeof summary,
                  "%zu files: %zu ok, %d failed, %.3f s (%.1fx real time, %d jobs)\n", results.size(),
                  results.size() - static_cast<size_t>(failed), failed, seconds,
                  seconds > 0 ? audioSeconds / seconds : 0.0, runner.options().jobs);
    std::cout << summary << std::flush;
    return failed ? ExitFailure : ExitOk;
}

const CommandRegistration registration{Command{
    "batch", "run many audio files through one effect chain",
    "usage: fxrack-cli batch INPUT... --out DIR (--chain SPEC | --session FILE) [options]\n"
    "\n"
    "Processes each INPUT into DIR/<stem><suffix>.<ext>, several files at a time. A file that fails\n"
    "is reported and the others go on; the exit code is 1 if any failed. Existing files are never\n"
    "replaced without --overwrite, and no partial output is left behind.\n"
    "\n"
    "options:\n"
    "  --out DIR             the output folder (created if missing)\n"
    "  --chain SPEC          the effect chain (see 'fxrack-cli effects')\n"
    "  --session FILE        the rack and batch settings of a .fxrack session (flags given here win;\n"
    "                        --out may then be left out when the session names a folder)\n"
    "  --jobs N              files at once (default: the number of cores)\n"
    "  --device cpu|cuda|auto  where the chain runs (default cpu)\n"
    "  --suffix TEXT         appended to each output's stem\n"
    "  --overwrite           replace existing outputs\n"
    "  --format wav|flac|ogg|aiff  output container (default: each input's)\n"
    "  --subtype float|pcm16|pcm24|pcm32  output samples (default: each input's)\n"
    "  --chunk-size N        frames per chunk (default 65536)\n"
    "  --tail SECONDS        let reverb and delay ring out after each file\n"
    "  --progress            draw a progress bar on the terminal\n",
    runBatch}};

} // namespace
} // namespace fxrack::cli
