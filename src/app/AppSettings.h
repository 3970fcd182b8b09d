#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace fxrack::app {

// The one place that knows the app's QSettings keys (docs/architecture.md, conventions). Each value has a
// named getter and setter, so a key is spelt once.
class AppSettings {
public:
    static constexpr int kMaxRecent = 8;

    AppSettings();

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& value);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& value);

    QString lastSession() const;
    void setLastSession(const QString& path);
    QStringList recentSessions() const;
    void addRecentSession(const QString& path);
    void clearRecentSessions();

    // "" follows the system locale; else "en", "de", "es".
    QString language() const;
    void setLanguage(const QString& code);

    QString lastOpenDir() const;
    void setLastOpenDir(const QString& dir);
    QString lastBatchDir() const;
    void setLastBatchDir(const QString& dir);

    // MIDI: the global mappings (bypass all, snapshots, presets: they outlive a session or a
    // preset), as --map specs (docs/midi.md), and the inputs last chosen.
    QStringList globalMidiMappings() const;
    void setGlobalMidiMappings(const QStringList& specs);
    QStringList midiInputs() const;
    void setMidiInputs(const QStringList& patterns);

    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};

} // namespace fxrack::app
