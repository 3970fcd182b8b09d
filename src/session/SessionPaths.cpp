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

// The first folder of `dirs` that exists (empty when none does).
QString firstDir(const QStringList& dirs)
{
    for (const QString& dir : dirs)
        if (QFileInfo(dir).isDir())
            return dir;
    return {};
}

// The first places factory files of `kind` are looked in: the variable when set, then the
// installed share/fxrack/<kind> next to the executable.
QStringList factorySearchPath(const char* variable, const QString& kind)
{
    QStringList dirs;
    if (const QString env = qEnvironmentVariable(variable); !env.isEmpty())
        dirs << env;
    if (QCoreApplication::instance())
        dirs << QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/fxrack/") +
                                kind);
    return dirs;
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
    QStringList dirs = factorySearchPath("FXRACK_PRESETS_DIR", QStringLiteral("presets"));
    dirs << QStringLiteral(":/fxrack/presets");
#ifdef FXRACK_PRESETS_SOURCE_DIR
    dirs << QStringLiteral(FXRACK_PRESETS_SOURCE_DIR);
#endif
    return dirs;
}

QString SessionPaths::factoryPresetDir()
{
    return firstDir(factoryPresetSearchPath());
}

QStringList SessionPaths::factoryIrSearchPath()
{
    QStringList dirs = factorySearchPath("FXRACK_IRS_DIR", QStringLiteral("irs"));
#ifdef FXRACK_IRS_SOURCE_DIR
    dirs << QStringLiteral(FXRACK_IRS_SOURCE_DIR);
#endif
    return dirs;
}

QString SessionPaths::factoryIrDir()
{
    return firstDir(factoryIrSearchPath());
}

QStringList SessionPaths::factoryIrs()
{
    const QString dir = factoryIrDir();
    if (dir.isEmpty())
        return {};
    QStringList paths;
    for (const QFileInfo& file : QDir(dir).entryInfoList({QStringLiteral("*.wav")}, QDir::Files, QDir::Name))
        paths << file.absoluteFilePath();
    return paths;
}

} // namespace fxrack::session
