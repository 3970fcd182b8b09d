#pragma once

#include <cstddef>
#include <cstdint>

namespace fxrack::io {

// Packed integer PCM as it sits in a WAV, W64, RF64 or AIFF data chunk, read and written with
// sf_read_raw/sf_write_raw. libsndfile's own int path converts 8 KB at a time through an int
// array; decoding straight to planar floats (and packing straight from the writer's integers)
// takes half the reading and writing time of a batch job.
struct RawPcmLayout {
    int bytesPerSample = 0; // 2, 3 or 4
    bool bigEndian = false;
    int channels = 0;

    bool valid() const noexcept { return bytesPerSample >= 2 && bytesPerSample <= 4 && channels > 0; }
    size_t frameBytes() const noexcept
    {
        return static_cast<size_t>(bytesPerSample) * static_cast<size_t>(channels);
    }
};

// The layout when `sndfileFormat` stores plain packed PCM that sf_read_raw/sf_write_raw move
// unchanged; an invalid layout otherwise (compressed, 8-bit, float, unknown containers).
// `needsEndSwap` is libsndfile's SFC_RAW_DATA_NEEDS_ENDSWAP for the open file.
RawPcmLayout rawPcmLayout(int sndfileFormat, int channels, bool needsEndSwap) noexcept;

// Decodes `frames` frames into planar floats with the same values as libsndfile's int path
// (sample << (32 - bits), times 2^-31): out[c] for c < usable; other channels are skipped.
// `bytes` must have 4 readable bytes past the last frame (loads are 4 bytes wide).
void decodeRawPcm(const RawPcmLayout& layout, const unsigned char* bytes, size_t frames, float* const* out,
                  int usable) noexcept;

// Packs `count` interleaved samples, each a left-aligned 32-bit integer as sf_writef_int takes
// them. `bytes` must have 4 writable bytes past the packed data (stores are 4 bytes wide).
void encodeRawPcm(const RawPcmLayout& layout, const int* samples, size_t count,
                  unsigned char* bytes) noexcept;

} // namespace fxrack::io
