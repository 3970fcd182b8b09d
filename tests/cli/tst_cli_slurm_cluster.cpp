// fxrack-cli batch on a real Slurm cluster (issue 16): a single node from Debian's packages
// (munged, slurmctld, slurmd; tests/cli/slurm_cluster.sh) runs the shipped array script
// (packaging/cluster/fxrack-array.sbatch) as 3 tasks over 12 files in nested folders, 2 of them
// broken. The union of the outputs is bit-identical to a one-machine batch, no input is done
// twice, and the merged report lists 12 records with the 2 failures. A second run with one task
// cancelled and resubmitted with --resume completes the set. The Kubernetes manifest is parsed.
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
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace fxrack::test;

namespace {

const QString kChain = "HiButterworth(80) | Gain(0.7) | Reverb";
const QString kScript = FXRACK_SOURCE_DIR "/packaging/cluster/fxrack-array.sbatch";
const QString kCluster = FXRACK_TESTS_DIR "/cli/slurm_cluster.sh";

QMap<QString, QByteArray> outputsIn(const QString& root)
{
    QMap<QString, QByteArray> tree;
    QDirIterator it(root, {"*.wav"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            tree[QDir(root).relativeFilePath(path)] = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }
    return tree;
}

struct Shell {
    int exitCode = -1;
    QString out, err;
};

Shell run(const QString& program, const QStringList& args, const QProcessEnvironment& env, int timeoutMs = 240000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    Shell s;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        s.err = program + " timed out";
        return s;
    }
    s.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    s.out = QString::fromUtf8(p.readAllStandardOutput());
    s.err = QString::fromUtf8(p.readAllStandardError());
    return s;
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject{};
}

} // namespace

