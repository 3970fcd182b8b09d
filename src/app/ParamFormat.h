#pragma once

#include "ParameterLabels.h"
#include "dsp/Parameter.h"

#include <QString>

namespace fxrack::app {

// How the GUI shows parameter values in the user's locale (labels: ParameterLabels.h).
QString formatParamValue(const dsp::ParamInfo& info, double value);
// Parses a typed value ("8000", "8 000 Hz", "-6 dB", "8k"); nullopt-like: ok false when not a number.
double parseParamValue(const dsp::ParamInfo& info, const QString& text, bool* ok);

// Knob position 0..1 <-> value, following the metadata's scale (log for Hz and ms).
double valueToPosition(const dsp::ParamInfo& info, double value);
double positionToValue(const dsp::ParamInfo& info, double position);

} // namespace fxrack::app
