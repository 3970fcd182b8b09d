#include "JackMidiSender.h"

#include <algorithm>
#include <chrono>
#include <jack/jack.h>
#include <jack/midiport.h>

namespace fxrack::test {

JackMidiSender::JackMidiSender(const std::string& name, size_t capacity) : m_name(name), m_queue(capacity)
{
    jack_status_t status;
    m_client = jack_client_open(name.c_str(), JackNoStartServer, &status);
    if (!m_client)
        return;
    m_name = jack_get_client_name(m_client);
    m_port = jack_port_register(m_client, "midi_out", JACK_DEFAULT_MIDI_TYPE, JackPortIsOutput, 0);
    jack_set_process_callback(m_client, &processCallback, this);
    jack_activate(m_client);
}

JackMidiSender::~JackMidiSender()
{
    if (m_client) {
        jack_deactivate(m_client);
        jack_client_close(m_client);
    }
}

bool JackMidiSender::send(std::initializer_list<unsigned char> bytes)
{
    Message m{};
    m.size = static_cast<uint8_t>(std::min<size_t>(bytes.size(), 3));
    std::copy_n(bytes.begin(), m.size, m.bytes);
    return m_queue.tryPush(m);
}

bool JackMidiSender::cc(int channel, int number, int value)
{
    return send({static_cast<unsigned char>(0xB0 | ((channel - 1) & 0x0F)),
                 static_cast<unsigned char>(number & 0x7F), static_cast<unsigned char>(value & 0x7F)});
}

bool JackMidiSender::isConnected() const
{
    return m_port && jack_port_connected(m_port) > 0;
}

int JackMidiSender::processCallback(unsigned frames, void* user)
{
    auto* self = static_cast<JackMidiSender*>(user);
    void* buffer = jack_port_get_buffer(self->m_port, frames);
    jack_midi_clear_buffer(buffer);
    // At most one message a frame, in order: at 10,000 a second and 256-frame cycles, about 53.
    const size_t waiting = self->m_queue.sizeApprox();
    if (waiting == 0)
        return 0;
    const unsigned n = static_cast<unsigned>(std::min<size_t>(waiting, frames));
    Message m;
    for (unsigned i = 0; i < n && self->m_queue.tryPop(m); ++i) {
        const auto at = static_cast<jack_nframes_t>(static_cast<uint64_t>(i) * frames / n);
        if (jack_midi_event_write(buffer, at, m.bytes, m.size) == 0)
            self->m_written.fetch_add(1, std::memory_order_relaxed);
        else
            self->m_refused.fetch_add(1, std::memory_order_relaxed);
    }
    self->m_lastWriteNs.store(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                  std::chrono::steady_clock::now().time_since_epoch())
                                  .count(),
                              std::memory_order_relaxed);
    return 0;
}

} // namespace fxrack::test
