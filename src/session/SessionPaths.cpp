#include "session/SessionPaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace fxrack::session {
namespace {

QString xdgDir(const char* variable, const QString& fallbackUnderHome)
{
    const QString value = qEnvironmentVariable(variable);
    // The spec says relative values are invalid and must be ignored.
    if (!value.isEmpty() && QDir::isAbsolutePath(value))
        return QDir::cleanPath(value);
    return QDir::cleanPath(QDir::homePath() + QLatin1Char('/') + fallbackUnderHome);
}

} // namespace

QString SessionPaths::stateDir()
{
    return xdgDir("XDG_STATE_HOME", QStringLiteral(".local/state")) + QStringLiteral("/fxrack");
}

QString SessionPaths::dataDir()
{
    return xdgDir("XDG_DATA_HOME", QStringLiteral(".local/share")) + QStringLiteral("/fxrack");
}

QString SessionPaths::userPresetDir()
{
    return dataDir() + QStringLiteral("/presets");
}

QStringList SessionPaths::factoryPresetSearchPath()
{
    QStringList dirs;
    if (const QString env = qEnvironmentVariable("FXRACK_PRESETS_DIR"); !env.isEmpty())
        dirs << env;
    if (QCoreApplication::instance())
        dirs << QDir::cleanPath(QCoreApplication::applicationDirPath() +
                                QStringLiteral("/../share/fxrack/presets"));
    dirs << QStringLiteral(":/fxrack/presets");
#ifdef FXRACK_PRESETS_SOURCE_DIR
    dirs << QStringLiteral(FXRACK_PRESETS_SOURCE_DIR);
#endif
    return dirs;
}

QString SessionPaths::factoryPresetDir()
{
    for (const QString& dir : factoryPresetSearchPath())
        if (QFileInfo(dir).isDir())
            return dir;
    return {};
}

} // namespace fxrack::session
