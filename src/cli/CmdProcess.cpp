// fxrack-cli process INPUT OUTPUT --chain SPEC ...: one file through a chain (docs/architecture.md, the
// command line).
#include "cli/ChainSource.h"
#include "cli/Command.h"
#include "cli/ConsoleProgress.h"
#include "cli/FileJobOptions.h"
#include "dsp/ChainSpec.h"
#include "io/Batch.h"
#include "io/FileError.h"
#include "io/StreamProcessor.h"
#include "session/EngineSettings.h"

#include <CLI/CLI.hpp>
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

int runProcess(const FileJobOptions& options, const std::vector<std::string>& files)
{
    options.check();
    if (files.size() != 2)
        throw UsageError{"process needs INPUT and OUTPUT (got " + std::to_string(files.size()) +
                         " file names; see 'fxrack-cli process --help')"};
    const std::string& input = files[0];
    const std::string& output = files[1];
    ChainSource source = loadChainSource("process", options.chain, options.session);
    // Flags given on the command line win over a session's batch settings.
    const io::BatchOptions a =
        options.applyTo(source.session ? session::batchOptions(source.session->batch) : io::BatchOptions{});
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
    if (options.progress)
        progress = [&](double f) { bar.update(f, input); };
    io::ProcessReport report;
    try {
        report = processor.processFile(input, output, a.output, progress, &g_cancel);
    } catch (const io::Cancelled&) {
        bar.finish();
        printError(output + ": cancelled; no output written");
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
    std::cout << "input:   " << input << " (" << io::describeFormat(in.sndfileFormat) << ", " << in.channels
              << " ch, " << static_cast<int>(in.sampleRate) << " Hz)\n";
    std::snprintf(line, sizeof line, "frames:  %lld (%.3f s)\n", static_cast<long long>(in.frames),
                  in.durationSeconds());
    std::cout << line;
    std::cout << "rate:    " << static_cast<int>(in.sampleRate) << " Hz";
    if (a.output.sampleRate && *a.output.sampleRate != in.sampleRate)
        std::cout << " -> " << static_cast<int>(*a.output.sampleRate) << " Hz (libsoxr, very high quality)";
    std::cout << "\n";
    std::cout << "chain:   " << chainText << "\n";
    std::cout << "device:  " << io::computeDeviceName(report.device.device) << "\n";
    std::cout << "output:  " << output << " (" << io::describeFormat(report.outputFormat) << ", "
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

const CommandRegistration registration{
    Command{"process", "run an audio file through an effect chain",
            "usage: fxrack-cli process INPUT OUTPUT (--chain SPEC | --session FILE) [options]\n",
            "Reads INPUT (any format libsndfile reads), runs the chain over it in chunks and writes OUTPUT\n"
            "in the input's format and subtype unless told otherwise. OUTPUT appears only when complete;\n"
            "INPUT is never overwritten. Normalize gets an analysis pass over the whole file first.\n",
            [](CLI::App& app) -> std::function<int()> {
                auto options = std::make_shared<FileJobOptions>();
                auto files = std::make_shared<std::vector<std::string>>();
                app.add_option("files", *files)->group("");
                options->addTo(app);
                return [options, files] { return runProcess(*options, *files); };
            },
            "exit codes: 0 done, 1 a file or processing error, 2 a usage error (bad flag or chain)"}};

} // namespace
} // namespace fxrack::cli
