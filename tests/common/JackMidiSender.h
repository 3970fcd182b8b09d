#pragma once

#include "realtime/SpscQueue.h"

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <string>

typedef struct _jack_client jack_client_t;
typedef struct _jack_port jack_port_t;

namespace fxrack::test {

// A plain libjack client with one MIDI output port ("<name>:midi_out"), playing short MIDI
// messages queued from the control thread at the next cycles, in order, spread over the cycle.
class JackMidiSender {
public:
    explicit JackMidiSender(const std::string& name, size_t capacity = 1 << 16);
    ~JackMidiSender();
    JackMidiSender(const JackMidiSender&) = delete;
    JackMidiSender& operator=(const JackMidiSender&) = delete;

    bool ok() const { return m_client != nullptr; }
    const std::string& name() const { return m_name; }
    std::string portName() const { return m_name + ":midi_out"; }
    // Control thread: queues one message of 1 to 3 bytes; false when the queue is full.
    bool send(std::initializer_list<unsigned char> bytes);
    bool cc(int channel, int number, int value);
    // Control thread: whether someone listens to the port (the engine has connected).
    bool isConnected() const;
    // Messages the process callback wrote to the port, and those JACK refused.
    uint64_t written() const { return m_written.load(); }
    uint64_t refused() const { return m_refused.load(); }
    // Steady-clock ns at which the callback last wrote a message (the latest one).
    int64_t lastWriteNs() const { return m_lastWriteNs.load(); }

private:
    struct Message {
        unsigned char bytes[3];
        uint8_t size;
    };
    static int processCallback(unsigned frames, void* self);

    std::string m_name;
    jack_client_t* m_client = nullptr;
    jack_port_t* m_port = nullptr;
    realtime::SpscQueue<Message> m_queue;
    std::atomic<uint64_t> m_written{0}, m_refused{0};
    std::atomic<int64_t> m_lastWriteNs{0};
};

} // namespace fxrack::test
