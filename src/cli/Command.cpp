#include "cli/Command.h"

#include <charconv>
#include <cmath>
#include <iostream>

namespace fxrack::cli {

std::vector<Command>& commands()
{
    static std::vector<Command> all;
    return all;
}

CommandRegistration::CommandRegistration(Command command)
{
    commands().push_back(std::move(command));
}

void printError(std::string_view message)
{
    std::string line(message);
    for (auto& ch : line)
        if (ch == '\n')
            ch = ' ';
    std::cerr << "fxrack-cli: " << line << std::endl;
}

double toNumber(std::string_view flag, const std::string& text)
{
    double v = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
        throw UsageError{"option " + std::string(flag) + ": \"" + text + "\" is not a number"};
    return v;
}

int toInt(std::string_view flag, const std::string& text, int min, int max)
{
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
        throw UsageError{"option " + std::string(flag) + ": \"" + text + "\" is not a whole number"};
    if (v < min || v > max)
        throw UsageError{"option " + std::string(flag) + ": " + text + " is out of range [" +
                         std::to_string(min) + ", " + std::to_string(max) + "]"};
    return v;
}

} // namespace fxrack::cli
