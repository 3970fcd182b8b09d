// fxrack-cli report merge PARTS... --out ALL.json: one report from the shards' reports.
#include "cli/Command.h"
#include "session/BatchReport.h"

#include <CLI/CLI.hpp>
#include <QFile>
#include <QStringList>

namespace fxrack::cli {
namespace {

struct ReportArgs {
    std::vector<std::string> words; // "merge" PARTS...
    std::string out;
};

int runReport(const ReportArgs& args)
{
    if (args.words.empty() || args.words.front() != "merge")
        throw UsageError{"report needs an action: merge PARTS... --out ALL.json"};
    if (args.words.size() < 2)
        throw UsageError{"report merge needs at least one PART report"};
    if (args.out.empty())
        throw UsageError{"report merge needs --out FILE.json"};
    QStringList parts;
    for (size_t i = 1; i < args.words.size(); ++i)
        parts << QString::fromStdString(args.words[i]);
    const QByteArray merged = session::mergeBatchReports(parts);
    QFile file(QString::fromStdString(args.out));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(merged) != merged.size()) {
        printError(args.out + ": cannot write the report (" + file.errorString().toStdString() + ")");
        return ExitFailure;
    }
    return ExitOk;
}

const CommandRegistration registration{
    Command{"report", "merge the JSON reports of batch shards",
            "usage: fxrack-cli report merge PARTS... --out ALL.json\n",
            "Merges the reports that 'batch --report' wrote, one per shard, into one: every input once\n"
            "(a rerun's record wins over an earlier failure), in input order, with the summary recounted.\n",
            [](CLI::App& app) -> std::function<int()> {
                auto args = std::make_shared<ReportArgs>();
                app.add_option("words", args->words)->group("");
                app.add_option("--out", args->out, "the merged report")->type_name("FILE.json");
                return [args] { return runReport(*args); };
            }}};

} // namespace
} // namespace fxrack::cli
