#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace fxrack::cli {

// Exit codes of CLI.md: a public interface.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

// A usage mistake (bad flag, bad chain spec, bad parameter value): exit 2.
struct UsageError {
    std::string message;
};

// One subcommand. Each Cmd*.cpp registers itself with a static CommandRegistration,
// so adding a subcommand touches no shared file.
struct Command {
    std::string name;
    std::string summary; // one line for `fxrack-cli --help`
    std::string usage;   // the full `--help` text
    std::function<int(const std::vector<std::string>& args)> run;
};

std::vector<Command>& commands();

struct CommandRegistration {
    explicit CommandRegistration(Command command);
};

// Prints "fxrack-cli: <message>" on stderr as one line.
void printError(std::string_view message);

// Small argument helpers shared by the subcommands.
class ArgReader {
public:
    explicit ArgReader(const std::vector<std::string>& args) : m_args(args) {}
    bool atEnd() const { return m_pos >= m_args.size(); }
    const std::string& peek() const { return m_args[m_pos]; }
    std::string next() { return m_args[m_pos++]; }
    // The value after a flag; throws UsageError naming the flag when it is missing.
    std::string value(std::string_view flag);
    static double toNumber(std::string_view flag, const std::string& text);
    static int toInt(std::string_view flag, const std::string& text, int min, int max);

private:
    const std::vector<std::string>& m_args;
    size_t m_pos = 0;
};

} // namespace fxrack::cli
