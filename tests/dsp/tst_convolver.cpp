// The Convolver against scipy's fftconvolve (reference data from reference/gen_convolver_reference.py),
// its block-size independence, its IR shaping (resampling, trim, pre-delay, gain) and its errors.
#include "common/AllocationCounter.h"
#include "common/AudioFiles.h"
#include "common/JackServer.h"
#include "dsp/ChainSpec.h"
#include "dsp/Errors.h"
#include "dsp/ImpulseResponse.h"
#include "dsp/effects/Convolver.h"

#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sched.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace fxrack;
using namespace fxrack::dsp;

namespace {

std::string referencePath(const std::string& name)
{
    return std::string(FXRACK_TESTS_DIR) + "/dsp/reference/" + name;
}

struct Reference {
    std::vector<std::vector<float>> input;                           // 2 channels
    std::map<std::string, std::vector<std::vector<double>>> outputs; // per IR file, 2 channels
};

Reference readReference()
{
    Reference ref;
    std::ifstream in(referencePath("convolver_reference.txt"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream s(line);
        std::string kind;
        s >> kind;
        if (kind == "input") {
            int c = 0;
            s >> c;
            ref.input.resize(static_cast<size_t>(c) + 1);
            double v = 0;
            while (s >> v)
                ref.input[static_cast<size_t>(c)].push_back(static_cast<float>(v));
        } else if (kind == "case") {
            std::string file;
            int c = 0;
            s >> file >> c;
            auto& out = ref.outputs[file];
            out.resize(static_cast<size_t>(c) + 1);
            double v = 0;
            while (s >> v)
                out[static_cast<size_t>(c)].push_back(v);
        }
    }
    return ref;
}

// Batch (the FFT convolution) unless `realtime` (zita-convolver with the direct head, waiting
// for zita's threads: these tests run unpaced, and compare outputs sample for sample).
std::unique_ptr<Effect> makeConvolver(const std::string& args, int maxBlock, int channels = 2,
                                      double rate = 48000.0, bool realtime = false)
{
    auto chain = parseChain("Convolver(" + args + ")");
    auto effect = chain.remove(0);
    dynamic_cast<Convolver&>(*effect).setWaitsForWorkers(realtime);
    effect->prepare({rate, maxBlock, channels, realtime});
    return effect;
}

// A live (non-waiting) effect fed 256-frame stereo blocks of noise or silence at about real time,
// so zita's threads keep up; run() gives the output's peak.
class PacedRunner {
public:
    explicit PacedRunner(Effect& effect) : m_effect(effect) {}
    double run(bool silent, int blocks)
    {
        double peak = 0.0;
        for (int b = 0; b < blocks; ++b) {
            auto block = m_work.block();
            if (silent)
                block.clear();
            else
                block.copyFrom(m_noise.block());
            m_effect.process(block);
            for (int c = 0; c < 2; ++c)
                for (int i = 0; i < 256; ++i)
                    peak = std::max(peak, double(std::fabs(block.channel(c)[i])));
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return peak;
    }

private:
    Effect& m_effect;
    AudioBuffer m_noise = test::whiteNoise(2, 256, 0.5f);
    AudioBuffer m_work{2, 256};
};

double worstDifference(const std::vector<std::vector<float>>& a, const std::vector<std::vector<float>>& b)
{
    double worst = 0.0;
    for (size_t c = 0; c < a.size(); ++c)
        for (size_t i = 0; i < a[c].size(); ++i)
            worst = std::max(worst, double(std::abs(a[c][i] - b[c][i])));
    return worst;
}

std::vector<std::vector<float>> noise(int channels, int frames, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-0.5f, 0.5f);
    std::vector<std::vector<float>> x(static_cast<size_t>(channels),
                                      std::vector<float>(static_cast<size_t>(frames)));
    for (auto& ch : x)
        for (auto& v : ch)
            v = dist(rng);
    return x;
}

// Runs `input` through `effect` in blocks of `blockSize` frames (the last one shorter); at frame
// `changeAt` (a block is cut there), `change` edits the effect.
std::vector<std::vector<float>> runBlocks(Effect& effect, const std::vector<std::vector<float>>& input,
                                          int blockSize, int changeAt = -1,
                                          const std::function<void(Effect&)>& change = {})
{
    auto out = input;
    const int frames = static_cast<int>(input[0].size());
    std::vector<float*> pointers;
    for (auto& ch : out)
        pointers.push_back(ch.data());
    const AudioBlock whole(pointers.data(), static_cast<int>(out.size()), frames);
    for (int start = 0; start < frames;) {
        int end = std::min(start + blockSize, frames);
        if (start < changeAt && changeAt < end)
            end = changeAt;
        if (start == changeAt)
            change(effect);
        auto block = whole.subBlock(start, end - start);
        effect.process(block);
        start = end;
    }
    return out;
}

std::vector<std::vector<float>> impulse(int channels, int frames, int at = 0)
{
    std::vector<std::vector<float>> x(static_cast<size_t>(channels),
                                      std::vector<float>(static_cast<size_t>(frames)));
    for (auto& ch : x)
        ch[static_cast<size_t>(at)] = 1.0f;
    return x;
}

} // namespace

class TstConvolver : public QObject {
    Q_OBJECT

private slots:
    void matchesFftconvolve_data()
    {
        QTest::addColumn<QString>("irFile");
        QTest::addColumn<int>("blockSize");
        QTest::addColumn<bool>("realtime");
        for (const char* file :
             {"convolver_ir_mono.wav", "convolver_ir_stereo.wav", "convolver_ir_truestereo.wav"}) {
            for (int block : {64, 256, 1000})
                QTest::addRow("%s/live/%d", file, block) << QString(file) << block << true;
            for (int block : {1, 64, 1000, 4096, 65536})
                QTest::addRow("%s/batch/%d", file, block) << QString(file) << block << false;
        }
    }
    // Within 1e-5 of full scale of scipy's double-precision FFT convolution, live and batch.
    void matchesFftconvolve()
    {
        QFETCH(QString, irFile);
        QFETCH(int, blockSize);
        QFETCH(bool, realtime);
        static const Reference ref = readReference();
        QCOMPARE(ref.input.size(), size_t(2));
        const auto& expected = ref.outputs.at(irFile.toStdString());
        auto effect = makeConvolver("ir=\"" + referencePath(irFile.toStdString()) + "\"", blockSize, 2,
                                    48000.0, realtime);
        const auto out = runBlocks(*effect, ref.input, blockSize);
        double worst = 0.0;
        for (size_t c = 0; c < 2; ++c)
            for (size_t i = 0; i < out[c].size(); ++i)
                worst = std::max(worst, std::abs(out[c][i] - expected[c][i]));
        QVERIFY2(worst < 1e-5, qPrintable(QString("worst error %1").arg(worst)));
    }

