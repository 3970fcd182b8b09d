#include "dsp/Parameter.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

namespace fxrack::dsp {
namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string number(double v)
{
    std::ostringstream os;
    os.precision(6);
    os << v;
    return os.str();
}

ParamInfo make(std::string name, Unit unit, double def, double min, double max, Scale scale, bool continuous)
{
    ParamInfo p;
    p.name = std::move(name);
    p.unit = unit;
    p.defaultValue = def;
    p.minValue = min;
    p.maxValue = max;
    p.scale = scale;
    p.continuous = continuous;
    p.smoothing = p.isDiscrete() ? Smoothing::None : Smoothing::Linear;
    return p;
}

} // namespace

std::string_view unitName(Unit unit) noexcept
{
    switch (unit) {
    case Unit::Hz:
        return "Hz";
    case Unit::Db:
        return "dB";
    case Unit::Ms:
        return "ms";
    case Unit::Samples:
        return "samples";
    case Unit::Ratio:
        return "ratio";
    case Unit::Linear:
        return "linear";
    case Unit::Choice:
        return "choice";
    case Unit::Bool:
        return "bool";
    case Unit::Int:
        return "int";
    case Unit::Path:
        return "path";
    }
    return "linear";
}

std::string_view scaleName(Scale scale) noexcept
{
    return scale == Scale::Log ? "log" : "linear";
}

std::string_view smoothingName(Smoothing smoothing) noexcept
{
    switch (smoothing) {
    case Smoothing::None:
        return "none";
    case Smoothing::Linear:
        return "linear";
    case Smoothing::Multiplicative:
        return "multiplicative";
    case Smoothing::Decibel:
        return "decibel";
    case Smoothing::OnePole:
        return "one-pole";
    }
    return "none";
}

bool ParamInfo::matches(std::string_view n) const noexcept
{
    if (n == name)
        return true;
    return std::any_of(aliases.begin(), aliases.end(), [n](const std::string& a) { return n == a; });
}

int ParamInfo::choiceIndex(std::string_view choice) const noexcept
{
    for (size_t i = 0; i < choices.size(); ++i)
        if (equalsIgnoreCase(choices[i], choice))
            return static_cast<int>(i);
    return -1;
}

std::string ParamInfo::formatValue(double value) const
{
    switch (unit) {
    case Unit::Choice: {
        const auto i = static_cast<size_t>(std::lround(value));
        return i < choices.size() ? choices[i] : number(value);
    }
    case Unit::Bool:
        return value != 0.0 ? "true" : "false";
    case Unit::Int:
    case Unit::Linear:
        return number(value);
    case Unit::Ratio:
        return number(value) + ":1";
    default:
        return number(value) + " " + std::string(unitName(unit));
    }
}

std::string ParamInfo::checkValue(double value) const
{
    if (unit == Unit::Path)
        return value == 0.0 ? std::string() : "is a file path, not a number";
    if (!std::isfinite(value))
        return "must be a finite number, got " + number(value);
    if (isDiscrete() && value != std::round(value))
        return "must be a whole number, got " + number(value);
    if (unit == Unit::Choice) {
        if (value < 0 || value >= static_cast<double>(choices.size())) {
            std::string list;
            for (const auto& c : choices)
                list += (list.empty() ? "" : ", ") + c;
            return "must be one of " + list;
        }
        return {};
    }
    if (value < minValue || value > maxValue)
        return "= " + number(value) + " is out of range [" + number(minValue) + ", " + number(maxValue) + "]";
    return {};
}

ParamInfo hzParam(std::string name, double def, double min, double max)
{
    auto p = make(std::move(name), Unit::Hz, def, min, max, Scale::Log, true);
    p.smoothing = Smoothing::Multiplicative;
    return p;
}
ParamInfo dbParam(std::string name, double def, double min, double max)
{
    auto p = make(std::move(name), Unit::Db, def, min, max, Scale::Linear, true);
    p.smoothing = Smoothing::Decibel;
    return p;
}
ParamInfo msParam(std::string name, double def, double min, double max)
{
    return make(std::move(name), Unit::Ms, def, min, max, Scale::Log, true);
}
ParamInfo linearParam(std::string name, double def, double min, double max)
{
    return make(std::move(name), Unit::Linear, def, min, max, Scale::Linear, true);
}
ParamInfo ratioParam(std::string name, double def, double min, double max)
{
    auto p = make(std::move(name), Unit::Ratio, def, min, max, Scale::Log, true);
    p.smoothing = min > 0.0 ? Smoothing::Multiplicative : Smoothing::Linear;
    return p;
}
ParamInfo intParam(std::string name, double def, double min, double max, bool continuous)
{
    return make(std::move(name), Unit::Int, def, min, max, Scale::Linear, continuous);
}
ParamInfo boolParam(std::string name, bool def, bool continuous)
{
    return make(std::move(name), Unit::Bool, def ? 1.0 : 0.0, 0.0, 1.0, Scale::Linear, continuous);
}
ParamInfo choiceParam(std::string name, std::vector<std::string> choices, int def, bool continuous)
{
    auto p = make(std::move(name), Unit::Choice, def, 0.0, static_cast<double>(choices.size()) - 1.0,
                  Scale::Linear, continuous);
    p.choices = std::move(choices);
    return p;
}
ParamInfo mixParam(double def)
{
    auto p = make("mix", Unit::Linear, def, 0.0, 1.0, Scale::Linear, true);
    p.help = "dry/wet: 0 is the input (delayed by the effect's latency), 1 the effect alone";
    p.appended = true;
    return p;
}

ParamInfo pathParam(std::string name)
{
    auto p = make(std::move(name), Unit::Path, 0.0, 0.0, 0.0, Scale::Linear, false);
    p.smoothing = Smoothing::None;
    return p;
}

ParamInfo withHelp(ParamInfo p, std::string help)
{
    p.help = std::move(help);
    return p;
}

} // namespace fxrack::dsp
