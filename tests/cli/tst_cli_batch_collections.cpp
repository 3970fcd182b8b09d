// fxrack-cli batch on real collections (issue 16): name templates, nested folders mirrored,
// every if-exists policy, an output that is an input refused, JSON reports, --resume after a
// killed run, manifests, shards and merged reports.
#include "common/AudioFiles.h"
#include "common/CliRunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace fxrack::test;

namespace {

// Relative path -> contents hash of every file under `root` (hidden done records left out).
QMap<QString, QByteArray> treeOf(const QString& root)
{
    QMap<QString, QByteArray> tree;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (it.fileName().startsWith('.') && it.fileName().endsWith(".done"))
            continue;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        tree[QDir(root).relativeFilePath(path)] =
            QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }
    return tree;
}

// A small collection: `count` files spread over root/, root/a/ and root/a/b/, frames differing.
QStringList makeCollection(const QString& root, int count, int frames = 12000)
{
    QDir().mkpath(root + "/a/b");
    const QStringList folders{"", "/a", "/a/b"};
    QStringList files;
    for (int i = 0; i < count; ++i) {
        const QString path = root + folders[i % 3] + QString("/take%1.wav").arg(i, 2, 10, QChar('0'));
        writeFile(path.toStdString(), makeSignal(2, frames + 100 * i), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        files << path;
    }
    files.sort();
    return files;
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestCliBatchCollections : public QObject {
    Q_OBJECT

private slots:
    void recursiveFolderIsMirroredUnderOut()
    {
        QTemporaryDir dir;
        makeCollection(dir.filePath("in"), 6);
        const QString out = dir.filePath("out");
        const CliRun r =
            runCli({"batch", dir.filePath("in"), "--recursive", "--out", out, "--chain", "Gain"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(treeOf(out).keys(), (QStringList{"a/b/take02.wav", "a/b/take05.wav", "a/take01.wav",
                                                  "a/take04.wav", "take00.wav", "take03.wav"}));
        // Without --recursive a folder gives only its own files.
        const CliRun flat =
            runCli({"batch", dir.filePath("in"), "--out", dir.filePath("flat"), "--chain", "Gain"});
        QCOMPARE(flat.exitCode, 0);
        QCOMPARE(treeOf(dir.filePath("flat")).keys(), (QStringList{"take00.wav", "take03.wav"}));
    }

    void nameTemplateTakesEveryField()
    {
        QTemporaryDir dir;
        makeCollection(dir.filePath("in"), 12);
        const QString out = dir.filePath("out");
        const CliRun r = runCli({"batch", dir.filePath("in"), "--recursive", "--out", out, "--chain", "Gain",
                                 "--name", "{index}-{stem}-{preset}-{date}", "--format", "flac"});
        QCOMPARE(r.exitCode, 0);
        const QString date = QDate::currentDate().toString(Qt::ISODate);
        const auto tree = treeOf(out);
        QCOMPARE(tree.size(), 12);
        // Sorted path order: a/b/take02 is the first of the 12, zero-padded to 2 digits.
        QVERIFY2(tree.contains("a/b/01-take02-chain-" + date + ".flac"), qPrintable(tree.keys().join(' ')));
        QVERIFY(tree.contains("12-take09-chain-" + date + ".flac"));
        // {dir} places the folder itself: a flat name from the tree.
        const CliRun flat = runCli({"batch", dir.filePath("in"), "--recursive", "--out", dir.filePath("flat"),
                                    "--chain", "Gain", "--name", "{dir}/{stem}_x"});
        QCOMPARE(flat.exitCode, 2); // '/' only comes through {dir}
        QVERIFY(flat.err.contains("--name"));
        const CliRun byDir = runCli({"batch", dir.filePath("in/a"), "--recursive", "--out", dir.filePath("d"),
                                     "--chain", "Gain", "--name", "{dir}{stem}"});
        QCOMPARE(byDir.exitCode, 0);
        QVERIFY(treeOf(dir.filePath("d")).contains("btake02.wav"));
        const CliRun bad =
            runCli({"batch", dir.filePath("in"), "--out", out, "--chain", "Gain", "--name", "{nope}"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("{nope}"));
    }

    void everyIfExistsPolicy()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in.wav");
        writeFile(in.toStdString(), makeSignal(1, 8000), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        const QString out = dir.filePath("out");
        QVERIFY(QDir().mkpath(out));
        const QString target = out + "/in.wav";
        QFile old(target);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
        old.close();
        const QStringList base{"batch", in, "--out", out, "--chain", "Gain(0.5)"};

        const CliRun fail = runCli(base);
        QCOMPARE(fail.exitCode, 1);
        QVERIFY(fail.err.contains("already exists"));
        QCOMPARE(QFileInfo(target).size(), qint64(3));

        const CliRun skip = runCli(base + QStringList{"--if-exists", "skip"});
        QCOMPARE(skip.exitCode, 0);
        QVERIFY(skip.out.contains("skipped"));
        QCOMPARE(QFileInfo(target).size(), qint64(3));

        QCOMPARE(runCli(base + QStringList{"--if-exists", "rename"}).exitCode, 0);
        QCOMPARE(runCli(base + QStringList{"--if-exists", "rename"}).exitCode, 0);
        QVERIFY(QFile::exists(out + "/in (2).wav"));
        QVERIFY(QFile::exists(out + "/in (3).wav"));
        QCOMPARE(QFileInfo(target).size(), qint64(3));

        QCOMPARE(runCli(base + QStringList{"--if-exists", "overwrite"}).exitCode, 0);
        QCOMPARE(readFile(target.toStdString()).info.frames, sf_count_t(8000));
        QCOMPARE(runCli(base + QStringList{"--overwrite"}).exitCode, 0);
        QCOMPARE(runCli(base + QStringList{"--if-exists", "maybe"}).exitCode, 2);
        QCOMPARE(runCli(base + QStringList{"--overwrite", "--if-exists", "skip"}).exitCode, 2);
    }

    void anOutputIsNeverAnInput()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("x.wav");
        writeFile(in.toStdString(), makeSignal(1, 8000), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        const QByteArray before = treeOf(dir.path()).value("x.wav");
        const CliRun r = runCli({"batch", in, "--out", dir.path(), "--chain", "Gain(0.5)", "--overwrite"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("an output is never an input"), qPrintable(r.err));
        QCOMPARE(treeOf(dir.path()).value("x.wav"), before);
        // The output folder inside the input tree is not read as input.
        makeCollection(dir.filePath("tree"), 3);
        QCOMPARE(runCli({"batch", dir.filePath("tree"), "--recursive", "--out", dir.filePath("tree/out"),
                         "--chain", "Gain"})
                     .exitCode,
                 0);
        const CliRun again = runCli({"batch", dir.filePath("tree"), "--recursive", "--out",
                                     dir.filePath("tree/out"), "--chain", "Gain", "--if-exists", "rename"});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains("3 files"), qPrintable(again.out));
    }

    void reportHasOneRecordPerInputAndASummary()
    {
        QTemporaryDir dir;
        const QStringList files = makeCollection(dir.filePath("in"), 3);
        QFile broken(dir.filePath("in/broken.wav"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("RIFF nonsense");
        broken.close();
        const QString report = dir.filePath("r.json");
        const CliRun r = runCli({"batch", dir.filePath("in"), "--recursive", "--out", dir.filePath("out"),
                                 "--chain", "Gain", "--report", report});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject json = readJson(report);
        const QJsonArray records = json["records"].toArray();
        QCOMPARE(records.size(), 4);
        int failed = 0;
        for (const auto& v : records) {
            const QJsonObject rec = v.toObject();
            if (rec["input"].toString().endsWith("broken.wav")) {
                QCOMPARE(rec["status"].toString(), QString("failed"));
                QVERIFY(!rec["error"].toString().isEmpty());
                ++failed;
            } else {
                QCOMPARE(rec["status"].toString(), QString("done"));
                QVERIFY(rec["frames"].toDouble() >= 12000);
                QCOMPARE(rec["device"].toString(), QString("cpu"));
            }
        }
        QCOMPARE(failed, 1);
        QCOMPARE(json["summary"].toObject()["done"].toInt(), 3);
        QCOMPARE(json["summary"].toObject()["failed"].toInt(), 1);
    }

    // A run killed (SIGKILL, no cleanup) part way through, rerun with --resume, processes only what
    // was left, and the outputs equal a clean run's; no partial output is ever visible.
    void resumeAfterAKillFinishesWithoutRedoingWork()
    {
        QTemporaryDir dir;
        makeCollection(dir.filePath("in"), 12, 400000);
        // Heavy enough per file (tens of ms) that a kill after four outputs lands before the last:
        // with the faster effects, "Reverb | Reverb" sometimes finished all twelve first.
        const QStringList common{dir.filePath("in"), "--recursive",
                                 "--chain",          "Reverb | Overdrive | Overdrive | Overdrive",
                                 "--jobs",           "1"};
        QCOMPARE(runCli(QStringList{"batch"} + common + QStringList{"--out", dir.filePath("clean")}).exitCode,
                 0);
        const auto clean = treeOf(dir.filePath("clean"));
        QCOMPARE(clean.size(), 12);

        const QString out = dir.filePath("out");
        QProcess p;
        p.start(FXRACK_CLI_PATH, QStringList{"batch"} + common + QStringList{"--out", out});
        QVERIFY(p.waitForStarted());
        // Wait until some outputs are done, then kill it hard.
        int done = 0;
        for (int i = 0; i < 6000 && done < 4 && p.state() == QProcess::Running; ++i) {
            QTest::qWait(5);
            done = static_cast<int>(treeOf(out).size());
        }
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        p.waitForFinished();
        const auto partial = treeOf(out);
        QVERIFY2(partial.size() >= 4 && partial.size() < 12, qPrintable(QString::number(partial.size())));
        for (auto it = partial.begin(); it != partial.end(); ++it)
            if (!it.key().section('/', -1).startsWith('.'))
                QCOMPARE(it.value(), clean.value(it.key())); // never a partial output under the real name

        const CliRun resumed = runCli(QStringList{"batch"} + common + QStringList{"--out", out, "--resume"});
        QCOMPARE(resumed.exitCode, 0);
        // Those with a done record were skipped; at most one (killed between rename and record) redone.
        const int skipped = resumed.out.count("skipped ");
        QVERIFY2(skipped >= partial.size() - 1 && skipped <= partial.size(), qPrintable(resumed.out));
        QCOMPARE(resumed.out.count("ok      "), 12 - skipped);
        QCOMPARE(treeOf(out), clean); // no temporary file either
    }

    void manifestShardsAndMergedReport()
    {
        QTemporaryDir dir;
        const QStringList files = makeCollection(dir.filePath("in"), 7);
        QFile manifest(dir.filePath("list.txt"));
        QVERIFY(manifest.open(QIODevice::WriteOnly));
        manifest.write((files.join('\n') + "\n" + dir.filePath("in/missing.wav") + "\n").toUtf8());
        manifest.close();
        const QStringList common{"--manifest", dir.filePath("list.txt"), "--chain", "Gain(0.7)",
                                 "--name",     "{index}_{stem}"};
        QCOMPARE(runCli(QStringList{"batch"} + common + QStringList{"--out", dir.filePath("one")}).exitCode,
                 1);
        QStringList parts;
        for (int s = 0; s < 3; ++s) {
            const CliRun r =
                runCli(QStringList{"batch"} + common +
                       QStringList{"--out", dir.filePath("sharded"), "--shard", QString("%1/3").arg(s),
                                   "--report", dir.filePath("rep.json")});
            QCOMPARE(r.exitCode, s == 7 % 3 ? 1 : 0); // input 7 (missing) falls to shard 1
            parts << dir.filePath(QString("rep.part-%1-of-3.json").arg(s));
            QVERIFY(QFile::exists(parts.last()));
        }
        QCOMPARE(treeOf(dir.filePath("sharded")), treeOf(dir.filePath("one")));
        const CliRun merge =
            runCli(QStringList{"report", "merge"} + parts + QStringList{"--out", dir.filePath("all.json")});
        QCOMPARE(merge.exitCode, 0);
        const QJsonObject all = readJson(dir.filePath("all.json"));
        QCOMPARE(all["records"].toArray().size(), 8);
        QCOMPARE(all["summary"].toObject()["failed"].toInt(), 1);
        QCOMPARE(all["summary"].toObject()["done"].toInt(), 7);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(all["records"].toArray()[i].toObject()["index"].toInt(), i);

        // Slurm's array variables and Kubernetes' completion index choose the same shards.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("SLURM_ARRAY_TASK_ID", "2");
        env.insert("SLURM_ARRAY_TASK_COUNT", "3");
        env.insert("SLURM_ARRAY_TASK_MIN", "0");
        p.setProcessEnvironment(env);
        p.start(FXRACK_CLI_PATH, QStringList{"batch"} + common + QStringList{"--out", dir.filePath("slurm")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(treeOf(dir.filePath("slurm")).size(), 2); // inputs 2 and 5
        env = QProcessEnvironment::systemEnvironment();
        env.insert("JOB_COMPLETION_INDEX", "0");
        p.setProcessEnvironment(env);
        p.start(FXRACK_CLI_PATH, QStringList{"batch"} + common +
                                     QStringList{"--out", dir.filePath("k8s"), "--shard-count", "3"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(treeOf(dir.filePath("k8s")).size(), 3); // inputs 0, 3, 6
        QCOMPARE(runCli(QStringList{"batch"} + common + QStringList{"--out", dir.path(), "--shard", "3/3"})
                     .exitCode,
                 2);
        QCOMPARE(
            runCli({"report", "merge", dir.filePath("list.txt"), "--out", dir.filePath("x.json")}).exitCode,
            1);
    }
};

QTEST_GUILESS_MAIN(TestCliBatchCollections)
#include "tst_cli_batch_collections.moc"
