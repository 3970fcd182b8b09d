#include "io/SoundFileWriter.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "io/FileError.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <sndfile.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fxrack::io {

// libsndfile virtual I/O over a descriptor with a large write buffer: one write(2) per MiB
// instead of one per 8 KB. Every seek, read or size query flushes first, so the buffer always
// starts at the descriptor's position.
class BufferedFd {
public:
    explicit BufferedFd(int fd) : m_fd(fd) { m_buffer.reserve(kCapacity); }

    static SF_VIRTUAL_IO callbacks()
    {
        SF_VIRTUAL_IO io{};
        io.get_filelen = [](void* self) -> sf_count_t { return static_cast<BufferedFd*>(self)->length(); };
        io.seek = [](sf_count_t offset, int whence, void* self) -> sf_count_t {
            return static_cast<BufferedFd*>(self)->seek(offset, whence);
        };
        io.read = [](void* ptr, sf_count_t count, void* self) -> sf_count_t {
            return static_cast<BufferedFd*>(self)->read(ptr, count);
        };
        io.write = [](const void* ptr, sf_count_t count, void* self) -> sf_count_t {
            return static_cast<BufferedFd*>(self)->write(ptr, count);
        };
        io.tell = [](void* self) -> sf_count_t { return static_cast<BufferedFd*>(self)->tell(); };
        return io;
    }

    bool flush()
    {
        size_t done = 0;
        while (done < m_buffer.size()) {
            const ssize_t n = ::write(m_fd, m_buffer.data() + done, m_buffer.size() - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                m_error = n < 0 ? errno : ENOSPC;
                m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(done));
                m_position += static_cast<sf_count_t>(done);
                return false;
            }
            done += static_cast<size_t>(n);
        }
        m_position += static_cast<sf_count_t>(done);
        m_buffer.clear();
        return true;
    }
    int error() const noexcept { return m_error; }

private:
    static constexpr size_t kCapacity = size_t(1) << 20;

    sf_count_t length()
    {
        flush();
        struct stat st {};
        return ::fstat(m_fd, &st) == 0 ? static_cast<sf_count_t>(st.st_size) : -1;
    }
    sf_count_t seek(sf_count_t offset, int whence)
    {
        if (!flush())
            return -1;
        const off_t at = ::lseek(m_fd, static_cast<off_t>(offset), whence);
        if (at < 0)
            return -1;
        m_position = at;
        return at;
    }
    sf_count_t read(void* ptr, sf_count_t count)
    {
        if (!flush())
            return 0;
        const ssize_t n = ::read(m_fd, ptr, static_cast<size_t>(count));
        if (n <= 0)
            return 0;
        m_position += n;
        return n;
    }
    sf_count_t write(const void* ptr, sf_count_t count)
    {
        if (m_error)
            return 0;
        const auto* bytes = static_cast<const char*>(ptr);
        m_buffer.insert(m_buffer.end(), bytes, bytes + count);
        if (m_buffer.size() >= kCapacity && !flush())
            return 0;
        return count;
    }
    sf_count_t tell() const { return m_position + static_cast<sf_count_t>(m_buffer.size()); }

    int m_fd;
    sf_count_t m_position = 0;
    std::vector<char> m_buffer;
    int m_error = 0;
};

namespace {
constexpr int kWriteFrames = 16384;
}

SoundFileWriter::SoundFileWriter(int fd, std::string displayPath, int sndfileFormat, double sampleRate,
                                 int channels, const TextMetadata& metadata)
    : m_path(std::move(displayPath)), m_io(std::make_unique<BufferedFd>(fd)), m_channels(channels),
      m_bits(integerBits(sndfileFormat))
{
    SF_INFO info{};
    info.format = sndfileFormat;
    info.channels = channels;
    info.samplerate = static_cast<int>(std::lround(sampleRate));
    SF_VIRTUAL_IO io = BufferedFd::callbacks();
    m_file = sf_open_virtual(&io, SFM_WRITE, &info, m_io.get());
    if (!m_file)
        throw FileError(m_path, std::string("cannot write ") + describeFormat(sndfileFormat) + " (" +
                                    sf_strerror(nullptr) + ")");
    for (const auto& [id, text] : metadata)
        sf_set_string(m_file, id, text.c_str()); // a container without that field drops it
    if ((sndfileFormat & SF_FORMAT_TYPEMASK) == SF_FORMAT_OGG) {
        double quality = 0.6; // libsndfile's default (0.4) is audibly worse on reverb tails
        sf_command(m_file, SFC_SET_VBR_ENCODING_QUALITY, &quality, sizeof quality);
    }
    const auto samples = static_cast<size_t>(kWriteFrames) * static_cast<size_t>(channels);
    if (m_bits > 0)
        m_ints.resize(samples);
    else
        m_floats.resize(samples);
}

