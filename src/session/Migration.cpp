#include "session/Migration.h"

#include "FxrackVersion.h"
#include "session/Session.h"
#include "session/SessionError.h"

#include <cmath>

namespace fxrack::session {

Migration::Migration(int currentVersion, std::vector<Step> steps)
    : m_current(currentVersion), m_steps(std::move(steps))
{}

const Migration& Migration::sessions()
{
    // Version 1 is the first format: nothing to migrate from yet.
    static const Migration migration(Session::kFormatVersion, {});
    return migration;
}

int Migration::upgrade(QJsonObject& document, QStringList* notices) const
{
    const QString field = QStringLiteral("format_version");
    const QJsonValue raw = document.value(field);
    if (raw.isUndefined())
        throw SessionError(SessionError::Kind::Version, field, QStringLiteral("missing"));
    const double number = raw.toDouble(std::nan(""));
    if (!raw.isDouble() || number != std::floor(number))
        throw SessionError(SessionError::Kind::Version, field,
                           QStringLiteral("expected a whole number, got %1")
                               .arg(raw.isString() ? QLatin1Char('"') + raw.toString() + QLatin1Char('"')
                                                   : QStringLiteral("another type")));
    if (number > m_current)
        throw SessionError(
            SessionError::Kind::Version, field,
            QStringLiteral("the file is format version %1, but FXRack %2 reads format versions "
                           "up to %3; open it with a newer FXRack")
                .arg(QString::number(number, 'g', 17), QStringLiteral(FXRACK_VERSION))
                .arg(m_current));
    if (number < 1)
        throw SessionError(SessionError::Kind::Version, field,
                           QStringLiteral("%1 is not a format version (the first is 1)")
                               .arg(QString::number(number, 'g', 17)));
    const int original = static_cast<int>(number);
    for (int version = original; version < m_current; ++version) {
        const Step* step = nullptr;
        for (const auto& s : m_steps)
            if (s.from == version)
                step = &s;
        if (!step || !step->apply)
            throw SessionError(
                SessionError::Kind::Version, field,
                QStringLiteral("no migration from format version %1 to %2").arg(version).arg(version + 1));
        step->apply(document);
        if (notices)
            *notices << QStringLiteral("format_version: migrated from %1 to %2: %3")
                            .arg(version)
                            .arg(version + 1)
                            .arg(step->what);
    }
    document.insert(field, m_current);
    return original;
}

} // namespace fxrack::session
