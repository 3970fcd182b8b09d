#include "io/SoundFileWriter.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "dsp/SoundFileOpen.h"
#include "io/FileError.h"
#include "io/RawPcm.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
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
        // Start writeback now, in the background, so the fsync before the rename finds little
        // left to do instead of waiting for the whole file to reach the disk.
        if (done > 0)
            ::sync_file_range(m_fd, static_cast<off_t>(m_position), static_cast<off_t>(done),
                              SYNC_FILE_RANGE_WRITE);
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
                                 int channels, const TextMetadata& metadata, std::optional<double> quality)
    : m_path(std::move(displayPath)), m_io(std::make_unique<BufferedFd>(fd)), m_channels(channels),
      m_bits(integerBits(sndfileFormat))
{
    SF_INFO info{};
    info.format = sndfileFormat;
    info.channels = channels;
    info.samplerate = static_cast<int>(std::lround(sampleRate));
    SF_VIRTUAL_IO io = BufferedFd::callbacks();
    std::string why;
    m_file = dsp::openSoundFile([&] { return sf_open_virtual(&io, SFM_WRITE, &info, m_io.get()); }, &why);
    if (!m_file)
        throw FileError(m_path,
                        std::string("cannot write ") + describeFormat(sndfileFormat) + " (" + why + ")");
    // Vorbis: libsndfile's default (0.4) is audibly worse on reverb tails.
    if (!quality && (sndfileFormat & SF_FORMAT_SUBMASK) == SF_FORMAT_VORBIS)
        quality = 0.6;
    if (quality && isLossy(sndfileFormat)) {
        double q = std::clamp(*quality, 0.0, 1.0);
        if ((sndfileFormat & SF_FORMAT_TYPEMASK) == SF_FORMAT_MPEG) {
            int mode = SF_BITRATE_MODE_VARIABLE;
            sf_command(m_file, SFC_SET_BITRATE_MODE, &mode, sizeof mode);
        }
        sf_command(m_file, SFC_SET_VBR_ENCODING_QUALITY, &q, sizeof q);
    }
    for (const auto& [id, text] : metadata)
        sf_set_string(m_file, id, text.c_str()); // a container without that field drops it
    const auto samples = static_cast<size_t>(kWriteFrames) * static_cast<size_t>(channels);
    if (m_bits > 0) {
        m_ints.resize(samples);
        m_raw = rawPcmLayout(sndfileFormat, channels,
                             sf_command(m_file, SFC_RAW_DATA_NEEDS_ENDSWAP, nullptr, 0) == SF_TRUE);
        if (m_raw.valid())
            m_bytes.resize(static_cast<size_t>(kWriteFrames) * m_raw.frameBytes() + 4); // 4: wide stores
    }
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

inline uint32_t xorshift32(uint32_t x) noexcept
{
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
}

// Float to integer conversion of an interleaved stream. Sample k of the file uses dither lane
// k % 4, so the scalar head and tail and the 4-wide body give the same result for any block cut.
struct IntConverter {
    double scale;
    double lo; // most negative integer
    double hi; // most positive integer
    int shift; // left shift into the 32-bit word libsndfile takes
    int64_t clipped = 0;
    int64_t nonFinite = 0;

    // TPDF dither: the difference of two independent uniform variates (the two halves of one
    // 32-bit draw), spanning -1..+1 LSB.
    static double dither(uint32_t r) noexcept
    {
        return static_cast<double>(static_cast<int>(r >> 16) - static_cast<int>(r & 0xFFFFu)) *
               (1.0 / 65536.0);
    }

    // q rounded half to even by adding and taking away 1.5 * 2^52 (exact for |q| < 2^51): the
    // 4-wide loop does the same, and neither overflows at the edges of the 32-bit range, where a
    // conversion to int32 would.
    static constexpr double kRoundMagic = 6755399441055744.0;
    static double onGrid(double q) noexcept
    {
        return (q + kRoundMagic) - kRoundMagic; // not folded away: no -ffast-math here
    }

    int one(float x, uint32_t random) noexcept
    {
        double q = static_cast<double>(x) * scale;
        if (std::isnan(q)) {
            // A NaN has no integer: write silence and count it (casting it is undefined).
            q = 0.0;
            ++nonFinite;
        }
        q = std::min(std::max(q, lo - 1.0), hi + 1.0);
        // Samples already on the grid are written exactly: an identity chain stays bit-exact.
        if (q != onGrid(q))
            q += dither(random);
        if (q > hi + 0.5 || q < lo - 0.5)
            ++clipped;
        q = std::min(std::max(q, lo), hi);
        // Shift in unsigned arithmetic: left-shifting a negative int is not portable.
        return static_cast<int>(static_cast<unsigned>(static_cast<int>(roundToNearest(q))) << shift);
    }

#if defined(__SSE2__)
    // Baseline x86-64 has no popcnt instruction: __builtin_popcount is a libgcc call.
    static int bitsOf2(int mask) noexcept
    {
        return (mask & 1) + ((mask >> 1) & 1);
    }

    // All ones where q is not an integer.
    static __m128d offGrid(__m128d q) noexcept
    {
        const __m128d magic = _mm_set1_pd(kRoundMagic);
        return _mm_cmpneq_pd(q, _mm_sub_pd(_mm_add_pd(q, magic), magic));
    }

    // Two samples of one() at once; returns the two integers in the low half.
    __m128i two(__m128d q, __m128d d) noexcept
    {
        const __m128d nan = _mm_cmpunord_pd(q, q);
        nonFinite += bitsOf2(_mm_movemask_pd(nan));
        q = _mm_andnot_pd(nan, q);
        q = _mm_min_pd(_mm_max_pd(q, _mm_set1_pd(lo - 1.0)), _mm_set1_pd(hi + 1.0));
        q = _mm_add_pd(q, _mm_and_pd(d, offGrid(q)));
        const __m128d clip =
            _mm_or_pd(_mm_cmpgt_pd(q, _mm_set1_pd(hi + 0.5)), _mm_cmplt_pd(q, _mm_set1_pd(lo - 0.5)));
        clipped += bitsOf2(_mm_movemask_pd(clip));
        q = _mm_min_pd(_mm_max_pd(q, _mm_set1_pd(lo)), _mm_set1_pd(hi));
        return _mm_cvtpd_epi32(q);
    }
#endif

    void run(const float* in, int* out, size_t count, std::array<uint32_t, 4>& lanes,
             uint64_t& position) noexcept
    {
        size_t i = 0;
        // Scalar until the stream position is a multiple of 4, so lane k % 4 lines up.
        for (; i < count && (position & 3u) != 0; ++i, ++position) {
            uint32_t& lane = lanes[position & 3u];
            lane = xorshift32(lane);
            out[i] = one(in[i], lane);
        }
#if defined(__SSE2__)
        __m128i state = _mm_loadu_si128(reinterpret_cast<const __m128i*>(lanes.data()));
        const __m128d scaleV = _mm_set1_pd(scale);
        const __m128d unit = _mm_set1_pd(1.0 / 65536.0);
        const __m128i shiftV = _mm_cvtsi32_si128(shift);
        const __m128 absMask = _mm_castsi128_ps(_mm_set1_epi32(0x7FFFFFFF));
        // Below this magnitude a sample plus dither cannot round beyond the integer range.
        float safe = static_cast<float>((hi - 1.0) / scale);
        if (static_cast<double>(safe) * scale > hi - 1.0)
            safe = std::nextafter(safe, 0.0f);
        const __m128 safeV = _mm_set1_ps(safe);
        for (; i + 4 <= count; i += 4, position += 4) {
            state = _mm_xor_si128(state, _mm_slli_epi32(state, 13));
            state = _mm_xor_si128(state, _mm_srli_epi32(state, 17));
            state = _mm_xor_si128(state, _mm_slli_epi32(state, 5));
            const __m128i d =
                _mm_sub_epi32(_mm_srli_epi32(state, 16), _mm_and_si128(state, _mm_set1_epi32(0xFFFF)));
            const __m128 x = _mm_loadu_ps(in + i);
            const __m128d d0 = _mm_mul_pd(_mm_cvtepi32_pd(d), unit);
            const __m128d d1 = _mm_mul_pd(_mm_cvtepi32_pd(_mm_shuffle_epi32(d, 0xEE)), unit);
            const __m128d q0 = _mm_mul_pd(_mm_cvtps_pd(x), scaleV);
            const __m128d q1 = _mm_mul_pd(_mm_cvtps_pd(_mm_movehl_ps(x, x)), scaleV);
            __m128i lo2, hi2;
            if (_mm_movemask_ps(_mm_cmplt_ps(_mm_and_ps(x, absMask), safeV)) == 0xF) {
                // No NaN and nothing that could clip even with dither: skip those checks.
                lo2 = _mm_cvtpd_epi32(_mm_add_pd(q0, _mm_and_pd(d0, offGrid(q0))));
                hi2 = _mm_cvtpd_epi32(_mm_add_pd(q1, _mm_and_pd(d1, offGrid(q1))));
            } else {
                lo2 = two(q0, d0);
                hi2 = two(q1, d1);
            }
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i),
                             _mm_sll_epi32(_mm_unpacklo_epi64(lo2, hi2), shiftV));
        }
        _mm_storeu_si128(reinterpret_cast<__m128i*>(lanes.data()), state);
#endif
        for (; i < count; ++i, ++position) {
            uint32_t& lane = lanes[position & 3u];
            lane = xorshift32(lane);
            out[i] = one(in[i], lane);
        }
    }
};

