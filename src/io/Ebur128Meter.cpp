#include "io/Ebur128Meter.h"

#include "dsp/AudioBuffer.h"
#include "io/FileError.h"
#include "io/SoundFileReader.h"

#include <cmath>
#include <ebur128.h>
#include <limits>
#include <stdexcept>

namespace fxrack::io {

struct Ebur128Meter::State {
    ebur128_state* st = nullptr;
    ~State() { ebur128_destroy(&st); }
};

Ebur128Meter::~Ebur128Meter()
{
    delete m_state;
}

void Ebur128Meter::begin(double sampleRate, int numChannels)
{
    delete m_state;
    m_state = nullptr;
    ebur128_state* st = ebur128_init(static_cast<unsigned>(numChannels),
                                     static_cast<unsigned long>(std::lround(sampleRate)), EBUR128_MODE_I);
    if (st)
        m_state = new State{st};
    if (!m_state)
        throw std::runtime_error("libebur128 cannot measure " + std::to_string(numChannels) +
                                 " channels at " + std::to_string(sampleRate) + " Hz");
    m_channels = numChannels;
}

void Ebur128Meter::add(const dsp::AudioBlock& block)
{
    if (!m_state)
        throw std::logic_error("Ebur128Meter::add before begin");
    const int n = block.numFrames();
    const int channels = std::min(m_channels, block.numChannels());
    m_interleaved.resize(static_cast<size_t>(n) * static_cast<size_t>(m_channels));
    for (int c = 0; c < m_channels; ++c) {
        float* out = m_interleaved.data() + c;
        if (c < channels) {
            const float* in = block.channel(c);
            for (int i = 0; i < n; ++i)
                out[static_cast<size_t>(i) * static_cast<size_t>(m_channels)] = in[i];
        } else {
            for (int i = 0; i < n; ++i)
                out[static_cast<size_t>(i) * static_cast<size_t>(m_channels)] = 0.0f;
        }
    }
    if (ebur128_add_frames_float(m_state->st, m_interleaved.data(), static_cast<size_t>(n)) !=
        EBUR128_SUCCESS)
        throw std::runtime_error("libebur128 failed to add frames");
}

double Ebur128Meter::integratedLufs()
{
    if (!m_state)
        return -std::numeric_limits<double>::infinity();
    double lufs = 0.0;
    if (ebur128_loudness_global(m_state->st, &lufs) != EBUR128_SUCCESS)
        throw std::runtime_error("libebur128 failed to compute loudness");
    return lufs;
}

double measureFileLufs(const std::string& path)
{
    SoundFileReader reader(path);
    const auto& info = reader.info();
    Ebur128Meter meter;
    meter.begin(info.sampleRate, info.channels);
    dsp::AudioBuffer buffer(info.channels, 65536);
    for (;;) {
        const int n = reader.read(buffer.block());
        if (n == 0)
            break;
        meter.add(buffer.block(0, n));
    }
    return meter.integratedLufs();
}

} // namespace fxrack::io
