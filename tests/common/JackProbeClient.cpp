#include "JackProbeClient.h"

#include <algorithm>
#include <jack/jack.h>

namespace fxrack::test {

JackProbeClient::JackProbeClient(const std::string& name, int channels, int maxRecordFrames)
    : m_name(name), m_recording(channels, maxRecordFrames)
{
    jack_status_t status;
    m_client = jack_client_open(name.c_str(), JackNoStartServer, &status);
    if (!m_client)
        return;
    for (int c = 0; c < channels; ++c) {
        m_out.push_back(jack_port_register(m_client, ("play_" + std::to_string(c + 1)).c_str(),
                                           JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0));
        m_in.push_back(jack_port_register(m_client, ("rec_" + std::to_string(c + 1)).c_str(),
                                          JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0));
    }
    jack_set_process_callback(m_client, &processCallback, this);
    jack_activate(m_client);
}

JackProbeClient::~JackProbeClient()
{
    if (m_client) {
        jack_deactivate(m_client);
        jack_client_close(m_client);
    }
}

void JackProbeClient::play(const dsp::AudioBuffer& signal)
{
    m_signal = signal;
    m_playPos.store(0);
    m_playing.store(true, std::memory_order_release);
}

int JackProbeClient::processCallback(unsigned frames, void* user)
{
    auto* self = static_cast<JackProbeClient*>(user);
    const bool playing = self->m_playing.load(std::memory_order_acquire);
    const long long rec = self->m_recorded.load(std::memory_order_relaxed);
    if (playing && self->m_playStart.load(std::memory_order_relaxed) < 0)
        self->m_playStart.store(rec, std::memory_order_relaxed);
    const long long pos = self->m_playPos.load(std::memory_order_relaxed);
    for (size_t c = 0; c < self->m_out.size(); ++c) {
        auto* out = static_cast<float*>(jack_port_get_buffer(self->m_out[c], frames));
        for (unsigned i = 0; i < frames; ++i) {
            const long long k = pos + i;
            out[i] = playing && k < self->m_signal.numFrames()
                         ? self->m_signal.channel(static_cast<int>(c))[k]
                         : 0.0f;
        }
        const auto* in = static_cast<const float*>(jack_port_get_buffer(self->m_in[c], frames));
        const long long room = std::max(0LL, self->m_recording.numFrames() - rec);
        std::copy_n(in, std::min<long long>(frames, room),
                    self->m_recording.channel(static_cast<int>(c)) + rec);
    }
    if (playing)
        self->m_playPos.store(pos + frames, std::memory_order_relaxed);
    self->m_recorded.store(std::min<long long>(rec + frames, self->m_recording.numFrames()),
                           std::memory_order_release);
    return 0;
}

} // namespace fxrack::test
