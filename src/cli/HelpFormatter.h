#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace fxrack::cli {

// A subcommand's `--help` in the CLI's own layout, generated from its options:
//
//   usage: fxrack-cli NAME ...        (the command's usage lines)
//                                     (blank)
//   What it does.                     (the command's paragraph)
//                                     (blank)
//   options:                          (each option group, in declaration order)
//     --flag VALUE          description, continuation lines indented
//                                     (blank)
//   exit codes: ...                   (the footer, when there is one)
class HelpFormatter : public CLI::Formatter {
public:
    static constexpr int kColumn = 24;

    HelpFormatter(std::string usage, std::string about) : m_usage(std::move(usage)), m_about(std::move(about))
    {}

    std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override;
    std::string make_option(const CLI::Option* opt, bool isPositional) const override;

private:
    std::string m_usage;
    std::string m_about;
};

} // namespace fxrack::cli
