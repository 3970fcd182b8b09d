#pragma once

#include "dsp/EffectChain.h"
#include "realtime/RealtimeProcessor.h"

#include <string>
#include <vector>

namespace fxrack::cli {

// One scripted change of a live run, at an audio time: `--set T:PATH=VALUE` and
// `--edit T:insert:INDEX:SPEC | T:remove:INDEX | T:move:FROM:TO | T:bypass:INDEX:on|off`.
struct ScriptedEdit {
    enum class Kind { Set, Insert, Remove, Move, Bypass };
    Kind kind = Kind::Set;
    double atSeconds = 0.0;
    std::string text; // as given, for messages
    std::string path; // Set
    double value = 0.0;
    int index = 0;    // Insert, Remove, Bypass; Move: from
    int to = 0;       // Move
    std::string spec; // Insert: one effect in the chain language
    bool on = false;  // Bypass
};

// UsageError naming the option and the expected form.
ScriptedEdit parseSet(const std::string& text);
ScriptedEdit parseEdit(const std::string& text);

// Sorts the script by time (stable: edits given for the same time keep their order) and plays it
// on a copy of `chain` at `sampleRate`, so that a bad index, spec, path or value fails before any
// audio runs: ParameterError naming the option.
void checkScript(std::vector<ScriptedEdit>& script, const dsp::EffectChain& chain, double sampleRate);

// Applies one step to the running processor (control thread).
void applyEdit(realtime::RealtimeProcessor& processor, const ScriptedEdit& edit);

} // namespace fxrack::cli