    // Live: any split of the signal into blocks gives the same samples, bit for bit. Batch: the
    // partitions follow the chunk size, so the FFTs round differently: within 1e-6 of the output's
    // peak (about 5 here: these IRs have gain).
    void blockSizeNeverChangesTheOutput()
    {
        static const Reference ref = readReference();
        const std::string args = "ir=\"" + referencePath("convolver_ir_truestereo.wav") + "\"";
        for (bool realtime : {true, false}) {
            auto whole = makeConvolver(args, 8192, 2, 48000.0, realtime);
            const auto expected = runBlocks(*whole, ref.input, 8192);
            double peak = 0.0;
            for (const auto& ch : expected)
                for (const float v : ch)
                    peak = std::max(peak, double(std::abs(v)));
            for (int block : {1, 7, 63, 64, 65, 333, 4096, 65536}) {
                auto effect = makeConvolver(args, block, 2, 48000.0, realtime);
                const auto out = runBlocks(*effect, ref.input, block);
                if (realtime) {
                    QVERIFY(out == expected);
                } else {
                    const double worst = worstDifference(out, expected);
                    QVERIFY2(worst < 1e-6 * peak, qPrintable(QString("chunk %1: worst difference %2, peak %3")
                                                                 .arg(block)
                                                                 .arg(worst)
                                                                 .arg(peak)));
                }
            }
        }
    }

