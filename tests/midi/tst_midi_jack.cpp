// MIDI control end to end over real parts: a JACK server (dummy driver), a JACK client with a
// MIDI output port (JackMidiSender), RtMidi's JACK input (MidiInputs), the mapping table and a
// RealtimeProcessor playing through RtAudio's JACK backend. The ALSA sequencer is tst_midi_alsa's.
#include "common/JackMidiSender.h"
#include "common/JackServer.h"
#include "dsp/ChainSpec.h"
#include "midi/MidiInputs.h"
#include "midi/MidiMapper.h"
#include "midi/ProcessorTargets.h"
#include "realtime/RealtimeProcessor.h"
#include "realtime/RtAudioBackend.h"

#include <QtTest>
#include <RtMidi.h>
#include <chrono>
#include <functional>
#include <thread>

using namespace fxrack;
using namespace fxrack::midi;
using namespace std::chrono_literals;

namespace {

// The engine with MIDI control, dispatched the way the CLI does it: every millisecond the
// control thread drains the MIDI queues, flushes the mapper and polls the processor.
struct Rig {
    explicit Rig(const std::string& chain, midi::MidiApi api = midi::MidiApi::Jack)
        : backend({realtime::RtAudioBackend::Api::Jack}),
          processor(dsp::parseChain(chain), backend, realtime::StreamConfig(48000, 256, 0, 2)), inputs(api),
          targets(processor, [this](TargetKind kind, int index) {
              actions.push_back({kind, index});
          })
    {
        mapper.resetRack(processor.effects().size());
    }
    void map(const char* spec) { mapper.add(parseMappingSpec(spec)); }
    void dispatchOnce()
    {
        inputs.drain([&](const MidiEvent& e, const std::string& port) { mapper.handle(e, port, targets); });
        mapper.flush(targets);
        processor.poll([&](const realtime::MeterFrame& f) { frames.push_back(f); });
    }
    // Dispatches until `done` holds or 10 s pass; returns `done()`.
    bool until(const std::function<bool()>& done)
    {
        const auto t0 = std::chrono::steady_clock::now();
        while (!done() && std::chrono::steady_clock::now() - t0 < 10s) {
            dispatchOnce();
            std::this_thread::sleep_for(1ms);
        }
        return done();
    }
    void run(std::chrono::milliseconds span)
    {
        const auto t0 = std::chrono::steady_clock::now();
        while (std::chrono::steady_clock::now() - t0 < span) {
            dispatchOnce();
            std::this_thread::sleep_for(1ms);
        }
    }
    double param(const char* path) const
    {
        const auto a = processor.effects().resolve(path);
        return processor.effects().at(a.slot).param(a.paramId);
    }
    // Output RMS over input RMS (the demo signal) of the frames that arrive in `span`.
    double gainOver(std::chrono::milliseconds span)
    {
        frames.clear();
        run(span);
        double in = 0, out = 0;
        for (const auto& f : frames) {
            in += f.inRms[0];
            out += f.outRms[0];
        }
        return in > 0 ? out / in : -1.0;
    }

    realtime::RtAudioBackend backend;
    realtime::RealtimeProcessor processor;
    MidiInputs inputs;
    MidiMapper mapper;
    ProcessorTargets targets;
    std::vector<std::pair<TargetKind, int>> actions;
    std::vector<realtime::MeterFrame> frames;
};

} // namespace

class TestMidiJack : public QObject {
    Q_OBJECT
    std::unique_ptr<test::JackServer> m_server;

private slots:
    void init()
    {
        m_server = std::make_unique<test::JackServer>();
        if (!m_server->isRunning())
            QSKIP(("no JACK server: " + m_server->error()).c_str());
    }
    void cleanup() { m_server.reset(); }

    void portsAreListedAndOpenedByName()
    {
        test::JackMidiSender sender("pedalboard");
        QVERIFY(sender.ok());
        const auto ports = listMidiInputs(midi::MidiApi::Jack);
        const bool listed = std::any_of(ports.begin(), ports.end(), [&](const MidiPortInfo& p) {
            return p.name == sender.portName() && p.api == "jack";
        });
        QVERIFY2(listed, sender.portName().c_str());
        MidiInputs inputs(midi::MidiApi::Jack);
        QCOMPARE(inputs.open("no-such-port"), 0);
        QCOMPARE(inputs.open("pedalboard"), 1);
        QVERIFY(sender.isConnected());
        QCOMPARE(inputs.openPorts().size(), size_t(1));
    }

    void ccSweepReachesItsValuesAndTheOutputLevelFollows()
    {
        test::JackMidiSender sender("keys");
        Rig rig("Gain(1)");
        rig.map("ch1:cc7=0.gain:0..1");
        rig.processor.start();
        QCOMPARE(rig.inputs.open("keys"), 1);
        for (int v = 0; v <= 127; ++v)
            QVERIFY(sender.cc(1, 7, v));
        QVERIFY(rig.until([&] { return rig.param("0.gain") == 1.0; }));
        const double full = rig.gainOver(300ms);
        QVERIFY2(qAbs(full - 1.0) < 0.02, qPrintable(QString::number(full)));
        sender.cc(1, 7, 32);
        QVERIFY(rig.until([&] { return rig.param("0.gain") == 32 / 127.0; }));
        rig.run(200ms); // past the gain's ramp
        const double quarter = rig.gainOver(300ms);
        QVERIFY2(qAbs(quarter - 32 / 127.0) < 0.01, qPrintable(QString::number(quarter)));
        sender.cc(1, 7, 0);
        QVERIFY(rig.until([&] { return rig.param("0.gain") == 0.0; }));
        rig.run(200ms);
        QVERIFY(rig.gainOver(300ms) < 1e-3);
        QCOMPARE(rig.inputs.received(), uint64_t(130));
        QCOMPARE(rig.inputs.dropped(), uint64_t(0));
    }

