// BatchRunner: many files through one chain, N at a time; bad files fail alone; progress;
// cancel leaves no partial output.
#include "common/AudioFiles.h"
#include "dsp/ChainSpec.h"
#include "io/Batch.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <chrono>
#include <mutex>

using namespace fxrack;
using namespace fxrack::test;

class TestBatch : public QObject {
    Q_OBJECT

private slots:
    void badFilesFailAloneAndEveryGoodFileIsProcessed()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkdir("out");
        std::vector<std::string> inputs;
        for (int i = 0; i < 4; ++i) {
            const auto p = dir.filePath(QString("good%1.wav").arg(i)).toStdString();
            writeFile(p, makeSignal(2, 20000 + 1000 * i), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
            inputs.push_back(p);
        }
        QFile text(dir.filePath("text.wav"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not audio at all\n");
        text.close();
        inputs.insert(inputs.begin() + 1, dir.filePath("text.wav").toStdString());
        inputs.insert(inputs.begin() + 3, dir.filePath("missing.wav").toStdString());

        io::BatchOptions options;
        options.jobs = 2;
        io::BatchRunner runner(dsp::parseChain("Gain(0.5) | Reverb"), options);
        const auto jobs = io::makeBatchJobs(inputs, dir.filePath("out").toStdString(), "_fx", {});
        std::mutex m;
        double lastOverall = 0;
        bool monotonic = true;
        int calls = 0;
        const auto results = runner.run(jobs, [&](const io::BatchProgress& p) {
            std::lock_guard lock(m);
            monotonic = monotonic && p.overallFraction >= lastOverall - 1e-12;
            lastOverall = p.overallFraction;
            ++calls;
        });
        QCOMPARE(results.size(), size_t(6));
        int ok = 0;
        for (const auto& r : results) {
            if (r.job.input.find("good") != std::string::npos) {
                QVERIFY2(r.ok, r.error.c_str());
                QVERIFY(QFile::exists(QString::fromStdString(r.job.output)));
                QVERIFY(r.job.output.find("_fx.wav") != std::string::npos);
                ++ok;
            } else {
                QVERIFY(!r.ok);
                QVERIFY(r.error.find(r.job.input) != std::string::npos);
                QVERIFY(r.error.find('\n') == std::string::npos);
            }
        }
        QCOMPARE(ok, 4);
        QVERIFY(monotonic);
        QVERIFY(calls > 4);
        QCOMPARE(lastOverall, 1.0);
        // Four outputs, each with its done record (for --resume).
        QCOMPARE(QDir(dir.filePath("out")).entryList(QDir::Files).size(), 4);
        QCOMPARE(QDir(dir.filePath("out")).entryList({".*.done"}, QDir::Files | QDir::Hidden).size(), 4);
    }

    // Progress per file and overall, with the time left: each file's fraction reaches 1, the
    // overall fraction never goes back, and once there is enough to go on (a fifth of a second)
    // the estimate is there, never negative, and 0 at the end. The callback holds the workers
    // back (it is serialised) until the first estimate, so even a fast machine gets there.
    void progressReportsEachFileAndTheTimeLeft()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkdir("out");
        std::vector<std::string> inputs;
        for (int i = 0; i < 4; ++i) {
            const auto p = dir.filePath(QString("take%1.wav").arg(i)).toStdString();
            writeFile(p, makeSignal(2, 48000 * 12), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
            inputs.push_back(p);
        }
        io::BatchOptions options;
        options.jobs = 2;
        // Overdrive oversamples 8x: slow enough that the batch outlasts the estimate's warm-up.
        io::BatchRunner runner(dsp::parseChain("Overdrive(drive=0.7)"), options);
        const auto jobs = io::makeBatchJobs(inputs, dir.filePath("out").toStdString(), "", {});
        std::mutex m;
        std::vector<double> fileDone(jobs.size(), 0.0);
        std::vector<io::BatchProgress> seen;
        const auto started = std::chrono::steady_clock::now();
        double firstEstimateAt = -1.0;
        const auto results = runner.run(jobs, [&](const io::BatchProgress& p) {
            std::lock_guard lock(m);
            fileDone[static_cast<size_t>(p.fileIndex)] =
                std::max(fileDone[static_cast<size_t>(p.fileIndex)], p.fileFraction);
            if (p.secondsLeft >= 0.0 && firstEstimateAt < 0.0)
                firstEstimateAt =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            seen.push_back(p);
            if (firstEstimateAt < 0.0)
                std::this_thread::sleep_for(std::chrono::milliseconds(25));
        });
        const double total =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        for (const auto& r : results)
            QVERIFY2(r.ok, r.error.c_str());
        for (double f : fileDone)
            QCOMPARE(f, 1.0);
        QVERIFY(seen.size() > 8);
        for (size_t i = 1; i < seen.size(); ++i)
            QVERIFY(seen[i].overallFraction >= seen[i - 1].overallFraction - 1e-12);
        QCOMPARE(seen.back().overallFraction, 1.0);
        QCOMPARE(seen.back().filesFinished, 4);
        QCOMPARE(seen.back().filesFailed, 0);
        QVERIFY2(firstEstimateAt >= 0.0, qPrintable(QString("no estimate in %1 s").arg(total)));
        QVERIFY(seen.front().secondsLeft == -1.0); // nothing to go on yet
        QCOMPARE(seen.back().secondsLeft, 0.0);
        for (const auto& p : seen)
            QVERIFY(p.secondsLeft == -1.0 || p.secondsLeft >= 0.0);
        qInfo("batch took %.2f s; first time-left estimate after %.2f s", total, firstEstimateAt);
    }

    void existingOutputIsKeptWithoutOverwrite()
    {
        QTemporaryDir dir;
        const auto in = dir.filePath("a.wav").toStdString();
        writeFile(in, makeSignal(1, 5000), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        QDir(dir.path()).mkdir("out");
        QFile existing(dir.filePath("out/a.wav"));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("keep me");
        existing.close();
        const auto jobs = io::makeBatchJobs({in}, dir.filePath("out").toStdString(), "", {});
        io::BatchOptions options;
        auto results = io::BatchRunner(dsp::parseChain("Gain"), options).run(jobs);
        QVERIFY(!results[0].ok);
        QVERIFY(results[0].error.find("exists") != std::string::npos);
        QCOMPARE(QFile(dir.filePath("out/a.wav")).size(), qint64(7));
        options.ifExists = io::IfExists::Overwrite;
        results = io::BatchRunner(dsp::parseChain("Gain"), options).run(jobs);
        QVERIFY(results[0].ok);
        QVERIFY(QFile(dir.filePath("out/a.wav")).size() > 10000);
    }

    void cancelStopsEveryFileAndLeavesNoPartialOutput()
    {
        QTemporaryDir dir;
        std::vector<std::string> inputs;
        for (int i = 0; i < 6; ++i) {
            inputs.push_back(dir.filePath(QString("in%1.wav").arg(i)).toStdString());
            writeFile(inputs.back(), makeSignal(2, 300000), SF_FORMAT_WAV | SF_FORMAT_PCM_24);
        }
        QDir(dir.path()).mkdir("out");
        io::BatchOptions options;
        options.jobs = 2;
        options.chunkSize = 2048;
        io::BatchRunner runner(dsp::parseChain("Reverb | Reverb"), options);
        const auto results = runner.run(io::makeBatchJobs(inputs, dir.filePath("out").toStdString(), "", {}),
                                        [&](const io::BatchProgress& p) {
                                            if (p.overallFraction > 0.05)
                                                runner.cancel();
                                        });
        int cancelled = 0;
        for (const auto& r : results) {
            cancelled += r.cancelled;
            if (!r.ok)
                QVERIFY(!QFile::exists(QString::fromStdString(r.job.output)));
        }
        QVERIFY(cancelled >= 4);
        // Finished files are whole; nothing else (no temporary files) is left.
        for (const auto& name : QDir(dir.filePath("out")).entryList(QDir::Files | QDir::Hidden))
            QVERIFY2(!name.startsWith('.') || name.endsWith(".done"), qPrintable(name));
    }

    void defaultJobsIsTheNumberOfCores()
    {
        io::BatchRunner runner(dsp::parseChain("Gain"), {});
        QCOMPARE(runner.options().jobs, int(std::max(1u, std::thread::hardware_concurrency())));
    }
};

QTEST_GUILESS_MAIN(TestBatch)
#include "tst_batch.moc"
