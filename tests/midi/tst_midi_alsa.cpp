// MIDI control through the ALSA sequencer: an RtMidi virtual output port sends, MidiInputs (RtMidi's
// ALSA input) receives, and the mapping table drives a RealtimeProcessor (offline backend in real
// time: the sequencer is what is tested here, JACK MIDI is tst_midi_jack's). A test of its own, so
// that where there is no sequencer (/dev/snd/seq: a kernel with snd-seq and the device node) CTest
// shows it as skipped, with the reason in its output.
#include "dsp/ChainSpec.h"
#include "midi/MidiInputs.h"
#include "midi/MidiMapper.h"
#include "midi/ProcessorTargets.h"
#include "realtime/OfflineBackend.h"
#include "realtime/RealtimeProcessor.h"

#include <QtTest>
#include <RtMidi.h>
#include <chrono>
#include <functional>
#include <thread>
#include <unistd.h>

using namespace fxrack;
using namespace fxrack::midi;
using namespace std::chrono_literals;

class TestMidiAlsa : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (::access("/dev/snd/seq", R_OK | W_OK) != 0)
            QSKIP("no ALSA sequencer here: /dev/snd/seq is missing or not readable and writable (the "
                  "kernel's snd-seq module, e.g. with snd-seq-dummy, and the device node are needed)");
    }

    void ccNoteAndHotPlugThroughTheSequencer()
    {
        realtime::OfflineBackend backend({}, -1, realtime::OfflineBackend::Pace::RealTime);
        realtime::RealtimeProcessor processor(dsp::parseChain("Gain(1) | LoButterworth(8000)"), backend,
                                              realtime::StreamConfig(48000, 256, 0, 2));
        MidiInputs inputs(midi::MidiApi::Alsa, "fxrack-alsa-test");
        MidiMapper mapper;
        mapper.resetRack(processor.effects().size());
        ProcessorTargets targets(processor);
        mapper.add(parseMappingSpec("ch1:cc7=0.gain:0..1"));
        mapper.add(parseMappingSpec("ch2:note36=bypass:1"));
        const auto until = [&](const std::function<bool()>& done) {
            const auto t0 = std::chrono::steady_clock::now();
            while (!done() && std::chrono::steady_clock::now() - t0 < 10s) {
                inputs.drain(
                    [&](const MidiEvent& e, const std::string& port) { mapper.handle(e, port, targets); });
                mapper.flush(targets);
                processor.poll();
                std::this_thread::sleep_for(1ms);
            }
            return done();
        };
        const auto gain = [&] { return processor.effects().at(0).param(0); };
        processor.start();

        auto out = std::make_unique<RtMidiOut>(RtMidi::LINUX_ALSA, "fxrack-test-seq");
        out->openVirtualPort("seq_out");
        QCOMPARE(inputs.open("fxrack-test-seq"), 1);
        std::vector<unsigned char> msg{0xB0, 7, 0};
        out->sendMessage(&msg);
        QVERIFY(until([&] { return gain() == 0.0; }));
        msg = {0x91, 36, 100}; // note 36 on channel 2: toggles slot 1's bypass
        out->sendMessage(&msg);
        QVERIFY(until([&] { return processor.effects().isBypassed(1); }));

        // Unplugged and back: the wanted port is reopened.
        out.reset();
        inputs.rescan();
        QVERIFY(inputs.openPorts().empty());
        out = std::make_unique<RtMidiOut>(RtMidi::LINUX_ALSA, "fxrack-test-seq");
        out->openVirtualPort("seq_out");
        inputs.rescan();
        QCOMPARE(inputs.openPorts().size(), size_t(1));
        msg = {0xB0, 7, 127};
        out->sendMessage(&msg);
        QVERIFY(until([&] { return gain() == 1.0; }));
        processor.stop();
    }
};

QTEST_GUILESS_MAIN(TestMidiAlsa)
#include "tst_midi_alsa.moc"
