// Impulse response paths in sessions: stored relative to the session file with the file's hash,
// resolved on reading; a moved or changed IR is a notice naming the path, and the session opens.
#include "common/AudioFiles.h"
#include "dsp/Errors.h"
#include "session/SessionIo.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fxrack;
using namespace fxrack::session;

namespace {

void writeIr(const QString& path, float value)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    test::writeFile(path.toStdString(), {std::vector<float>(480, value)}, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
}

Session sessionWithIr(const QString& irPath)
{
    Session session;
    RackEntry entry = RackEntry::defaults("Convolver");
    entry.setText("ir", irPath.toStdString());
    entry.setParam("gain_db", -3.0);
    session.append(std::move(entry));
    return session;
}

} // namespace

class TstSessionIrs : public QObject {
    Q_OBJECT

private slots:
    void storedRelativeWithHash()
    {
        QTemporaryDir dir;
        writeIr(dir.filePath("irs/cab.wav"), 0.5f);
        const QString file = dir.filePath("show.fxrack");
        SessionIo::write(sessionWithIr(dir.filePath("irs/cab.wav")), file);
        const QByteArray json = SessionIo::readFile(file);
        QVERIFY2(json.contains("\"path\": \"irs/cab.wav\""), json.constData());
        QVERIFY2(json.contains("\"sha256\": \""), json.constData());
        QVERIFY(!json.contains(dir.path().toUtf8()));

        QStringList notices;
        const Session loaded = SessionIo::read(file, &notices);
        QVERIFY2(notices.isEmpty(), qPrintable(notices.join('\n')));
        QCOMPARE(QString::fromStdString(loaded.rack.at(0).text("ir")),
                 QDir::cleanPath(dir.filePath("irs/cab.wav")));
        auto chain = chainFromSession(loaded);
        chain.prepare({48000.0, 256, 2}); // the IR is found and read
    }

    // The session and its IRs moved together: the relative path still finds the IR.
    void movesWithTheSession()
    {
        QTemporaryDir a, b;
        writeIr(a.filePath("irs/cab.wav"), 0.5f);
        SessionIo::write(sessionWithIr(a.filePath("irs/cab.wav")), a.filePath("show.fxrack"));
        QVERIFY(QDir().rename(a.filePath("irs"), b.filePath("irs")));
        QVERIFY(QFile::rename(a.filePath("show.fxrack"), b.filePath("show.fxrack")));
        QStringList notices;
        const Session loaded = SessionIo::read(b.filePath("show.fxrack"), &notices);
        QVERIFY2(notices.isEmpty(), qPrintable(notices.join('\n')));
        QCOMPARE(QString::fromStdString(loaded.rack.at(0).text("ir")),
                 QDir::cleanPath(b.filePath("irs/cab.wav")));
    }

    // The IR moved away: the session opens with a notice naming the path; preparing names it too.
    void movedIrIsReportedAndTheSessionOpens()
    {
        QTemporaryDir dir;
        writeIr(dir.filePath("irs/cab.wav"), 0.5f);
        SessionIo::write(sessionWithIr(dir.filePath("irs/cab.wav")), dir.filePath("show.fxrack"));
        QVERIFY(QFile::remove(dir.filePath("irs/cab.wav")));
        const LoadResult result = SessionIo::load(dir.filePath("show.fxrack"));
        QVERIFY(result.ok());
        QCOMPARE(result.notices.size(), 1);
        const QString expectedPath = QDir::cleanPath(dir.filePath("irs/cab.wav"));
        QVERIFY2(result.notices[0].contains(expectedPath) && result.notices[0].contains("not found"),
                 qPrintable(result.notices[0]));
        QCOMPARE(result.session->rack.at(0).param("gain_db").value_or(0), -3.0);
        auto chain = chainFromSession(*result.session);
        try {
            chain.prepare({48000.0, 256, 2});
            QFAIL("a missing IR was prepared");
        } catch (const dsp::ImpulseResponseError& e) {
            QVERIFY2(QString(e.what()).contains(expectedPath), e.what());
        }
    }

    void changedIrIsReported()
    {
        QTemporaryDir dir;
        writeIr(dir.filePath("cab.wav"), 0.5f);
        SessionIo::write(sessionWithIr(dir.filePath("cab.wav")), dir.filePath("show.fxrack"));
        writeIr(dir.filePath("cab.wav"), 0.25f);
        QStringList notices;
        (void)SessionIo::read(dir.filePath("show.fxrack"), &notices);
        QCOMPARE(notices.size(), 1);
        QVERIFY2(notices[0].contains("has changed"), qPrintable(notices[0]));
    }

    // A hand-written session may give the path as a plain string.
    void plainStringPathReads()
    {
        QTemporaryDir dir;
        writeIr(dir.filePath("cab.wav"), 0.5f);
        Session s = sessionWithIr("cab.wav");
        QByteArray json = SessionIo::serialize(s);
        QVERIFY2(json.contains("\"ir\": \"cab.wav\""), json.constData());
        QFile f(dir.filePath("hand.fxrack"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(json);
        f.close();
        QStringList notices;
        const Session loaded = SessionIo::read(dir.filePath("hand.fxrack"), &notices);
        QVERIFY2(notices.isEmpty(), qPrintable(notices.join('\n')));
        QCOMPARE(QString::fromStdString(loaded.rack.at(0).text("ir")),
                 QDir::cleanPath(dir.filePath("cab.wav")));
    }
};

QTEST_GUILESS_MAIN(TstSessionIrs)
#include "tst_session_irs.moc"
