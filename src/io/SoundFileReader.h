#pragma once

#include "dsp/AudioBlock.h"
#include "io/AudioFormat.h"
#include "io/RawPcm.h"

#include <cstdint>
#include <string>
#include <vector>

struct sf_private_tag;

namespace fxrack::io {

// Reads any file libsndfile reads into planar float blocks. Integer files are read bit-exactly
// (libsndfile's float path is not for 24-bit): packed PCM in WAV/W64/RF64/AIFF is decoded here
// from raw bytes, anything else goes through libsndfile's int path. A file whose
// header promises more audio than it holds is refused as truncated, at open or while reading.
// Not thread-safe; one reader per thread.
class SoundFileReader {
public:
    // Throws FileError naming the file: missing, a directory, empty, not audio, unreadable, truncated.
    explicit SoundFileReader(const std::string& path);
    ~SoundFileReader();
    SoundFileReader(const SoundFileReader&) = delete;
    SoundFileReader& operator=(const SoundFileReader&) = delete;

    const AudioFileInfo& info() const noexcept { return m_info; }
    // Fills the block's first frames; returns how many (fewer only at the end of the file, 0 at
    // the end). Never asks libsndfile for more frames than its buffer holds. Throws FileError
    // when the file ends before its header says it should or a read fails.
    int read(const dsp::AudioBlock& block);
    void rewind();
    int64_t position() const noexcept { return m_position; }

private:
    std::string m_path;
    sf_private_tag* m_file = nullptr;
    AudioFileInfo m_info;
    bool m_integerPath = false;
    RawPcmLayout m_raw; // valid: packed PCM decoded here from sf_read_raw
    int64_t m_position = 0;
    std::vector<unsigned char> m_bytes;
    std::vector<int> m_ints;
    std::vector<float> m_floats;
};

} // namespace fxrack::io
