#include "AppSettings.h"

#include <QDir>

namespace fxrack::app {
namespace {

const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kLastSession = QStringLiteral("session/last");
const QString kRecent = QStringLiteral("session/recent");
const QString kLanguage = QStringLiteral("ui/language");
const QString kOpenDir = QStringLiteral("dirs/open");
const QString kBatchDir = QStringLiteral("dirs/batch");

} // namespace

AppSettings::AppSettings()
    : m_settings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("fxrack"),
                 QStringLiteral("fxrack"))
{}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(kGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray& value)
{
    m_settings.setValue(kGeometry, value);
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(kState).toByteArray();
}

void AppSettings::setWindowState(const QByteArray& value)
{
    m_settings.setValue(kState, value);
}

QString AppSettings::lastSession() const
{
    return m_settings.value(kLastSession).toString();
}

void AppSettings::setLastSession(const QString& path)
{
    m_settings.setValue(kLastSession, path);
}

QStringList AppSettings::recentSessions() const
{
    return m_settings.value(kRecent).toStringList();
}

void AppSettings::addRecentSession(const QString& path)
{
    QStringList recent = recentSessions();
    const QString clean = QDir::cleanPath(path);
    recent.removeAll(clean);
    recent.prepend(clean);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    m_settings.setValue(kRecent, recent);
}

void AppSettings::clearRecentSessions()
{
    m_settings.remove(kRecent);
}

QString AppSettings::language() const
{
    return m_settings.value(kLanguage).toString();
}

void AppSettings::setLanguage(const QString& code)
{
    m_settings.setValue(kLanguage, code);
}

QString AppSettings::lastOpenDir() const
{
    return m_settings.value(kOpenDir, QDir::homePath()).toString();
}

void AppSettings::setLastOpenDir(const QString& dir)
{
    m_settings.setValue(kOpenDir, dir);
}

QString AppSettings::lastBatchDir() const
{
    return m_settings.value(kBatchDir, QDir::homePath()).toString();
}

void AppSettings::setLastBatchDir(const QString& dir)
{
    m_settings.setValue(kBatchDir, dir);
}

QStringList AppSettings::globalMidiMappings() const
{
    return m_settings.value(QStringLiteral("midi/globalMappings")).toStringList();
}

void AppSettings::setGlobalMidiMappings(const QStringList& specs)
{
    m_settings.setValue(QStringLiteral("midi/globalMappings"), specs);
}

QStringList AppSettings::midiInputs() const
{
    return m_settings.value(QStringLiteral("midi/inputs")).toStringList();
}

void AppSettings::setMidiInputs(const QStringList& patterns)
{
    m_settings.setValue(QStringLiteral("midi/inputs"), patterns);
}

} // namespace fxrack::app
