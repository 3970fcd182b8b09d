#pragma once

#include <QDir>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

// What the GUI tests share: screenshots as artifacts and a private home for settings, autosave
// and presets, so a test never reads or writes the user's own.
namespace fxrack::apptest {

inline QString screenshotDir()
{
    const QString dir = QStringLiteral(FXRACK_BINARY_DIR "/test-artifacts/screenshots");
    QDir().mkpath(dir);
    return dir;
}

// Saves `widget` as <dir>/<name>.png and checks that the file was written.
inline void saveScreenshot(QWidget* widget, const QString& name)
{
    widget->repaint();
    QCoreApplication::processEvents();
    const QString path = screenshotDir() + QLatin1Char('/') + name + QStringLiteral(".png");
    QVERIFY2(widget->grab().save(path), qPrintable(path));
}

// Points XDG folders into a temporary directory; call before the first QSettings is made.
inline void isolateHome(const QTemporaryDir& home)
{
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.path() + QStringLiteral("/config")));
    qputenv("XDG_STATE_HOME", QFile::encodeName(home.path() + QStringLiteral("/state")));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.path() + QStringLiteral("/data")));
    QStandardPaths::setTestModeEnabled(true);
}

} // namespace fxrack::apptest
