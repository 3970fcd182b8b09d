// fxrack-cli process INPUT OUTPUT --chain SPEC ...: one file through a chain (CLI.md).
#include "cli/ChainSource.h"
#include "cli/Command.h"
#include "cli/ConsoleProgress.h"
#include "dsp/ChainSpec.h"
#include "io/Batch.h"
#include "io/FileError.h"
#include "io/StreamProcessor.h"
#include "session/EngineSettings.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <optional>

namespace fxrack::cli {
namespace {

std::atomic<bool> g_cancel{false};

extern "C" void onInterrupt(int)
{
    g_cancel.store(true);
}

struct ProcessArgs {
    std::string input;
    std::string output;
    std::string chain;
    std::string session;
    // Flags given on the command line win over a session's batch settings.
    bool chunkSizeGiven = false;
    bool deviceGiven = false;
    bool tailGiven = false;
    int chunkSize = 65536;
    io::ComputeDevice device = io::ComputeDevice::Cpu;
    io::OutputOptions output_options;
    double tailSeconds = 0.0;
    bool progress = false;
};

ProcessArgs parseArgs(const std::vector<std::string>& args)
{
    ProcessArgs a;
    std::vector<std::string> positional;
    ArgReader r(args);
    while (!r.atEnd()) {
        const std::string arg = r.next();
        if (arg == "--chain") {
            a.chain = r.value(arg);
        } else if (arg == "--session") {
            a.session = r.value(arg);
        } else if (arg == "--chunk-size") {
            a.chunkSize = ArgReader::toInt(arg, r.value(arg), 1, io::BatchOptions::kMaxChunkSize);
            a.chunkSizeGiven = true;
        } else if (arg == "--device") {
            const auto text = r.value(arg);
            const auto d = io::parseComputeDevice(text);
            if (!d)
                throw UsageError{"option --device: \"" + text + "\" is not cpu, cuda or auto"};
            a.device = *d;
            a.deviceGiven = true;
        } else if (arg == "--format") {
            const auto text = r.value(arg);
            a.output_options.format = io::parseFileFormat(text);
            if (!a.output_options.format)
                throw UsageError{"option --format: \"" + text + "\" is not wav, flac, ogg or aiff"};
        } else if (arg == "--subtype") {
            const auto text = r.value(arg);
            a.output_options.sampleFormat = io::parseSampleFormat(text);
            if (!a.output_options.sampleFormat)
                throw UsageError{"option --subtype: \"" + text + "\" is not float, pcm16, pcm24 or pcm32"};
        } else if (arg == "--tail") {
            a.tailSeconds = ArgReader::toNumber(arg, r.value(arg));
            if (a.tailSeconds < 0.0 || a.tailSeconds > io::BatchOptions::kMaxTailSeconds)
                throw UsageError{"option --tail: " + std::to_string(a.tailSeconds) +
                                 " seconds is out of range [0, 3600]"};
            a.tailGiven = true;
        } else if (arg == "--progress") {
            a.progress = true;
        } else if (arg.size() > 1 && arg[0] == '-') {
            throw UsageError{"unknown option \"" + arg + "\" for process (see 'fxrack-cli process --help')"};
        } else {
            positional.push_back(arg);
        }
    }
    if (positional.size() != 2)
        throw UsageError{"process needs INPUT and OUTPUT (got " + std::to_string(positional.size()) +
                         " file names; see 'fxrack-cli process --help')"};
    a.input = positional[0];
    a.output = positional[1];
    return a;
}

int runProcess(const std::vector<std::string>& args)
{
    ProcessArgs a = parseArgs(args);
    ChainSource source = loadChainSource("process", a.chain, a.session);
    if (source.session) {
        const io::BatchOptions batch = session::batchOptions(source.session->batch);
        if (!a.chunkSizeGiven)
            a.chunkSize = batch.chunkSize;
        if (!a.tailGiven)
            a.tailSeconds = batch.tailSeconds;
        if (!a.deviceGiven)
            a.device = batch.device;
        if (!a.output_options.format)
            a.output_options.format = batch.output.format;
    }
    dsp::EffectChain chain = std::move(source.chain);
    const std::string chainText = chain.empty() ? std::string("(empty)") : source.description;

    io::StreamProcessor processor(std::move(chain), a.chunkSize, a.device);
    processor.setTailSeconds(a.tailSeconds);

    // A full disk or a file size limit must be an error we can clean up after, not a signal.
    std::signal(SIGXFSZ, SIG_IGN);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);

