// MIDI control on a real JACK server (dummy driver, 48 kHz, 256 frames), printed as tables with
// their baselines from the same run:
//  1. MIDI-to-audio latency: a CC 7 (mapped to a Gain from 0 to 1) written by a JACK MIDI client,
//     until the processor's output is no longer silent (telemetry drained every 1 ms): median and
//     p99 beside one buffer and the gain's ramp time.
//  2. Flood: the seed chain with 10,000 CC a second mapped to five of its parameters, against a
//     baseline of the same parameter changes without MIDI: each flood run records what the mapper
//     sent (slot, parameter, value, and the millisecond of the run), and a run of its own with no
//     MIDI port open sets exactly those values at the same milliseconds. Beside them: the same
//     MIDI messages with no mapping (the transport alone, nothing moves) and a still chain. Runs
//     come in rounds (FXRACK_BENCH_RUNS, default 3), every other one in the reverse order, so that
//     load on the host spreads over all four; percentiles are over every callback of a kind. The
//     goal (p99 within 5%) is shown against the baseline and against the still chain.
//  3. Flood on and off in one stream: whole runs differ from one another by more than the goal
//     (where the threads land, what the host does meanwhile), so each round is also one stream
//     with the flood on in every other second, and the other seconds, sharing the run's every
//     condition, are its baseline: quiet (mapped, ports open, nothing sent); or the flood's own
//     parameter changes of the second before, set at the same milliseconds without MIDI (what
//     MIDI adds to moving the parameters); and the same messages unmapped against quiet (the
//     transport alone). The flood takes the even seconds in one round and the odd ones in the
//     next; the stream's first second and the first 250 ms of every other are left out (the
//     stream's start, the last values' 50 ms ramps, frames polled late).
//  4. The work the flood adds, without the host: the seed chain's processor on the offline
//     backend (its real callback, run on this thread one buffer at a time), the flood's recorded
//     changes set at their buffers, against the same run with nothing moving.
// Tables 2 to 4 feed the chain from two JACK inputs (the dummy driver's capture ports), as a live
// rig's instrument does; --demo feeds it the built-in demo input instead, whose synthesis is then
// part of every callback, the baseline's included. Table 1 always uses the demo (its output is
// what shows the gain coming up).
// jackd runs with real-time priority where the host allows it, as on a live rig (set
// FXRACK_BENCH_NO_RT to compare without).
//     Usage: bench_midi [seconds per run, 10] [--interleaved: table 3 only] [--demo]
#include "common/JackMidiSender.h"
#include "common/JackServer.h"
#include "dsp/ChainSpec.h"
#include "midi/MidiInputs.h"
#include "midi/MidiMapper.h"
#include "midi/ProcessorTargets.h"
#include "realtime/OfflineBackend.h"
#include "realtime/RealtimeProcessor.h"
#include "realtime/RtAudioBackend.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
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

// One parameter change the mapper sent, at the millisecond of the run it was sent in.
struct Change {
    int ms, slot, paramId;
    double value;
};

// Forwards to the processor and records what it forwards (the flood's changes, for the replay).
class RecordingTargets final : public midi::MidiTargets {
public:
    explicit RecordingTargets(realtime::RealtimeProcessor& p) : m_targets(p) {}
    const dsp::Effect* effect(int slot) const override { return m_targets.effect(slot); }
    bool isBypassed(int slot) const override { return m_targets.isBypassed(slot); }
    void setParameter(int slot, int paramId, double value) override
    {
        // Only what the processor took (it may refuse a value), so that a replay sets the same.
        const uint64_t refused = m_targets.refused();
        m_targets.setParameter(slot, paramId, value);
        if (m_targets.refused() == refused)
            changes.push_back({ms, slot, paramId, value});
    }
    void setBypass(int slot, bool bypassed) override { m_targets.setBypass(slot, bypassed); }
    int ms = 0;
    std::vector<Change> changes;

private:
    midi::ProcessorTargets m_targets;
};

