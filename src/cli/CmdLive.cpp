// fxrack-cli live: the real-time engine without a window.
#include "cli/ChainSource.h"
#include "cli/Command.h"
#include "cli/LiveScript.h"
#include "cli/MidiControl.h"
#include "dsp/ChainSpec.h"
#include "dsp/Errors.h"
#include "io/AtomicOutput.h"
#include "io/AudioFormat.h"
#include "io/FileError.h"
#include "io/SoundFileReader.h"
#include "io/SoundFileWriter.h"
#include "realtime/BackendFactory.h"
#include "realtime/OfflineBackend.h"
#include "realtime/RealtimeProcessor.h"
#include "realtime/Snapshot.h"
#include "session/DeviceFallback.h"
#include "session/EngineSettings.h"
#include "session/JsonWriter.h"
#include "session/SessionMidi.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <sstream>
#include <thread>

namespace fxrack::cli {
namespace {

std::atomic<bool> g_interrupted{false};

// The backend for `api`; a name makeBackend() does not know is a usage error (`where` says
// whose name it was).
std::unique_ptr<realtime::AudioBackend> backendFor(const std::string& api, const std::string& where)
{
    try {
        return realtime::makeBackend(api);
    } catch (const std::invalid_argument& e) {
        throw UsageError{where + e.what()};
    }
}

double percentile(std::vector<float> v, double q)
{
    if (v.empty())
        return 0.0;
    const auto k = static_cast<size_t>(std::min<double>(v.size() - 1, q * (v.size() - 1) + 0.5));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
    return v[k];
}

// Every option of `live`, declared in one place: add a new one here (member, addTo line) and
// read it in runLive(). Values are kept as given and converted there, so the errors name the flag.
struct LiveArgs {
    std::string chain, session, api, input, output, rate, buffer, channelsIn, channelsOut, duration;
    std::string inputFile, outputFile;
    std::vector<std::string> sets, edits;
    std::vector<std::string> midiIn, maps, snapshots;
    std::string midiApi, snapshotMorph;
    bool stats = false;
    bool json = false;
    CLI::App* app = nullptr;

