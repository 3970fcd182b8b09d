#pragma once

#include "dsp/EffectChain.h"
#include "session/Session.h"

#include <optional>
#include <string>

namespace fxrack::cli {

// Where a subcommand's chain comes from: `--chain SPEC` or `--session FILE` (exactly one).
// With a session, its audio and batch settings come along; flags given on the command line
// win over them (each subcommand applies that rule to its own flags).
struct ChainSource {
    dsp::EffectChain chain;
    std::optional<session::Session> session;
    std::string description; // the chain as text, for reports
};

// Throws UsageError (exit 2) when neither or both are given, or the spec or a session's
// values are bad; std::runtime_error (exit 1) naming the file when the session cannot be read.
ChainSource loadChainSource(const std::string& command, const std::string& chainSpec,
                            const std::string& sessionPath);

} // namespace fxrack::cli
