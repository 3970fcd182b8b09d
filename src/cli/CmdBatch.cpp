// fxrack-cli batch INPUT... --out DIR --chain SPEC ...: many files through one chain (docs/architecture.md,
// the command line).
#include "cli/ChainSource.h"
#include "cli/Command.h"
#include "cli/ConsoleProgress.h"
#include "cli/FileJobOptions.h"
#include "dsp/ChainSpec.h"
#include "io/Batch.h"
#include "io/FileError.h"
#include "session/BatchReport.h"
#include "session/EngineSettings.h"

#include <CLI/CLI.hpp>
#include <QFile>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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
    std::string name;
    std::string ifExists;
    std::string manifest;
    std::string shard;
    std::string shardCount;
    std::string report;
    CLI::Option* jobsOption = nullptr;
    CLI::Option* suffixOption = nullptr;
    CLI::Option* nameOption = nullptr;
    CLI::Option* ifExistsOption = nullptr;
    CLI::Option* shardOption = nullptr;
    CLI::Option* shardCountOption = nullptr;
    bool overwrite = false;
    bool recursive = false;
    bool resume = false;

    void addTo(CLI::App& app)
    {
        app.add_option("inputs", inputs)->group("");
        app.add_option("--out", outDir, "the output folder (created if missing)")->type_name("DIR");
        shared.addTo(app);
        jobsOption =
            app.add_option("--jobs", jobs, "files at once (default: the number of cores)")->type_name("N");
        suffixOption =
            app.add_option("--suffix", suffix, "appended to each output's stem")->type_name("TEXT");
        nameOption = app.add_option("--name", name,
                                    "output name without extension: {stem} {dir} {index} {date} {preset}")
                         ->type_name("TEMPLATE");
        app.add_flag("--recursive", recursive, "take the subfolders of folder inputs; the tree is mirrored");
        ifExistsOption = app.add_option("--if-exists", ifExists, "when an output exists (default fail)")
                             ->type_name("fail|skip|rename|overwrite");
        app.add_flag("--overwrite", overwrite, "replace existing outputs (--if-exists overwrite)");
        app.add_flag("--resume", resume, "skip inputs whose output is complete; redo the others");
        app.add_option("--report", report, "write a JSON report: one record per input and a summary")
            ->type_name("FILE.json");
        app.add_option("--manifest", manifest, "read the inputs from FILE, one path a line (- for stdin)")
            ->type_name("FILE");
        shardOption = app.add_option("--shard", shard,
                                     "run input i only when i mod N == I (default: from Slurm's array)")
                          ->type_name("I/N");
        shardCountOption =
            app.add_option("--shard-count", shardCount, "N shards, the index from JOB_COMPLETION_INDEX")
                ->type_name("N");
    }
};

// Which share of the inputs this process runs: --shard I/N, Slurm's array variables, or a
// Kubernetes indexed Job's completion index with --shard-count.
session::BatchReportShard chooseShard(const BatchArgs& args)
{
    session::BatchReportShard s;
    auto env = [](const char* name) -> std::optional<std::string> {
        const char* v = std::getenv(name);
        return v && *v ? std::optional<std::string>(v) : std::nullopt;
    };
    if (args.shardOption->count() > 0) {
        const auto slash = args.shard.find('/');
        if (slash == std::string::npos)
            throw UsageError{"option --shard: \"" + args.shard + "\" is not I/N (e.g. 0/4)"};
        s.count = toInt("--shard", args.shard.substr(slash + 1), 1, 1 << 20);
        s.index = toInt("--shard", args.shard.substr(0, slash), 0, s.count - 1);
    } else if (args.shardCountOption->count() > 0) {
        s.count = toInt("--shard-count", args.shardCount, 1, 1 << 20);
        const auto index = env("JOB_COMPLETION_INDEX");
        if (!index)
            throw UsageError{"option --shard-count: JOB_COMPLETION_INDEX is not set (use --shard I/N)"};
        s.index = toInt("JOB_COMPLETION_INDEX", *index, 0, s.count - 1);
    } else if (const auto id = env("SLURM_ARRAY_TASK_ID"), count = env("SLURM_ARRAY_TASK_COUNT");
               id && count) {
        s.count = toInt("SLURM_ARRAY_TASK_COUNT", *count, 1, 1 << 20);
        const int min = toInt("SLURM_ARRAY_TASK_MIN", env("SLURM_ARRAY_TASK_MIN").value_or("0"), 0, 1 << 30);
        s.index = toInt("SLURM_ARRAY_TASK_ID", *id, min, min + s.count - 1) - min;
    }
    return s;
}

std::vector<std::string> readManifest(const std::string& path)
{
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
        file.open(path);
        if (!file)
            throw io::FileError(path, "cannot read the manifest");
        in = &file;
    }
    std::vector<std::string> lines;
    for (std::string line; std::getline(*in, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!line.empty() && line[0] != '#')
            lines.push_back(line);
    }
    return lines;
}

// FILE.json for one process; a shard of several writes FILE.part-I-of-N.json ({shard} in the
// name is replaced by I instead).
std::string reportPathFor(std::string path, const session::BatchReportShard& shard)
{
    if (shard.count <= 1)
        return path;
    if (const auto at = path.find("{shard}"); at != std::string::npos)
        return path.replace(at, 7, std::to_string(shard.index));
    const auto dot = path.rfind('.');
    const auto slash = path.rfind('/');
    const std::string part = ".part-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        return path + part;
    return path.insert(dot, part);
}

