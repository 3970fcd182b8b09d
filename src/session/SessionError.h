#pragma once

#include <QString>
#include <stdexcept>

namespace fxrack::session {

// Why a document (session or preset) could not be read or written. `field` is the path of
// the value at fault in the JSON, e.g. "rack[2].params.cutoff"; message() is one line:
// "<file>: <field>: <reason>". Front ends map File to exit code 1 and the rest to 2.
class SessionError : public std::runtime_error {
public:
    enum class Kind {
        File,    // cannot read or write the file
        Syntax,  // not JSON
        Version, // a format or format_version this FXRack cannot read
        Field,   // a value that is missing, of the wrong type or out of range
    };

    SessionError(Kind kind, QString field, QString reason, QString file = {});

    Kind kind() const noexcept { return m_kind; }
    const QString& field() const noexcept { return m_field; }
    const QString& reason() const noexcept { return m_reason; }
    const QString& file() const noexcept { return m_file; }
    QString message() const { return QString::fromUtf8(what()); }
    // The same error, naming the file it came from.
    SessionError inFile(const QString& file) const { return {m_kind, m_field, m_reason, file}; }

private:
    Kind m_kind;
    QString m_field;
    QString m_reason;
    QString m_file;
};

} // namespace fxrack::session
