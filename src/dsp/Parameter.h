#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace fxrack::dsp {

// Path: a text parameter (a file name, e.g. Convolver's `ir`). Its text is carried beside the
// numeric values (Effect::text(), EffectSpec::texts); its double is unused and always 0. It is
// structural: a new text means a new prepared effect, built off the audio thread.
enum class Unit { Hz, Db, Ms, Samples, Ratio, Linear, Choice, Bool, Int, Path };
enum class Scale { Linear, Log };
// How a continuous parameter moves to a new value, declared once in the parameter table and
// carried out by the Effect base (docs/architecture.md, "The parameter model"):
//  - None: jumps (choices, switches, integers);
//  - Linear: equal steps (mix, linear factors, milliseconds);
//  - Multiplicative: equal ratios (Hz, Q, ratios), so a sweep is even in pitch;
//  - Decibel: equal steps in dB (a dB-valued parameter ramps linearly in dB);
//  - OnePole: exponential approach reaching 99.99 % at the ramp time, then snapping.
enum class Smoothing { None, Linear, Multiplicative, Decibel, OnePole };

std::string_view unitName(Unit unit) noexcept;
std::string_view scaleName(Scale scale) noexcept;
std::string_view smoothingName(Smoothing smoothing) noexcept;

// Metadata of one effect parameter. Every value is carried as a double so a
// parameter change is a small trivially copyable message: choices are indices
// into `choices`, booleans 0 or 1.
struct ParamInfo {
    std::string name;
    Unit unit = Unit::Linear;
    double defaultValue = 0.0;
    double minValue = 0.0;
    double maxValue = 1.0;
    Scale scale = Scale::Linear;
    // Continuous: smoothed and changeable live. Structural: a change rebuilds the effect.
    bool continuous = true;
    // How a live change ramps and for how long (ignored for structural parameters).
    Smoothing smoothing = Smoothing::Linear;
    double rampMs = 50.0;
    // Added by the registry after the effect's own parameters (the base's mix): given by name
    // only in the chain language, and left out of files at its default, which older files lack.
    bool appended = false;
    std::vector<std::string> choices;
    std::vector<std::string> aliases;
    std::string help;
    // The span a knob turns through when it is narrower than what is valid (NaN: min to max).
    // Gain accepts -120..1000 (amplitude, dB or power), but a knob over all of it is useless.
    double knobMin = std::numeric_limits<double>::quiet_NaN();
    double knobMax = std::numeric_limits<double>::quiet_NaN();

    double knobLow() const noexcept { return knobMin == knobMin ? knobMin : minValue; }
    double knobHigh() const noexcept { return knobMax == knobMax ? knobMax : maxValue; }

    bool isText() const noexcept { return unit == Unit::Path; }
    bool isDiscrete() const noexcept
    {
        return unit == Unit::Choice || unit == Unit::Bool || unit == Unit::Int || unit == Unit::Samples;
    }
    // The smoothing a live change gets: None for structural and discrete parameters.
    Smoothing rampStyle() const noexcept { return continuous && !isDiscrete() ? smoothing : Smoothing::None; }
    bool matches(std::string_view n) const noexcept;
    // Index of a choice by name (case-insensitive), or -1.
    int choiceIndex(std::string_view choice) const noexcept;
    // Human-readable value with its unit, e.g. "80 Hz", "-6 dB", "db".
    std::string formatValue(double value) const;
    // Empty when `value` is allowed, else why not (without the effect's name).
    std::string checkValue(double value) const;
};

// Builders that keep the effect tables short and uniform.
ParamInfo hzParam(std::string name, double def, double min = 10.0, double max = 96000.0);
ParamInfo dbParam(std::string name, double def, double min, double max);
ParamInfo msParam(std::string name, double def, double min, double max);
ParamInfo linearParam(std::string name, double def, double min, double max);
ParamInfo ratioParam(std::string name, double def, double min, double max);
ParamInfo intParam(std::string name, double def, double min, double max, bool continuous = false);
ParamInfo boolParam(std::string name, bool def, bool continuous = false);
ParamInfo choiceParam(std::string name, std::vector<std::string> choices, int def, bool continuous = false);
// The dry/wet share every effect gets from the Effect base (0 = the input, 1 = the effect alone).
ParamInfo mixParam(double def = 1.0);
// A file path (Unit::Path), structural, empty by default.
ParamInfo pathParam(std::string name);
// `p` with its help text: withHelp(dbParam(...), "...") in a parameter table.
ParamInfo withHelp(ParamInfo p, std::string help);

} // namespace fxrack::dsp
