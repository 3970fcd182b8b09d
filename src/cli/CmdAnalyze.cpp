// fxrack-cli analyze FILES... [--json]: loudness, range, peaks, RMS, duration, rate and channels.
#include "cli/Command.h"
#include "io/Ebur128Meter.h"
#include "session/BatchReport.h"
#include "session/JsonWriter.h"

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace fxrack::cli {
namespace {

struct AnalyzeArgs {
    std::vector<std::string> files;
    bool json = false;
};

std::string level(double db, const char* unit)
{
    if (!std::isfinite(db))
        return std::string("-inf ") + unit;
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", db, unit);
    return text;
}

int runAnalyze(const AnalyzeArgs& args)
{
    if (args.files.empty())
        throw UsageError{"analyze needs at least one FILE"};
    session::JsonWriter w;
    if (args.json) {
        w.beginObject();
        w.key(std::string_view("files"));
        w.beginArray();
    }
    int failed = 0;
    for (const auto& file : args.files) {
        try {
            const io::LoudnessStats s = io::measureFile(file);
            if (args.json) {
                w.beginObject();
                w.text("file", file);
                w.key(std::string_view("measurements"));
                session::writeLoudness(w, s);
                w.endObject();
                continue;
            }
            char line[96];
            std::snprintf(line, sizeof line, "%.3f s, %d Hz, %d ch", s.durationSeconds(),
                          static_cast<int>(s.sampleRate), s.channels);
            std::cout << file << "\n"
                      << "  integrated loudness  " << level(s.integratedLufs, "LUFS") << "\n"
                      << "  loudness range       " << level(s.loudnessRange, "LU") << "\n"
                      << "  true peak            " << level(s.truePeakDb, "dBTP") << "\n"
                      << "  sample peak          " << level(s.samplePeakDb, "dBFS") << "\n"
                      << "  RMS                  " << level(s.rmsDb, "dBFS") << "\n"
                      << "  length               " << line << "\n";
        } catch (const std::exception& e) {
            ++failed;
            printError(e.what());
        }
    }
    if (args.json) {
        w.endArray();
        w.endObject();
        std::cout << w.finish().toStdString() << std::flush;
    }
    return failed ? ExitFailure : ExitOk;
}

const CommandRegistration registration{
    Command{"analyze", "measure loudness (EBU R128), true peak, RMS and length of audio files",
            "usage: fxrack-cli analyze FILE... [--json]\n",
            "For each FILE: integrated loudness (LUFS), loudness range (LU), true peak (dBTP, 4x\n"
            "oversampled) and sample peak (dBFS), RMS (dBFS), duration, rate and channels, as ITU-R\n"
            "BS.1770-4 and EBU R128 define them (libebur128). A file that cannot be read is reported\n"
            "and the others go on; the exit code is 1 if any failed.\n",
            [](CLI::App& app) -> std::function<int()> {
                auto args = std::make_shared<AnalyzeArgs>();
                app.add_option("files", args->files)->group("");
                app.add_flag("--json", args->json, "print JSON: {\"files\": [{\"file\", \"measurements\"}]}");
                return [args] { return runAnalyze(*args); };
            }}};

} // namespace
} // namespace fxrack::cli
