// Issue 4: memory does not grow with the file. A 1-minute and a 2-hour stereo 48 kHz 16-bit WAV
// each go through the seed chain in a forked child (plain C++ only, then _exit; no Qt application
// or threads exist yet), and the 2-hour child's max RSS (wait4) must be within 10% of the
// 1-minute child's. Kept fast (about 15 s on 2 cores) and small on disk:
// - the 2-hour input is a sparse file: a hand-written 44-byte RIFF header, ftruncate() to the
//   full length, and test signal pwritten into the first and last minute. The rest reads as
//   silence but is read, processed and written like any audio, and takes no disk;
// - the output is FLAC (an ordinary output option): mostly silence, it encodes to a few MB in
//   less time than WAV, where WAV would write 1.4 GB. Reader, pipeline and chain are the same.
#include "common/AudioFiles.h"
#include "dsp/ChainSpec.h"
#include "io/AudioFormat.h"
#include "io/StreamProcessor.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <functional>
#include <malloc.h>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace fxrack;
using namespace fxrack::test;

namespace {

constexpr int kRate = 48000;
constexpr int kChannels = 2;
constexpr int kBytesPerFrame = kChannels * 2;
constexpr int64_t kMinute = int64_t{60} * kRate;
constexpr int64_t kTwoHours = 120 * kMinute;
constexpr long kWavHeaderBytes = 44;
const char* const kSeedChain = "HiButterworth(80) | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)";

// Interleaved 16-bit little-endian PCM, as a WAV data chunk holds it.
std::vector<unsigned char> pcm16(const Planar& audio)
{
    const size_t frames = audio[0].size();
    std::vector<unsigned char> bytes(frames * kBytesPerFrame);
    for (size_t i = 0; i < frames; ++i)
        for (size_t c = 0; c < kChannels; ++c) {
            const double q = std::clamp(std::nearbyint(audio[c][i] * 32768.0), -32768.0, 32767.0);
            const auto v = static_cast<uint16_t>(static_cast<int16_t>(q));
            bytes[(i * kChannels + c) * 2] = static_cast<unsigned char>(v & 0xff);
            bytes[(i * kChannels + c) * 2 + 1] = static_cast<unsigned char>(v >> 8);
        }
    return bytes;
}

void putLe(unsigned char* p, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        p[i] = static_cast<unsigned char>(v >> (8 * i));
}

bool pwriteAll(int fd, const std::vector<unsigned char>& bytes, off_t offset)
{
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::pwrite(fd, bytes.data() + done, bytes.size() - done, offset + off_t(done));
        if (n <= 0)
            return false;
        done += size_t(n);
    }
    return true;
}

// The 2-hour file: canonical 44-byte header, sparse silence, signal in the first and last minute.
bool writeSparseTwoHourWav(const std::string& path)
{
    const int64_t dataBytes = kTwoHours * kBytesPerFrame;
    unsigned char h[kWavHeaderBytes] = {};
    std::memcpy(h, "RIFF", 4);
    putLe(h + 4, uint32_t(36 + dataBytes), 4);
    std::memcpy(h + 8, "WAVEfmt ", 8);
    putLe(h + 16, 16, 4);
    putLe(h + 20, 1, 2); // PCM
    putLe(h + 22, kChannels, 2);
    putLe(h + 24, kRate, 4);
    putLe(h + 28, kRate * kBytesPerFrame, 4);
    putLe(h + 32, kBytesPerFrame, 2);
    putLe(h + 34, 16, 2);
    std::memcpy(h + 36, "data", 4);
    putLe(h + 40, uint32_t(dataBytes), 4);

    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return false;
    bool ok = pwriteAll(fd, std::vector<unsigned char>(h, h + kWavHeaderBytes), 0) &&
              ::ftruncate(fd, off_t(kWavHeaderBytes + dataBytes)) == 0 &&
              pwriteAll(fd, pcm16(makeSignal(kChannels, kMinute, kRate, 0.5f, 1)), kWavHeaderBytes) &&
              pwriteAll(fd, pcm16(makeSignal(kChannels, kMinute, kRate, 0.5f, 2)),
                        off_t(kWavHeaderBytes + (kTwoHours - kMinute) * kBytesPerFrame));
    ok = ::close(fd) == 0 && ok;
    return ok;
}

struct ChildRun {
    int status = 0;
    long maxRssKiB = 0;
    double seconds = 0;
    std::string error; // what the child reported before a non-zero exit
};

