#pragma once
// Real audio files written and read with libsndfile directly (independent of fxrack_io).
#include "common/Signals.h"
#include "dsp/SoundFileOpen.h"

#include <cmath>
#include <cstdint>
#include <functional>
#include <sndfile.h>
#include <stdexcept>
#include <string>
#include <vector>

namespace fxrack::test {

inline void writeFile(const std::string& path, const Planar& audio, int format, int rate = 48000,
                      const std::vector<std::pair<int, std::string>>& strings = {})
{
    const int channels = static_cast<int>(audio.size());
    const int64_t frames = channels ? static_cast<int64_t>(audio[0].size()) : 0;
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = format;
    std::string why;
    SNDFILE* f = dsp::openSoundFile([&] { return sf_open(path.c_str(), SFM_WRITE, &info); }, &why);
    if (!f)
        throw std::runtime_error("test cannot write " + path + ": " + why);
    for (const auto& [id, text] : strings)
        sf_set_string(f, id, text.c_str());
    const int sub = format & SF_FORMAT_SUBMASK;
    const int bits = sub == SF_FORMAT_PCM_16   ? 16
                     : sub == SF_FORMAT_PCM_24 ? 24
                     : sub == SF_FORMAT_PCM_32 ? 32
                                               : 0;
    std::vector<float> fl;
    std::vector<int> in;
    const int64_t step = 4096;
    for (int64_t start = 0; start < frames; start += step) {
        const int64_t n = std::min(step, frames - start);
        if (bits) {
            in.assign(static_cast<size_t>(n * channels), 0);
            const double scale = std::ldexp(1.0, bits - 1);
            for (int64_t i = 0; i < n; ++i)
                for (int c = 0; c < channels; ++c) {
                    double q = std::nearbyint(audio[size_t(c)][size_t(start + i)] * scale);
                    q = std::min(std::max(q, -scale), scale - 1);
                    in[size_t(i * channels + c)] =
                        static_cast<int>(static_cast<unsigned>(static_cast<int>(q)) << (32 - bits));
                }
            sf_writef_int(f, in.data(), n);
        } else {
            fl.assign(static_cast<size_t>(n * channels), 0.0f);
            for (int64_t i = 0; i < n; ++i)
                for (int c = 0; c < channels; ++c)
                    fl[size_t(i * channels + c)] = audio[size_t(c)][size_t(start + i)];
            sf_writef_float(f, fl.data(), n);
        }
    }
    sf_close(f);
}

// A stereo room impulse response of `seconds` at `rate`: noise decaying by 52 dB, different per
// channel (a seeded generator), written to `path` as a float WAV. Long ones make slow loads.
inline void writeRoomImpulse(const std::string& path, double seconds, int rate = 48000, uint32_t seed = 7)
{
    const auto frames = static_cast<size_t>(seconds * rate);
    Planar ir(2, std::vector<float>(frames));
    uint32_t state = seed;
    for (auto& channel : ir)
        for (size_t i = 0; i < frames; ++i) {
            state = state * 1664525u + 1013904223u;
            const double noise = (state >> 8) / double(1 << 24) - 0.5;
            channel[i] = static_cast<float>(noise * std::exp(-6.0 * static_cast<double>(i) / frames));
        }
    writeFile(path, ir, SF_FORMAT_WAV | SF_FORMAT_FLOAT, rate);
}

struct FileAudio {
    Planar audio;
    SF_INFO info{};
    std::string title;
};

// Reads a whole file; integer files through the bit-exact int path.
inline FileAudio readFile(const std::string& path)
{
    FileAudio r;
    std::string why;
    SNDFILE* f = dsp::openSoundFile([&] { return sf_open(path.c_str(), SFM_READ, &r.info); }, &why);
    if (!f)
        throw std::runtime_error("test cannot read " + path + ": " + why);
    if (const char* t = sf_get_string(f, SF_STR_TITLE))
        r.title = t;
    const int channels = r.info.channels;
    r.audio.assign(size_t(channels), {});
    const int sub = r.info.format & SF_FORMAT_SUBMASK;
    const bool ints = sub == SF_FORMAT_PCM_16 || sub == SF_FORMAT_PCM_24 || sub == SF_FORMAT_PCM_32;
    std::vector<int> in(size_t(4096 * channels));
    std::vector<float> fl(size_t(4096 * channels));
    for (;;) {
        const sf_count_t n = ints ? sf_readf_int(f, in.data(), 4096) : sf_readf_float(f, fl.data(), 4096);
        if (n <= 0)
            break;
        for (sf_count_t i = 0; i < n; ++i)
            for (int c = 0; c < channels; ++c)
                r.audio[size_t(c)].push_back(
                    ints ? static_cast<float>(in[size_t(i * channels + c)] / 2147483648.0)
                         : fl[size_t(i * channels + c)]);
    }
    sf_close(f);
    return r;
}

} // namespace fxrack::test
