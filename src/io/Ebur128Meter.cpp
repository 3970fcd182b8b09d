#include "io/Ebur128Meter.h"

#include "dsp/AudioBuffer.h"
#include "io/FileError.h"
#include "io/SoundFileReader.h"

#include <algorithm>
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
    const int mode =
        m_full ? EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK | EBUR128_MODE_SAMPLE_PEAK
               : EBUR128_MODE_I;
    ebur128_state* st = ebur128_init(static_cast<unsigned>(numChannels),
                                     static_cast<unsigned long>(std::lround(sampleRate)), mode);
    if (st)
        m_state = new State{st};
    if (!m_state)
        throw std::runtime_error("libebur128 cannot measure " + std::to_string(numChannels) +
                                 " channels at " + std::to_string(sampleRate) + " Hz");
    m_channels = numChannels;
    m_sampleRate = sampleRate;
    m_frames = 0;
    m_sumSquares = 0.0;
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
    m_frames += n;
    if (m_full)
        for (float x : m_interleaved)
            m_sumSquares += static_cast<double>(x) * x;
}

LoudnessStats Ebur128Meter::stats()
{
    LoudnessStats s;
    s.integratedLufs = integratedLufs();
    s.frames = m_frames;
    s.sampleRate = m_sampleRate;
    s.channels = m_channels;
    if (!m_state || !m_full)
        return s;
    auto toDb = [](double linear) { return 20.0 * std::log10(linear); }; // 0 gives -inf
    if (ebur128_loudness_range(m_state->st, &s.loudnessRange) != EBUR128_SUCCESS)
        s.loudnessRange = 0.0;
    double truePeak = 0.0, samplePeak = 0.0;
    for (int c = 0; c < m_channels; ++c) {
        double tp = 0.0, sp = 0.0;
        ebur128_true_peak(m_state->st, static_cast<unsigned>(c), &tp);
        ebur128_sample_peak(m_state->st, static_cast<unsigned>(c), &sp);
        truePeak = std::max(truePeak, tp);
        samplePeak = std::max(samplePeak, sp);
    }
    s.truePeakDb = toDb(truePeak);
    s.samplePeakDb = toDb(samplePeak);
    const double count = static_cast<double>(m_frames) * m_channels;
    s.rmsDb = 10.0 * std::log10(count > 0 ? m_sumSquares / count : 0.0);
    return s;
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

namespace {

void feed(const std::string& path, Ebur128Meter& meter)
{
    SoundFileReader reader(path);
    const auto& info = reader.info();
    meter.begin(info.sampleRate, info.channels);
    dsp::AudioBuffer buffer(info.channels, 65536);
    for (;;) {
        const int n = reader.read(buffer.block());
        if (n == 0)
            break;
        meter.add(buffer.block(0, n));
    }
}

} // namespace

double measureFileLufs(const std::string& path)
{
    Ebur128Meter meter;
    feed(path, meter);
    return meter.integratedLufs();
}

LoudnessStats measureFile(const std::string& path)
{
    Ebur128Meter meter(true);
    feed(path, meter);
    return meter.stats();
}

} // namespace fxrack::io
