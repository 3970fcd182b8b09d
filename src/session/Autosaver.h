#pragma once

#include "session/Session.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <memory>

class QLockFile;

namespace fxrack::session {

// Keeps a recovery copy of the session while the app runs. The GUI calls markChanged() after
// every edit; delayMs() after the last change (and at most maxDelayMs() after the first
// unsaved one, so a long knob drag is saved too) the snapshot is written to
// <stateDir>/recovery-<time>-<pid>.fxrack. A lock file beside it marks it as live; after a
// crash the lock is stale and findRecoveries() offers the file. cleanExit() removes it.
//
// GUI thread only: the timer runs there and the snapshot function is called there (a session
// is a few kilobytes; writing it takes well under a millisecond plus the file system's time).
class Autosaver : public QObject {
    Q_OBJECT
public:
    using Snapshot = std::function<Session()>;

    explicit Autosaver(Snapshot snapshot, QString stateDir = {}, QObject* parent = nullptr);
    ~Autosaver() override; // keeps the recovery file: only cleanExit() says the exit was clean

    void setDelayMs(int delayMs);
    int delayMs() const noexcept { return m_delayMs; }
    void setMaxDelayMs(int maxDelayMs);
    int maxDelayMs() const noexcept { return m_maxDelayMs; }

    // This instance's recovery file (it exists once something was saved).
    QString recoveryPath() const { return m_path; }
    bool hasPendingChanges() const noexcept { return m_pending; }

    // The session changed: (re)start the debounce timer.
    void markChanged();
    // Writes now when changes are pending; false (and saveFailed) when writing failed.
    bool saveNow();
    // A clean exit (or the user saved and closed): stop, remove the recovery file and its lock.
    void cleanExit();

    // Recovery files in `stateDir` (default SessionPaths::stateDir()) that no running FXRack
    // holds, newest first: what to offer after a crash.
    static QStringList findRecoveries(const QString& stateDir = {});
    // Removes a recovery file and its stale lock once it was restored or declined.
    static bool removeRecovery(const QString& path);

signals:
    void saved(const QString& path);
    void saveFailed(const QString& message);

private:
    void onTimeout();
    bool ensureLocked();

    Snapshot m_snapshot;
    QString m_dir;
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
    QTimer m_timer;
    QElapsedTimer m_firstUnsavedChange;
    int m_delayMs = 3000;
    int m_maxDelayMs = 15000;
    bool m_pending = false;
};

} // namespace fxrack::session