    // A long IR (many batch partitions, every zita level): batch in 65,536-frame chunks and in
    // odd ones equals live in 256-frame buffers within 1e-6 of full scale, a gain ramp included.
    void batchEqualsLive()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("long.wav").toStdString();
        auto ir = noise(2, 60000, 3);
        for (auto& ch : ir)
            for (size_t i = 0; i < ch.size(); ++i)
                ch[i] *= 0.05f * std::exp(-3.0f * static_cast<float>(i) / 60000.0f);
        test::writeFile(path, ir, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        const auto input = noise(2, 150000, 4);
        const std::string args = "ir=\"" + path + "\"";
        const auto quieter = [](Effect& e) { e.setParameter("gain_db", -6.0); };
        auto live = makeConvolver(args, 256, 2, 48000.0, true);
        const auto expected = runBlocks(*live, input, 256, 77777, quieter);
        for (int chunk : {65536, 1000, 20000}) {
            auto batch = makeConvolver(args, chunk);
            const double worst = worstDifference(runBlocks(*batch, input, chunk, 77777, quieter), expected);
            QVERIFY2(worst < 1e-6,
                     qPrintable(QString("chunk %1: worst difference %2").arg(chunk).arg(worst)));
        }
    }

    // After reset() the effect answers as if new: nothing of the past input comes out (within
    // float rounding: zita's partitions now start at another phase of its cycle).
    void resetForgetsThePast()
    {
        static const Reference ref = readReference();
        auto effect = makeConvolver("ir=\"" + referencePath("convolver_ir_stereo.wav") + "\"", 512);
        const auto first = runBlocks(*effect, ref.input, 512);
        effect->reset();
        const auto second = runBlocks(*effect, ref.input, 512);
        double worst = 0.0;
        for (size_t c = 0; c < 2; ++c)
            for (size_t i = 0; i < first[c].size(); ++i)
                worst = std::max(worst, double(std::abs(first[c][i] - second[c][i])));
        QVERIFY2(worst < 1e-6, qPrintable(QString("worst difference %1").arg(worst)));
    }

    // Live (ProcessSpec::realtime), reset() waits for nothing: the clean twin takes over at once,
    // so right after it silence in is silence out, whatever zita's threads were doing; the used
    // instance is flushed with silence meanwhile (twinReady()), and the next reset is as clean.
    void liveResetSwapsInACleanTwin()
    {
        QTemporaryDir dir;
        const std::string room = dir.filePath("room.wav").toStdString();
        test::writeRoomImpulse(room, 0.5);
        auto effect = parseChain("Convolver(ir=\"" + room + "\")").remove(0);
        effect->prepare({48000.0, 256, 2, true});
        auto& convolver = dynamic_cast<Convolver&>(*effect);
        QVERIFY(convolver.twinReady());
        PacedRunner runner(*effect);
        const auto run = [&](bool silent, int blocks) { return runner.run(silent, blocks); };
        for (int round = 0; round < 2; ++round) {
            QVERIFY(run(false, 40) > 1e-3); // the room rings
            effect->reset();
            QVERIFY(!convolver.twinReady()); // the used instance is flushing
            QCOMPARE(run(true, 20), 0.0);    // nothing of the past comes out
            const auto giveUp = std::chrono::steady_clock::now() + std::chrono::minutes(1);
            while (!convolver.twinReady() && std::chrono::steady_clock::now() < giveUp)
                run(true, 1);
            QVERIFY(convolver.twinReady());
        }
    }