enum class Mode {
    Still,   // no MIDI, no parameter moving
    Replay,  // no MIDI: the flood's own parameter changes, set at the same millisecond of the run
    Traffic, // the flood's MIDI messages with no mapping: the transport alone, nothing moving
    Flood,   // 10,000 CC a second, mapped
};

struct FloodRun {
    uint64_t xruns = 0, xrunsSlow = 0, messages = 0, changes = 0;
    std::vector<double> us; // every callback's time
    std::vector<Change> recorded;
};

constexpr const char* kSeed = "HiButterworth(80) | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)";
// The flood's five mapped parameters and the CCs it cycles through (cc1/33 is a 14-bit pair).
constexpr const char* kFloodMappings[] = {"ch1:cc74=1.cutoff:2000..12000", "ch1:cc71=0.cutoff:40..200",
                                          "ch1:cc7=2.gain:0..1.5", "ch1:cc91=3.room_size:0..1",
                                          "ch1:cc1/33=3.mix"};
constexpr int kFloodCcs[] = {74, 71, 7, 91, 1, 33};

// Tables 2 to 4: the chain's input channels, 2 (JACK capture) or 0 (the demo input, --demo).
int g_inputs = 2;

realtime::StreamConfig seedStream()
{
    return realtime::StreamConfig(48000, 256, g_inputs, 2);
}

// The seed chain on JACK with a MIDI input and a mapper, the flood's mappings or none; what the
// mapper sends is recorded.
struct SeedRig {
    explicit SeedRig(bool mapped)
        : backend({realtime::RtAudioBackend::Api::Jack}), p(dsp::parseChain(kSeed), backend, seedStream()),
          inputs(midi::MidiApi::Jack), targets(p)
    {
        mapper.resetRack(p.effects().size());
        if (mapped)
            for (const char* spec : kFloodMappings)
                mapper.add(midi::parseMappingSpec(spec));
    }
    // The messages that came in, through the mapper to the processor.
    void dispatch()
    {
        inputs.drain(
            [&](const midi::MidiEvent& e, const std::string& port) { mapper.handle(e, port, targets); });
        mapper.flush(targets);
    }
    realtime::RtAudioBackend backend;
    realtime::RealtimeProcessor p;
    midi::MidiInputs inputs;
    midi::MidiMapper mapper;
    RecordingTargets targets;
};

FloodRun run(Mode mode, int seconds, test::JackMidiSender& sender, const std::vector<Change>& replay)
{
    SeedRig rig(mode == Mode::Flood);
    auto& p = rig.p;
    auto& targets = rig.targets;
    if (mode == Mode::Flood || mode == Mode::Traffic)
        rig.inputs.open(sender.name());
    FloodRun r;
    r.us.reserve(static_cast<size_t>(seconds) * 200);
    size_t next = 0;
    p.start();
    const auto t0 = steady_clock::now();
    for (int ms = 0; ms < seconds * 1000; ++ms) {
        if (mode == Mode::Flood || mode == Mode::Traffic)
            for (int i = 0; i < 10; ++i)
                sender.cc(1, kFloodCcs[(ms * 10 + i) % 6], (ms + i) % 128);
        targets.ms = ms;
        rig.dispatch();
        for (; next < replay.size() && replay[next].ms <= ms; ++next)
            p.setParameter(replay[next].slot, replay[next].paramId, replay[next].value);
        p.poll([&](const realtime::MeterFrame& f) { r.us.push_back(f.callbackUs); });
        std::this_thread::sleep_until(t0 + milliseconds(ms + 1));
    }
    const auto s = p.stats();
    p.stop();
    r.xruns = s.xruns;
    r.xrunsSlow = s.xrunsSlowCallback;
    r.messages = rig.inputs.received();
    r.changes = mode == Mode::Replay ? next : targets.changes.size();
    r.recorded = std::move(targets.changes);
    return r;
}

