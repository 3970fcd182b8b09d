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

namespace fxrack::dsp {

// An impulse response file that cannot be used (missing, not audio, too long, a channel count
// with no meaning): what() is one line naming the file. Front ends map it to exit 1, as any file error.
class ImpulseResponseError : public std::runtime_error {
public:
    ImpulseResponseError(const std::string& path, const std::string& reason)
        : std::runtime_error(path + ": " + reason), m_path(path)
    {}
    // The same error, said of the effect in chain slot `slot`: "Convolver (slot 2): cab.wav: ...".
    ImpulseResponseError inSlot(const std::string& effect, int slot) const
    {
        return ImpulseResponseError(m_path, effect + " (slot " + std::to_string(slot) + "): " + what(), 0);
    }
    const std::string& path() const noexcept { return m_path; }

private:
    ImpulseResponseError(const std::string& path, const std::string& message, int)
        : std::runtime_error(message), m_path(path)
    {}
    std::string m_path;
};

} // namespace fxrack::dsp
