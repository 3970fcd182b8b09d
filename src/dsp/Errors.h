#pragma once

#include <stdexcept>
#include <string>

namespace fxrack::dsp {

// A user's mistake in an effect, a parameter or a chain spec: the message is one
// line that names the effect and parameter at fault. Front ends map it to exit 2.
class ParameterError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

} // namespace fxrack::dsp
