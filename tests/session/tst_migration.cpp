#include "session/Migration.h"
#include "session/Session.h"
#include "session/SessionError.h"

#include <QJsonArray>
#include <QTest>

using namespace fxrack::session;

class TestMigration : public QObject {
    Q_OBJECT

private slots:
    void currentVersionPassesUnchanged();
    void stepsRunInOrderFromTheFilesVersion();
    void missingStepIsAnError();
    void newerVersionIsRefusedNamingBoth();
};

void TestMigration::currentVersionPassesUnchanged()
{
    QCOMPARE(Migration::sessions().currentVersion(), Session::kFormatVersion);
    QJsonObject doc{{QStringLiteral("format_version"), 1}, {QStringLiteral("rack"), QJsonArray{}}};
    const QJsonObject before = doc;
    QStringList notices;
    QCOMPARE(Migration::sessions().upgrade(doc, &notices), 1);
    QCOMPARE(doc, before);
    QVERIFY(notices.isEmpty());
}

void TestMigration::stepsRunInOrderFromTheFilesVersion()
{
    // A future format 3 where v2 renamed "rack" to "effects" and v3 added "notes".
    const Migration migration(
        3, {{1, QStringLiteral("rack is now effects"),
             [](QJsonObject& d) { d.insert(QStringLiteral("effects"), d.take(QStringLiteral("rack"))); }},
            {2, QStringLiteral("notes added"),
             [](QJsonObject& d) { d.insert(QStringLiteral("notes"), QString()); }}});
    QJsonObject v1{{QStringLiteral("format_version"), 1}, {QStringLiteral("rack"), QJsonArray{1}}};
    QStringList notices;
    QCOMPARE(migration.upgrade(v1, &notices), 1);
    QCOMPARE(v1.value(QStringLiteral("format_version")).toInt(), 3);
    QCOMPARE(v1.value(QStringLiteral("effects")).toArray().size(), 1);
    QVERIFY(v1.contains(QStringLiteral("notes")));
    QCOMPARE(notices.size(), 2);
    QVERIFY(notices[0].contains(QStringLiteral("from 1 to 2")));

    QJsonObject v2{{QStringLiteral("format_version"), 2}, {QStringLiteral("effects"), QJsonArray{}}};
    notices.clear();
    QCOMPARE(migration.upgrade(v2, &notices), 2);
    QCOMPARE(notices.size(), 1); // only 2 -> 3
}

void TestMigration::missingStepIsAnError()
{
    const Migration migration(2, {});
    QJsonObject v1{{QStringLiteral("format_version"), 1}};
    QVERIFY_THROWS_EXCEPTION(SessionError, migration.upgrade(v1));
}

void TestMigration::newerVersionIsRefusedNamingBoth()
{
    QJsonObject doc{{QStringLiteral("format_version"), 2}};
    try {
        Migration::sessions().upgrade(doc);
        QFAIL("accepted a newer version");
    } catch (const SessionError& e) {
        QCOMPARE(e.kind(), SessionError::Kind::Version);
        QVERIFY2(e.reason().contains(QStringLiteral("format version 2")), qPrintable(e.message()));
        QVERIFY2(e.reason().contains(QStringLiteral("up to 1")), qPrintable(e.message()));
    }
}

QTEST_GUILESS_MAIN(TestMigration)
#include "tst_migration.moc"
