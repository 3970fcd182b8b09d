#pragma once

#include "dsp/Parameter.h"

#include <QString>

namespace fxrack::app {

// How the GUI shows parameter metadata: labels and values in the user's language and locale.
// The DSP metadata stays in English identifiers; these are only for display.
QString parameterLabel(const dsp::ParamInfo& info);
QString categoryLabel(const QString& category);
QString choiceLabel(const std::string& choice);
QString formatParamValue(const dsp::ParamInfo& info, double value);
// Parses a typed value ("8000", "8 000 Hz", "-6 dB", "8k"); nullopt-like: ok false when not a number.
double parseParamValue(const dsp::ParamInfo& info, const QString& text, bool* ok);

// Knob position 0..1 <-> value, following the metadata's scale (log for Hz and ms).
double valueToPosition(const dsp::ParamInfo& info, double value);
double positionToValue(const dsp::ParamInfo& info, double position);

} // namespace fxrack::app