    // A footswitch A/B: bypass, a short un-bypass, bypass again, and a later un-bypass. The
    // reset at the end of each bypass fade needs a clean twin; the one the first reset took out
    // is flushed while the effect stays bypassed, so after the last un-bypass silence in is
    // silence out (before, the second reset found it dirty, kept the running instance, and its
    // past rang out at the next un-bypass).
    void quickBypassTogglesLeaveNoStaleTail()
    {
        QTemporaryDir dir;
        const std::string room = dir.filePath("room.wav").toStdString();
        test::writeRoomImpulse(room, 0.5);
        auto effect = parseChain("Convolver(ir=\"" + room + "\")").remove(0);
        effect->prepare({48000.0, 256, 2, true});
        auto& convolver = dynamic_cast<Convolver&>(*effect);
        PacedRunner runner(*effect);
        const auto run = [&](bool silent, int blocks) { return runner.run(silent, blocks); };
        QVERIFY(run(false, 40) > 1e-3); // the room rings
        effect->setActive(false);
        run(false, 10); // the bypass fade ends: a reset, the twin takes over
        QVERIFY(!convolver.twinReady());
        effect->setActive(true);
        QVERIFY(run(false, 10) > 1e-3); // a short un-bypass: the room rings again
        effect->setActive(false);
        // Bypassed past the IR's length and zita's largest partition: the flush goes on.
        const auto giveUp = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        do
            run(false, 20);
        while (!convolver.twinReady() && std::chrono::steady_clock::now() < giveUp);
        QVERIFY(convolver.twinReady());
        effect->setActive(true);
        QCOMPARE(run(true, 20), 0.0); // nothing of the short un-bypass comes back
    }

    // zita's workers run below the audio thread whatever its priority: every level at least one
    // step below it and at least 1; under an audio thread at 1 or not real-time, SCHED_OTHER.
    void workersAreScheduledBelowTheAudioThread()
    {
        QCOMPARE(Convolver::workerScheduling(0).policy, SCHED_OTHER);
        QCOMPARE(Convolver::workerScheduling(1).policy, SCHED_OTHER);
        QCOMPARE(Convolver::levelPriority(Convolver::workerScheduling(0), -1), 0);
        // jackd -P 5: its clients' thread at 4 or 5; the former fixed 8 ran above it.
        QCOMPARE(Convolver::levelPriority(Convolver::workerScheduling(5), -1), 4);
        for (int audio = 2; audio <= 99; ++audio) {
            const auto s = Convolver::workerScheduling(audio);
            QCOMPARE(s.policy, SCHED_FIFO);
            for (int offset = -1; offset >= -24; --offset) { // zita's levels: 1 or 2 steps each
                const int p = Convolver::levelPriority(s, offset);
                QVERIFY2(p >= 1 && p < audio,
                         qPrintable(QString("audio %1, offset %2: %3").arg(audio).arg(offset).arg(p)));
            }
            QCOMPARE(Convolver::levelPriority(s, -1), audio - 1); // the first level just below it
        }
    }

    // A live Convolver's worker threads as the scheduler sees them: below the priority its spec
    // gives, and moved when the audio thread's priority changes.
    void liveWorkersFollowTheAudioThreadsPriority()
    {
        if (!test::mayRunRealtime())
            QSKIP("this process may not use SCHED_FIFO (no rtprio limit, no CAP_SYS_NICE)");
        QTemporaryDir dir;
        const std::string room = dir.filePath("room.wav").toStdString();
        test::writeRoomImpulse(room, 0.5);
        auto effect = parseChain("Convolver(ir=\"" + room + "\")").remove(0);
        effect->prepare({48000.0, 256, 2, true, 20});
        auto& convolver = dynamic_cast<Convolver&>(*effect);
        const auto check = [&](int audio) {
            const auto threads = convolver.workerThreads();
            QVERIFY(threads.size() >= 2); // the running instance's and its twin's
            for (const auto& t : threads) {
                if (audio < 2) {
                    QCOMPARE(t.policy, SCHED_OTHER);
                } else {
                    QCOMPARE(t.policy, SCHED_FIFO);
                    QVERIFY2(t.priority >= 1 && t.priority < audio, qPrintable(QString::number(t.priority)));
                }
            }
        };
        check(20);
        effect->setAudioThreadPriority(0); // the stream runs without real-time priority
        check(0);
        effect->setAudioThreadPriority(3); // jackd -P 4
        check(3);
        effect->setAudioThreadPriority(80);
        check(80);
        QCOMPARE(convolver.workerThreads().front().priority, 79);
    }

