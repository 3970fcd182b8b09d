#include "cli/Command.h"
#include "cli/Json.h"
#include "dsp/EffectRegistry.h"

#include <iostream>

namespace fxrack::cli {
namespace {

std::string parameterJson(const dsp::ParamInfo& p)
{
    JsonWriter w;
    w.beginObject();
    w.key("name").string(p.name);
    w.key("unit").string(dsp::unitName(p.unit));
    if (p.unit == dsp::Unit::Choice) {
        w.key("default").string(p.formatValue(p.defaultValue));
        w.key("choices").beginArray();
        for (const auto& c : p.choices)
            w.string(c);
        w.endArray();
    } else if (p.unit == dsp::Unit::Bool) {
        w.key("default").boolean(p.defaultValue != 0.0);
    } else {
        w.key("default").number(p.defaultValue);
    }
    w.key("min").number(p.minValue);
    w.key("max").number(p.maxValue);
    w.key("scale").string(dsp::scaleName(p.scale));
    w.key("continuous").boolean(p.continuous);
    // What a live change does: structural and discrete parameters jump (0 ms).
    const auto smoothing = p.rampStyle();
    w.key("smoothing").string(dsp::smoothingName(smoothing));
    w.key("ramp_ms").number(smoothing == dsp::Smoothing::None ? 0.0 : p.rampMs);
    w.endObject();
    return w.str();
}

int runEffects(const std::vector<std::string>& args)
{
    bool json = false;
    for (const auto& a : args) {
        if (a == "--json")
            json = true;
        else
            throw UsageError{"effects: unknown option \"" + a + "\""};
    }
    const auto types = dsp::EffectRegistry::builtin().types();
    if (json) {
        JsonWriter w;
        w.beginArray();
        for (const auto* t : types) {
            w.beginObject();
            w.key("name").string(t->name);
            w.key("category").string(t->category);
            w.key("parameters").beginArray();
            for (const auto& p : t->params)
                w.raw(parameterJson(p));
            w.endArray();
            w.endObject();
        }
        w.endArray();
        std::cout << w.str() << "\n";
        return ExitOk;
    }
    for (const auto* t : types) {
        std::cout << t->name << " (" << t->category << ")";
        if (!t->help.empty())
            std::cout << ": " << t->help;
        std::cout << "\n";
        for (const auto& p : t->params) {
            std::cout << "    " << p.name << " = " << p.formatValue(p.defaultValue);
            if (p.unit == dsp::Unit::Choice) {
                std::cout << "  {";
                for (size_t i = 0; i < p.choices.size(); ++i)
                    std::cout << (i ? ", " : "") << p.choices[i];
                std::cout << "}";
            } else if (p.unit != dsp::Unit::Bool) {
                std::cout << "  [" << p.formatValue(p.minValue) << " .. " << p.formatValue(p.maxValue) << "]";
            }
            std::cout << (p.continuous ? "" : "  (structural)") << "\n";
        }
    }
    return ExitOk;
}

const CommandRegistration registration{{"effects", "list the effect catalogue and its parameters",
                                        "usage: fxrack-cli effects [--json]\n\n"
                                        "Lists every effect with its parameters: default, range, unit, and\n"
                                        "whether it is continuous (changeable live) or structural.\n"
                                        "  --json   one JSON array of {name, category, parameters: [...]}\n",
                                        runEffects}};

} // namespace
} // namespace fxrack::cli
