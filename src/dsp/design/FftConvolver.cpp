#include "dsp/design/FftConvolver.h"

#include <algorithm>
#include <cstdint>
#include <fftw3.h>
#include <mutex>
#include <stdexcept>

namespace fxrack::dsp {
namespace {

struct FftwFree {
    void operator()(float* p) const noexcept { fftwf_free(p); }
};
using FloatBuffer = std::unique_ptr<float[], FftwFree>;

FloatBuffer allocate(size_t floats)
{
    FloatBuffer buffer(fftwf_alloc_real(floats));
    if (!buffer)
        throw std::bad_alloc();
    std::fill_n(buffer.get(), floats, 0.0f);
    return buffer;
}

fftwf_complex* complexAt(float* p) noexcept
{
    return reinterpret_cast<fftwf_complex*>(p);
}

// acc += a * b over `bins` interleaved complex values.
void multiplyAdd(float* __restrict acc, const float* __restrict a, const float* __restrict b,
                 int bins) noexcept
{
    for (int k = 0; k < 2 * bins; k += 2) {
        const float ar = a[k], ai = a[k + 1], br = b[k], bi = b[k + 1];
        acc[k] += ar * br - ai * bi;
        acc[k + 1] += ar * bi + ai * br;
    }
}

// out = base + a * b (base null: zero).
void multiplyInto(float* __restrict out, const float* __restrict base, const float* __restrict a,
                  const float* __restrict b, int bins) noexcept
{
    for (int k = 0; k < 2 * bins; k += 2) {
        const float ar = a[k], ai = a[k + 1], br = b[k], bi = b[k + 1];
        out[k] = (base ? base[k] : 0.0f) + (ar * br - ai * bi);
        out[k + 1] = (base ? base[k + 1] : 0.0f) + (ar * bi + ai * br);
    }
}

// The most one plan may spend measuring.
constexpr double kPlanSeconds = 0.2;

// The smallest of 2^a, 3 * 2^a and 5 * 2^a (a >= 1: FFTW's fast real transforms) from `n`, at
// most `limit` (a power of two, so always one). Three sizes an octave keep the plans few: each
// new size is planned (measured) once per process.
int fastSizeAtLeast(int n, int limit) noexcept
{
    int best = limit;
    for (int64_t p2 = 2; p2 < best; p2 *= 2)
        for (const int64_t size : {p2, 3 * p2, 5 * p2})
            if (size >= n && size < best)
                best = static_cast<int>(size);
    return best;
}

} // namespace

struct FftConvolver::Impl {
    int partitions = 0; // P
    int length = 0;     // L taps a partition: N, or all of them when they fit one partition
    int fftSize = 0;    // F >= N + L - 1: 2N, or a smaller FFTW-friendly size for one partition
    int ring = 0;       // P + 1 input spectra: the oldest is kept for a response change
    int bins = 0;       // F / 2 + 1
    size_t stride = 0;  // floats per spectrum, a multiple of 16 so every spectrum keeps the alignment
    FloatBuffer taps;   // P * L, scaled by 1 / F (FFTW does not normalise)
    FloatBuffer timeIn; // F: the current segment, then zeros
    FloatBuffer timeOut;
    FloatBuffer scratch; // F: response partitions on their way to the spectra
    FloatBuffer overlap; // N: the tail (F - N samples) of the last complete segment's output, then zeros
    FloatBuffer segments;
    FloatBuffer spectra;
    FloatBuffer older; // the sum over partitions 1..P-1 for the current segment
    FloatBuffer sum;
    fftwf_plan forward = nullptr;
    fftwf_plan inverse = nullptr;
    int fill = 0;
    int current = 0;
    bool tapsChanged = false;
    bool olderStale = true;

