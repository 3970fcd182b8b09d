#include "FxrackVersion.h"
#include "cli/Command.h"
#include "cli/HelpFormatter.h"
#include "dsp/Errors.h"

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

using namespace fxrack::cli;

namespace {

void printHelp()
{
    std::cout << "fxrack-cli " FXRACK_VERSION " - FXRack's effects engine without a window\n\n"
              << "usage: fxrack-cli <command> [options]\n\ncommands:\n";
    for (const auto& c : commands())
        std::cout << "  " << c.name << std::string(c.name.size() < 10 ? 10 - c.name.size() : 1, ' ')
                  << c.summary << "\n";
    std::cout << "\nRun 'fxrack-cli <command> --help' for a command's options.\n";
}

const Command* findCommand(const std::string& name)
{
    for (const auto& c : commands())
        if (c.name == name)
            return &c;
    return nullptr;
}

} // namespace

int main(int argc, char** argv)
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        printHelp();
        return args.empty() ? ExitUsage : ExitOk;
    }
    if (args[0] == "--version" || args[0] == "-V") {
        std::cout << "fxrack-cli " FXRACK_VERSION "\n";
        return ExitOk;
    }
    const Command* command = findCommand(args[0]);
    if (!command) {
        printError("unknown command \"" + args[0] + "\" (run 'fxrack-cli --help' for the list)");
        return ExitUsage;
    }

    CLI::App app("FXRack's effects engine without a window", "fxrack-cli");
    // As before CLI11: a flag given twice takes the last value; every option is listed under
    // "options:" unless its command groups it otherwise.
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)->group("options");
    CLI::App* sub = app.add_subcommand(command->name, command->summary);
    sub->formatter(std::make_shared<HelpFormatter>(command->usage, command->about));
    sub->footer(command->footer);
    sub->set_help_flag("-h,--help")->group("");
    sub->allow_extras(); // reported below in the CLI's own words
    std::function<int()> run;
    try {
        run = command->setup(*sub);
        app.parse(argc, argv);
        if (const auto extra = sub->remaining(); !extra.empty())
            throw UsageError{
                (extra.front().starts_with("-") ? "unknown option \"" : "unexpected argument \"") +
                extra.front() + "\" for " + command->name + " (see 'fxrack-cli " + command->name +
                " --help')"};
        return run();
    } catch (const CLI::CallForHelp&) {
        std::cout << sub->help();
        return ExitOk;
    } catch (const CLI::ParseError& e) {
        printError(e.what());
        return ExitUsage;
    } catch (const UsageError& e) {
        printError(e.message);
        return ExitUsage;
    } catch (const fxrack::dsp::ParameterError& e) {
        printError(e.what());
        return ExitUsage;
    } catch (const std::exception& e) {
        printError(e.what());
        return ExitFailure;
    }
}
