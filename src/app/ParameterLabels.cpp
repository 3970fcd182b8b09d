// Display names of the catalogue's identifiers, listed for lupdate. The DSP layer names things
// as TorchFX does ("room_size"); users read "Room size", or "Raumgröße".
#include "ParameterLabels.h"

#include <QCoreApplication>
#include <QHash>

namespace fxrack::app {
namespace {

struct Entry {
    const char* id;
    const char* label;
};

const Entry kParameters[] = {
    {"attack_ms", QT_TRANSLATE_NOOP("Parameter", "Attack")},
    {"attenuation", QT_TRANSLATE_NOOP("Parameter", "Attenuation")},
    {"bpm", QT_TRANSLATE_NOOP("Parameter", "Tempo (BPM)")},
    {"ceiling", QT_TRANSLATE_NOOP("Parameter", "Ceiling")},
    {"clamp", QT_TRANSLATE_NOOP("Parameter", "Clamp")},
    {"cutoff", QT_TRANSLATE_NOOP("Parameter", "Cutoff")},
    {"cutoff_high", QT_TRANSLATE_NOOP("Parameter", "Upper cutoff")},
    {"damping", QT_TRANSLATE_NOOP("Parameter", "Damping")},
    {"delay_samples", QT_TRANSLATE_NOOP("Parameter", "Delay (samples)")},
    {"delay_time", QT_TRANSLATE_NOOP("Parameter", "Note value")},
    {"depth", QT_TRANSLATE_NOOP("Parameter", "Depth")},
    {"depth_ms", QT_TRANSLATE_NOOP("Parameter", "Depth")},
    {"drive", QT_TRANSLATE_NOOP("Parameter", "Drive")},
    {"feedback", QT_TRANSLATE_NOOP("Parameter", "Feedback")},
    {"frequency", QT_TRANSLATE_NOOP("Parameter", "Frequency")},
    {"gain", QT_TRANSLATE_NOOP("Parameter", "Gain")},
    {"gain_scale", QT_TRANSLATE_NOOP("Parameter", "Gain scale")},
    {"gain_type", QT_TRANSLATE_NOOP("Parameter", "Gain type")},
    {"hold_ms", QT_TRANSLATE_NOOP("Parameter", "Hold")},
    {"knee_db", QT_TRANSLATE_NOOP("Parameter", "Knee")},
    {"lookahead_ms", QT_TRANSLATE_NOOP("Parameter", "Look-ahead")},
    {"lufs", QT_TRANSLATE_NOOP("Parameter", "Loudness target")},
    {"makeup_db", QT_TRANSLATE_NOOP("Parameter", "Make-up")},
    {"mix", QT_TRANSLATE_NOOP("Parameter", "Mix")},
    {"num_taps", QT_TRANSLATE_NOOP("Parameter", "Taps")},
    {"order", QT_TRANSLATE_NOOP("Parameter", "Order")},
    {"pass_zero", QT_TRANSLATE_NOOP("Parameter", "Pass DC")},
    {"passband_ripple", QT_TRANSLATE_NOOP("Parameter", "Passband ripple")},
    {"peak", QT_TRANSLATE_NOOP("Parameter", "Peak")},
    {"percentile", QT_TRANSLATE_NOOP("Parameter", "Percentile")},
    {"q", QT_TRANSLATE_NOOP("Parameter", "Q")},
    {"range_db", QT_TRANSLATE_NOOP("Parameter", "Range")},
    {"rate_hz", QT_TRANSLATE_NOOP("Parameter", "Rate")},
    {"ratio", QT_TRANSLATE_NOOP("Parameter", "Ratio")},
    {"release_ms", QT_TRANSLATE_NOOP("Parameter", "Release")},
    {"ripple", QT_TRANSLATE_NOOP("Parameter", "Ripple")},
    {"room_size", QT_TRANSLATE_NOOP("Parameter", "Room size")},
    {"stopband_attenuation", QT_TRANSLATE_NOOP("Parameter", "Stopband attenuation")},
    {"strategy", QT_TRANSLATE_NOOP("Parameter", "Strategy")},
    {"taps", QT_TRANSLATE_NOOP("Parameter", "Repeats")},
    {"threshold", QT_TRANSLATE_NOOP("Parameter", "Threshold")},
    {"tone", QT_TRANSLATE_NOOP("Parameter", "Tone")},
    {"width", QT_TRANSLATE_NOOP("Parameter", "Width")},
    {"window", QT_TRANSLATE_NOOP("Parameter", "Window")},
};

const Entry kChoices[] = {
    {"amplitude", QT_TRANSLATE_NOOP("Choice", "Amplitude")},
    {"bartlett", QT_TRANSLATE_NOOP("Choice", "Bartlett")},
    {"blackman", QT_TRANSLATE_NOOP("Choice", "Blackman")},
    {"boxcar", QT_TRANSLATE_NOOP("Choice", "Rectangular")},
    {"db", QT_TRANSLATE_NOOP("Choice", "Decibels")},
    {"hamming", QT_TRANSLATE_NOOP("Choice", "Hamming")},
    {"hann", QT_TRANSLATE_NOOP("Choice", "Hann")},
    {"linear", QT_TRANSLATE_NOOP("Choice", "Linear")},
    {"lufs", QT_TRANSLATE_NOOP("Choice", "Loudness (LUFS)")},
    {"mono", QT_TRANSLATE_NOOP("Choice", "Mono")},
    {"peak", QT_TRANSLATE_NOOP("Choice", "Peak")},
    {"per_channel", QT_TRANSLATE_NOOP("Choice", "Peak per channel")},
    {"percentile", QT_TRANSLATE_NOOP("Choice", "Percentile")},
    {"ping_pong", QT_TRANSLATE_NOOP("Choice", "Ping-pong")},
    {"power", QT_TRANSLATE_NOOP("Choice", "Power")},
    {"rms", QT_TRANSLATE_NOOP("Choice", "RMS")},
};

const Entry kCategories[] = {
    {"drive", QT_TRANSLATE_NOOP("Category", "Drive")},
    {"dynamics", QT_TRANSLATE_NOOP("Category", "Dynamics")},
    {"effect", QT_TRANSLATE_NOOP("Category", "Effects")},
    {"eq", QT_TRANSLATE_NOOP("Category", "Equalizers")},
    {"filter", QT_TRANSLATE_NOOP("Category", "Filters")},
    {"modulation", QT_TRANSLATE_NOOP("Category", "Modulation")},
};

template <size_t N> QString lookUp(const Entry (&table)[N], const char* context, const QString& id)
{
    for (const Entry& e : table)
        if (id == QLatin1String(e.id))
            return QCoreApplication::translate(context, e.label);
    return id; // a new identifier shows as itself until it is listed here
}

} // namespace

QString parameterLabel(const dsp::ParamInfo& info)
{
    return lookUp(kParameters, "Parameter", QString::fromStdString(info.name));
}

QString categoryLabel(const QString& category)
{
    return lookUp(kCategories, "Category", category);
}

QString choiceLabel(const std::string& choice)
{
    return lookUp(kChoices, "Choice", QString::fromStdString(choice));
}

} // namespace fxrack::app
