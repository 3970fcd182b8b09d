// fxrack-cli batch INPUT... --out DIR --chain SPEC ...: many files through one chain (docs/architecture.md,
// the command line).
#include "cli/ChainSource.h"
#include "cli/Command.h"
#include "cli/ConsoleProgress.h"
#include "cli/FileJobOptions.h"
#include "dsp/ChainSpec.h"
#include "io/Batch.h"
#include "session/EngineSettings.h"

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

namespace fxrack::cli {
namespace {

io::BatchRunner* g_runner = nullptr;

extern "C" void onBatchInterrupt(int)
{
    if (g_runner)
        g_runner->cancel(); // an atomic store: safe in a signal handler
}

// What `batch` takes besides the options it shares with `process`.
struct BatchArgs {
    FileJobOptions shared;
    std::vector<std::string> inputs;
    std::string outDir;
    std::string jobs;
    std::string suffix;
    CLI::Option* jobsOption = nullptr;
    CLI::Option* suffixOption = nullptr;
    bool overwrite = false;

    void addTo(CLI::App& app)
    {
        app.add_option("inputs", inputs)->group("");
        app.add_option("--out", outDir, "the output folder (created if missing)")->type_name("DIR");
        shared.addTo(app);
        jobsOption =
            app.add_option("--jobs", jobs, "files at once (default: the number of cores)")->type_name("N");
        suffixOption =
            app.add_option("--suffix", suffix, "appended to each output's stem")->type_name("TEXT");
        app.add_flag("--overwrite", overwrite, "replace existing outputs");
    }
};

int runBatch(const BatchArgs& args)
{
    args.shared.check();
    std::optional<int> jobs; // checked before the session is read, so a bad flag fails first
    if (args.jobsOption->count() > 0)
        jobs = toInt("--jobs", args.jobs, 1, io::BatchOptions::kMaxJobs);
    if (args.suffix.find('/') != std::string::npos)
        throw UsageError{"option --suffix: \"" + args.suffix + "\" must not contain '/'"};
    if (args.inputs.empty())
        throw UsageError{"batch needs at least one INPUT file"};
    const std::vector<std::string>& inputs = args.inputs;
    ChainSource source = loadChainSource("batch", args.shared.chain, args.shared.session);
    // Flags given on the command line win over a session's batch settings.
    io::BatchOptions options = args.shared.applyTo(
        source.session ? session::batchOptions(source.session->batch) : io::BatchOptions{});
    if (jobs)
        options.jobs = *jobs;
    options.overwrite = args.overwrite;
    std::string outDir = args.outDir;
    std::string suffix = args.suffix;
    if (source.session) {
        if (outDir.empty())
            outDir = source.session->batch.outputDir.toStdString();
        if (args.suffixOption->count() == 0)
            suffix = source.session->batch.suffix.toStdString();
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

    const auto batchJobs = io::makeBatchJobs(inputs, outDir, suffix, options.output);
    ConsoleProgress bar;
    io::BatchProgressCallback progress;
    if (args.shared.progress)
        progress = [&](const io::BatchProgress& p) {
            bar.update(p.overallFraction,
                       std::to_string(p.filesFinished) + "/" + std::to_string(batchJobs.size()) + " files",
                       p.secondsLeft);
        };
    const auto started = std::chrono::steady_clock::now();
    const auto results = runner.run(batchJobs, progress);
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

const CommandRegistration registration{
    Command{"batch", "run many audio files through one effect chain",
            "usage: fxrack-cli batch INPUT... --out DIR (--chain SPEC | --session FILE) [options]\n",
            "Processes each INPUT into DIR/<stem><suffix>.<ext>, several files at a time. A file that fails\n"
            "is reported and the others go on; the exit code is 1 if any failed. Existing files are never\n"
            "replaced without --overwrite, and no partial output is left behind. With --session, --out may\n"
            "be left out when the session names a folder.\n",
            [](CLI::App& app) -> std::function<int()> {
                auto args = std::make_shared<BatchArgs>();
                args->addTo(app);
                return [args] { return runBatch(*args); };
            }}};

} // namespace
} // namespace fxrack::cli
