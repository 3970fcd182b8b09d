#pragma once

#include <memory>
#include <span>

namespace fxrack::dsp {

// Zero-latency uniformly partitioned FFT convolution of one signal with one response (FFTW,
// single precision). The input is cut into segments of N samples, each transformed once into a
// frequency-domain delay line, and the response into partitions of N taps (FFT size 2N) whose
// products with the segments are accumulated (overlap-add); a response of at most N + 1 taps is
// one partition, transformed at the smallest FFTW-friendly size that holds a segment and its
// tail. Zero latency at any call size: while a segment is incomplete, each call transforms the
// partial segment again and adds its product with the first partition to the older partitions'
// sum, which is computed once per segment (the design of HiFi-LoFi's FFTConvolver). Calls that
// end on segment boundaries transform each segment once, and the output does not depend on how
// the signal is cut into them; otherwise it differs only by float rounding.
class FftConvolver {
public:
    FftConvolver();
    ~FftConvolver();
    FftConvolver(FftConvolver&&) noexcept;
    FftConvolver& operator=(FftConvolver&&) noexcept;

    // FFTW's planner is not thread-safe, and zita-convolver, batch workers and this class plan
    // on several threads: call once before any planning (any thread; later calls do nothing).
    static void makePlannerThreadSafe();
    // The segment size N for a response of `numTaps` convolved in calls of up to `blockSize`:
    // the block rounded up to a power of two (a call then completes whole segments), at most
    // four times the response (rounded up) and within [64, kMaxPartition].
    static int partitionSizeFor(int numTaps, int blockSize) noexcept;
    static constexpr int kMaxPartition = 16384;

    // Allocates and plans for up to `numTaps` taps in segments of `partitionSize` (a power of
    // two) and clears the response; not for the audio thread (FFTW plans: a size new to the
    // process measures for up to 0.4 s, then FFTW remembers it).
    void prepare(int numTaps, int partitionSize);
    int numTaps() const noexcept { return m_numTaps; }
    int partitionSize() const noexcept { return m_size; }
    // Replaces the response (taps past `taps.size()` are zero) and keeps the past input: the
    // next outputs are those of the new response on the whole past, as a direct form gives.
    // Wait-free and allocation-free; the transforms run at the next process().
    void setTaps(std::span<const float> taps) noexcept;
    void setTaps(std::span<const double> taps) noexcept;
    void reset() noexcept;
    // Starts over as if `past` (oldest first; its last partitions() * partitionSize() samples
    // count) had been convolved, at a segment boundary: the output goes on as though this
    // convolver had run all along. Wait-free and allocation-free (a few transforms).
    void prime(std::span<const float> past) noexcept;
    int partitions() const noexcept;
    // Convolves n samples; `in` and `out` may be the same. Wait-free and allocation-free.
    void process(const float* in, float* out, int n) noexcept;

private:
    struct Impl;
    template <typename T> void stageTaps(std::span<const T> taps) noexcept;
    void updateSpectra() noexcept;

    std::unique_ptr<Impl> m_impl;
    int m_numTaps = 0;
    int m_size = 0; // N, the segment
};

} // namespace fxrack::dsp
