#pragma once

#include "midi/MidiEvent.h"
#include "realtime/SpscQueue.h"

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

class RtMidiIn;

namespace fxrack::midi {

// A MIDI system RtMidi could not use (no such API, a port that would not open).
struct MidiError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class MidiApi { Any, Jack, Alsa };
// "jack", "alsa" or "" (any); std::invalid_argument for another name.
MidiApi parseMidiApi(const std::string& name);
const char* midiApiName(MidiApi api) noexcept;

struct MidiPortInfo {
    int index = 0;    // RtMidi's port number within its API
    std::string name; // as RtMidi names it (JACK: "client:port")
    std::string api;  // "jack" or "alsa"
};

// Control thread: the MIDI input ports of `api` (Any: JACK's, then the ALSA sequencer's).
// An API whose server is not running has no ports.
std::vector<MidiPortInfo> listMidiInputs(MidiApi api = MidiApi::Any);

// MIDI input ports, opened with RtMidi, feeding one wait-free queue each.
//
// Threads: RtMidi calls each port's callback on a thread of its own (JACK's process thread for
// JACK MIDI, the ALSA sequencer's thread). The callback parses the bytes (MidiParser) and
// pushes each event into that port's SpscQueue: wait-free, allocation-free, no lock; a full
// queue counts a drop. Everything else is for the control thread, which drains the queues.
class MidiInputs {
public:
    explicit MidiInputs(MidiApi api = MidiApi::Any, std::string clientName = "fxrack",
                        size_t queueCapacity = 8192);
    ~MidiInputs();
    MidiInputs(const MidiInputs&) = delete;
    MidiInputs& operator=(const MidiInputs&) = delete;

    // Opens every port whose name contains `pattern` ("all": every port) and remembers the
    // pattern, so rescan() reopens a port that comes back. Returns how many it opened.
    int open(const std::string& pattern);
    // Notices hot-plug: closes ports that are gone, opens wanted ones that appeared or came back.
    void rescan();
    // The same from a listing of api() made elsewhere: listing opens a client of each MIDI system,
    // which can block, so a GUI lists on a worker thread and hands the result here.
    void rescan(const std::vector<MidiPortInfo>& present);
    MidiApi api() const noexcept { return m_api; }
    // Pops every waiting event: fn(const MidiEvent&, const std::string& portName).
    template <typename F> void drain(F&& fn)
    {
        MidiEvent e;
        for (auto& port : m_ports)
            while (port->queue.tryPop(e))
                fn(e, port->name);
    }
    std::vector<std::string> openPorts() const;
    // Control thread: messages received and dropped (a full queue) since construction.
    uint64_t received() const noexcept;
    uint64_t dropped() const noexcept;
    // Any thread: steady_clock ns of the latest message (0: none), for an activity light.
    int64_t lastActivityNs() const noexcept { return m_lastActivity.load(std::memory_order_relaxed); }

private:
    struct Port {
        explicit Port(size_t capacity);
        ~Port(); // where RtMidiIn is complete
        std::string name;
        std::string api;
        std::unique_ptr<RtMidiIn> in;
        realtime::SpscQueue<MidiEvent> queue;
        MidiParser parser;
        uint8_t index = 0;
        MidiInputs* owner = nullptr;
        std::atomic<uint64_t> received{0}, dropped{0};
    };
    static void callback(double, std::vector<unsigned char>* message, void* port);
    bool connect(Port& port, const MidiPortInfo& info);

    int open(const std::string& pattern, const std::vector<MidiPortInfo>& present);

    MidiApi m_api;
    std::string m_client;
    size_t m_capacity;
    std::vector<std::string> m_patterns;
    std::vector<std::unique_ptr<Port>> m_ports; // never shrinks: callbacks hold pointers
    std::atomic<int64_t> m_lastActivity{0};
};

} // namespace fxrack::midi