SoundFileWriter::~SoundFileWriter()
{
    if (m_file)
        sf_close(m_file);
}

void SoundFileWriter::fail(const std::string& what)
{
    const int err = m_io->error();
    std::string reason = what;
    if (err == ENOSPC || err == EFBIG || err == EDQUOT)
        reason +=
            ": the disk is full or the file size limit was reached (" + std::string(std::strerror(err)) + ")";
    else if (err)
        reason += std::string(": ") + std::strerror(err);
    else if (m_file)
        reason += std::string(" (") + sf_strerror(m_file) + ")";
    throw FileError(m_path, reason);
}

namespace {

// Round half to even, as std::nearbyint in the default rounding mode, but inline: nearbyint is a
// libm call per sample on baseline x86-64, and this loop runs for every sample written.
inline double roundToNearest(double x) noexcept
{
#if defined(__SSE2__)
    // Values beyond 2^52 are integers already; cvtsd2si would overflow on them.
    if (!(std::fabs(x) < 4503599627370496.0))
        return x;
    return static_cast<double>(_mm_cvtsd_si64(_mm_set_sd(x)));
#else
    return std::nearbyint(x);
#endif
}

} // namespace

void SoundFileWriter::write(const dsp::AudioBlock& block)
{
    const int channels = m_channels;
    const int usable = std::min(channels, block.numChannels());
    for (int start = 0; start < block.numFrames(); start += kWriteFrames) {
        const int n = std::min(kWriteFrames, block.numFrames() - start);
        sf_count_t written = 0;
        if (m_bits > 0) {
            const double scale = std::ldexp(1.0, m_bits - 1);
            const double lo = -scale;
            const double hi = scale - 1.0;
            const int shift = 32 - m_bits;
            for (int i = 0; i < n; ++i) {
                for (int c = 0; c < channels; ++c) {
                    double q = c < usable ? static_cast<double>(block.channel(c)[start + i]) * scale : 0.0;
                    if (std::isnan(q)) {
                        // A NaN has no integer: write silence and count it (casting it is undefined).
                        q = 0.0;
                        ++m_nonFinite;
                    }
                    if (q != roundToNearest(q)) {
                        // TPDF: the sum of two independent uniform variates of one LSB each.
                        m_rng ^= m_rng << 13;
                        m_rng ^= m_rng >> 7;
                        m_rng ^= m_rng << 17;
                        const double u1 = static_cast<double>(m_rng >> 40) * (1.0 / 16777216.0);
                        const double u2 = static_cast<double>(m_rng & 0xFFFFFF) * (1.0 / 16777216.0);
                        q = roundToNearest(q + (u1 - u2));
                    }
                    if (q < lo || q > hi) {
                        q = std::clamp(q, lo, hi);
                        ++m_clipped;
                    }
                    // Shift in unsigned arithmetic: left-shifting a negative int is not portable.
                    m_ints[static_cast<size_t>(i * channels + c)] =
                        static_cast<int>(static_cast<unsigned>(static_cast<int>(q)) << shift);
                }
            }
            written = sf_writef_int(m_file, m_ints.data(), n);
        } else {
            for (int c = 0; c < channels; ++c) {
                float* out = m_floats.data() + c;
                if (c < usable) {
                    const float* in = block.channel(c) + start;
                    for (int i = 0; i < n; ++i)
                        out[i * channels] = in[i];
                } else {
                    for (int i = 0; i < n; ++i)
                        out[i * channels] = 0.0f;
                }
            }
            written = sf_writef_float(m_file, m_floats.data(), n);
        }
        if (written != n || m_io->error())
            fail("write failed at frame " + std::to_string(m_frames));
        m_frames += n;
    }
}

void SoundFileWriter::close()
{
    if (!m_file)
        return;
    sf_write_sync(m_file);
    const int closed = sf_close(m_file);
    m_file = nullptr;
    if (closed != 0 || !m_io->flush() || m_io->error())
        fail("cannot finish the file");
}

} // namespace fxrack::io
