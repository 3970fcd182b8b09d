#pragma once

#include "dsp/Parameter.h"

#include <QString>
#include <string>

namespace fxrack::app {

// Display names of the catalogue's identifiers in the user's language. The DSP metadata stays
// in English identifiers ("room_size"); these are only for display ("Room size", "Raumgröße").
QString parameterLabel(const dsp::ParamInfo& info);
QString categoryLabel(const QString& category);
QString choiceLabel(const std::string& choice);

} // namespace fxrack::app
