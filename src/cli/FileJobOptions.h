#pragma once

#include "io/Batch.h"

#include <optional>
#include <string>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace fxrack::cli {

// The options `process` and `batch` share, declared once so both parse, check and describe
// them alike: where the chain comes from, how files are written, chunking, device, tail and
// the progress bar.
struct FileJobOptions {
    std::string chain;
    std::string session;
    bool progress = false;

    // Declares the options on a subcommand (their --help lines too).
    void addTo(CLI::App& app);
    // `base` (a session's batch settings, or the defaults) with every option given on the
    // command line over it. Throws UsageError naming the flag for a bad value.
    io::BatchOptions applyTo(io::BatchOptions base) const;
    // The values given, checked; call before anything is read so a bad flag fails first.
    void check() const { (void)applyTo({}); }

private:
    // The values as given; a flag counts as given even with an empty value (an error, then).
    struct Given {
        std::string text;
        CLI::Option* option = nullptr;
        bool given() const;
        // Registers --NAME as a text option whose presence given() reports.
        void addTo(CLI::App& app, const std::string& name, const std::string& help,
                   const std::string& typeName);
    };
    Given m_chunkSize, m_device, m_format, m_subtype, m_quality, m_rate, m_tail;
};

} // namespace fxrack::cli
