#include "io/SoundFileReader.h"

#include "dsp/ProcessSpec.h"
#include "dsp/SoundFileOpen.h"
#include "io/FileError.h"
#include "io/RawPcm.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sndfile.h>
#include <sstream>
#include <sys/stat.h>

namespace fxrack::io {
namespace {

constexpr int kReadFrames = 8192; // frames per libsndfile call: small enough to stay in cache

// The number after `key` in `line` ("data : 60024" gives 60024), or -1.
int64_t numberAfter(const std::string& line, const std::string& key)
{
    const size_t at = line.find(key);
    if (at == std::string::npos)
        return -1;
    const char* p = line.c_str() + at + key.size();
    while (*p == ' ' || *p == ':' || *p == '(')
        ++p;
    char* end = nullptr;
    const long long value = std::strtoll(p, &end, 10);
    return end == p ? -1 : static_cast<int64_t>(value);
}

// libsndfile accepts a file whose audio chunk is cut short and quietly shortens it; only its
// log says so, in each container's own words. A shortened file is a broken copy, so refuse it.
//   WAV, WAVEX:  "data : 60000 (should be 30001)"
//   AIFF, AIFC:  " SSND : 60008 (should be 29982)" (indented under FORM)
//   RF64:        "*** Calculated frame count 4991 does not match value from 'ds64' chunk of 10000."
//   W64:         only "data : 60024" (the chunk's size), so the bytes it promises are compared
//                with the frames found times "Block Align : 6".
bool headerSaysTruncated(SNDFILE* file, int format, int64_t frames)
{
    char log[16384] = {};
    sf_command(file, SFC_GET_LOG_INFO, log, sizeof log);
    std::istringstream lines(log);
    std::string line;
    int64_t w64Data = -1, blockAlign = -1;
    while (std::getline(lines, line)) {
        const std::string text = line.substr(std::min(line.size(), line.find_first_not_of(' ')));
        const bool audioChunk = text.rfind("data", 0) == 0 || text.rfind("SSND", 0) == 0;
        if (audioChunk && text.find("should be") != std::string::npos)
            return true;
        if (text.rfind("*** Calculated frame count", 0) == 0 && text.find("'ds64'") != std::string::npos) {
            const int64_t found = numberAfter(text, "frame count");
            const int64_t promised = numberAfter(text, "'ds64' chunk of");
            if (found >= 0 && promised > found)
                return true;
        }
        if (text.rfind("data :", 0) == 0)
            w64Data = numberAfter(text, "data");
        if (text.rfind("Block Align", 0) == 0)
            blockAlign = numberAfter(text, "Block Align");
    }
    // W64 chunk sizes count the chunk's 24-byte header, and libsndfile counts the padding to a
    // multiple of 8 too.
    constexpr int64_t kW64ChunkHeader = 24, kW64MaxPad = 7;
    return (format & SF_FORMAT_TYPEMASK) == SF_FORMAT_W64 && blockAlign > 0 &&
           w64Data - kW64ChunkHeader - kW64MaxPad > frames * blockAlign;
}

} // namespace

SoundFileReader::SoundFileReader(const std::string& path) : m_path(path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw FileError(path, errno == ENOENT ? "no such file" : std::strerror(errno));
    if (S_ISDIR(st.st_mode))
        throw FileError(path, "is a directory, not an audio file");
    if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode))
        throw FileError(path, "is not a regular file");
    if (S_ISREG(st.st_mode) && st.st_size == 0)
        throw FileError(path, "is empty (0 bytes)");

    SF_INFO info{};
    std::string why;
    m_file = dsp::openSoundFileForReading(path, info, &why);
    if (!m_file) {
        if (why.find("ermission") != std::string::npos || why.find("open") != std::string::npos)
            throw FileError(path, "cannot be read (" + why + ")");
        throw FileError(path, "is not an audio file libsndfile can read (" + why + ")");
    }
    if (info.channels <= 0 || info.samplerate <= 0) {
        sf_close(m_file);
        throw FileError(path, "has no audio (0 channels or a 0 Hz rate)");
    }
    if (headerSaysTruncated(m_file, info.format, info.frames)) {
        sf_close(m_file);
        throw FileError(path, "is truncated: its header promises more audio than the file holds");
    }
    if (info.frames <= 0) {
        sf_close(m_file);
        throw FileError(path, "holds no audio frames");
    }
    m_info.path = path;
    m_info.frames = info.frames;
    m_info.sampleRate = info.samplerate;
    m_info.channels = info.channels;
    m_info.sndfileFormat = info.format;
    for (int id = SF_STR_FIRST; id <= SF_STR_LAST; ++id)
        if (const char* text = sf_get_string(m_file, id); text && *text)
            m_info.metadata.emplace_back(id, text);

    m_integerPath = integerBits(info.format) > 0;
    if (m_integerPath && info.channels <= dsp::kMaxChannels)
        m_raw = rawPcmLayout(info.format, info.channels,
                             sf_command(m_file, SFC_RAW_DATA_NEEDS_ENDSWAP, nullptr, 0) == SF_TRUE);
    if (m_raw.valid())
        m_bytes.resize(static_cast<size_t>(kReadFrames) * m_raw.frameBytes() + 4); // 4: decode's wide loads
    else if (m_integerPath)
        m_ints.resize(static_cast<size_t>(kReadFrames) * static_cast<size_t>(info.channels));
    else
        m_floats.resize(static_cast<size_t>(kReadFrames) * static_cast<size_t>(info.channels));
}

