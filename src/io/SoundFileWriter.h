#pragma once

#include "dsp/AudioBlock.h"
#include "io/AudioFormat.h"
#include "io/RawPcm.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sf_private_tag;

namespace fxrack::io {

class BufferedFd;

// Writes planar float blocks to an already open file descriptor in a libsndfile format.
// - Integer subtypes get FXRack's own conversion (packed PCM in WAV/W64/RF64/AIFF is also packed
//   here and written raw; other containers take the integers through libsndfile's int path):
//   samples already on the integer grid are written exactly (an identity chain is bit-exact and
//   silence stays silent); any other sample gets TPDF dither (two uniform LSB variates) and is
//   rounded and clipped (4 samples at a time with SSE2). The dither sequence depends only on sample order, so
//   the output does not depend on how the audio was cut into blocks.
// - Writes reach the kernel in large pieces (libsndfile's own 24-bit path issues ~8 KB writes).
// Not thread-safe; one writer per thread. Errors (a full disk, EFBIG) throw FileError naming
// `displayPath`, the path the user knows.
class SoundFileWriter {
public:
    SoundFileWriter(int fd, std::string displayPath, int sndfileFormat, double sampleRate, int channels,
                    const TextMetadata& metadata = {}, std::optional<double> quality = {});
    ~SoundFileWriter();
    SoundFileWriter(const SoundFileWriter&) = delete;
    SoundFileWriter& operator=(const SoundFileWriter&) = delete;

    void write(const dsp::AudioBlock& block);
    // Finishes the header and flushes everything to the descriptor (not fsync). Throws on error.
    void close();
    int64_t framesWritten() const noexcept { return m_frames; }
    int64_t clippedSamples() const noexcept { return m_clipped; }
    // NaN samples written as silence to an integer file.
    int64_t nonFiniteSamples() const noexcept { return m_nonFinite; }

private:
    [[noreturn]] void fail(const std::string& what);

    std::string m_path;
    std::unique_ptr<BufferedFd> m_io;
    sf_private_tag* m_file = nullptr;
    int m_channels = 0;
    int m_bits = 0;
    int64_t m_frames = 0;
    int64_t m_clipped = 0;
    int64_t m_nonFinite = 0;
    // Four xorshift32 dither streams, sample k of the file drawing from k % 4.
    std::array<uint32_t, 4> m_ditherLanes{0x9E3779B9u, 0x7F4A7C15u, 0x85EBCA6Bu, 0xC2B2AE35u};
    uint64_t m_samplesConverted = 0;
    RawPcmLayout m_raw; // valid: packed PCM encoded here and written with sf_write_raw
    std::vector<unsigned char> m_bytes;
    std::vector<int> m_ints;
    std::vector<float> m_floats;
};

} // namespace fxrack::io
