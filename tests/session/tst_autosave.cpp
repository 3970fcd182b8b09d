#include "session/Autosaver.h"
#include "session/SessionIo.h"
#include "session/SessionPaths.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fxrack::session;

namespace {

Session sessionWithCutoff(double cutoffHz)
{
    Session s;
    RackEntry e = RackEntry::defaults("LoButterworth");
    e.setParam("cutoff", cutoffHz);
    s.append(e);
    return s;
}

// Runs the helper until it reports its second save; returns the recovery path it printed.
QString runHelperUntilSaved(QProcess& helper, const QString& stateDir, const char* mode)
{
    helper.start(QStringLiteral(FXRACK_AUTOSAVE_HELPER), {stateDir, QString::fromLatin1(mode)});
    if (!helper.waitForStarted(5000))
        return {};
    QByteArray out;
    while (!out.contains('\n') && helper.waitForReadyRead(10000))
        out += helper.readAllStandardOutput();
    if (!out.startsWith("SAVED "))
        return {};
    return QString::fromUtf8(out.mid(6).trimmed());
}

} // namespace

class TestAutosave : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void stateDirFollowsXdgStateHome();
    void writesAFewMomentsAfterTheLastChange();
    void longRunOfChangesIsSavedByTheMaxDelay();
    void cleanExitRemovesTheRecoveryFile();
    void liveRecoveryFileIsNotOffered();
    void killedProcessLeavesARecoveryFileThatLoads();
    void cleanlyExitedProcessLeavesNothing();

private:
    QTemporaryDir m_root;
};

void TestAutosave::initTestCase()
{
    QVERIFY(m_root.isValid());
    qputenv("XDG_STATE_HOME", m_root.filePath(QStringLiteral("state")).toUtf8());
}

void TestAutosave::stateDirFollowsXdgStateHome()
{
    QCOMPARE(SessionPaths::stateDir(), m_root.filePath(QStringLiteral("state")) + QStringLiteral("/fxrack"));
    // A relative value is invalid by the spec and falls back to ~/.local/state.
    qputenv("XDG_STATE_HOME", "relative/path");
    QCOMPARE(SessionPaths::stateDir(), QDir::homePath() + QStringLiteral("/.local/state/fxrack"));
    qputenv("XDG_STATE_HOME", m_root.filePath(QStringLiteral("state")).toUtf8());
}

void TestAutosave::writesAFewMomentsAfterTheLastChange()
{
    QTemporaryDir dir;
    Session current = sessionWithCutoff(1000);
    Autosaver autosaver([&] { return current; }, dir.path());
    autosaver.setDelayMs(1000); // generous, so a loaded CI machine cannot make it look early
    QSignalSpy saved(&autosaver, &Autosaver::saved);
    autosaver.markChanged();
    QTest::qWait(300);
    current = sessionWithCutoff(2000);
    autosaver.markChanged(); // restarts the debounce
    QTest::qWait(300);
    QCOMPARE(saved.count(), 0); // 600 ms after the first change, 300 after the last: not yet
    QVERIFY(saved.wait(5000));
    QCOMPARE(saved.count(), 1);
    QVERIFY(!autosaver.hasPendingChanges());
    const Session loaded = SessionIo::read(autosaver.recoveryPath());
    QCOMPARE(loaded.rack.at(0).param("cutoff").value(), 2000.0);
}

void TestAutosave::longRunOfChangesIsSavedByTheMaxDelay()
{
    QTemporaryDir dir;
    Autosaver autosaver([] { return sessionWithCutoff(500); }, dir.path());
    autosaver.setDelayMs(300);
    autosaver.setMaxDelayMs(400);
    QSignalSpy saved(&autosaver, &Autosaver::saved);
    // A knob drag: a change every 50 ms for a second never leaves 300 ms of quiet.
    for (int i = 0; i < 20; ++i) {
        autosaver.markChanged();
        QTest::qWait(50);
    }
    QVERIFY(saved.count() >= 1);
}

void TestAutosave::cleanExitRemovesTheRecoveryFile()
{
    QTemporaryDir dir;
    Autosaver autosaver([] { return sessionWithCutoff(800); }, dir.path());
    autosaver.markChanged();
    QVERIFY(autosaver.saveNow());
    QVERIFY(QFile::exists(autosaver.recoveryPath()));
    QVERIFY(autosaver.recoveryPath().startsWith(dir.path() + QStringLiteral("/recovery-")));
    autosaver.cleanExit();
    QVERIFY(!QFile::exists(autosaver.recoveryPath()));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{});
}

void TestAutosave::liveRecoveryFileIsNotOffered()
{
    QTemporaryDir dir;
    Autosaver autosaver([] { return sessionWithCutoff(800); }, dir.path());
    autosaver.markChanged();
    QVERIFY(autosaver.saveNow());
    // Held by a running autosaver (this one): that is not a crash to recover from.
    QVERIFY(Autosaver::findRecoveries(dir.path()).isEmpty());
    QVERIFY(!Autosaver::removeRecovery(autosaver.recoveryPath()));
    QVERIFY(QFile::exists(autosaver.recoveryPath()));
}

void TestAutosave::killedProcessLeavesARecoveryFileThatLoads()
{
    const QString stateDir = SessionPaths::stateDir(); // under XDG_STATE_HOME, like the app
    QProcess helper;
    const QString path = runHelperUntilSaved(helper, stateDir, "crash");
    QVERIFY2(!path.isEmpty(), helper.readAllStandardError().constData());
    helper.kill(); // SIGKILL: no destructor, no cleanExit
    QVERIFY(helper.waitForFinished(5000));
    QCOMPARE(helper.exitStatus(), QProcess::CrashExit);

    const QStringList found = Autosaver::findRecoveries();
    QCOMPARE(found, QStringList{path});
    const LoadResult restored = SessionIo::load(found.first());
    QVERIFY2(restored.ok(), restored.error ? qPrintable(restored.error->message()) : "");
    QCOMPARE(restored.session->audio.outputDevice, QStringLiteral("helper output"));
    QCOMPARE(restored.session->rack.at(0).type, std::string("HiButterworth"));
    QCOMPARE(restored.session->rack.at(0).param("cutoff").value(), 456.0); // the last edit survived
    // Restored (or declined): it goes away and is not offered again.
    QVERIFY(Autosaver::removeRecovery(found.first()));
    QVERIFY(Autosaver::findRecoveries().isEmpty());
    QVERIFY(!QFile::exists(path));
}

void TestAutosave::cleanlyExitedProcessLeavesNothing()
{
    QTemporaryDir dir;
    QProcess helper;
    const QString path = runHelperUntilSaved(helper, dir.path(), "clean");
    QVERIFY(!path.isEmpty());
    QVERIFY(helper.waitForFinished(5000));
    QCOMPARE(helper.exitStatus(), QProcess::NormalExit);
    QCOMPARE(helper.exitCode(), 0);
    QVERIFY(!QFile::exists(path));
    QVERIFY(Autosaver::findRecoveries(dir.path()).isEmpty());
}

QTEST_GUILESS_MAIN(TestAutosave)
#include "tst_autosave.moc"