    void fourteenBitNrpnNotesProgramChangesAndEncoders()
    {
        test::JackMidiSender sender("ctl");
        Rig rig("Gain(1) | LoButterworth(1000) | Gain(1) | Gain(1)");
        rig.map("ch1:cc1/33=1.cutoff:100..10000:log");
        rig.map("ch2:nrpn300=2.gain:0..1");
        rig.map("ch10:note36=bypass:3");
        rig.map("ch1:pc=snapshot");
        rig.map("ch1:cc16=0.mix:0..1:rel2c");
        rig.processor.start();
        QCOMPARE(rig.inputs.open("ctl"), 1);
        sender.cc(1, 1, 64);
        sender.cc(1, 33, 100);
        const double cutoff = 100.0 * std::pow(100.0, ((64 << 7) | 100) / 16383.0);
        QVERIFY(rig.until([&] { return rig.param("1.cutoff") == cutoff; }));
        sender.cc(2, 99, 2);
        sender.cc(2, 98, 44);
        sender.cc(2, 6, 32);
        sender.cc(2, 38, 0);
        QVERIFY(rig.until([&] { return rig.param("2.gain") == (32 << 7) / 16383.0; }));
        sender.send({0x99, 36, 100});
        QVERIFY(rig.until([&] { return rig.processor.effects().isBypassed(3); }));
        sender.send({0x89, 36, 0});
        sender.send({0x99, 36, 100});
        QVERIFY(rig.until([&] { return !rig.processor.effects().isBypassed(3); }));
        sender.send({0xC0, 5});
        QVERIFY(rig.until([&] { return !rig.actions.empty(); }));
        QCOMPARE(rig.actions[0], std::make_pair(TargetKind::Snapshot, 5));
        for (int i = 0; i < 10; ++i)
            sender.cc(1, 16, 127); // ten steps down from 1
        QVERIFY(rig.until([&] { return qAbs(rig.param("0.mix") - (1.0 - 10 / 127.0)) < 1e-9; }));
        sender.cc(1, 16, 3);
        QVERIFY(rig.until([&] { return qAbs(rig.param("0.mix") - (1.0 - 7 / 127.0)) < 1e-9; }));
    }

    void pickUpAndManyToOne()
    {
        test::JackMidiSender sender("fader");
        Rig rig("Gain(1)");
        rig.map("ch1:cc20=0.gain:0..2:pickup");
        rig.map("ch1:cc21=0.gain:0..2");
        rig.processor.start();
        QCOMPARE(rig.inputs.open("fader"), 1);
        sender.cc(1, 20, 10);
        sender.cc(1, 20, 40);
        sender.cc(1, 21, 127); // the jump source: the marker that the pickup ones were seen
        QVERIFY(rig.until([&] { return rig.param("0.gain") == 2.0; }));
        // 2.0 is far from cc20's last 40: nothing moves until cc20 passes 2.0.
        sender.cc(1, 20, 100);
        sender.cc(1, 21, 126);
        QVERIFY(rig.until([&] { return rig.param("0.gain") == 2 * 126 / 127.0; }));
        sender.cc(1, 20, 127); // passes 1.98: picked up
        QVERIFY(rig.until([&] { return rig.param("0.gain") == 2.0; }));
        sender.cc(1, 20, 60);
        QVERIFY(rig.until([&] { return rig.param("0.gain") == 2 * 60 / 127.0; }));
    }

    void aValueTheRateRefusesIsSkipped()
    {
        test::JackMidiSender sender("limits");
        Rig rig("LoButterworth(1000) | Gain(1)");
        rig.map("ch1:cc74=0.cutoff:1000..40000"); // above Nyquist at 48 kHz from the middle up
        rig.map("ch1:cc7=1.gain:0..1");
        rig.processor.start();
        QCOMPARE(rig.inputs.open("limits"), 1);
        sender.cc(1, 74, 127);
        sender.cc(1, 7, 0);
        QVERIFY(rig.until([&] { return rig.param("1.gain") == 0.0; }));
        QCOMPARE(rig.param("0.cutoff"), 1000.0);
        QCOMPARE(rig.targets.refused(), uint64_t(1));
    }

    void aPortThatComesBackIsReconnected()
    {
        Rig rig("Gain(1)");
        rig.map("ch1:cc7=0.gain:0..1");
        rig.processor.start();
        auto sender = std::make_unique<test::JackMidiSender>("hotplug");
        QCOMPARE(rig.inputs.open("hotplug"), 1);
        sender->cc(1, 7, 0);
        QVERIFY(rig.until([&] { return rig.param("0.gain") == 0.0; }));
        sender.reset(); // unplugged
        rig.inputs.rescan();
        QVERIFY(rig.inputs.openPorts().empty());
        sender = std::make_unique<test::JackMidiSender>("hotplug");
        rig.inputs.rescan();
        QCOMPARE(rig.inputs.openPorts().size(), size_t(1));
        QVERIFY(sender->isConnected());
        sender->cc(1, 7, 127);
        QVERIFY(rig.until([&] { return rig.param("0.gain") == 1.0; }));
    }
};

QTEST_GUILESS_MAIN(TestMidiJack)
#include "tst_midi_jack.moc"
