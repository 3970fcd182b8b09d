// Callback cost of the seed chain, stereo, 48 kHz, buffers 64/128/256/512, through the offline
// backend (the processor's real callback: commands, chain, safety stage, meters, telemetry),
// beside a bare copy callback measured in the same run; a chain of every live-capable effect at
// 64 and 256 frames; then through a real JACK server at 256 frames: the seed chain alone, and
// with 100 scripted rack edits a second for 20 s (xruns counted); a filter-order knob stepped
// through replaceChain (what the app sends for each rack edit) at 50 and 500 edits a second,
// where before folding the second rate outran the transitions (each plan waited ~2 callbacks):
// failed edits, plans installed against folded, and how many callbacks after the last edit
// its chain was installed. For `live --stats`:
//   fxrack-cli live --api jack --chain "<seed chain>" --buffer 256 --duration 10 --stats
#include "common/JackServer.h"
#include "dsp/ChainSpec.h"
#include "dsp/EffectRegistry.h"
#include "realtime/OfflineBackend.h"
#include "realtime/RealtimeProcessor.h"
#include "realtime/RtAudioBackend.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>
#include <vector>

using namespace fxrack;
using namespace fxrack::realtime;

namespace {

struct Row {
    double median, p99, max;
};

Row summarise(std::vector<float> us)
{
    std::sort(us.begin(), us.end());
    const auto at = [&](double q) { return us[static_cast<size_t>(q * (us.size() - 1))]; };
    return {at(0.5), at(0.99), us.back()};
}

// A bare callback: copy in to out, timed the same way the processor times itself.
class CopyCallback final : public AudioCallback {
public:
    std::vector<float> us;
    void process(const float* const* in, int numIn, float* const* out, int numOut, int frames,
                 unsigned) noexcept override
    {
        const auto t0 = std::chrono::steady_clock::now();
        for (int c = 0; c < numOut; ++c)
            std::copy_n(in[c % numIn], frames, out[c]);
        const double t =
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
        if (us.size() < us.capacity())
            us.push_back(static_cast<float>(t));
    }
};

dsp::EffectChain everyLiveEffect()
{
    dsp::EffectChain chain;
    for (const auto* type : dsp::EffectRegistry::builtin().types())
        if (auto effect = type->create(); !effect->needsAnalysis())
            chain.add(std::move(effect));
    return chain;
}

Row offlineRow(dsp::EffectChain chain, const dsp::AudioBuffer& input, int buffer)
{
    OfflineBackend backend(input, -1, OfflineBackend::Pace::Manual);
    RealtimeProcessor processor(std::move(chain), backend, StreamConfig(48000, buffer, 2, 2));
    processor.start();
    std::vector<float> us;
    us.reserve(static_cast<size_t>(input.numFrames() / buffer + 1));
    while (backend.pump(64))
        processor.poll([&](const MeterFrame& f) { us.push_back(f.callbackUs); });
    processor.poll([&](const MeterFrame& f) { us.push_back(f.callbackUs); });
    return summarise(us);
}

void printRow(int buffer, const char* name, const Row& r)
{
    const double deadline = 1e6 * buffer / 48000.0;
    std::printf("%-7d %-12s %10.2f %10.2f %10.2f %11.0f %8.3f%% %8.3f%%\n", buffer, name, r.median, r.p99,
                r.max, deadline, 100 * r.median / deadline, 100 * r.p99 / deadline);
}

struct JackRun {
    Row row;
    ProcessorStats stats;
    int edits = 0;
};

// `chain` on the JACK server for `seconds`; with `editing`, 100 rack edits a second: a Gain
// inserted, bypassed, moved, unbypassed and removed again, in turn.
JackRun jackRun(const char* chain, int seconds, bool editing)
{
    RtAudioBackend backend({RtAudioBackend::Api::Jack});
    RealtimeProcessor processor(dsp::parseChain(chain), backend, StreamConfig(48000, 256, 2, 2));
    processor.start();
    JackRun run;
    std::vector<float> us;
    us.reserve(1 << 18);
    const auto start = std::chrono::steady_clock::now();
    auto next = start;
    for (int step = 0; std::chrono::steady_clock::now() - start < std::chrono::seconds(seconds); ++step) {
        next += std::chrono::milliseconds(10);
        std::this_thread::sleep_until(next);
        if (editing) {
            const int size = processor.effects().size();
            switch (step % 5) {
            case 0:
                processor.addEffect(dsp::EffectRegistry::builtin().create("Gain"), 1);
                break;
            case 1:
                processor.setBypass(1, true);
                break;
            case 2:
                processor.moveEffect(1, size - 1);
                break;
            case 3:
                processor.setBypass(size - 1, false);
                break;
            case 4:
                processor.removeEffect(size - 1);
                break;
            }
            ++run.edits;
        }
        if (step % 3 == 0)
            processor.poll([&](const MeterFrame& f) { us.push_back(f.callbackUs); });
    }
    processor.poll([&](const MeterFrame& f) { us.push_back(f.callbackUs); });
    run.stats = processor.stats();
    processor.stop();
    run.row = summarise(us);
    return run;
}

struct KnobRun {
    int edits = 0, failed = 0;
    uint64_t installed = 0, folded = 0, xruns = 0;
    long long lagCallbacks = -1; // after the last edit, until its plan was installed
};

// The seed chain's first filter's order stepped `perSecond` times a second for `seconds`, each
// step a replaceChain of the whole chain.
KnobRun jackKnobRun(int seconds, int perSecond)
{
    const auto chainAt = [](int k) {
        return "HiButterworth(80, order=" + std::to_string(2 + 2 * (k % 4)) +
               ") | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)";
    };
    RtAudioBackend backend({RtAudioBackend::Api::Jack});
    RealtimeProcessor processor(dsp::parseChain(chainAt(0)), backend, StreamConfig(48000, 256, 2, 2));
    processor.start();
    KnobRun run;
    const auto start = std::chrono::steady_clock::now();
    const auto period = std::chrono::microseconds(1000000 / perSecond);
    auto next = start;
    while (std::chrono::steady_clock::now() - start < std::chrono::seconds(seconds)) {
        next += period;
        std::this_thread::sleep_until(next);
        ++run.edits;
        try {
            processor.replaceChain(dsp::parseChain(chainAt(run.edits)));
        } catch (const BackendError&) {
            ++run.failed;
        }
        if (run.edits % 10 == 0)
            processor.poll();
    }
    const auto sentAt = processor.stats().callbacks;
    const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < giveUp) {
        const auto s = processor.stats();
        if (s.chainSwaps + s.editsFolded + static_cast<uint64_t>(run.failed) >=
            static_cast<uint64_t>(run.edits)) {
            run.lagCallbacks = static_cast<long long>(s.callbacks - sentAt);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const auto s = processor.stats();
    run.installed = s.chainSwaps;
    run.folded = s.editsFolded;
    run.xruns = s.xruns;
    processor.stop();
    return run;
}

} // namespace

int main()
{
    const char* seed = "HiButterworth(80) | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)";
    const int seconds = 20;
    dsp::AudioBuffer input(2, 48000 * seconds);
    for (int c = 0; c < 2; ++c)
        for (int i = 0; i < input.numFrames(); ++i)
            input.channel(c)[i] = 0.2f * static_cast<float>(std::sin(i * (0.01 + 0.003 * c)));
    std::printf("seed chain: %s, stereo, 48 kHz, %d s of audio per row\n\n", seed, seconds);
    std::printf("%-7s %-12s %10s %10s %10s %11s %9s %9s\n", "buffer", "callback", "median us", "p99 us",
                "max us", "deadline us", "median %", "p99 %");
    for (int buffer : {64, 128, 256, 512}) {
        const double deadline = 1e6 * buffer / 48000.0;
        {
            OfflineBackend backend(input, -1, OfflineBackend::Pace::Manual);
            CopyCallback copy;
            copy.us.reserve(static_cast<size_t>(input.numFrames() / buffer + 1));
            backend.open(StreamConfig(48000, buffer, 2, 2), copy);
            backend.start();
            while (backend.pump(1024)) {
            }
            const auto r = summarise(copy.us);
            std::printf("%-7d %-12s %10.2f %10.2f %10.2f %11.0f %8.3f%% %8.3f%%\n", buffer, "bare copy",
                        r.median, r.p99, r.max, deadline, 100 * r.median / deadline, 100 * r.p99 / deadline);
        }
        printRow(buffer, "seed chain", offlineRow(dsp::parseChain(seed), input, buffer));
        if (buffer == 64 || buffer == 256)
            printRow(buffer, "every effect", offlineRow(everyLiveEffect(), input, buffer));
    }

    // The same chain through a real JACK server (dummy driver, 256 frames), as `fxrack-cli live
    // --stats` sees it: here the host's scheduling shows, not just the DSP.
    fxrack::test::JackServer server(48000, 256);
    if (!server.isRunning()) {
        std::printf("\nJACK row absent: %s\n", server.error().c_str());
        return 0;
    }
    const auto plain = jackRun(seed, 10, false);
    printRow(256, "seed, JACK", plain.row);
    const auto edited = jackRun(seed, 20, true);
    printRow(256, "+100 edit/s", edited.row);
    std::printf("\nJACK, seed chain, 10 s: %llu callbacks, %llu xruns (%llu after a slow callback)\n",
                static_cast<unsigned long long>(plain.stats.callbacks),
                static_cast<unsigned long long>(plain.stats.xruns),
                static_cast<unsigned long long>(plain.stats.xrunsSlowCallback));
    std::printf("JACK, seed chain with %d edits in 20 s: %llu callbacks, %llu xruns (%llu after a slow "
                "callback), %llu plans installed\n",
                edited.edits, static_cast<unsigned long long>(edited.stats.callbacks),
                static_cast<unsigned long long>(edited.stats.xruns),
                static_cast<unsigned long long>(edited.stats.xrunsSlowCallback),
                static_cast<unsigned long long>(edited.stats.chainSwaps));
    std::printf("\n%-12s %7s %7s %10s %8s %13s %6s\n", "replaceChain", "edits", "failed", "installed",
                "folded", "lag callbacks", "xruns");
    for (const int perSecond : {50, 500}) {
        const auto k = jackKnobRun(5, perSecond);
        std::printf("%-12s %7d %7d %10llu %8llu %13lld %6llu\n", (std::to_string(perSecond) + "/s").c_str(),
                    k.edits, k.failed, static_cast<unsigned long long>(k.installed),
                    static_cast<unsigned long long>(k.folded), k.lagCallbacks,
                    static_cast<unsigned long long>(k.xruns));
    }
    std::printf("goals: at 256 frames on JACK p99 under 1%% of the deadline (53 us) and no xrun caused by an "
                "edit; at 64 frames p99 under 5%% of the deadline; replaceChain at 500/s: no failed edit and "
                "the last one installed within 4 callbacks\n");
    return 0;
}