// Planar channels to one interleaved stream; missing channels are silent.
void interleave(const dsp::AudioBlock& block, int start, int n, int channels, float* out) noexcept
{
    const int usable = std::min(channels, block.numChannels());
    if (channels == 2 && usable == 2) {
        const float* l = block.channel(0) + start;
        const float* r = block.channel(1) + start;
        int i = 0;
#if defined(__SSE2__)
        for (; i + 4 <= n; i += 4) {
            const __m128 a = _mm_loadu_ps(l + i);
            const __m128 b = _mm_loadu_ps(r + i);
            _mm_storeu_ps(out + 2 * i, _mm_unpacklo_ps(a, b));
            _mm_storeu_ps(out + 2 * i + 4, _mm_unpackhi_ps(a, b));
        }
#endif
        for (; i < n; ++i) {
            out[2 * i] = l[i];
            out[2 * i + 1] = r[i];
        }
        return;
    }
    for (int c = 0; c < channels; ++c) {
        float* o = out + c;
        if (c < usable) {
            const float* in = block.channel(c) + start;
            for (int i = 0; i < n; ++i)
                o[static_cast<size_t>(i) * static_cast<size_t>(channels)] = in[i];
        } else {
            for (int i = 0; i < n; ++i)
                o[static_cast<size_t>(i) * static_cast<size_t>(channels)] = 0.0f;
        }
    }
}

} // namespace