    ~Impl()
    {
        if (forward)
            fftwf_destroy_plan(forward);
        if (inverse)
            fftwf_destroy_plan(inverse);
    }
    float* segment(int slot) noexcept { return segments.get() + static_cast<size_t>(slot) * stride; }
    float* spectrum(int partition) noexcept
    {
        return spectra.get() + static_cast<size_t>(partition) * stride;
    }
};

FftConvolver::FftConvolver() = default;
FftConvolver::~FftConvolver() = default;
FftConvolver::FftConvolver(FftConvolver&&) noexcept = default;
FftConvolver& FftConvolver::operator=(FftConvolver&&) noexcept = default;

void FftConvolver::makePlannerThreadSafe()
{
    static std::once_flag once;
    std::call_once(once, [] {
        fftwf_make_planner_thread_safe();
        // A measured plan runs up to twice as fast as an estimated one (large sizes), but
        // measuring a size can take seconds: past the limit FFTW keeps the estimated plan
        // (zita-convolver's plans are estimated, so unaffected).
        fftwf_set_timelimit(kPlanSeconds);
    });
}

int FftConvolver::partitionSizeFor(int numTaps, int blockSize) noexcept
{
    const auto pow2 = [](int64_t n) {
        int p = 64;
        while (p < n && p < kMaxPartition)
            p *= 2;
        return p;
    };
    // Segments up to four times the response: one transform of about 5L per 4L samples costs
    // some 40 % less than four of 2L (bench_dsp's 1,023 taps). Calls much shorter than the
    // segment transform it whole each time: AdaptiveFftConvolver switches to short segments.
    return std::min(pow2(blockSize), pow2(4 * static_cast<int64_t>(numTaps)));
}

void FftConvolver::prepare(int numTaps, int partitionSize)
{
    makePlannerThreadSafe();
    if (partitionSize < 1 || (partitionSize & (partitionSize - 1)) != 0)
        throw std::invalid_argument("FftConvolver: the partition size must be a power of two");
    auto impl = std::make_unique<Impl>();
    const int n = partitionSize;
    numTaps = std::max(1, numTaps);
    if (numTaps <= n + 1) {
        // One partition: the transform need only hold a segment and the response's tail.
        impl->partitions = 1;
        impl->length = numTaps;
        impl->fftSize = fastSizeAtLeast(n + numTaps - 1, 2 * n);
    } else {
        impl->partitions = (numTaps + n - 1) / n;
        impl->length = n;
        impl->fftSize = 2 * n;
    }
    impl->ring = impl->partitions + 1;
    impl->bins = impl->fftSize / 2 + 1;
    impl->stride = (2 * static_cast<size_t>(impl->bins) + 15) / 16 * 16;
    const auto f = static_cast<size_t>(impl->fftSize);
    impl->taps = allocate(static_cast<size_t>(impl->partitions) * static_cast<size_t>(impl->length));
    impl->timeIn = allocate(f);
    impl->timeOut = allocate(f);
    impl->scratch = allocate(f);
    impl->overlap = allocate(static_cast<size_t>(n));
    impl->segments = allocate(static_cast<size_t>(impl->ring) * impl->stride);
    impl->spectra = allocate(static_cast<size_t>(impl->partitions) * impl->stride);
    impl->older = allocate(impl->stride);
    impl->sum = allocate(impl->stride);
    // FFTW keeps what it measured (wisdom): only the first convolver of a size pays the planning.
    impl->forward =
        fftwf_plan_dft_r2c_1d(impl->fftSize, impl->timeIn.get(), complexAt(impl->segment(0)), FFTW_MEASURE);
    impl->inverse =
        fftwf_plan_dft_c2r_1d(impl->fftSize, complexAt(impl->sum.get()), impl->timeOut.get(), FFTW_MEASURE);
    if (!impl->forward || !impl->inverse)
        throw std::runtime_error("FftConvolver: FFTW cannot plan a transform of " +
                                 std::to_string(impl->fftSize));
    // Planning wrote into the buffers.
    std::fill_n(impl->timeIn.get(), f, 0.0f);
    std::fill_n(impl->segments.get(), static_cast<size_t>(impl->ring) * impl->stride, 0.0f);
    m_impl = std::move(impl);
    m_numTaps = numTaps;
    m_size = n;
    reset();
    m_impl->tapsChanged = true;
}

void FftConvolver::setTaps(std::span<const float> taps) noexcept
{
    stageTaps(taps);
}

void FftConvolver::setTaps(std::span<const double> taps) noexcept
{
    stageTaps(taps);
}

template <typename T> void FftConvolver::stageTaps(std::span<const T> taps) noexcept
{
    if (!m_impl)
        return;
    const size_t total = static_cast<size_t>(m_impl->partitions) * static_cast<size_t>(m_impl->length);
    const size_t n = std::min(taps.size(), total);
    const T scale = T(1) / static_cast<T>(m_impl->fftSize);
    for (size_t i = 0; i < n; ++i)
        m_impl->taps[i] = static_cast<float>(taps[i] * scale);
    std::fill(m_impl->taps.get() + n, m_impl->taps.get() + total, 0.0f);
    m_impl->tapsChanged = true;
}

int FftConvolver::partitions() const noexcept
{
    return m_impl ? m_impl->partitions : 0;
}

void FftConvolver::reset() noexcept
{
    if (!m_impl)
        return;
    auto& s = *m_impl;
    std::fill_n(s.timeIn.get(), static_cast<size_t>(s.fftSize), 0.0f);
    std::fill_n(s.overlap.get(), static_cast<size_t>(m_size), 0.0f);
    std::fill_n(s.segments.get(), static_cast<size_t>(s.ring) * s.stride, 0.0f);
    s.fill = 0;
    s.current = 0;
    s.olderStale = true;
}

void FftConvolver::updateSpectra() noexcept
{
    auto& s = *m_impl;
    const auto n = static_cast<size_t>(m_size);
    const auto length = static_cast<size_t>(s.length);
    float* scratch = s.scratch.get();
    for (int p = 0; p < s.partitions && s.tapsChanged; ++p) {
        std::copy_n(s.taps.get() + static_cast<size_t>(p) * length, length, scratch);
        std::fill_n(scratch + length, static_cast<size_t>(s.fftSize) - length, 0.0f);
        fftwf_execute_dft_r2c(s.forward, scratch, complexAt(s.spectrum(p)));
    }
    // The overlap still holds the old response's tail of the last complete segment: recompute it
    // from the stored input spectra, so that the output is the new response's on the whole past.
    float* sum = s.sum.get();
    std::fill_n(sum, s.stride, 0.0f);
    for (int p = 0; p < s.partitions; ++p)
        multiplyAdd(sum, s.spectrum(p), s.segment((s.current + 1 + p) % s.ring), s.bins);
    fftwf_execute_dft_c2r(s.inverse, complexAt(sum), scratch);
    std::copy_n(scratch + n, static_cast<size_t>(s.fftSize) - n, s.overlap.get());
    s.tapsChanged = false;
    s.olderStale = true;
}

void FftConvolver::prime(std::span<const float> past) noexcept
{
    if (!m_impl)
        return;
    reset();
    auto& s = *m_impl;
    const auto n = static_cast<size_t>(m_size);
    float* scratch = s.scratch.get();
    // The last P segments, newest first, into the slots the delay line reads them from (the
    // current segment starts empty); a segment from before `past` is silence.
    for (int p = 0; p < s.partitions; ++p) {
        std::fill_n(scratch, static_cast<size_t>(s.fftSize), 0.0f);
        const size_t back = static_cast<size_t>(p) * n;
        if (past.size() > back) {
            const size_t end = past.size() - back;
            const size_t count = std::min(n, end);
            std::copy_n(past.data() + end - count, count, scratch + n - count);
        }
        fftwf_execute_dft_r2c(s.forward, scratch, complexAt(s.segment((s.current + 1 + p) % s.ring)));
    }
    updateSpectra(); // the overlap from those segments
}

void FftConvolver::process(const float* in, float* out, int n) noexcept
{
    if (!m_impl) {
        std::fill_n(out, n, 0.0f);
        return;
    }
    auto& s = *m_impl;
    if (s.tapsChanged)
        updateSpectra();
    const int size = m_size;
    float* timeIn = s.timeIn.get();
    float* timeOut = s.timeOut.get();
    float* overlap = s.overlap.get();
    int done = 0;
    while (done < n) {
        const int count = std::min(n - done, size - s.fill);
        const int at = s.fill;
        std::copy_n(in + done, count, timeIn + at);
        float* x = s.segment(s.current);
        fftwf_execute_dft_r2c(s.forward, timeIn, complexAt(x));
        if (at == 0 || s.olderStale) {
            // The older partitions' share of this segment, once per segment.
            std::fill_n(s.older.get(), s.stride, 0.0f);
            for (int p = 1; p < s.partitions; ++p)
                multiplyAdd(s.older.get(), s.spectrum(p), s.segment((s.current + p) % s.ring), s.bins);
            s.olderStale = false;
        }
        multiplyInto(s.sum.get(), s.partitions > 1 ? s.older.get() : nullptr, s.spectrum(0), x, s.bins);
        fftwf_execute_dft_c2r(s.inverse, complexAt(s.sum.get()), timeOut);
        for (int i = 0; i < count; ++i)
            out[done + i] = timeOut[at + i] + overlap[at + i];
        s.fill += count;
        done += count;
        if (s.fill == size) {
            std::copy_n(timeOut + size, s.fftSize - size, overlap);
            std::fill_n(timeIn, size, 0.0f);
            s.fill = 0;
            s.current = s.current == 0 ? s.ring - 1 : s.current - 1;
        }
    }
}

} // namespace fxrack::dsp