// Section 3: one stream, the flood in every other second.
struct Interleaved {
    std::vector<double> on, off; // callback times in flood seconds and in the others
    // xruns, and (slow) those after a callback that took over half its deadline (the engine's).
    struct Xruns {
        uint64_t all = 0, slow = 0;
        void add(const Xruns& o) { all += o.all, slow += o.slow; }
    } xrunsOn, xrunsOff;
    uint64_t recorded = 0, replayed = 0; // the flood's changes, and those set again without MIDI
};

// What the seconds without the flood hold.
enum class Pairing {
    Quiet,    // mapped, nothing sent: the flood against no flood
    Replayed, // the flood's parameter changes of the second before, without MIDI: what MIDI adds
    Unmapped, // the flood's messages unmapped, against quiet: the transport alone, nothing moves
};

// floodFirst: the flood in the even seconds (the first included), else in the odd ones; rounds
// alternate, so that the stream's start (clients activating, first touches) weighs on both halves.
Interleaved interleaved(int seconds, test::JackMidiSender& sender, Pairing pairing, bool floodFirst)
{
    const auto floods = [floodFirst](int second) { return (second % 2 == 0) == floodFirst; };
    SeedRig rig(pairing != Pairing::Unmapped);
    auto& p = rig.p;
    auto& targets = rig.targets;
    rig.inputs.open(sender.name());
    Interleaved r;
    std::vector<Change> replay; // the last flood second's changes, at their millisecond in it
    size_t next = 0;
    p.start();
    const auto t0 = steady_clock::now();
    const auto xrunsNow = [&p] {
        const auto s = p.stats();
        return Interleaved::Xruns{s.xruns, s.xrunsSlowCallback};
    };
    Interleaved::Xruns before;
    // The second before `second` ends: its xruns go to its half.
    const auto count = [&](int second) {
        const auto now = xrunsNow();
        (floods(second) ? r.xrunsOn : r.xrunsOff).add({now.all - before.all, now.slow - before.slow});
        before = now;
    };
    for (int ms = 0; ms < seconds * 1000; ++ms) {
        const bool flood = floods(ms / 1000);
        const int within = ms % 1000;
        const bool counted = within >= 250 && ms >= 1000; // not the stream's first second at all
        if (within == 0 && ms > 0)
            count(ms / 1000 - 1);
        if (within == 0 && !flood) {
            replay = std::move(targets.changes);
            r.recorded += replay.size();
            next = 0;
        }
        if (within == 0)
            targets.changes.clear(); // what the last messages of a flood did after its second is not replayed
        targets.ms = within;
        if (flood)
            for (int i = 0; i < 10; ++i)
                sender.cc(1, kFloodCcs[(ms * 10 + i) % 6], (ms + i) % 128);
        else if (pairing == Pairing::Replayed)
            for (; next < replay.size() && replay[next].ms <= within; ++next, ++r.replayed)
                p.setParameter(replay[next].slot, replay[next].paramId, replay[next].value);
        rig.dispatch();
        p.poll([&](const realtime::MeterFrame& f) {
            if (counted)
                (flood ? r.on : r.off).push_back(f.callbackUs);
        });
        std::this_thread::sleep_until(t0 + milliseconds(ms + 1));
    }
    count(seconds - 1);
    p.stop();
    return r;
}

// Section 4: every callback's time of `seconds` of the seed chain on the offline backend, the
// changes (none: a still chain) set before the buffer their millisecond falls in.
// inputs: the live runs' channel count (silent input, padded), or 0 for the demo input.
std::vector<double> offline(int seconds, const std::vector<Change>& changes, int inputs = g_inputs)
{
    const int buffers = seconds * 48000 / 256;
    realtime::OfflineBackend backend(dsp::AudioBuffer(inputs, inputs > 0 ? 1 : 0),
                                     static_cast<long long>(buffers) * 256,
                                     realtime::OfflineBackend::Pace::Manual);
    realtime::RealtimeProcessor p(dsp::parseChain(kSeed), backend,
                                  realtime::StreamConfig(48000, 256, inputs, 2));
    p.start();
    std::vector<double> us;
    us.reserve(static_cast<size_t>(buffers));
    size_t next = 0;
    for (int b = 0; b < buffers; ++b) {
        const int ms = b * 256 / 48;
        for (; next < changes.size() && changes[next].ms <= ms; ++next)
            p.setParameter(changes[next].slot, changes[next].paramId, changes[next].value);
        backend.pump(1);
        p.poll([&](const realtime::MeterFrame& f) { us.push_back(f.callbackUs); });
    }
    p.stop();
    return us;
}

} // namespace