// Runs `work` in a forked child and returns the child's max RSS. The child reports an exception
// through a pipe and exits non-zero, so a failure there fails the test.
ChildRun runInChild(const std::function<void()>& work)
{
    ChildRun run;
    run.status = -1;
    int fds[2];
    if (::pipe(fds) != 0) {
        run.error = std::string("pipe failed: ") + std::strerror(errno);
        return run;
    }
    const auto started = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        std::string why;
        try {
            work();
            ::_exit(0);
        } catch (const std::exception& e) {
            why = e.what();
        } catch (...) {
            why = "unknown exception";
        }
        [[maybe_unused]] const ssize_t n = ::write(fds[1], why.data(), why.size());
        ::_exit(1);
    }
    ::close(fds[1]);
    if (pid < 0) {
        ::close(fds[0]);
        run.error = std::string("fork failed: ") + std::strerror(errno);
        return run;
    }
    char buf[512];
    ssize_t n;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0)
        run.error.append(buf, size_t(n));
    ::close(fds[0]);
    rusage usage{};
    if (::wait4(pid, &run.status, 0, &usage) != pid) {
        run.error = std::string("wait4 failed: ") + std::strerror(errno);
        run.status = -1;
        return run;
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    run.maxRssKiB = usage.ru_maxrss;
    return run;
}

// The seed chain over `in`, written as FLAC; every frame must come out.
void processToFlac(const std::string& in, const std::string& out, int64_t expectedFrames)
{
    io::StreamProcessor p(dsp::parseChain(kSeedChain));
    io::OutputOptions options;
    options.format = io::FileFormat::Flac;
    const auto report = p.processFile(in, out, options);
    if (report.framesWritten != expectedFrames)
        throw std::runtime_error("wrote " + std::to_string(report.framesWritten) + " frames of " + in +
                                 ", expected " + std::to_string(expectedFrames));
}

bool succeeded(const ChildRun& run)
{
    return WIFEXITED(run.status) && WEXITSTATUS(run.status) == 0;
}

QByteArray describe(const ChildRun& run)
{
    if (WIFEXITED(run.status))
        return QByteArray("child exited with ") + QByteArray::number(WEXITSTATUS(run.status)) + ": " +
               run.error.c_str();
    if (WIFSIGNALED(run.status))
        return QByteArray("child killed by signal ") + QByteArray::number(WTERMSIG(run.status));
    return QByteArray("child failed: ") + run.error.c_str();
}

int64_t sndfileFrames(const std::string& path, SF_INFO& info)
{
    info = {};
    SNDFILE* f = sf_open(path.c_str(), SFM_READ, &info);
    if (!f)
        return -1;
    sf_close(f);
    return info.frames;
}

} // namespace

class TestPeakMemory : public QObject {
    Q_OBJECT

private slots:
    void twoHourFilePeaksWithinTenPercentOfOneMinuteFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string shortIn = dir.filePath("short.wav").toStdString();
        const std::string longIn = dir.filePath("long.wav").toStdString();
        writeFile(shortIn, makeSignal(kChannels, kMinute, kRate), SF_FORMAT_WAV | SF_FORMAT_PCM_16, kRate);
        QVERIFY2(writeSparseTwoHourWav(longIn), std::strerror(errno));

        SF_INFO info{};
        QCOMPARE(sndfileFrames(shortIn, info), kMinute);
        QCOMPARE(sndfileFrames(longIn, info), kTwoHours);
        QCOMPARE(info.channels, kChannels);
        QCOMPARE(info.samplerate, kRate);
        QCOMPARE(info.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        // The test signals are freed; give their pages back so the children do not inherit them.
        ::malloc_trim(0);

        const std::string shortOut = dir.filePath("short.flac").toStdString();
        const std::string longOut = dir.filePath("long.flac").toStdString();
        // What a child starts with: the test process's resident pages, counted in both peaks.
        const ChildRun baseline = runInChild([] {});
        QVERIFY2(succeeded(baseline), describe(baseline));
        const ChildRun shortRun = runInChild([&] { processToFlac(shortIn, shortOut, kMinute); });
        QVERIFY2(succeeded(shortRun), describe(shortRun));
        const ChildRun longRun = runInChild([&] { processToFlac(longIn, longOut, kTwoHours); });
        QVERIFY2(succeeded(longRun), describe(longRun));
        QCOMPARE(sndfileFrames(longOut, info), kTwoHours);
        QCOMPARE(info.format & SF_FORMAT_TYPEMASK, SF_FORMAT_FLAC);

        const long difference = longRun.maxRssKiB - shortRun.maxRssKiB;
        qInfo("peak memory (max RSS): 1-minute file %ld KiB (%.1f s), 2-hour file %ld KiB (%.1f s), "
              "%+.1f%%; an idle child %ld KiB",
              shortRun.maxRssKiB, shortRun.seconds, longRun.maxRssKiB, longRun.seconds,
              100.0 * double(difference) / double(shortRun.maxRssKiB), baseline.maxRssKiB);
        QVERIFY2(std::labs(difference) * 10 <= shortRun.maxRssKiB,
                 qPrintable(
                     QString("the 2-hour file peaked at %1 KiB, not within 10% of the 1-minute file's %2 KiB")
                         .arg(longRun.maxRssKiB)
                         .arg(shortRun.maxRssKiB)));
    }
};

QTEST_APPLESS_MAIN(TestPeakMemory)
#include "tst_peak_memory.moc"