    ConsoleProgress bar;
    io::ProgressCallback progress;
    if (a.progress)
        progress = [&](double f) { bar.update(f, a.input); };
    io::ProcessReport report;
    try {
        report = processor.processFile(a.input, a.output, a.output_options, progress, &g_cancel);
    } catch (const io::Cancelled&) {
        bar.finish();
        printError(a.output + ": cancelled; no output written");
        return ExitFailure;
    } catch (...) {
        bar.finish();
        throw;
    }
    bar.finish();

    if (a.device != io::ComputeDevice::Cpu)
        std::cerr << "fxrack-cli: device " << io::computeDeviceName(report.device.device)
                  << (report.device.reason.empty() ? std::string() : " (" + report.device.reason + ")")
                  << std::endl;

    const auto& in = report.input;
    char line[256];
    std::cout << "input:   " << a.input << " (" << io::describeFormat(in.sndfileFormat) << ", " << in.channels
              << " ch, " << static_cast<int>(in.sampleRate) << " Hz)\n";
    std::snprintf(line, sizeof line, "frames:  %lld (%.3f s)\n", static_cast<long long>(in.frames),
                  in.durationSeconds());
    std::cout << line;
    std::cout << "rate:    " << static_cast<int>(in.sampleRate) << " Hz\n";
    std::cout << "chain:   " << chainText << "\n";
    std::cout << "device:  " << io::computeDeviceName(report.device.device) << "\n";
    std::cout << "output:  " << a.output << " (" << io::describeFormat(report.outputFormat) << ", "
              << report.framesWritten << " frames";
    if (report.analysisPasses > 0)
        std::cout << ", " << report.analysisPasses << " analysis pass"
                  << (report.analysisPasses > 1 ? "es" : "");
    if (report.clippedSamples > 0)
        std::cout << ", " << report.clippedSamples << " samples clipped";
    std::cout << ")\n";
    std::snprintf(line, sizeof line, "time:    %.3f s (%.1fx real time)\n", report.seconds,
                  report.realtimeFactor());
    std::cout << line << std::flush;
    return ExitOk;
}

const CommandRegistration registration{Command{
    "process", "run an audio file through an effect chain",
    "usage: fxrack-cli process INPUT OUTPUT (--chain SPEC | --session FILE) [options]\n"
    "\n"
    "Reads INPUT (any format libsndfile reads), runs the chain over it in chunks and writes OUTPUT\n"
    "in the input's format and subtype unless told otherwise. OUTPUT appears only when complete;\n"
    "INPUT is never overwritten. Normalize gets an analysis pass over the whole file first.\n"
    "\n"
    "options:\n"
    "  --chain SPEC          the effect chain, e.g. \"HiButterworth(80) | Gain(1.5)\" (see 'effects')\n"
    "  --session FILE        the rack and batch settings of a .fxrack session (flags given here win)\n"
    "  --chunk-size N        frames per chunk (default 65536; does not change the output)\n"
    "  --device cpu|cuda|auto  where the chain runs (default cpu; CUDA falls back to the CPU and says why)\n"
    "  --format wav|flac|ogg|aiff  output container (default: the input's)\n"
    "  --subtype float|pcm16|pcm24|pcm32  output samples (default: the input's; integer output is dithered)\n"
    "  --tail SECONDS        run the chain on silence after the end so reverb and delay ring out\n"
    "  --progress            draw a progress bar on the terminal\n"
    "\n"
    "exit codes: 0 done, 1 a file or processing error, 2 a usage error (bad flag or chain)\n",
    runProcess}};

} // namespace
} // namespace fxrack::cli
