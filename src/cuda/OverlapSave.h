#pragma once
// FIR filtering by FFT convolution, overlap-save, with the history carried across chunks: the
// block bookkeeping shared by the GPU kernels (__host__ __device__ under nvcc) and a CPU driver
// the tests compare with the direct convolution (dsp::FirFilter).
//
// With M taps and an FFT of N points, each chunk of n frames is read as the extended signal
// e = [the last M - 1 input samples of earlier chunks, the chunk, zeros]. Segment s is
// e[s*hop, s*hop + N) with hop = N - M + 1; its circular convolution with the taps is the true
// linear convolution at points p >= M - 1, which are the outputs y[s*hop + p - (M - 1)].

#include "cuda/BlockIir.h" // FXRACK_HD

#include <bit>
#include <cmath>
#include <complex>
#include <cstdint>
#include <numbers>
#include <vector>

namespace fxrack::cuda {

struct OverlapSaveGeometry {
    int taps = 1;
    int fftSize = 2;
    int hop = 2; // fftSize - taps + 1: outputs per segment

    // Segments a chunk of `frames` needs.
    FXRACK_HD int segments(int frames) const { return (frames + hop - 1) / hop; }
};

// An FFT of at least 4x the taps (so most of each segment is output) and at least 4096 points.
inline OverlapSaveGeometry overlapSaveGeometry(int taps, int minFftSize = 4096)
{
    OverlapSaveGeometry g;
    g.taps = taps < 1 ? 1 : taps;
    g.fftSize = static_cast<int>(std::bit_ceil(static_cast<unsigned>(std::max(4 * g.taps, minFftSize))));
    g.hop = g.fftSize - g.taps + 1;
    return g;
}

// Sample e of the extended signal of one channel: history (taps - 1 samples, oldest first),
// then the chunk (frames samples), then zeros.
FXRACK_HD inline float osExtended(const float* history, const float* chunk, int taps, int frames, int64_t e)
{
    const int64_t h = taps - 1;
    if (e < h)
        return history[e];
    e -= h;
    return e < frames ? chunk[e] : 0.0f;
}

// Point p of segment s: the output frame it gives (p >= taps - 1), or -1 (a wrapped point or
// past the chunk's end).
FXRACK_HD inline int64_t osOutputFrame(const OverlapSaveGeometry& g, int s, int p, int frames)
{
    if (p < g.taps - 1)
        return -1;
    const int64_t frame = int64_t(s) * g.hop + (p - (g.taps - 1));
    return frame < frames ? frame : -1;
}

// The history after a chunk: the last taps - 1 samples of the extended signal up to the end of
// the chunk; entry i of the new history is extended sample frames + i.
FXRACK_HD inline float osNextHistory(const float* history, const float* chunk, int taps, int frames, int i)
{
    return osExtended(history, chunk, taps, frames, int64_t(frames) + i);
}

// ---- CPU driver ----

// In-place radix-2 FFT (size a power of two); inverse without the 1/N scale.
inline void fftRadix2(std::vector<std::complex<double>>& a, bool inverse)
{
    const size_t n = a.size();
    for (size_t i = 1, j = 0; i < n; ++i) {
        size_t bit = n >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j)
            std::swap(a[i], a[j]);
    }
    for (size_t len = 2; len <= n; len <<= 1) {
        const double angle = 2 * std::numbers::pi / static_cast<double>(len) * (inverse ? 1 : -1);
        for (size_t i = 0; i < n; i += len)
            for (size_t k = 0; k < len / 2; ++k) {
                const std::complex<double> w = std::polar(1.0, angle * static_cast<double>(k));
                const auto u = a[i + k];
                const auto v = a[i + k + len / 2] * w;
                a[i + k] = u + v;
                a[i + k + len / 2] = u - v;
            }
    }
}

// One channel of overlap-save FIR filtering on the CPU, with the same bookkeeping the kernels
// use. Equal to the direct convolution to rounding.
class OverlapSaveCpu {
public:
    OverlapSaveCpu(const std::vector<double>& taps, int minFftSize = 4096)
        : m_g(overlapSaveGeometry(static_cast<int>(taps.size()), minFftSize)),
          m_spectrum(static_cast<size_t>(m_g.fftSize)), m_history(static_cast<size_t>(m_g.taps - 1), 0.0f)
    {
        for (size_t i = 0; i < taps.size(); ++i)
            m_spectrum[i] = taps[i];
        fftRadix2(m_spectrum, false);
    }
    const OverlapSaveGeometry& geometry() const noexcept { return m_g; }

    void process(float* x, int frames)
    {
        const int n = m_g.fftSize;
        std::vector<float> input(x, x + frames);
        std::vector<std::complex<double>> seg(static_cast<size_t>(n));
        for (int s = 0; s < m_g.segments(frames); ++s) {
            for (int p = 0; p < n; ++p)
                seg[size_t(p)] =
                    osExtended(m_history.data(), input.data(), m_g.taps, frames, int64_t(s) * m_g.hop + p);
            fftRadix2(seg, false);
            for (int k = 0; k < n; ++k)
                seg[size_t(k)] *= m_spectrum[size_t(k)];
            fftRadix2(seg, true);
            for (int p = 0; p < n; ++p) {
                const int64_t frame = osOutputFrame(m_g, s, p, frames);
                if (frame >= 0)
                    x[frame] = static_cast<float>(seg[size_t(p)].real() / n);
            }
        }
        std::vector<float> next(m_history.size());
        for (int i = 0; i < m_g.taps - 1; ++i)
            next[size_t(i)] = osNextHistory(m_history.data(), input.data(), m_g.taps, frames, i);
        m_history.swap(next);
    }

private:
    OverlapSaveGeometry m_g;
    std::vector<std::complex<double>> m_spectrum;
    std::vector<float> m_history;
};

} // namespace fxrack::cuda
