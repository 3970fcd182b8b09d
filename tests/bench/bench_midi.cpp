// MIDI control on a real JACK server (dummy driver, 48 kHz, 256 frames), printed as tables with
// their baselines from the same run:
//  1. MIDI-to-audio latency: a CC 7 (mapped to a Gain from 0 to 1) written by a JACK MIDI client,
//     until the processor's output is no longer silent (telemetry drained every 1 ms): median and
//     p99 beside one buffer and the gain's ramp time.
//  2. Flood: the seed chain for 10 s without MIDI, 10 s with the same parameter sweeps set from the
//     control thread (the cost of moving parameters: filter redesigns in the ramps), then 10 s with
//     10,000 CC a second mapped to those parameters: xruns and the callback's median and p99.
#include "common/JackMidiSender.h"
#include "common/JackServer.h"
#include "dsp/ChainSpec.h"
#include "midi/MidiInputs.h"
#include "midi/MidiMapper.h"
#include "midi/ProcessorTargets.h"
#include "realtime/RealtimeProcessor.h"
#include "realtime/RtAudioBackend.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

using namespace fxrack;
using namespace std::chrono;

namespace {

double at(std::vector<double> v, double q)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    return v[static_cast<size_t>(q * static_cast<double>(v.size() - 1))];
}

struct Control {
    explicit Control(realtime::RealtimeProcessor& p) : processor(p), inputs(midi::MidiApi::Jack), targets(p)
    {
        mapper.resetRack(p.effects().size());
    }
    template <typename F> void dispatch(F&& onFrame)
    {
        inputs.drain(
            [&](const midi::MidiEvent& e, const std::string& port) { mapper.handle(e, port, targets); });
        mapper.flush(targets);
        processor.poll(onFrame);
    }
    realtime::RealtimeProcessor& processor;
    midi::MidiInputs inputs;
    midi::MidiMapper mapper;
    midi::ProcessorTargets targets;
};

struct FloodRow {
    uint64_t xruns, messages;
    double p50, p99;
};

enum class Mode { Still, Sweep, Flood };

FloodRow run(const char* chain, Mode mode, test::JackMidiSender& sender)
{
    realtime::RtAudioBackend backend({realtime::RtAudioBackend::Api::Jack});
    realtime::RealtimeProcessor p(dsp::parseChain(chain), backend, realtime::StreamConfig(48000, 256, 0, 2));
    Control c(p);
    for (const char* spec : {"ch1:cc74=1.cutoff:2000..12000", "ch1:cc71=0.cutoff:40..200",
                             "ch1:cc7=2.gain:0..1.5", "ch1:cc91=3.room_size:0..1", "ch1:cc1/33=3.mix"})
        c.mapper.add(midi::parseMappingSpec(spec));
    c.inputs.open(sender.name());
    std::vector<double> us;
    p.start();
    const auto t0 = steady_clock::now();
    for (int ms = 0; ms < 10000; ++ms) {
        static const int ccs[] = {74, 71, 7, 91, 1, 33};
        if (mode == Mode::Flood)
            for (int i = 0; i < 10; ++i)
                sender.cc(1, ccs[(ms * 10 + i) % 6], (ms + i) % 128);
        if (mode == Mode::Sweep) // what the mapper sends for one millisecond of the flood
            for (int i = 0; i < 10; ++i) {
                midi::MidiEvent e;
                e.number = static_cast<uint16_t>(ccs[(ms * 10 + i) % 6]);
                e.value = static_cast<uint16_t>((ms + i) % 128);
                c.mapper.handle(e, sender.portName(), c.targets);
            }
        c.dispatch([&](const realtime::MeterFrame& f) { us.push_back(f.callbackUs); });
        std::this_thread::sleep_until(t0 + milliseconds(ms + 1));
    }
    const auto s = p.stats();
    p.stop();
    return {s.xruns, c.inputs.received(), at(us, 0.5), at(us, 0.99)};
}

} // namespace

