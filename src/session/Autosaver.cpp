#include "session/Autosaver.h"

#include "session/SessionIo.h"
#include "session/SessionPaths.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <algorithm>

namespace fxrack::session {
namespace {

QString lockPathOf(const QString& recoveryPath)
{
    return recoveryPath + QStringLiteral(".lock");
}

} // namespace

Autosaver::Autosaver(Snapshot snapshot, QString stateDir, QObject* parent)
    : QObject(parent), m_snapshot(std::move(snapshot)),
      m_dir(stateDir.isEmpty() ? SessionPaths::stateDir() : std::move(stateDir))
{
    // Time and pid: a leftover file of a crashed process with the same pid is never reused.
    m_path = m_dir + QStringLiteral("/recovery-%1-%2.fxrack")
                         .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")))
                         .arg(QCoreApplication::applicationPid());
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Autosaver::onTimeout);
}

Autosaver::~Autosaver() = default;

void Autosaver::setDelayMs(int delayMs)
{
    m_delayMs = std::max(0, delayMs);
}

void Autosaver::setMaxDelayMs(int maxDelayMs)
{
    m_maxDelayMs = std::max(0, maxDelayMs);
}

void Autosaver::markChanged()
{
    if (!m_pending) {
        m_pending = true;
        m_firstUnsavedChange.start();
    }
    // Debounce, but never push the save further than maxDelayMs after the first change.
    const qint64 left = m_maxDelayMs - m_firstUnsavedChange.elapsed();
    m_timer.start(static_cast<int>(std::clamp<qint64>(left, 0, m_delayMs)));
}

void Autosaver::onTimeout()
{
    saveNow();
}

bool Autosaver::ensureLocked()
{
    if (m_lock)
        return true;
    if (!QDir().mkpath(m_dir))
        return false;
    auto lock = std::make_unique<QLockFile>(lockPathOf(m_path));
    lock->setStaleLockTime(0); // a live holder keeps it; only a dead one's lock is stale
    if (!lock->tryLock(0))
        return false;
    m_lock = std::move(lock);
    return true;
}

bool Autosaver::saveNow()
{
    m_timer.stop();
    if (!m_pending)
        return true;
    if (!ensureLocked()) {
        emit saveFailed(QStringLiteral("%1: cannot lock the recovery file").arg(m_path));
        return false;
    }
    const auto error = SessionIo::save(m_snapshot(), m_path);
    if (error) {
        // Stay pending: the next change (or saveNow) tries again.
        emit saveFailed(error->message());
        return false;
    }
    m_pending = false;
    emit saved(m_path);
    return true;
}

void Autosaver::cleanExit()
{
    m_timer.stop();
    m_pending = false;
    QFile::remove(m_path);
    if (m_lock) {
        m_lock->unlock();
        m_lock.reset();
    }
}

QStringList Autosaver::findRecoveries(const QString& stateDir)
{
    const QDir dir(stateDir.isEmpty() ? SessionPaths::stateDir() : stateDir);
    const QFileInfoList files =
        dir.entryInfoList({QStringLiteral("recovery-*.fxrack")}, QDir::Files, QDir::Time); // newest first
    QStringList found;
    for (const QFileInfo& file : files) {
        QLockFile lock(lockPathOf(file.absoluteFilePath()));
        lock.setStaleLockTime(0);
        // Held by a running FXRack: its live autosave, not a crash to recover.
        if (!lock.tryLock(0))
            continue;
        lock.unlock();
        found << file.absoluteFilePath();
    }
    return found;
}

bool Autosaver::removeRecovery(const QString& path)
{
    QLockFile lock(lockPathOf(path));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        return false; // someone is still writing it
    const bool removed = QFile::remove(path) || !QFileInfo::exists(path);
    lock.unlock();
    return removed;
}

} // namespace fxrack::session