    // With an IR loaded, process() allocates and frees nothing (operator new and delete counted;
    // zita-convolver allocates only in configure() and impdata_create(), called by prepare()).
    void processDoesNotAllocate_data()
    {
        QTest::addColumn<bool>("realtime");
        QTest::newRow("live") << true;
        QTest::newRow("batch") << false;
    }
    void processDoesNotAllocate()
    {
        QFETCH(bool, realtime);
        static const Reference ref = readReference();
        auto effect = makeConvolver("ir=\"" + referencePath("convolver_ir_truestereo.wav") + "\"", 333, 2,
                                    48000.0, realtime);
        auto work = ref.input;
        float* pointers[2] = {work[0].data(), work[1].data()};
        const AudioBlock whole(pointers, 2, static_cast<int>(work[0].size()));
        test::ScopedAllocationCounter counter;
        for (int start = 0; start + 333 <= whole.numFrames(); start += 333) {
            auto block = whole.subBlock(start, 333);
            effect->process(block);
        }
        const auto counts = counter.counts();
        QCOMPARE(counts.allocations, 0L);
        QCOMPARE(counts.frees, 0L);
    }

    void emptyIrPassesAudioThrough()
    {
        static const Reference ref = readReference();
        auto effect = makeConvolver("", 256);
        QVERIFY(runBlocks(*effect, ref.input, 256) == ref.input);
    }

    void predelayGainAndTrim()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("ir.wav").toStdString();
        // A 1-second IR of ones: the trim leaves length_ms of it, faded at the end.
        test::writeFile(path, {std::vector<float>(48000, 1.0f)}, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        auto effect =
            makeConvolver("ir=\"" + path + "\", predelay_ms=10, gain_db=-6.0206, length_ms=100", 512, 1);
        const auto out = runBlocks(*effect, impulse(1, 48000), 512);
        const auto& y = out[0];
        for (int i = 0; i < 480; ++i)
            QCOMPARE(y[static_cast<size_t>(i)], 0.0f);
        QVERIFY(std::abs(y[480] - 0.5f) < 1e-4f);
        QVERIFY(std::abs(y[480 + 4000] - 0.5f) < 1e-4f);        // before the 5 ms fade
        QVERIFY(y[480 + 4799] < 0.01f && y[480 + 4799] > 0.0f); // the fade's last step
        for (size_t i = 480 + 4800; i < y.size(); ++i)
            QCOMPARE(y[i], 0.0f);
    }

    // An IR at 24 kHz played at 48 kHz: the delay doubles in samples and the DC gain stays.
    void resamplesToTheStreamRate()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("ir24k.wav").toStdString();
        std::vector<float> ir(2400, 0.0f);
        ir[1000] = 1.0f;
        test::writeFile(path, {ir}, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 24000);
        auto effect = makeConvolver("ir=\"" + path + "\"", 256, 1);
        const auto out = runBlocks(*effect, impulse(1, 6000), 256);
        const auto& y = out[0];
        const auto peak = std::max_element(y.begin(), y.end()) - y.begin();
        QVERIFY2(std::abs(peak - 2000) <= 1, qPrintable(QString("peak at %1").arg(peak)));
        double sum = 0.0;
        for (const float v : y)
            sum += v;
        QVERIFY2(std::abs(sum - 1.0) < 0.01, qPrintable(QString("DC gain %1").arg(sum)));
    }

