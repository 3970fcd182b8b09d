#include "cli/LiveScript.h"

#include "cli/Command.h"
#include "dsp/ChainSpec.h"
#include "dsp/Errors.h"

#include <algorithm>
#include <limits>

namespace fxrack::cli {
namespace {

std::vector<std::string> split(const std::string& text, char separator, size_t maxParts)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (parts.size() + 1 < maxParts) {
        const auto at = text.find(separator, start);
        if (at == std::string::npos)
            break;
        parts.push_back(text.substr(start, at - start));
        start = at + 1;
    }
    parts.push_back(text.substr(start));
    return parts;
}

double timeOf(const std::string& flag, const std::string& text, const std::string& field)
{
    const double t = toNumber(flag, field);
    if (t < 0)
        throw UsageError{flag + " \"" + text + "\": the time is negative"};
    return t;
}

// The one effect a SPEC names, e.g. "Gain(1.0)".
std::unique_ptr<dsp::Effect> effectOf(const ScriptedEdit& edit)
{
    auto chain = dsp::parseChain(edit.spec);
    if (chain.size() != 1)
        throw dsp::ParameterError("--edit " + edit.text + ": SPEC must name one effect, not " +
                                  std::to_string(chain.size()));
    return chain.remove(0);
}

} // namespace

ScriptedEdit parseSet(const std::string& text)
{
    // AT_SECONDS:PATH=VALUE, e.g. 1.5:0.cutoff=500
    const auto colon = text.find(':');
    const auto eq = text.find('=', colon == std::string::npos ? 0 : colon);
    if (colon == std::string::npos || eq == std::string::npos || eq == colon + 1)
        throw UsageError{"--set \"" + text + "\": expected AT_SECONDS:PATH=VALUE, e.g. 1.5:0.cutoff=500"};
    ScriptedEdit s;
    s.kind = ScriptedEdit::Kind::Set;
    s.text = text;
    s.atSeconds = timeOf("--set", text, text.substr(0, colon));
    s.path = text.substr(colon + 1, eq - colon - 1);
    s.value = toNumber("--set", text.substr(eq + 1));
    return s;
}

ScriptedEdit parseEdit(const std::string& text)
{
    const auto usage = [&] {
        return UsageError{"--edit \"" + text +
                          "\": expected T:insert:INDEX:SPEC, T:remove:INDEX, T:move:FROM:TO or "
                          "T:bypass:INDEX:on|off"};
    };
    // The SPEC may hold colons of its own: split off at most four fields.
    const auto parts = split(text, ':', 4);
    if (parts.size() < 3)
        throw usage();
    ScriptedEdit e;
    e.text = text;
    e.atSeconds = timeOf("--edit", text, parts[0]);
    const std::string& verb = parts[1];
    const int maxIndex = std::numeric_limits<int>::max();
    if (verb == "insert" && parts.size() == 4) {
        e.kind = ScriptedEdit::Kind::Insert;
        e.index = toInt("--edit", parts[2], 0, maxIndex);
        e.spec = parts[3];
    } else if (verb == "remove" && parts.size() == 3) {
        e.kind = ScriptedEdit::Kind::Remove;
        e.index = toInt("--edit", parts[2], 0, maxIndex);
    } else if (verb == "move" && parts.size() == 4) {
        e.kind = ScriptedEdit::Kind::Move;
        e.index = toInt("--edit", parts[2], 0, maxIndex);
        e.to = toInt("--edit", parts[3], 0, maxIndex);
    } else if (verb == "bypass" && parts.size() == 4 && (parts[3] == "on" || parts[3] == "off")) {
        e.kind = ScriptedEdit::Kind::Bypass;
        e.index = toInt("--edit", parts[2], 0, maxIndex);
        e.on = parts[3] == "on";
    } else {
        throw usage();
    }
    return e;
}

void checkScript(std::vector<ScriptedEdit>& script, const dsp::EffectChain& chain, double sampleRate)
{
    std::stable_sort(script.begin(), script.end(),
                     [](const ScriptedEdit& a, const ScriptedEdit& b) { return a.atSeconds < b.atSeconds; });
    auto probe = chain.clone();
    const auto checkIndex = [&](const ScriptedEdit& e, int index, int limit) {
        if (index >= limit)
            throw dsp::ParameterError("--edit " + e.text + ": no effect at index " + std::to_string(index) +
                                      " (the chain has " + std::to_string(probe.size()) + " effects then)");
    };
    for (const auto& e : script) {
        switch (e.kind) {
        case ScriptedEdit::Kind::Set: {
            const auto at = probe.resolve(e.path);
            try {
                probe.at(at.slot).setParameter(at.paramId, e.value);
                probe.at(at.slot).validate(sampleRate);
            } catch (const dsp::ParameterError& error) {
                throw dsp::ParameterError("--set " + e.path + ": " + error.what());
            }
            break;
        }
        case ScriptedEdit::Kind::Insert: {
            checkIndex(e, e.index, probe.size() + 1);
            auto effect = effectOf(e);
            try {
                effect->validate(sampleRate);
            } catch (const dsp::ParameterError& error) {
                throw dsp::ParameterError("--edit " + e.text + ": " + error.what());
            }
            if (effect->needsAnalysis())
                throw dsp::ParameterError("--edit " + e.text + ": " + effect->name() + " " +
                                          realtime::RealtimeProcessor::kAnalysisRefusal);
            probe.insert(e.index, std::move(effect));
            break;
        }
        case ScriptedEdit::Kind::Remove:
            checkIndex(e, e.index, probe.size());
            probe.remove(e.index);
            break;
        case ScriptedEdit::Kind::Move:
            checkIndex(e, e.index, probe.size());
            checkIndex(e, e.to, probe.size());
            probe.move(e.index, e.to);
            break;
        case ScriptedEdit::Kind::Bypass:
            checkIndex(e, e.index, probe.size());
            break;
        }
    }
}

void applyEdit(realtime::RealtimeProcessor& processor, const ScriptedEdit& edit)
{
    switch (edit.kind) {
    case ScriptedEdit::Kind::Set:
        processor.setParameter(edit.path, edit.value);
        break;
    case ScriptedEdit::Kind::Insert:
        processor.addEffect(effectOf(edit), edit.index);
        break;
    case ScriptedEdit::Kind::Remove:
        processor.removeEffect(edit.index);
        break;
    case ScriptedEdit::Kind::Move:
        processor.moveEffect(edit.index, edit.to);
        break;
    case ScriptedEdit::Kind::Bypass:
        processor.setBypass(edit.index, edit.on);
        break;
    }
}

} // namespace fxrack::cli