    void addTo(CLI::App& a)
    {
        app = &a;
        a.add_option("--chain", chain, "the effect chain (see 'fxrack-cli effects')")->type_name("SPEC");
        a.add_option("--session", session,
                     "the rack and audio settings of a .fxrack session (flags given here win;\n"
                     "a device the session names but this machine lacks falls back to the default)")
            ->type_name("FILE");
        a.add_option("--api", api,
                     "jack, pulse, alsa or none (default: RtAudio's first working API); file runs the\n"
                     "live engine over --input-file as fast as it can and writes --output-file")
            ->type_name("NAME");
        a.add_option("--input-file", inputFile, "with --api file: the input (any format libsndfile reads)")
            ->type_name("IN");
        a.add_option("--output-file", outputFile, "with --api file: the output (the input's format)")
            ->type_name("OUT");
        a.add_option("--input", input,
                     "device index or name substring; \"demo\" plays the built-in demo signal\n"
                     "(so does a stream with --channels-in 0, the default)")
            ->type_name("DEV");
        a.add_option("--output", output, "device index or name substring")->type_name("DEV");
        a.add_option("--rate", rate, "sample rate (48000)")->type_name("HZ");
        a.add_option("--buffer", buffer, "buffer size (512)")->type_name("FRAMES");
        a.add_option("--channels-in", channelsIn, "input channels (0; 2 when --input names a device)")
            ->type_name("N");
        a.add_option("--channels-out", channelsOut, "output channels (2)")->type_name("N");
        a.add_option("--duration", duration, "stop after this much audio (default: at Ctrl-C)")
            ->type_name("SECONDS");
        a.add_option("--set", sets, "at T seconds of audio set parameter PATH (e.g. 0.cutoff) to V")
            ->type_name("T:PATH=V")
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
            ->allow_extra_args(false);
        a.add_option("--edit", edits,
                     "at T seconds of audio edit the rack: T:insert:INDEX:SPEC, T:remove:INDEX,\n"
                     "T:move:FROM:TO or T:bypass:INDEX:on|off (SPEC in the chain language)")
            ->type_name("T:EDIT")
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
            ->allow_extra_args(false);
        a.add_option("--midi-in", midiIn,
                     "take MIDI control from the input ports whose names contain PORT (\"all\": every\n"
                     "port; see 'fxrack-cli devices --midi'); a port that comes back is reconnected")
            ->type_name("PORT")
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
            ->allow_extra_args(false);
        a.add_option("--midi-api", midiApi, "jack or alsa (default: both)")->type_name("NAME");
        a.add_option("--map", maps,
                     "map a MIDI control: [PORT@]chN:SOURCE=TARGET[:MIN..MAX][:CURVE][:TAKEOVER], e.g.\n"
                     "ch1:cc7=1.gain:0..2, ch1:cc1/33=0.cutoff:200..8000 (14-bit),\n"
                     "ch1:cc20=0.cutoff:200..8000:log:pickup, ch10:note36=bypass:2, ch1:pc=snapshot\n"
                     "(docs/midi.md); added to the session's mappings")
            ->type_name("SPEC")
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
            ->allow_extra_args(false);
        a.add_option("--snapshot", snapshots,
                     "at T seconds of audio store the rack as snapshot NAME (A to H) or recall one\n"
                     "(the session's, or one stored earlier in the run), morphing over --snapshot-morph")
            ->type_name("T:store|recall:NAME")
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
            ->allow_extra_args(false);
        a.add_option("--snapshot-morph", snapshotMorph,
                     "how long a snapshot recall glides, 0 to 10 (default: the session's, else 0)")
            ->type_name("SECONDS");
        a.add_flag("--stats", stats,
                   "print frames, callbacks, xruns, callback time, safety events, commands");
        a.add_flag("--json", json, "print the same as one JSON object");
    }
    bool given(const char* flag) const { return app->get_option(flag)->count() > 0; }
};

// The recorded output of a file run, in the input's format, written atomically (no partial file).
void writeOutput(const realtime::OfflineBackend& backend, const io::AudioFileInfo& info,
                 const std::string& path, int64_t frames)
{
    const auto& out = backend.output();
    frames = std::min<int64_t>(frames, out.numFrames());
    const int format = io::resolveOutputFormat(info, {}, frames, path);
    io::AtomicOutput file(path);
    io::SoundFileWriter writer(file.fd(), path, format, info.sampleRate, out.numChannels(), info.metadata);
    auto recorded = const_cast<dsp::AudioBuffer&>(out).block(0, static_cast<int>(frames));
    writer.write(recorded);
    writer.close();
    file.commit();
}

// `--snapshot T:store|recall:NAME`.
struct SnapshotStep {
    double atSeconds = 0.0;
    bool store = false;
    QString name;
};

SnapshotStep parseSnapshotStep(const std::string& text)
{
    const auto fail = [&](const std::string& why) { throw UsageError{"--snapshot " + text + ": " + why}; };
    const size_t a = text.find(':'), b = a == std::string::npos ? a : text.find(':', a + 1);
    if (b == std::string::npos)
        fail("expected T:store:NAME or T:recall:NAME");
    SnapshotStep step;
    step.atSeconds = toNumber("--snapshot", text.substr(0, a));
    if (!(step.atSeconds >= 0))
        fail("the time must be 0 or more seconds");
    const std::string verb = text.substr(a + 1, b - a - 1), name = text.substr(b + 1);
    if (verb != "store" && verb != "recall")
        fail(verb + ": expected store or recall");
    step.store = verb == "store";
    if (name.size() != 1 || std::toupper(static_cast<unsigned char>(name[0])) < 'A' ||
        std::toupper(static_cast<unsigned char>(name[0])) > 'H')
        fail(name + ": expected a snapshot from A to H");
    step.name = session::snapshotName(std::toupper(static_cast<unsigned char>(name[0])) - 'A');
    return step;
}

int runLive(const LiveArgs& args)
{
    using SC = realtime::StreamConfig;
    const std::string& sessionPath = args.session;
    // Flags given on the command line win over a session's audio settings.
    const bool apiGiven = args.given("--api"), inputGiven = args.given("--input"),
               outputGiven = args.given("--output"), rateGiven = args.given("--rate"),
               bufferGiven = args.given("--buffer"), channelsOutGiven = args.given("--channels-out");
    bool channelsInGiven = args.given("--channels-in");
    std::string api = args.api; // empty: RtAudio's first working API
    realtime::StreamConfig config;
    config.inputDevice = args.input;
    config.outputDevice = args.output;
    const bool demo = config.inputDevice == "demo";
    if (rateGiven)
        config.sampleRate = toInt("--rate", args.rate, SC::kMinSampleRate, SC::kMaxSampleRate);
    if (bufferGiven)
        config.bufferSize = toInt("--buffer", args.buffer, SC::kMinBufferSize, SC::kMaxBufferSize);
    if (channelsInGiven)
        config.channelsIn = toInt("--channels-in", args.channelsIn, 0, SC::kMaxChannels);
    if (channelsOutGiven)
        config.channelsOut = toInt("--channels-out", args.channelsOut, 0, SC::kMaxChannels);
    double duration = -1;
    if (args.given("--duration")) {
        duration = toNumber("--duration", args.duration);
        if (!(duration > 0))
            throw UsageError{"--duration must be a positive number of seconds"};
    }
    std::vector<ScriptedEdit> script;
    for (const std::string& text : args.sets)
        script.push_back(parseSet(text));
    for (const std::string& text : args.edits)
        script.push_back(parseEdit(text));
    const bool fileRun = args.api == "file";
    if (fileRun && (args.inputFile.empty() || args.outputFile.empty()))
        throw UsageError{"live: --api file needs --input-file IN and --output-file OUT"};
    if (!fileRun && (!args.inputFile.empty() || !args.outputFile.empty()))
        throw UsageError{"live: --input-file and --output-file go with --api file"};
    // A file run reads its whole input here: its rate and channels make the stream.
    std::unique_ptr<io::SoundFileReader> reader;
    if (fileRun) {
        reader = std::make_unique<io::SoundFileReader>(args.inputFile); // FileError: exit 1
        if (io::isSameFile(args.inputFile, args.outputFile))
            throw io::FileError(args.outputFile, "the output would overwrite the input");
        const auto& info = reader->info();
        if (rateGiven && config.sampleRate != static_cast<int>(info.sampleRate))
            throw UsageError{"live: --rate " + args.rate + " differs from " + args.inputFile + "'s " +
                             std::to_string(static_cast<int>(info.sampleRate)) + " Hz"};
        config.sampleRate = static_cast<int>(info.sampleRate);
        config.channelsIn = info.channels;
        channelsInGiven = true;
        if (!channelsOutGiven)
            config.channelsOut = info.channels;
    }
    const bool stats = args.stats, json = args.json;
    ChainSource source = loadChainSource("live", args.chain, sessionPath);
    std::unique_ptr<realtime::AudioBackend> backendOwner;
    realtime::OfflineBackend* fileBackend = nullptr;
    if (fileRun) {
        dsp::AudioBuffer input(config.channelsIn, static_cast<int>(reader->info().frames));
        reader->read(input.block());
        auto offline = std::make_unique<realtime::OfflineBackend>(std::move(input), -1,
                                                                  realtime::OfflineBackend::Pace::Manual);
        fileBackend = offline.get();
        backendOwner = std::move(offline);
    }
    if (source.session && !fileRun) {
        auto audio = source.session->audio;
        if (!apiGiven && !audio.api.isEmpty()) {
            api = audio.api.toStdString();
            backendOwner = backendFor(api, sessionPath + ": audio.api: ");
        }
        if (!backendOwner)
            backendOwner = backendFor(api, {});
        // A device the session names but this machine lacks: the default stands in, and we say so.
        {
            std::vector<session::AvailableDevice> available;
            for (const auto& d : backendOwner->devices())
                available.push_back({QString::fromStdString(d.api), QString::fromStdString(d.name),
                                     d.maxInputChannels > 0, d.maxOutputChannels > 0});
            for (const auto& notice : session::applyDeviceFallback(audio, available))
                std::cerr << "fxrack-cli: " << sessionPath << ": " << notice.toStdString() << std::endl;
        }
        const realtime::StreamConfig fromSession = session::streamConfig(audio);
        if (!inputGiven && !fromSession.inputDevice.empty())
            config.inputDevice = fromSession.inputDevice;
        if (!outputGiven && !fromSession.outputDevice.empty())
            config.outputDevice = fromSession.outputDevice;
        if (!rateGiven)
            config.sampleRate = fromSession.sampleRate;
        if (!bufferGiven)
            config.bufferSize = fromSession.bufferSize;
        if (!channelsInGiven && !demo) {
            config.channelsIn = fromSession.channelsIn;
            channelsInGiven = true;
        }
        if (!channelsOutGiven)
            config.channelsOut = fromSession.channelsOut;
    }
    if (demo) {
        config.inputDevice.clear();
        if (channelsInGiven && config.channelsIn != 0)
            throw UsageError{"live: --input demo takes no input channels (--channels-in 0)"};
        config.channelsIn = 0;
    } else if (!config.inputDevice.empty() && !channelsInGiven) {
        config.channelsIn = 2; // an input device was named: stereo in by default
    }
    try {
        config.validate();
    } catch (const std::invalid_argument& e) {
        throw UsageError{e.what()};
    }
    auto chain = std::move(source.chain);
    if (!backendOwner)
        backendOwner = backendFor(api, {});
    realtime::AudioBackend& backend = *backendOwner;
    realtime::RealtimeProcessor processor(std::move(chain), backend, config);
    // Snapshots: the session's, and those the run stores; `snaps.rack` follows the rack's ids.
    session::Session snaps = source.session ? *source.session : session::Session{};
    if (!source.session)
        snaps.rack = session::rackFromChain(processor.effects());
    double morphSeconds = snaps.snapshotMorphSeconds;
    if (args.given("--snapshot-morph")) {
        morphSeconds = toNumber("--snapshot-morph", args.snapshotMorph);
        if (!(morphSeconds >= 0 && morphSeconds <= realtime::kMaxMorphSeconds))
            throw UsageError{"--snapshot-morph must be from 0 to 10 seconds"};
    }
    std::vector<SnapshotStep> snapshotSteps;
    for (const std::string& text : args.snapshots)
        snapshotSteps.push_back(parseSnapshotStep(text));
    std::stable_sort(snapshotSteps.begin(), snapshotSteps.end(),
                     [](const SnapshotStep& x, const SnapshotStep& y) { return x.atSeconds < y.atSeconds; });
    {
        QStringList known;
        for (const auto& s : snaps.snapshots)
            known << s.name;
        for (const auto& step : snapshotSteps) {
            if (step.store)
                known << step.name;
            else if (!known.contains(step.name))
                throw UsageError{"--snapshot " + step.name.toStdString() + ": no snapshot " +
                                 step.name.toStdString() +
                                 " (the session has none by that name and none is stored before)"};
        }
    }
    realtime::SnapshotMorph morph;
    double now = 0.0; // seconds of audio, the clock of the script, the snapshots and the morph
    const auto recall = [&](const QString& name) {
        if (const auto* s = session::findSnapshot(snaps, name))
            morph.start(processor.effects(), session::rackSnapshot(*s, snaps.rack), morphSeconds, now);
        else
            std::cerr << "fxrack-cli: midi: no snapshot " << name.toStdString() << std::endl;
    };
    std::vector<bool> bypassBeforeGlobal;
    const auto onAction = [&](midi::TargetKind kind, int index) {
        if (kind == midi::TargetKind::Snapshot) {
            recall(session::snapshotName(index));
        } else if (kind == midi::TargetKind::StoreSnapshot) {
            session::storeSnapshot(
                snaps, session::snapshotEntry(session::snapshotName(index), processor.effects(), snaps.rack));
        } else if (kind == midi::TargetKind::GlobalBypass) {
            // The whole rack bypassed, and back to each slot's own flag.
            const auto& chain = processor.effects();
            if (index == 1) {
                bypassBeforeGlobal.clear();
                for (int i = 0; i < chain.size(); ++i)
                    bypassBeforeGlobal.push_back(chain.isBypassed(i));
            }
            for (int i = 0; i < chain.size(); ++i)
                processor.setBypass(i, index == 1 || (i < static_cast<int>(bypassBeforeGlobal.size()) &&
                                                      bypassBeforeGlobal[static_cast<size_t>(i)]));
        } // presets are the app's: the CLI has one chain
    };
    MidiControl midi(processor, args.midiApi, args.midiIn, source.session ? &*source.session : nullptr,
                     args.maps, onAction);
    // The rack's ids follow scripted edits, so snapshots find their effects.
    const auto followIds = [&](const ScriptedEdit& e) {
        switch (e.kind) {
        case ScriptedEdit::Kind::Insert: {
            session::RackEntry entry = session::RackEntry::fromEffect(processor.effects().at(e.index));
            entry.id = snaps.uniqueId(entry.type);
            snaps.rack.insert(snaps.rack.begin() + e.index, std::move(entry));
            break;
        }
        case ScriptedEdit::Kind::Remove:
            snaps.rack.erase(snaps.rack.begin() + e.index);
            break;
        case ScriptedEdit::Kind::Move: {
            auto entry = snaps.rack[static_cast<size_t>(e.index)];
            snaps.rack.erase(snaps.rack.begin() + e.index);
            snaps.rack.insert(snaps.rack.begin() + e.to, std::move(entry));
            break;
        }
        default:
            break;
        }
    };
    size_t nextSnapshot = 0;

    std::signal(SIGINT, [](int) { g_interrupted = true; });
    std::signal(SIGTERM, [](int) { g_interrupted = true; });
    processor.start(); // BackendError: exit 1
    // Play the whole script on a copy first, at the rate the device granted: a bad index, spec,
    // path or value fails before any edit is made (ParameterError: exit 2).
    checkScript(script, processor.effects(), processor.config().sampleRate);
    if (!json && !fileRun)
        std::cerr << "live: " << backend.name() << ", " << processor.config().sampleRate << " Hz, "
                  << processor.bufferSize() << " frames (" << processor.latencyMs() << " ms), "
                  << processor.config().channelsIn << " in"
                  << (processor.config().channelsIn == 0 ? " (demo input)" : "") << ", "
                  << processor.config().channelsOut << " out\n";
    std::vector<float> callbackUs;
    callbackUs.reserve(1 << 16);
    const double rate = processor.config().sampleRate;
    const auto wallStart = std::chrono::steady_clock::now();
    int exitCode = ExitOk;
    bool deviceLost = false;
    size_t nextEdit = 0;
    int blocks = 0;
    while (!g_interrupted) {
        if (!fileRun || ++blocks % 16 == 0)
            processor.poll([&](const realtime::MeterFrame& f) { callbackUs.push_back(f.callbackUs); });
        if (processor.state() == realtime::ProcessorState::Error) {
            printError("live: " + processor.lastError());
            exitCode = ExitFailure;
            deviceLost = true;
            break;
        }
        const double seconds = static_cast<double>(processor.stats().frames) / rate;
        now = seconds;
        try {
            while (nextEdit < script.size() && seconds >= script[nextEdit].atSeconds) {
                applyEdit(processor, script[nextEdit]);
                followIds(script[nextEdit]);
                midi.follow(script[nextEdit++]);
            }
            while (nextSnapshot < snapshotSteps.size() && seconds >= snapshotSteps[nextSnapshot].atSeconds) {
                const SnapshotStep& step = snapshotSteps[nextSnapshot++];
                if (step.store)
                    session::storeSnapshot(
                        snaps, session::snapshotEntry(step.name, processor.effects(), snaps.rack));
                else
                    recall(step.name);
            }
            midi.dispatch();
            morph.step(
                seconds, [&](int slot, int id, double v) { processor.setParameter(slot, id, v); },
                [&](int slot, bool on) { processor.setBypass(slot, on); });
        } catch (const std::exception& e) {
            // A failure in the middle of the run ends it, but the stats still print (exit 1).
            printError("live: " + std::string(e.what()));
            exitCode = ExitFailure;
            break;
        }
        if (duration > 0 && seconds >= duration)
            break;
        if (fileRun) {
            // The file's audio at the engine's own pace; edits land at exact block boundaries.
            if (fileBackend->pump(1) == 0)
                break;
            continue;
        }
        if (duration > 0 &&
            std::chrono::steady_clock::now() - wallStart > std::chrono::duration<double>(duration * 2 + 5)) {
            printError("live: the stream delivered " + std::to_string(seconds) + " s of audio in " +
                       std::to_string(duration * 2 + 5) + " s");
            exitCode = ExitFailure;
            break;
        }
        // With MIDI control the loop is its dispatcher: 1 ms is what MIDI adds to the latency.
        std::this_thread::sleep_for(std::chrono::milliseconds(midi.active() ? 1 : 5));
    }
    processor.poll([&](const realtime::MeterFrame& f) { callbackUs.push_back(f.callbackUs); });
    const auto s = processor.stats();
    processor.stop();
    if (exitCode == ExitOk)
        for (size_t i = nextEdit; i < script.size(); ++i)
            std::cerr << "fxrack-cli: live: "
                      << (script[i].kind == ScriptedEdit::Kind::Set ? "--set " : "--edit ") << script[i].text
                      << ": the run ended before " << script[i].atSeconds << " s; not applied\n";
    if (fileRun && exitCode == ExitOk)
        writeOutput(*fileBackend, reader->info(), args.outputFile, static_cast<int64_t>(s.frames));
    const int latency = processor.chainLatencySamples();
    if (json) {
        session::JsonWriter w;
        w.beginObject();
        w.text("api", backend.name());
        w.number("sample_rate", static_cast<double>(processor.config().sampleRate));
        w.number("buffer_size", static_cast<double>(processor.bufferSize()));
        w.number("latency_ms", processor.latencyMs());
        w.number("round_trip_ms", processor.roundTripMs());
        w.number("frames", static_cast<double>(s.frames));
        w.number("callbacks", static_cast<double>(s.callbacks));
        w.number("xruns", static_cast<double>(s.xruns));
        w.number("xruns_slow_callback", static_cast<double>(s.xrunsSlowCallback));
        w.number("callback_us_median", percentile(callbackUs, 0.5));
        w.number("callback_us_p99", percentile(callbackUs, 0.99));
        w.number("callback_us_max", static_cast<double>(s.maxCallbackUs));
        w.number("deadline_us", static_cast<double>(s.deadlineUs));
        w.number("safety_non_finite", static_cast<double>(s.safetyNonFinite));
        w.number("safety_limited", static_cast<double>(s.safetyLimited));
        w.number("commands_applied", static_cast<double>(s.commandsApplied));
        w.number("commands_dropped", static_cast<double>(s.commandsDropped));
        w.number("commands_queue_full", static_cast<double>(s.commandsQueueFull));
        w.number("convolver_late_cycles", static_cast<double>(s.convolverLateCycles));
        w.number("chain_latency_samples", static_cast<double>(latency));
        w.flag("device_lost", deviceLost);
        w.number("midi_messages", static_cast<double>(midi.messages()));
        w.number("midi_dropped", static_cast<double>(midi.dropped()));
        w.key(std::string_view("midi_ports"));
        w.beginArray();
        for (const std::string& port : midi.ports())
            w.value(port);
        w.endArray();
        w.key(std::string_view("snapshots"));
        w.beginArray();
        for (const auto& snapshot : snaps.snapshots)
            w.value(QStringView(snapshot.name));
        w.endArray();
        w.key(std::string_view("midi_mappings"));
        w.beginArray();
        for (int row = 0; row < static_cast<int>(midi.mapper().mappings().size()); ++row)
            w.value(midi.mapper().spec(row));
        w.endArray();
        w.key(std::string_view("params"));
        w.beginObject();
        const auto& chain = processor.effects();
        for (int slot = 0; slot < chain.size(); ++slot)
            for (int id = 0; id < chain.at(slot).paramCount(); ++id)
                w.number(std::to_string(slot) + "." + chain.at(slot).paramInfo(id).name,
                         chain.at(slot).param(id));
        w.endObject();
        w.endObject();
        std::cout << w.finish().constData();
    } else if (stats) {
        std::ostringstream os;
        os.setf(std::ios::fixed);
        os.precision(1);
        os << "frames            " << s.frames << "\n"
           << "callbacks         " << s.callbacks << "\n"
           << "xruns             " << s.xruns << " (" << s.xrunsSlowCallback << " after a slow callback)\n"
           << "callback time us  median " << percentile(callbackUs, 0.5) << ", p99 "
           << percentile(callbackUs, 0.99) << ", max " << s.maxCallbackUs << "\n"
           << "deadline us       " << s.deadlineUs << "\n"
           << "safety events     " << s.safetyNonFinite << " non-finite, " << s.safetyLimited << " limited\n"
           << "commands          " << s.commandsApplied << " applied, " << s.commandsDropped
           << " replaced by newer values, " << s.commandsQueueFull << " found the queue full\n"
           << "convolver late    " << s.convolverLateCycles << " cycles (partitions dropped)\n"
           << "chain latency     " << latency << " samples\n";
        if (midi.active())
            os << "midi messages     " << midi.messages() << " (" << midi.dropped() << " dropped)\n";
        std::cout << os.str();
    }
    return exitCode;
}

const CommandRegistration registration{{
    "live",
    "run an effect chain on a live audio stream",
    "usage: fxrack-cli live (--chain SPEC | --session FILE) [--api NAME] [--input DEV] [--output DEV]\n"
    "                       [--rate HZ] [--buffer FRAMES] [--channels-in N] [--channels-out N]\n"
    "                       [--duration SECONDS] [--set AT_SECONDS:PATH=VALUE ...] [--edit T:EDIT ...]\n"
    "                       [--api file --input-file IN --output-file OUT] [--midi-in PORT ...]\n"
    "                       [--map SPEC ...] [--snapshot T:store|recall:NAME ...]\n"
    "                       [--snapshot-morph SECONDS] [--stats] [--json]\n",
    "Runs the chain from an input device to an output device until --duration or Ctrl-C.\n"
    "The output ends in a safety stage: NaN/Inf become silence, peaks stop at -0.3 dBFS.\n",
    [](CLI::App& app) -> std::function<int()> {
        auto args = std::make_shared<LiveArgs>();
        args->addTo(app);
        return [args] { return runLive(*args); };
    },
}};

} // namespace
} // namespace fxrack::cli