int runBatch(const BatchArgs& args)
{
    args.shared.check();
    std::optional<int> jobs; // checked before the session is read, so a bad flag fails first
    if (args.jobsOption->count() > 0)
        jobs = toInt("--jobs", args.jobs, 1, io::BatchOptions::kMaxJobs);
    if (args.suffix.find('/') != std::string::npos)
        throw UsageError{"option --suffix: \"" + args.suffix + "\" must not contain '/'"};
    if (args.nameOption->count() > 0)
        if (const auto why = io::checkNameTemplate(args.name); !why.empty())
            throw UsageError{"option --name: \"" + args.name + "\": " + why};
    std::optional<io::IfExists> ifExists;
    if (args.ifExistsOption->count() > 0) {
        ifExists = io::parseIfExists(args.ifExists);
        if (!ifExists)
            throw UsageError{"option --if-exists: \"" + args.ifExists +
                             "\" is not fail, skip, rename or overwrite"};
        if (args.overwrite && *ifExists != io::IfExists::Overwrite)
            throw UsageError{"option --overwrite contradicts --if-exists " + args.ifExists};
    }
    const session::BatchReportShard shard = chooseShard(args);
    std::vector<std::string> given = args.inputs;
    if (!args.manifest.empty()) {
        const auto listed = readManifest(args.manifest);
        given.insert(given.end(), listed.begin(), listed.end());
    }
    if (given.empty())
        throw UsageError{"batch needs at least one INPUT file (or --manifest FILE)"};
    ChainSource source = loadChainSource("batch", args.shared.chain, args.shared.session);
    // Flags given on the command line win over a session's batch settings.
    io::BatchOptions options = args.shared.applyTo(
        source.session ? session::batchOptions(source.session->batch) : io::BatchOptions{});
    if (jobs)
        options.jobs = *jobs;
    if (args.overwrite)
        options.ifExists = io::IfExists::Overwrite;
    if (ifExists)
        options.ifExists = *ifExists;
    options.resume = args.resume;
    options.measureLoudness = !args.report.empty(); // the report holds loudness before and after
    std::string outDir = args.outDir;
    io::BatchNaming naming;
    naming.suffix = args.suffix;
    naming.nameTemplate = args.name;
    if (!args.shared.session.empty())
        naming.preset = std::filesystem::path(args.shared.session).stem().string();
    if (source.session) {
        if (outDir.empty())
            outDir = source.session->batch.outputDir.toStdString();
        if (args.suffixOption->count() == 0)
            naming.suffix = source.session->batch.suffix.toStdString();
    }
    if (outDir.empty())
        throw UsageError{"batch needs --out DIR"};
    naming.outDir = outDir;
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

    // Every shard names and counts the whole list alike; then keeps its share.
    const auto allJobs =
        io::makeBatchJobs(io::collectBatchInputs(given, args.recursive, outDir), naming, options.output);
    std::vector<io::BatchJob> batchJobs;
    std::vector<size_t> indices;
    for (size_t i = 0; i < allJobs.size(); ++i)
        if (static_cast<int>(i % static_cast<size_t>(shard.count)) == shard.index) {
            batchJobs.push_back(allJobs[i]);
            indices.push_back(i);
        }
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

    int failed = 0, skipped = 0;
    double audioSeconds = 0.0;
    bool deviceNoted = false;
    for (const auto& result : results) {
        if (result.skipped) {
            ++skipped;
            std::cout << "skipped " << result.job.input << " -> " << result.job.output << "\n";
        } else if (result.ok) {
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
    char summary[200];
    std::snprintf(summary, sizeof summary,
                  "%zu files: %zu ok, %d failed, %.3f s (%.1fx real time, %d jobs)\n", results.size(),
                  results.size() - static_cast<size_t>(failed), failed, seconds,
                  seconds > 0 ? audioSeconds / seconds : 0.0, runner.options().jobs);
    std::cout << summary;
    if (skipped > 0)
        std::cout << skipped << " of them kept as they were (--if-exists skip or --resume)\n";
    if (shard.count > 1)
        std::cout << "shard " << shard.index << "/" << shard.count << " of " << allJobs.size() << " inputs\n";
    std::cout << std::flush;
    if (!args.report.empty()) {
        const std::string path = reportPathFor(args.report, shard);
        QFile file(QString::fromStdString(path));
        const QByteArray json = session::batchReportJson(results, indices, seconds, shard);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(json) != json.size()) {
            printError(path + ": cannot write the report (" + file.errorString().toStdString() + ")");
            return ExitFailure;
        }
    }
    return failed ? ExitFailure : ExitOk;
}

const CommandRegistration registration{Command{
    "batch", "run many audio files through one effect chain",
    "usage: fxrack-cli batch INPUT|FOLDER... --out DIR (--chain SPEC | --session FILE) [options]\n",
    "Processes each INPUT into DIR/<stem><suffix>.<ext> (or DIR/<--name>.<ext>), several files at a\n"
    "time; a folder gives its audio files, its subfolders too with --recursive (the tree is mirrored\n"
    "under DIR). A file that fails is reported and the others go on; the exit code is 1 if any\n"
    "failed. Existing files are never replaced unless --if-exists says so, an output is never an\n"
    "input, and no partial output is left behind. --shard I/N (or a Slurm array, or a Kubernetes\n"
    "indexed Job with --shard-count) runs every Nth input, each shard with its own --report.\n"
    "With --session, --out may be left out when the session names a folder.\n",
    [](CLI::App& app) -> std::function<int()> {
        auto args = std::make_shared<BatchArgs>();
        args->addTo(app);
        return [args] { return runBatch(*args); };
    }}};

} // namespace
} // namespace fxrack::cli
