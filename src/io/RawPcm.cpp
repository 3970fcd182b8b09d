#include "io/RawPcm.h"

#include <bit>
#include <cstring>
#include <sndfile.h>

namespace fxrack::io {
namespace {

inline uint32_t load32(const unsigned char* p) noexcept
{
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    if constexpr (std::endian::native == std::endian::big)
        v = __builtin_bswap32(v);
    return v; // little-endian reading of the 4 bytes at p
}

inline void store32(unsigned char* p, uint32_t v) noexcept
{
    if constexpr (std::endian::native == std::endian::big)
        v = __builtin_bswap32(v);
    std::memcpy(p, &v, sizeof v);
}

// The sample at p as a left-aligned 32-bit integer (the low bits zero).
template <int Bytes, bool Big> inline int32_t sampleAt(const unsigned char* p) noexcept
{
    const uint32_t w = load32(p);
    uint32_t v;
    if constexpr (Bytes == 2)
        v = Big ? (uint32_t(__builtin_bswap16(uint16_t(w))) << 16) : (w << 16);
    else if constexpr (Bytes == 3)
        v = Big ? (__builtin_bswap32(w) & 0xFFFFFF00u) : (w << 8);
    else
        v = Big ? __builtin_bswap32(w) : w;
    return static_cast<int32_t>(v);
}

template <int Bytes, bool Big>
void decode(const unsigned char* bytes, int channels, size_t frames, float* const* out, int usable) noexcept
{
    constexpr float kScale = 1.0f / 2147483648.0f; // exact for up to 24 bits
    const size_t stride = static_cast<size_t>(Bytes) * static_cast<size_t>(channels);
    if (channels == 2 && usable == 2) {
        float* l = out[0];
        float* r = out[1];
        for (size_t i = 0; i < frames; ++i) {
            const unsigned char* p = bytes + i * stride;
            l[i] = static_cast<float>(sampleAt<Bytes, Big>(p)) * kScale;
            r[i] = static_cast<float>(sampleAt<Bytes, Big>(p + Bytes)) * kScale;
        }
        return;
    }
    for (int c = 0; c < usable; ++c) {
        float* o = out[c];
        const unsigned char* p = bytes + static_cast<size_t>(c) * Bytes;
        for (size_t i = 0; i < frames; ++i)
            o[i] = static_cast<float>(sampleAt<Bytes, Big>(p + i * stride)) * kScale;
    }
}

template <int Bytes, bool Big> void encode(const int* samples, size_t count, unsigned char* bytes) noexcept
{
    // Each store writes 4 bytes; the next sample's store overwrites the extra ones, so the loop
    // must run in increasing order.
    for (size_t i = 0; i < count; ++i) {
        const auto v = static_cast<uint32_t>(samples[i]);
        unsigned char* p = bytes + i * Bytes;
        if constexpr (Bytes == 2)
            store32(p, Big ? __builtin_bswap16(uint16_t(v >> 16)) : (v >> 16));
        else if constexpr (Bytes == 3)
            store32(p, Big ? __builtin_bswap32(v) : (v >> 8));
        else
            store32(p, Big ? __builtin_bswap32(v) : v);
    }
}

// Calls f.operator()<Bytes, Big>() for the layout's sample width and byte order.
template <typename F> void withLayout(const RawPcmLayout& layout, F&& f) noexcept
{
    switch (layout.bytesPerSample * 2 + (layout.bigEndian ? 1 : 0)) {
    case 4:
        return f.template operator()<2, false>();
    case 5:
        return f.template operator()<2, true>();
    case 6:
        return f.template operator()<3, false>();
    case 7:
        return f.template operator()<3, true>();
    case 8:
        return f.template operator()<4, false>();
    case 9:
        return f.template operator()<4, true>();
    default:
        return;
    }
}

} // namespace

RawPcmLayout rawPcmLayout(int sndfileFormat, int channels, bool needsEndSwap) noexcept
{
    switch (sndfileFormat & SF_FORMAT_TYPEMASK) {
    case SF_FORMAT_WAV:
    case SF_FORMAT_WAVEX:
    case SF_FORMAT_W64:
    case SF_FORMAT_RF64:
    case SF_FORMAT_AIFF:
        break;
    default:
        return {};
    }
    int bytes = 0;
    switch (sndfileFormat & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_16:
        bytes = 2;
        break;
    case SF_FORMAT_PCM_24:
        bytes = 3;
        break;
    case SF_FORMAT_PCM_32:
        bytes = 4;
        break;
    default:
        return {};
    }
    const bool hostBig = std::endian::native == std::endian::big;
    return {bytes, needsEndSwap != hostBig, channels};
}

void decodeRawPcm(const RawPcmLayout& layout, const unsigned char* bytes, size_t frames, float* const* out,
                  int usable) noexcept
{
    withLayout(layout, [&]<int Bytes, bool Big>() {
        decode<Bytes, Big>(bytes, layout.channels, frames, out, usable);
    });
}

void encodeRawPcm(const RawPcmLayout& layout, const int* samples, size_t count, unsigned char* bytes) noexcept
{
    withLayout(layout, [&]<int Bytes, bool Big>() { encode<Bytes, Big>(samples, count, bytes); });
}

} // namespace fxrack::io
