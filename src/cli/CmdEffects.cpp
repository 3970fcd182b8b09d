#include "cli/Command.h"
#include "dsp/EffectRegistry.h"
#include "session/JsonWriter.h"

#include <CLI/CLI.hpp>
#include <iostream>

namespace fxrack::cli {
namespace {

void writeParameter(session::JsonWriter& w, const dsp::ParamInfo& p)
{
    w.beginObject();
    w.text("name", p.name);
    w.text("unit", dsp::unitName(p.unit));
    if (p.unit == dsp::Unit::Choice) {
        w.text("default", p.formatValue(p.defaultValue));
        w.key("choices");
        w.beginArray();
        for (const auto& c : p.choices)
            w.value(std::string_view(c));
        w.endArray();
    } else if (p.unit == dsp::Unit::Bool) {
        w.flag("default", p.defaultValue != 0.0);
    } else if (p.isText()) {
        w.text("default", ""); // a file path, given as a string: ir="cab.wav"
    } else {
        w.number("default", p.defaultValue);
    }
    w.number("min", p.minValue);
    w.number("max", p.maxValue);
    w.text("scale", dsp::scaleName(p.scale));
    w.flag("continuous", p.continuous);
    // What a live change does: structural and discrete parameters jump (0 ms).
    const auto smoothing = p.rampStyle();
    w.text("smoothing", dsp::smoothingName(smoothing));
    w.number("ramp_ms", smoothing == dsp::Smoothing::None ? 0.0 : p.rampMs);
    w.endObject();
}

int runEffects(bool json)
{
    const auto types = dsp::EffectRegistry::builtin().types();
    if (json) {
        session::JsonWriter w;
        w.beginArray();
        for (const auto* t : types) {
            w.beginObject();
            w.text("name", t->name);
            w.text("category", t->category);
            w.key("parameters");
            w.beginArray();
            for (const auto& p : t->params)
                writeParameter(w, p);
            w.endArray();
            w.endObject();
        }
        w.endArray();
        std::cout << w.finish().constData();
        return ExitOk;
    }
    for (const auto* t : types) {
        std::cout << t->name << " (" << t->category << ")";
        if (!t->help.empty())
            std::cout << ": " << t->help;
        std::cout << "\n";
        for (const auto& p : t->params) {
            if (p.isText()) {
                std::cout << "    " << p.name << " = \"\"  (a file path)"
                          << (p.continuous ? "" : "  (structural)") << "\n";
                continue;
            }
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

const CommandRegistration registration{{
    "effects",
    "list the effect catalogue and its parameters",
    "usage: fxrack-cli effects [--json]\n",
    "Lists every effect with its parameters: default, range, unit, and\n"
    "whether it is continuous (changeable live) or structural.\n",
    [](CLI::App& app) -> std::function<int()> {
        auto json = std::make_shared<bool>(false);
        app.add_flag("--json", *json, "one JSON array of {name, category, parameters: [...]}");
        return [json] { return runEffects(*json); };
    },
}};

} // namespace
} // namespace fxrack::cli
