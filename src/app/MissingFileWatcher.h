#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace fxrack::app {

// Waits for files that are not there (an impulse response on a drive not mounted yet, a folder
// renamed back): the nearest existing folder above each is watched, and appeared(path) is
// emitted once the file exists again. A change is checked a moment after the folder settles,
// so a file being copied in is complete. Where a folder cannot be watched (no inotify watches
// left), a slow timer checks instead. GUI thread.
class MissingFileWatcher : public QObject {
    Q_OBJECT
public:
    static constexpr int kSettleMs = 250;
    static constexpr int kFallbackPollMs = 2000;

    explicit MissingFileWatcher(QObject* parent = nullptr);
    // Replaces the files waited for (absolute paths; ones that exist are ignored).
    void setPaths(const QStringList& paths);
    QStringList paths() const { return m_missing; }

signals:
    void appeared(const QString& path);

private:
    void check();

    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    QTimer m_fallback;
    QStringList m_missing;
};

} // namespace fxrack::app