int main()
{
    test::JackServer server(48000, 256);
    if (!server.isRunning()) {
        std::printf("bench_midi: no JACK server: %s\n", server.error().c_str());
        return 1;
    }
    test::JackMidiSender sender("bench-midi");

    // 1. Latency.
    {
        realtime::RtAudioBackend backend({realtime::RtAudioBackend::Api::Jack});
        realtime::RealtimeProcessor p(dsp::parseChain("Gain(0)"), backend,
                                      realtime::StreamConfig(48000, 256, 0, 2));
        Control c(p);
        c.mapper.add(midi::parseMappingSpec("ch1:cc7=0.gain:0..1"));
        c.inputs.open(sender.name());
        p.start();
        std::vector<double> ms;
        for (int trial = 0; trial < 100; ++trial) {
            sender.cc(1, 7, 0);
            const auto quiet = steady_clock::now();
            while (steady_clock::now() - quiet < milliseconds(120)) {
                c.dispatch([](const realtime::MeterFrame&) {});
                std::this_thread::sleep_for(milliseconds(1));
            }
            const auto sent = steady_clock::now();
            sender.cc(1, 7, 127);
            bool heard = false;
            while (!heard && steady_clock::now() - sent < seconds(2)) {
                c.dispatch([&](const realtime::MeterFrame& f) {
                    if (!heard && f.outPeak[0] > 1e-4f) {
                        heard = true;
                        ms.push_back(duration<double, std::milli>(steady_clock::now() - sent).count());
                    }
                });
                std::this_thread::sleep_for(microseconds(200));
            }
        }
        p.stop();
        const double buffer = 1000.0 * 256 / 48000;
        const double ramp = p.effects().at(0).paramInfo(0).rampMs;
        std::printf("MIDI-to-audio latency, JACK 48 kHz / 256 frames, %zu trials\n", ms.size());
        std::printf("  %-28s %8s\n", "", "ms");
        std::printf("  %-28s %8.2f\n", "median", at(ms, 0.5));
        std::printf("  %-28s %8.2f\n", "p99", at(ms, 0.99));
        std::printf("  %-28s %8.2f\n", "baseline: one buffer", buffer);
        std::printf("  %-28s %8.2f\n", "goal: buffer + gain ramp", buffer + ramp);
    }

    // 2. Flood.
    const char* seed = "HiButterworth(80) | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)";
    const FloodRow base = run(seed, Mode::Still, sender);
    const FloodRow sweep = run(seed, Mode::Sweep, sender);
    const FloodRow flood = run(seed, Mode::Flood, sender);
    std::printf("\nFlood: the seed chain for 10 s, JACK 48 kHz / 256 frames (deadline %.0f us)\n",
                1e6 * 256 / 48000);
    std::printf("  %-26s %10s %8s %12s %12s\n", "run", "messages", "xruns", "callback p50", "callback p99");
    std::printf("  %-26s %10llu %8llu %10.1f us %10.1f us\n", "baseline: no MIDI",
                (unsigned long long)base.messages, (unsigned long long)base.xruns, base.p50, base.p99);
    std::printf("  %-26s %10llu %8llu %10.1f us %10.1f us\n", "baseline: the same sweeps",
                (unsigned long long)sweep.messages, (unsigned long long)sweep.xruns, sweep.p50, sweep.p99);
    std::printf("  %-26s %10llu %8llu %10.1f us %10.1f us\n", "10,000 CC/s",
                (unsigned long long)flood.messages, (unsigned long long)flood.xruns, flood.p50, flood.p99);
    std::printf("  p99 ratio flood / the same sweeps without MIDI: %.3f (goal: within 1.05)\n",
                sweep.p99 > 0 ? flood.p99 / sweep.p99 : 0.0);
    std::printf("  p99 ratio flood / no parameter moving: %.3f (the cost of moving parameters)\n",
                base.p99 > 0 ? flood.p99 / base.p99 : 0.0);
    return 0;
}
