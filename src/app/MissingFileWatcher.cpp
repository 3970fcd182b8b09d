#include "MissingFileWatcher.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace fxrack::app {

MissingFileWatcher::MissingFileWatcher(QObject* parent) : QObject(parent)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    m_fallback.setInterval(kFallbackPollMs);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_settle.start(); });
    connect(&m_settle, &QTimer::timeout, this, &MissingFileWatcher::check);
    connect(&m_fallback, &QTimer::timeout, this, &MissingFileWatcher::check);
}

void MissingFileWatcher::setPaths(const QStringList& paths)
{
    m_missing.clear();
    QSet<QString> folders;
    for (const QString& path : paths) {
        if (path.isEmpty() || QFileInfo::exists(path) || m_missing.contains(path))
            continue;
        m_missing << path;
        // The nearest folder that exists: the file's own, or the one its folder will appear in.
        QString folder = QFileInfo(path).absolutePath();
        while (!QFileInfo(folder).isDir()) {
            const QString up = QFileInfo(folder).absolutePath();
            if (up == folder)
                break;
            folder = up;
        }
        folders.insert(folder);
    }
    const QStringList watched = m_watcher.directories();
    for (const QString& folder : watched)
        if (!folders.contains(folder))
            m_watcher.removePath(folder);
    bool allWatched = true;
    for (const QString& folder : folders)
        if (!m_watcher.directories().contains(folder) && !m_watcher.addPath(folder))
            allWatched = false;
    if (allWatched || m_missing.isEmpty())
        m_fallback.stop();
    else if (!m_fallback.isActive())
        m_fallback.start();
}

void MissingFileWatcher::check()
{
    QStringList found;
    for (const QString& path : std::as_const(m_missing))
        if (QFileInfo::exists(path))
            found << path;
    // Still missing ones may need a deeper folder watched now (a folder that appeared).
    QStringList still = m_missing;
    for (const QString& path : std::as_const(found))
        still.removeAll(path);
    setPaths(still);
    for (const QString& path : std::as_const(found))
        emit appeared(path);
}

} // namespace fxrack::app