    // The response plot's view: the IR's spectrum times the gain; nothing for an unreadable IR.
    void frequencyResponseOfTheIr()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("ir.wav").toStdString();
        std::vector<float> ir(100, 0.0f);
        ir[10] = 0.5f;
        ir[11] = 0.5f; // a two-tap average: |H| = cos(pi f / fs)
        test::writeFile(path, {ir}, SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        auto chain = parseChain("Convolver(ir=\"" + path + "\", gain_db=-6.0206)");
        for (double hz : {20.0, 1000.0, 12000.0}) {
            const auto h = frequencyResponse(chain.at(0), hz, 48000.0);
            QVERIFY(h.has_value());
            const double expected = 0.5 * std::cos(3.14159265358979 * hz / 48000.0);
            QVERIFY2(std::abs(std::abs(*h) - expected) < 1e-4, qPrintable(QString::number(std::abs(*h))));
        }
        auto missing = parseChain("Convolver(ir=\"" + dir.filePath("gone.wav").toStdString() + "\")");
        QVERIFY(!frequencyResponse(missing.at(0), 1000.0, 48000.0).has_value());
    }

    void formatsAndParsesThePath()
    {
        auto chain = parseChain("Convolver(ir=\"/tmp/some dir/cab.wav\", gain_db=-3)");
        QCOMPARE(chain.at(0).text(Convolver::Ir), std::string("/tmp/some dir/cab.wav"));
        const auto text = formatChain(chain);
        QVERIFY(text.find("ir=\"/tmp/some dir/cab.wav\"") != std::string::npos);
        QCOMPARE(formatChain(parseChain(text)), text);
        QVERIFY(chain.at(0).clone()->text(Convolver::Ir) == "/tmp/some dir/cab.wav");
        QVERIFY_THROWS_EXCEPTION(ParameterError, parseChain("Convolver(ir=[1, 2])"));
        QVERIFY_THROWS_EXCEPTION(ParameterError, parseChain("Gain(gain=\"x.wav\")"));
    }

