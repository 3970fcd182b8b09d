#include "FxrackVersion.h"
#include "cli/Command.h"
#include "dsp/Errors.h"

#include <cstdio>
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

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        printHelp();
        return args.empty() ? ExitUsage : ExitOk;
    }
    if (args[0] == "--version" || args[0] == "-V") {
        std::cout << "fxrack-cli " FXRACK_VERSION "\n";
        return ExitOk;
    }
    for (const auto& command : commands()) {
        if (command.name != args[0])
            continue;
        std::vector<std::string> rest(args.begin() + 1, args.end());
        for (const auto& a : rest)
            if (a == "--help" || a == "-h") {
                std::cout << command.usage;
                return ExitOk;
            }
        try {
            return command.run(rest);
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
    printError("unknown command \"" + args[0] + "\" (run 'fxrack-cli --help' for the list)");
    return ExitUsage;
}