int main(int argc, char** argv)
{
    // Real-time as on a live rig (jackd -R, its clients' process threads SCHED_FIFO) where the host
    // allows it: otherwise the flood's own threads (the sender, the control thread) preempt the
    // audio callback and its wall time measures the scheduler, not the callback.
    const bool wantRealtime = !std::getenv("FXRACK_BENCH_NO_RT");
    test::JackServer server(48000, 256, wantRealtime);
    if (!server.isRunning()) {
        std::printf("bench_midi: no JACK server: %s\n", server.error().c_str());
        return 1;
    }
    test::JackMidiSender sender("bench-midi");

    bool onlyInterleaved = false;
    for (int i = 2; i < argc; ++i) {
        if (std::string(argv[i]) == "--interleaved")
            onlyInterleaved = true;
        else if (std::string(argv[i]) == "--demo")
            g_inputs = 0;
    }
    // 1. Latency.
    if (!onlyInterleaved) {
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

    // 2. Flood: rounds of four runs, each with its own processor; the percentiles are over every
    // callback of a mode's runs together, the ratio's spread over the rounds.
    const int rounds =
        std::getenv("FXRACK_BENCH_RUNS") ? std::max(1, std::atoi(std::getenv("FXRACK_BENCH_RUNS"))) : 3;
    const int seconds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
    // The goal, "the callback's p99 unchanged within 5%", is judged against both: the
    // baseline isolates what MIDI adds (the audio thread has the same work in both, so it differs
    // only by the transport's share of the CPU); the still chain is the callback without the
    // flood, parameters moving included.
    const auto ratio = [](const char* name, double all, std::vector<double> rounds) {
        std::printf("  p99 ratio %-19s %.3f over every callback; per round median %.3f, %.3f..%.3f "
                    "(goal: within 1.05)\n",
                    name, all, at(rounds, 0.5), *std::min_element(rounds.begin(), rounds.end()),
                    *std::max_element(rounds.begin(), rounds.end()));
    };
    struct Total {
        uint64_t xruns = 0, xrunsSlow = 0, messages = 0, changes = 0;
        std::vector<double> us;
        std::vector<double> p99s;
    };
    Total still, replay, traffic, flood;
    std::vector<double> ratios;
    const auto add = [](Total& t, const FloodRun& r) {
        t.xruns += r.xruns;
        t.xrunsSlow += r.xrunsSlow;
        t.messages += r.messages;
        t.changes += r.changes;
        t.us.insert(t.us.end(), r.us.begin(), r.us.end());
        t.p99s.push_back(at(r.us, 0.99));
    };
    std::vector<double> stillRatios;
    std::vector<Change> recorded; // the first flood's changes, for section 4
    if (!onlyInterleaved) {
        for (int round = 0; round < rounds; ++round) {
            // Every other round runs the four in the reverse order (the replay always after the flood
            // it replays), so that a host getting busier or quieter during the bench weighs on all.
            const bool reverse = round % 2 == 1;
            FloodRun s, t;
            if (reverse) {
                s = run(Mode::Still, seconds, sender, {});
                t = run(Mode::Traffic, seconds, sender, {});
            }
            FloodRun f = run(Mode::Flood, seconds, sender, {});
            FloodRun b = run(Mode::Replay, seconds, sender, f.recorded);
            if (!reverse) {
                t = run(Mode::Traffic, seconds, sender, {});
                s = run(Mode::Still, seconds, sender, {});
            }
            if (recorded.empty())
                recorded = f.recorded;
            ratios.push_back(at(f.us, 0.99) / at(b.us, 0.99));
            stillRatios.push_back(at(f.us, 0.99) / at(s.us, 0.99));
            add(flood, f);
            add(replay, b);
            add(traffic, t);
            add(still, s);
        }
        std::printf(
            "\nFlood: the seed chain, %d rounds of %d s per run, JACK 48 kHz / 256 frames (deadline %.0f "
            "us), %s\n",
            rounds, seconds, 1e6 * 256 / 48000,
            server.isRealtime() ? "jackd real-time (SCHED_FIFO 70, the clients' callbacks 65)"
                                : "jackd without real-time priority");
        std::printf("  %-44s %9s %9s %12s %10s %10s %16s\n", "run", "messages", "changes", "xruns (slow)",
                    "cb p50 us", "cb p99 us", "p99 per round");
        const auto row = [&](const char* name, const Total& t) {
            std::printf("  %-44s %9llu %9llu %7llu (%2llu) %10.1f %10.1f %7.1f..%-7.1f\n", name,
                        (unsigned long long)t.messages, (unsigned long long)t.changes,
                        (unsigned long long)t.xruns, (unsigned long long)t.xrunsSlow, at(t.us, 0.5),
                        at(t.us, 0.99), *std::min_element(t.p99s.begin(), t.p99s.end()),
                        *std::max_element(t.p99s.begin(), t.p99s.end()));
        };
        row("still: no MIDI, no parameter moving", still);
        row("baseline: the flood's changes, no MIDI", replay);
        row("MIDI traffic, unmapped (nothing moves)", traffic);
        row("10,000 CC/s, mapped", flood);
        std::printf(
            "  baseline: each flood's own parameter changes (the mapper's output), set from the control\n"
            "  thread at the same millisecond of a run of its own, with no MIDI port open\n"
            "  xruns (slow): those whose callback before took over half its deadline (the engine's; the\n"
            "  others are the host's%s)\n",
            server.isRealtime() ? "" : ": jackd without real-time priority on a shared machine");
        ratio("flood / baseline:", at(flood.us, 0.99) / at(replay.us, 0.99), ratios);
        ratio("flood / still:", at(flood.us, 0.99) / at(still.us, 0.99), stillRatios);
        std::printf(
            "  flood / still includes the cost of moving five parameters at all, which a knob turned by\n"
            "  hand has too; flood / baseline is what MIDI adds to it\n");
    }

    // 3. The flood on and off in one stream per round, against each pairing in turn (the order
    // rotating from round to round, so that a host getting busier or quieter weighs on all).
    constexpr Pairing kPairings[] = {Pairing::Quiet, Pairing::Replayed, Pairing::Unmapped};
    Interleaved all[3];
    std::vector<double> roundRatios[3];
    for (int round = 0; round < rounds; ++round)
        for (int i = 0; i < 3; ++i) {
            const int k = (round + i) % 3;
            const Interleaved r = interleaved(2 * seconds, sender, kPairings[k], round % 2 == 0);
            roundRatios[k].push_back(at(r.on, 0.99) / at(r.off, 0.99));
            all[k].on.insert(all[k].on.end(), r.on.begin(), r.on.end());
            all[k].off.insert(all[k].off.end(), r.off.begin(), r.off.end());
            all[k].xrunsOn.add(r.xrunsOn);
            all[k].xrunsOff.add(r.xrunsOff);
            all[k].recorded += r.recorded;
            all[k].replayed += r.replayed;
        }
    std::printf(
        "\nMIDI on and off in one stream: %d rounds of three %d s streams, 10,000 CC/s in every other\n"
        "second, odd or even by turns (the stream's first second and the first 250 ms of every other left\n"
        "out), the port open throughout; input: %s\n",
        rounds, 2 * seconds, g_inputs > 0 ? "two JACK capture ports" : "the demo (--demo)");
    std::printf("  %-50s %9s %13s %10s %10s\n", "seconds", "callbacks", "xruns (slow)", "cb p50 us",
                "cb p99 us");
    const auto line = [](const char* name, const std::vector<double>& us, const Interleaved::Xruns& xruns) {
        std::printf("  %-50s %9zu %7llu (%3llu) %10.1f %10.1f\n", name, us.size(),
                    (unsigned long long)xruns.all, (unsigned long long)xruns.slow, at(us, 0.5), at(us, 0.99));
    };
    const auto& quiet = all[0];
    const auto& replayed = all[1];
    const auto& bare = all[2];
    line("a: 10,000 CC/s, mapped", quiet.on, quiet.xrunsOn);
    line("   quiet (mapped, nothing sent)", quiet.off, quiet.xrunsOff);
    line("b: 10,000 CC/s, mapped", replayed.on, replayed.xrunsOn);
    line("   the same changes, no MIDI (the second before's)", replayed.off, replayed.xrunsOff);
    line("c: 10,000 CC/s, unmapped (nothing moves)", bare.on, bare.xrunsOn);
    line("   quiet (unmapped)", bare.off, bare.xrunsOff);
    ratio("a: flood / quiet:", at(quiet.on, 0.99) / at(quiet.off, 0.99), roundRatios[0]);
    ratio("b: flood / no MIDI:", at(replayed.on, 0.99) / at(replayed.off, 0.99), roundRatios[1]);
    ratio("c: unmapped / quiet:", at(bare.on, 0.99) / at(bare.off, 0.99), roundRatios[2]);
    std::printf("  b's flood seconds made %llu changes, %llu set again without MIDI\n",
                (unsigned long long)replayed.recorded, (unsigned long long)replayed.replayed);
    std::printf("  a is the flood against no flood, parameters moving included (which a knob turned by\n"
                "  hand costs too); b what MIDI adds to moving them; c the MIDI transport alone\n");

    // 4. Without the host.
    if (recorded.empty())
        return 0;
    // Which movement costs what: the two cutoffs' changes alone (slots 0 and 1), the others alone.
    std::vector<Change> cutoffs, others;
    for (const Change& c : recorded)
        (c.slot <= 1 ? cutoffs : others).push_back(c);
    std::vector<double> offStill, offFlood, offCutoffs, offOthers, offDemo, added;
    for (int round = 0; round < rounds; ++round) {
        const auto s = offline(seconds, {});
        const auto f = offline(seconds, recorded);
        const auto c = offline(seconds, cutoffs);
        const auto o = offline(seconds, others);
        const auto d = offline(seconds, {}, 0);
        added.push_back(at(f, 0.99) - at(s, 0.99));
        offStill.insert(offStill.end(), s.begin(), s.end());
        offFlood.insert(offFlood.end(), f.begin(), f.end());
        offCutoffs.insert(offCutoffs.end(), c.begin(), c.end());
        offOthers.insert(offOthers.end(), o.begin(), o.end());
        offDemo.insert(offDemo.end(), d.begin(), d.end());
    }
    std::printf(
        "\nThe flood's work without the host: the seed chain's processor on the offline backend, one\n"
        "256-frame buffer at a time on this thread, %d rounds of %d s, the first flood's %zu changes\n",
        rounds, seconds, recorded.size());
    std::printf("  %-44s %10s %10s\n", "run", "cb p50 us", "cb p99 us");
    const auto offRow = [](const char* name, const std::vector<double>& us) {
        std::printf("  %-44s %10.2f %10.2f\n", name, at(us, 0.5), at(us, 0.99));
    };
    offRow("still (baseline)", offStill);
    offRow("the flood's changes", offFlood);
    offRow("  only the two cutoffs'", offCutoffs);
    offRow("  only the gain's, room size's and mix's", offOthers);
    offRow("still, the demo input instead", offDemo);
    std::printf(
        "  p99 added per callback %.2f us (per round median %.2f), %.1f %% of the quiet seconds' p99 in\n"
        "  section 3 (goal: within 5 %%)\n",
        at(offFlood, 0.99) - at(offStill, 0.99), at(added, 0.5),
        100.0 * (at(offFlood, 0.99) - at(offStill, 0.99)) / at(quiet.off, 0.99));
    return 0;
}
