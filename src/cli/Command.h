#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace fxrack::cli {

// Exit codes of the CLI contract (docs/architecture.md): a public interface.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

// A usage mistake (bad flag, bad chain spec, bad parameter value): exit 2.
struct UsageError {
    std::string message;
};

// One subcommand. Each Cmd*.cpp registers itself with a static CommandRegistration, so adding
// a subcommand touches no shared file. setup() declares the subcommand's options on its CLI11
// app, in one place, and returns what runs once the command line has been parsed.
struct Command {
    std::string name;
    std::string summary; // one line for `fxrack-cli --help`
    std::string usage;   // the first lines of `--help`: "usage: fxrack-cli NAME ..."
    std::string about;   // the paragraph under them
    std::function<std::function<int()>(CLI::App& app)> setup;
    std::string footer = {}; // the last line of `--help`, if any
};

std::vector<Command>& commands();

struct CommandRegistration {
    explicit CommandRegistration(Command command);
};

// Prints "fxrack-cli: <message>" on stderr as one line.
void printError(std::string_view message);

// Option values are taken as text and converted here, so every error says the same thing:
// UsageError naming the flag.
double toNumber(std::string_view flag, const std::string& text);
int toInt(std::string_view flag, const std::string& text, int min, int max);

} // namespace fxrack::cli
