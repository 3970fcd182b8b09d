#pragma once

#include "dsp/AudioBuffer.h"

#include <atomic>
#include <string>
#include <vector>

typedef struct _jack_client jack_client_t;
typedef struct _jack_port jack_port_t;

namespace fxrack::test {

// A plain libjack client for end-to-end tests: its output ports play a known signal (once
// play() is called), its input ports record everything from activation on.
class JackProbeClient {
public:
    JackProbeClient(const std::string& name, int channels, int maxRecordFrames);
    ~JackProbeClient();

    bool ok() const { return m_client != nullptr; }
    const std::string& name() const { return m_name; }
    // Control thread: starts playing `signal` (channels as constructed) at the next cycle.
    void play(const dsp::AudioBuffer& signal);
    bool donePlaying() const { return m_playPos.load() >= m_signal.numFrames() && m_playing.load(); }
    long long recordedFrames() const { return m_recorded.load(); }
    long long playStartFrame() const { return m_playStart.load(); }
    const dsp::AudioBuffer& recording() const { return m_recording; }

private:
    static int processCallback(unsigned frames, void* self);

    std::string m_name;
    jack_client_t* m_client = nullptr;
    std::vector<jack_port_t*> m_out, m_in;
    dsp::AudioBuffer m_signal, m_recording;
    std::atomic<bool> m_playing{false};
    std::atomic<long long> m_playPos{0}, m_recorded{0}, m_playStart{-1};
};

} // namespace fxrack::test