SoundFileReader::~SoundFileReader()
{
    if (m_file)
        sf_close(m_file);
}

void SoundFileReader::rewind()
{
    if (sf_seek(m_file, 0, SEEK_SET) != 0)
        throw FileError(m_path, std::string("cannot seek to the start (") + sf_strerror(m_file) + ")");
    m_position = 0;
}

int SoundFileReader::read(const dsp::AudioBlock& block)
{
    const int channels = m_info.channels;
    const int usable = std::min(channels, block.numChannels());
    int done = 0;
    while (done < block.numFrames() && m_position < m_info.frames) {
        const auto want = static_cast<sf_count_t>(
            std::min<int64_t>({kReadFrames, block.numFrames() - done, m_info.frames - m_position}));
        sf_count_t got = 0;
        if (m_raw.valid()) {
            const auto frameBytes = static_cast<sf_count_t>(m_raw.frameBytes());
            got = sf_read_raw(m_file, m_bytes.data(), want * frameBytes) / frameBytes;
            float* out[dsp::kMaxChannels];
            for (int c = 0; c < usable; ++c)
                out[c] = block.channel(c) + done;
            if (got > 0)
                decodeRawPcm(m_raw, m_bytes.data(), static_cast<size_t>(got), out, usable);
        } else if (m_integerPath) {
            got = sf_readf_int(m_file, m_ints.data(), want);
            constexpr float scale = 1.0f / 2147483648.0f; // exact for up to 24 bits
            for (int c = 0; c < usable; ++c) {
                float* out = block.channel(c) + done;
                const int* in = m_ints.data() + c;
                for (sf_count_t i = 0; i < got; ++i)
                    out[i] = static_cast<float>(in[i * channels]) * scale;
            }
        } else {
            got = sf_readf_float(m_file, m_floats.data(), want);
            for (int c = 0; c < usable; ++c) {
                float* out = block.channel(c) + done;
                const float* in = m_floats.data() + c;
                for (sf_count_t i = 0; i < got; ++i)
                    out[i] = in[i * channels];
            }
        }
        if (sf_error(m_file) != SF_ERR_NO_ERROR)
            throw FileError(m_path, std::string("read failed at frame ") + std::to_string(m_position) + " (" +
                                        sf_strerror(m_file) + ")");
        if (got <= 0)
            throw FileError(m_path, "is truncated: it ends at frame " + std::to_string(m_position) + " of " +
                                        std::to_string(m_info.frames));
        m_position += got;
        done += static_cast<int>(got);
    }
    for (int c = usable; c < block.numChannels(); ++c)
        std::fill_n(block.channel(c), done, 0.0f);
    return done;
}

} // namespace fxrack::io