    void errorsNameTheFileAndTheSlot_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << "missing"
                                 << "impulse response not found";
        QTest::newRow("text named .wav") << "text"
                                         << "not an audio file";
        QTest::newRow("60 minutes") << "long"
                                    << "at most 60 s are allowed";
        QTest::newRow("5 channels") << "channels"
                                    << "an impulse response has 1 (mono), 2 (stereo) or 4";
    }
    void errorsNameTheFileAndTheSlot()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = dir.filePath("ir.wav").toStdString();
        if (kind == "text") {
            std::ofstream(path) << "not audio at all\n";
        } else if (kind == "long") {
            // 60 minutes at 8 Hz: a small file whose duration is what is refused.
            test::writeFile(path, {std::vector<float>(8 * 3600, 0.1f)}, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 8);
        } else if (kind == "channels") {
            test::writeFile(path, std::vector<std::vector<float>>(5, std::vector<float>(100, 0.1f)),
                            SF_FORMAT_WAV | SF_FORMAT_FLOAT);
        }
        auto chain = parseChain("Gain(1) | Convolver(ir=\"" + path + "\")");
        try {
            chain.prepare({48000.0, 256, 2});
            QFAIL("prepare() accepted a bad impulse response");
        } catch (const ImpulseResponseError& e) {
            const QString message = e.what();
            QVERIFY2(message.startsWith(QString::fromStdString("Convolver (slot 1): " + path + ": ")),
                     qPrintable(message));
            QVERIFY2(message.contains(expected), qPrintable(message));
            QVERIFY(!message.contains('\n'));
        }
    }

    // libsndfile keeps the reason a file failed to open in one process-wide variable: two threads
    // failing on different files at once must each report their own reason.
    void openErrorsOfTwoThreadsNeverCross()
    {
        QTemporaryDir dir;
        const std::string text = dir.filePath("text.wav").toStdString();
        const std::string noChannels = dir.filePath("no-channels.wav").toStdString();
        std::ofstream(text) << "not audio at all\n";
        // A WAV header that says 0 channels (libsndfile: "Channel count is zero.").
        const unsigned char header[] = {'R', 'I', 'F',  'F',  36,  0,   0,    0,    'W', 'A', 'V',
                                        'E', 'f', 'm',  't',  ' ', 16,  0,    0,    0,   1,   0,
                                        0,   0,   0x44, 0xac, 0,   0,   0x88, 0x58, 1,   0,   2,
                                        0,   16,  0,    'd',  'a', 't', 'a',  0,    0,   0,   0};
        std::ofstream(noChannels, std::ios::binary)
            .write(reinterpret_cast<const char*>(header), sizeof header);
        const auto reason = [](const std::string& path) {
            try {
                loadImpulseResponse(path, 48000.0);
            } catch (const std::exception& e) {
                return std::string(e.what());
            }
            return std::string("loaded");
        };
        const std::string textReason = reason(text), channelsReason = reason(noChannels);
        QVERIFY2(textReason != channelsReason, textReason.c_str());
        std::atomic<int> crossed{0};
        std::string example;
        const auto hammer = [&](const std::string& path, const std::string& expected) {
            for (int i = 0; i < 3000; ++i)
                if (const std::string r = reason(path); r != expected && crossed.fetch_add(1) == 0)
                    example = r;
        };
        std::thread other([&] { hammer(noChannels, channelsReason); });
        hammer(text, textReason);
        other.join();
        QVERIFY2(crossed.load() == 0,
                 qPrintable(QString("%1 crossed, e.g. %2").arg(crossed.load()).arg(example.c_str())));
    }
    // An impulse response in a FIFO (the IR loader) waits for its writer and its data; meanwhile
    // an open on another thread (a rack row's check on the GUI thread, a batch's output) must not
    // wait with it: here the FIFO's writer comes only after that open, so a held-back open never
    // ends. A watchdog brings the writer after a minute so that the test fails instead of hanging.
    void aFifoWaitingForItsWriterHoldsNoOtherOpenBack()
    {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath("ir.fifo").toStdString();
        const std::string regular = dir.filePath("ir.wav").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        constexpr int kFrames = 4800;
        test::writeFile(regular, test::makeSignal(1, kFrames), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        std::ifstream in(regular, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto writeFifo = [&] {
            const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
            if (fd < 0)
                return;
            (void)!::write(fd, bytes.data(), bytes.size());
            ::close(fd);
        };
        std::atomic<pid_t> readerTid{0};
        std::string fifoResult;
        std::thread reader([&] {
            readerTid = static_cast<pid_t>(::syscall(SYS_gettid));
            try {
                fifoResult = std::to_string(loadImpulseResponse(fifo, 48000.0).length());
            } catch (const std::exception& e) {
                fifoResult = e.what();
            }
        });
        // Until the reader sleeps in openat() on the FIFO, which has no writer yet.
        while (readerTid.load() == 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const std::string syscallPath = "/proc/self/task/" + std::to_string(readerTid.load()) + "/syscall";
        const auto inOpen = [&] {
            std::ifstream syscallFile(syscallPath);
            std::string number;
            return (syscallFile >> number) && number == std::to_string(SYS_openat);
        };
        bool readable = true;
        while (readable && !inOpen()) {
            readable = std::ifstream(syscallPath).good();
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (!readable) {
            writeFifo();
            reader.join();
            QSKIP("/proc/self/task/<tid>/syscall cannot be read here: cannot see the reader wait");
        }
        std::atomic<bool> opened{false}, rescued{false};
        std::thread watchdog([&] {
            for (int i = 0; i < 600 && !opened; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            if (!opened) {
                rescued = true;
                writeFifo();
            }
        });
        const int length = loadImpulseResponse(regular, 48000.0).length();
        opened = true;
        watchdog.join();
        if (!rescued)
            writeFifo();
        reader.join();
        QVERIFY2(!rescued, "an open waited for the writer of a FIFO another thread was opening");
        QCOMPARE(length, kFrames);
        QCOMPARE(fifoResult, std::to_string(kFrames));
    }
};

QTEST_GUILESS_MAIN(TstConvolver)
#include "tst_convolver.moc"
