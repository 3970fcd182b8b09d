#pragma once
// Test helpers: real audio files written and read with libsndfile directly (independent of
// fxrack_io), and deterministic test signals.

#include <cmath>
#include <cstdint>
#include <functional>
#include <sndfile.h>
#include <stdexcept>
#include <string>
#include <vector>

namespace fxrack::testaudio {

using Planar = std::vector<std::vector<float>>;

// Deterministic signal: a few tones plus LCG noise, below full scale.
inline Planar makeSignal(int channels, int64_t frames, double rate = 48000.0, float level = 0.5f,
                         uint32_t seed = 1)
{
    Planar out(static_cast<size_t>(channels), std::vector<float>(static_cast<size_t>(frames)));
    uint32_t state = seed;
    for (int c = 0; c < channels; ++c)
        for (int64_t i = 0; i < frames; ++i) {
            state = state * 1664525u + 1013904223u;
            const double noise = (static_cast<double>(state >> 8) / 16777216.0 - 0.5) * 0.3;
            const double t = static_cast<double>(i) / rate;
            const double tone =
                0.5 * std::sin(2 * M_PI * (220.0 * (c + 1)) * t) + 0.2 * std::sin(2 * M_PI * 3100.0 * t);
            out[static_cast<size_t>(c)][static_cast<size_t>(i)] = static_cast<float>(level * (tone + noise));
        }
    return out;
}

// Writes planar audio. Integer subtypes go through sf_writef_int with exact rounding, so the
// file holds exactly round(x * 2^(bits-1)).
inline void writeFile(const std::string& path, const Planar& audio, int format, int rate = 48000,
                      const std::vector<std::pair<int, std::string>>& strings = {})
{
    const int channels = static_cast<int>(audio.size());
    const int64_t frames = channels ? static_cast<int64_t>(audio[0].size()) : 0;
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = format;
    SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
    if (!f)
        throw std::runtime_error("test cannot write " + path + ": " + sf_strerror(nullptr));
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

struct FileAudio {
    Planar audio;
    SF_INFO info{};
    std::string title;
};

// Reads a whole file; integer files through the bit-exact int path.
inline FileAudio readFile(const std::string& path)
{
    FileAudio r;
    SNDFILE* f = sf_open(path.c_str(), SFM_READ, &r.info);
    if (!f)
        throw std::runtime_error("test cannot read " + path + ": " + sf_strerror(nullptr));
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

inline double maxAbs(const Planar& a)
{
    double m = 0;
    for (const auto& ch : a)
        for (float x : ch)
            m = std::max(m, std::fabs(static_cast<double>(x)));
    return m;
}

inline double maxDifference(const Planar& a, const Planar& b)
{
    if (a.size() != b.size())
        return INFINITY;
    double m = 0;
    for (size_t c = 0; c < a.size(); ++c) {
        if (a[c].size() != b[c].size())
            return INFINITY;
        for (size_t i = 0; i < a[c].size(); ++i)
            m = std::max(m, std::fabs(static_cast<double>(a[c][i]) - b[c][i]));
    }
    return m;
}

} // namespace fxrack::testaudio