void SoundFileWriter::write(const dsp::AudioBlock& block)
{
    const int channels = m_channels;
    for (int start = 0; start < block.numFrames(); start += kWriteFrames) {
        const int n = std::min(kWriteFrames, block.numFrames() - start);
        interleave(block, start, n, channels, m_floats.data());
        sf_count_t written = 0;
        if (m_bits > 0) {
            const double scale = std::ldexp(1.0, m_bits - 1);
            IntConverter convert{scale, -scale, scale - 1.0, 32 - m_bits};
            convert.run(m_floats.data(), m_ints.data(),
                        static_cast<size_t>(n) * static_cast<size_t>(channels), m_ditherLanes,
                        m_samplesConverted);
            m_clipped += convert.clipped;
            m_nonFinite += convert.nonFinite;
            if (m_raw.valid()) {
                const size_t samples = static_cast<size_t>(n) * static_cast<size_t>(channels);
                encodeRawPcm(m_raw, m_ints.data(), samples, m_bytes.data());
                const auto frameBytes = static_cast<sf_count_t>(m_raw.frameBytes());
                written = sf_write_raw(m_file, m_bytes.data(), n * frameBytes) / frameBytes;
            } else {
                written = sf_writef_int(m_file, m_ints.data(), n);
            }
        } else {
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
    const int closed = sf_close(m_file);
    m_file = nullptr;
    if (closed != 0 || !m_io->flush() || m_io->error())
        fail("cannot finish the file");
}

} // namespace fxrack::io