class TestCliSlurmCluster : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    bool m_started = false;

    bool waitForJob(const QString& job)
    {
        for (int i = 0; i < 480; ++i) {
            const Shell q = run("squeue", {"-h", "-j", job}, m_env, 30000);
            if (q.exitCode == 0 && q.out.trimmed().isEmpty())
                return true;
            QTest::qWait(250);
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable("slurmctld", {"/usr/sbin", "/usr/bin"}).isEmpty() ||
            QStandardPaths::findExecutable("slurmd", {"/usr/sbin", "/usr/bin"}).isEmpty() ||
            QStandardPaths::findExecutable("munged", {"/usr/sbin", "/usr/bin"}).isEmpty() ||
            QStandardPaths::findExecutable("sbatch").isEmpty())
            QSKIP("slurmctld, slurmd, munged or sbatch is missing (packaging/install-deps.sh --tests installs them)");
        if (::geteuid() != 0)
            QSKIP("the single-node Slurm cluster runs as root (SlurmUser=root, as in CI)");
        QVERIFY(m_dir.isValid());
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert("PATH", m_env.value("PATH") + ":/usr/sbin");
        m_env.insert("SLURM_CONF", m_dir.filePath("slurm/slurm.conf"));
        m_env.insert("FXRACK_CLI", FXRACK_CLI_PATH);
        const Shell start = run(kCluster, {"start", m_dir.filePath("slurm")}, m_env, 120000);
        QVERIFY2(start.exitCode == 0, qPrintable(start.err));
        m_started = true;

        // 12 inputs over three levels of folders; two are not audio.
        const QStringList folders{"", "/season1", "/season1/extras"};
        for (int i = 0; i < 12; ++i) {
            const QString path = m_dir.filePath("in") + folders[i % 3] + QString("/ep%1.wav").arg(i, 2, 10, QChar('0'));
            QDir().mkpath(QFileInfo(path).path());
            if (i == 4 || i == 9) {
                QFile broken(path);
                QVERIFY(broken.open(QIODevice::WriteOnly));
                broken.write("RIFF, but nothing after it");
                continue;
            }
            writeFile(path.toStdString(), makeSignal(2, 48000 + 997 * i, 48000.0, 0.5f, uint32_t(i + 1)),
                      SF_FORMAT_WAV | SF_FORMAT_PCM_24);
        }
        const CliRun one = runCli({"batch", m_dir.filePath("in"), "--recursive", "--out", m_dir.filePath("one"),
                                   "--chain", kChain, "--report", m_dir.filePath("one.json")});
        QCOMPARE(one.exitCode, 1);
        QCOMPARE(outputsIn(m_dir.filePath("one")).size(), 10);
    }

    void cleanupTestCase()
    {
        if (m_started)
            run(kCluster, {"stop", m_dir.filePath("slurm")}, m_env, 60000);
    }

    void arrayOfThreeEqualsOneMachine()
    {
        const QString out = m_dir.filePath("cluster");
        const Shell submit = run("sbatch", {"--parsable", "--wait", "--array=0-2", "--chdir", m_dir.path(),
                                            "--export=ALL", kScript, m_dir.filePath("in"), out, kChain},
                                 m_env);
        QVERIFY2(submit.exitCode >= 0, qPrintable(submit.err)); // 1: a task had failing inputs
        QCOMPARE(outputsIn(out), outputsIn(m_dir.filePath("one")));

        QStringList parts;
        int records = 0;
        QSet<QString> inputs;
        for (int s = 0; s < 3; ++s) {
            parts << out + QString("/report.part-%1-of-3.json").arg(s);
            const QJsonArray r = readJson(parts.last())["records"].toArray();
            QCOMPARE(r.size(), 4);
            records += r.size();
            for (const auto& v : r)
                inputs.insert(v.toObject()["input"].toString());
        }
        QCOMPARE(records, 12);
        QCOMPARE(inputs.size(), 12); // no input done twice
        const CliRun merge = runCli(QStringList{"report", "merge"} + parts + QStringList{"--out", out + "/report.json"});
        QCOMPARE(merge.exitCode, 0);
        const QJsonObject all = readJson(out + "/report.json");
        QCOMPARE(all["records"].toArray().size(), 12);
        QCOMPARE(all["summary"].toObject()["failed"].toInt(), 2);
        QCOMPARE(all["summary"].toObject()["done"].toInt(), 10);
    }

    void cancelledTaskResubmittedWithResumeCompletesTheSet()
    {
        const QString out = m_dir.filePath("cancelled");
        const Shell submit = run("sbatch", {"--parsable", "--array=0-2", "--chdir", m_dir.path(), "--export=ALL",
                                            kScript, m_dir.filePath("in"), out, kChain},
                                 m_env);
        QCOMPARE(submit.exitCode, 0);
        const QString job = submit.out.trimmed().section(';', 0, 0);
        QCOMPARE(run("scancel", {job + "_1"}, m_env).exitCode, 0);
        QVERIFY(waitForJob(job));
        const auto partial = outputsIn(out);
        QVERIFY2(partial.size() < 10, qPrintable(QString::number(partial.size())));

        QProcessEnvironment env = m_env;
        env.insert("FXRACK_SHARDS", "3");
        m_env.swap(env);
        const Shell again = run("sbatch", {"--parsable", "--wait", "--array=1", "--chdir", m_dir.path(),
                                           "--export=ALL", kScript, m_dir.filePath("in"), out, kChain, "--resume"},
                                m_env);
        m_env.swap(env);
        QVERIFY2(again.exitCode >= 0, qPrintable(again.err));
        QCOMPARE(outputsIn(out), outputsIn(m_dir.filePath("one")));
        // What finished before the cancel was kept, not redone.
        for (auto it = partial.begin(); it != partial.end(); ++it)
            QCOMPARE(outputsIn(out).value(it.key()), it.value());
        QStringList parts;
        for (int s = 0; s < 3; ++s)
            if (QFile::exists(out + QString("/report.part-%1-of-3.json").arg(s)))
                parts << out + QString("/report.part-%1-of-3.json").arg(s);
        QCOMPARE(runCli(QStringList{"report", "merge"} + parts + QStringList{"--out", out + "/report.json"}).exitCode, 0);
        const QJsonObject all = readJson(out + "/report.json");
        QCOMPARE(all["records"].toArray().size(), 12);
        QCOMPARE(all["summary"].toObject()["failed"].toInt(), 2);
    }

    void kubernetesManifestIsAValidIndexedJob()
    {
        const QString python = QStandardPaths::findExecutable("python3");
        if (python.isEmpty() || QProcess::execute(python, {"-c", "import yaml"}) != 0)
            QSKIP("python3-yaml is missing (packaging/install-deps.sh --tests installs it)");
        const char* check = R"(
import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))
assert job["apiVersion"] == "batch/v1" and job["kind"] == "Job", "not a batch/v1 Job"
spec = job["spec"]
assert spec["completionMode"] == "Indexed", "not an indexed Job"
cmd = spec["template"]["spec"]["containers"][0]["command"]
assert cmd[:2] == ["fxrack-cli", "batch"], cmd
n = int(cmd[cmd.index("--shard-count") + 1])
assert n == spec["completions"], "--shard-count differs from completions"
assert "--report" in cmd and "--resume" in cmd
assert spec["template"]["spec"]["restartPolicy"] == "Never"
print("ok", n)
)";
        const Shell r = run(python, {"-c", check, FXRACK_SOURCE_DIR "/packaging/cluster/fxrack-indexed-job.yaml"},
                            QProcessEnvironment::systemEnvironment(), 30000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith("ok"));
    }
};

QTEST_GUILESS_MAIN(TestCliSlurmCluster)
#include "tst_cli_slurm_cluster.moc"
