#pragma once

#include <stdexcept>
#include <string>

namespace fxrack::io {

// A file that cannot be read or written: what() is one line, "<file>: <reason>".
// Front ends map it to exit code 1.
class FileError : public std::runtime_error {
public:
    FileError(const std::string& path, const std::string& reason)
        : std::runtime_error(path + ": " + reason), m_path(path), m_reason(reason)
    {}
    const std::string& path() const noexcept { return m_path; }
    const std::string& reason() const noexcept { return m_reason; }

private:
    std::string m_path;
    std::string m_reason;
};

// Processing was cancelled by the caller; the partial output has been removed.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

} // namespace fxrack::io
