#pragma once

#include <QAbstractButton>
#include <QApplication>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPointer>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWidget>
#include <cmath>

// What the GUI tests share: screenshots as artifacts and a private home for settings, autosave
// and presets, so a test never reads or writes the user's own.
namespace fxrack::test {

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
    // Test mode keeps QSettings under $HOME/.qttest: HOME must be the temporary one too, or window
    // state saved by one run (a close saves it) leaks into the next.
    qputenv("HOME", QFile::encodeName(home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.path() + QStringLiteral("/config")));
    qputenv("XDG_STATE_HOME", QFile::encodeName(home.path() + QStringLiteral("/state")));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.path() + QStringLiteral("/data")));
    QStandardPaths::setTestModeEnabled(true);
}

// A real 16-bit PCM WAV file of a 440 Hz tone, written byte by byte so the tests do not trust
// the reader they test.
inline bool writeWav(const QString& path, int frames, int rate = 48000, int channels = 2)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QDataStream out(&file);
    out.setByteOrder(QDataStream::LittleEndian);
    const quint32 dataBytes = quint32(frames * channels * 2);
    file.write("RIFF");
    out << quint32(36 + dataBytes);
    file.write("WAVEfmt ");
    out << quint32(16) << quint16(1) << quint16(channels) << quint32(rate) << quint32(rate * channels * 2)
        << quint16(channels * 2) << quint16(16);
    file.write("data");
    out << dataBytes;
    for (int i = 0; i < frames; ++i)
        for (int c = 0; c < channels; ++c)
            out << qint16(8000.0 * std::sin(2.0 * M_PI * 440.0 * i / rate));
    return out.status() == QDataStream::Ok;
}

// Answers the next modal message box with `button` once it is open (a modal box runs its own
// event loop, so the test arranges the answer before the call that opens it). The box's text
// goes to `*text`; `*answered` says it was seen. Screenshots it as `screenshot` when given.
inline void answerNextMessageBox(QMessageBox::StandardButton button, QString* text, bool* answered,
                                 const QString& screenshot = {})
{
    *answered = false;
    auto* poll = new QTimer(qApp);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, poll, [=] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || !box->isVisible())
            return;
        poll->stop();
        poll->deleteLater();
        *text = box->text();
        if (!screenshot.isEmpty())
            box->grab().save(screenshotDir() + QLatin1Char('/') + screenshot + QStringLiteral(".png"));
        if (QAbstractButton* b = box->button(button)) {
            *answered = true;
            b->click();
        } else {
            box->reject();
        }
    });
    poll->start();
}

} // namespace fxrack::test
