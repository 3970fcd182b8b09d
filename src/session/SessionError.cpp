#include "session/SessionError.h"

namespace fxrack::session {
namespace {

std::string compose(const QString& file, const QString& field, const QString& reason)
{
    QString text;
    if (!file.isEmpty())
        text += file + QStringLiteral(": ");
    if (!field.isEmpty())
        text += field + QStringLiteral(": ");
    return (text + reason).toStdString();
}

} // namespace

SessionError::SessionError(Kind kind, QString field, QString reason, QString file)
    : std::runtime_error(compose(file, field, reason)), m_kind(kind), m_field(std::move(field)),
      m_reason(std::move(reason)), m_file(std::move(file))
{}

} // namespace fxrack::session
