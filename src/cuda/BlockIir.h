#pragma once
// IIR second-order-section cascades parallel across time by block decomposition: the shared
// per-sample maths of the GPU runner (__host__ __device__ under nvcc), and a CPU driver that
// tests prove equal to the sequential filter.
//
// A section in transposed direct form II is linear in its input and its state. Cut the signal
// into blocks of L frames. For each block, independently (in parallel): run the section from a
// zero state (its zero-state output y0 and end state e0). The true state entering block k is
// s_k = M s_{k-1} + e0_{k-1}, with M the section's L-step state transition: a short sequential
// scan over blocks. Then, again in parallel, y = y0 + g1 * s_k[0] + g2 * s_k[1], where g1 and
// g2 are the zero-input responses to unit states.

#include <algorithm>
#include <barrier>
#include <cstddef>
#include <cstdint>
#include <thread>
#include <vector>

#if defined(__CUDACC__)
#define FXRACK_HD __host__ __device__
#else
#define FXRACK_HD
#endif

namespace fxrack::cuda {

using std::size_t;

// One biquad: y = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2) x.
struct Sos {
    double b0, b1, b2, a1, a2;
};

// Runs a section over n samples from state s (updated), TDF-II: the sequential reference.
FXRACK_HD inline void sosRun(const Sos& q, const double* x, double* y, int n, double s[2])
{
    double s1 = s[0], s2 = s[1];
    for (int i = 0; i < n; ++i) {
        const double in = x[i];
        const double out = q.b0 * in + s1;
        s1 = q.b1 * in - q.a1 * out + s2;
        s2 = q.b2 * in - q.a2 * out;
        y[i] = out;
    }
    s[0] = s1;
    s[1] = s2;
}

// Zero-input responses g1, g2 (n samples each) to the unit states (1,0) and (0,1), and the
// n-step state transition M (row-major 2x2: end state = M * start state).
FXRACK_HD inline void sosZeroInputBasis(const Sos& q, int n, double* g1, double* g2, double m[4])
{
    for (int column = 0; column < 2; ++column) {
        double s1 = column == 0 ? 1.0 : 0.0, s2 = column == 0 ? 0.0 : 1.0;
        double* g = column == 0 ? g1 : g2;
        for (int i = 0; i < n; ++i) {
            const double out = s1;
            s1 = -q.a1 * out + s2;
            s2 = -q.a2 * out;
            g[i] = out;
        }
        m[0 * 2 + column] = s1;
        m[1 * 2 + column] = s2;
    }
}

// The correction of one frame of a block: y0 + g1 s0 + g2 s1.
FXRACK_HD inline double sosCorrect(double y0, double g1, double g2, const double s[2])
{
    return y0 + g1 * s[0] + g2 * s[1];
}

// The state entering a block of `len` frames advanced over it (zero input) plus the block's own
// zero-state end state `end`: the state entering the next block. A full block uses M.
FXRACK_HD inline void sosAdvanceState(const Sos& q, const double m[4], int len, int blockLength,
                                      const double end[2], double s[2])
{
    if (len == blockLength) {
        const double n0 = m[0] * s[0] + m[1] * s[1] + end[0];
        const double n1 = m[2] * s[0] + m[3] * s[1] + end[1];
        s[0] = n0;
        s[1] = n1;
        return;
    }
    // A short last block: advance the state by its own length.
    double s1 = s[0], s2 = s[1];
    for (int i = 0; i < len; ++i) {
        const double out = s1;
        s1 = -q.a1 * out + s2;
        s2 = -q.a2 * out;
    }
    s[0] = s1 + end[0];
    s[1] = s2 + end[1];
}

// Four consecutive blocks of `len` frames (at x, x + len, ...) from zero states, interleaved;
// the end states go to ends[0..7]. The same arithmetic as sosRun for each block.
inline void sosRunZeroState4(const Sos& q, const double* x, double* y, int len, double* ends)
{
    double s1[4] = {0, 0, 0, 0}, s2[4] = {0, 0, 0, 0};
    const size_t L = static_cast<size_t>(len);
    for (size_t i = 0; i < L; ++i)
        for (int k = 0; k < 4; ++k) {
            const double in = x[size_t(k) * L + i];
            const double out = q.b0 * in + s1[k];
            s1[k] = q.b1 * in - q.a1 * out + s2[k];
            s2[k] = q.b2 * in - q.a2 * out;
            y[size_t(k) * L + i] = out;
        }
    for (int k = 0; k < 4; ++k) {
        ends[2 * k] = s1[k];
        ends[2 * k + 1] = s2[k];
    }
}

// CPU driver: filters `x` (n samples, in place) through the cascade with states `state`
// (2 per section, updated) using block decomposition with blocks of `blockLength` frames, the
// blocks shared out over `threads` threads (1: the calling thread only). This is the CPU's
// time-parallel filter for one long channel. Equal to running sosRun section by section, to
// rounding, whatever the block length and thread count.
inline void blockIirCascadeSpan(const Sos* sections, int numSections, double* x, int n, int blockLength,
                                double* state, int threads)
{
    if (n <= 0 || blockLength <= 0 || numSections <= 0)
        return;
    const int blocks = (n + blockLength - 1) / blockLength;
    threads = std::max(1, std::min(threads, blocks));
    const auto L = static_cast<size_t>(blockLength);
    std::vector<double> y0(static_cast<size_t>(n)), g(static_cast<size_t>(numSections) * 2 * L),
        ms(static_cast<size_t>(numSections) * 4), ends(static_cast<size_t>(blocks) * 2), starts(ends.size());
    for (int q = 0; q < numSections; ++q)
        sosZeroInputBasis(sections[q], blockLength, &g[size_t(q) * 2 * L], &g[size_t(q) * 2 * L + L],
                          &ms[size_t(q) * 4]);
    auto length = [&](int b) { return std::min(blockLength, n - b * blockLength); };
    // 1. Every block from a zero state (independent: one GPU thread each).
    auto zeroState = [&](int q, int b0, int b1) {
        int b = b0;
        // Four full blocks at a time: independent recursions interleaved, which hides the
        // latency a single recursion is bound by (the CPU's gain from the decomposition).
        for (; b + 4 <= b1 && (b + 4) * blockLength <= n; b += 4)
            sosRunZeroState4(sections[q], x + size_t(b) * L, y0.data() + size_t(b) * L, blockLength,
                             &ends[size_t(b) * 2]);
        for (; b < b1; ++b) {
            const int start = b * blockLength;
            double zero[2] = {0.0, 0.0};
            sosRun(sections[q], x + start, y0.data() + start, length(b), zero);
            ends[size_t(b) * 2] = zero[0];
            ends[size_t(b) * 2 + 1] = zero[1];
        }
    };
    // 2. The states entering each block: a short sequential scan over blocks.
    auto scan = [&](int q) {
        double s[2] = {state[2 * q], state[2 * q + 1]};
        for (int b = 0; b < blocks; ++b) {
            starts[size_t(b) * 2] = s[0];
            starts[size_t(b) * 2 + 1] = s[1];
            sosAdvanceState(sections[q], &ms[size_t(q) * 4], length(b), blockLength, &ends[size_t(b) * 2], s);
        }
        state[2 * q] = s[0];
        state[2 * q + 1] = s[1];
    };
    // 3. Corrections (independent per frame).
    auto correct = [&](int q, int b0, int b1) {
        const double* g1 = &g[size_t(q) * 2 * L];
        const double* g2 = g1 + L;
        for (int b = b0; b < b1; ++b) {
            const int start = b * blockLength;
            const double* sb = starts.data() + size_t(b) * 2;
            const int len = length(b);
            for (int i = 0; i < len; ++i)
                x[start + i] = sosCorrect(y0[size_t(start + i)], g1[i], g2[i], sb);
        }
    };
    if (threads == 1) {
        for (int q = 0; q < numSections; ++q) {
            zeroState(q, 0, blocks);
            scan(q);
            correct(q, 0, blocks);
        }
        return;
    }
    std::barrier sync(threads);
    auto worker = [&](int t) {
        const int b0 = static_cast<int>(int64_t(blocks) * t / threads);
        const int b1 = static_cast<int>(int64_t(blocks) * (t + 1) / threads);
        for (int q = 0; q < numSections; ++q) {
            zeroState(q, b0, b1);
            sync.arrive_and_wait();
            if (t == 0)
                scan(q);
            sync.arrive_and_wait();
            correct(q, b0, b1);
            sync.arrive_and_wait();
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(worker, t);
    worker(0);
    for (auto& th : pool)
        th.join();
}

// The driver proper: a long signal goes through in spans of 64K frames per thread, so that the
// passes over each section stay in cache (the state carries from span to span).
inline void blockIirCascadeParallel(const Sos* sections, int numSections, double* x, int n, int blockLength,
                                    double* state, int threads)
{
    const int64_t span = std::max<int64_t>(blockLength, int64_t(65536) * std::max(1, threads));
    for (int64_t start = 0; start < n; start += span)
        blockIirCascadeSpan(sections, numSections, x + start,
                            static_cast<int>(std::min<int64_t>(span, n - start)), blockLength, state,
                            threads);
}

// The same on the calling thread alone.
inline void blockIirCascade(const Sos* sections, int numSections, double* x, int n, int blockLength,
                            double* state)
{
    blockIirCascadeParallel(sections, numSections, x, n, blockLength, state, 1);
}

} // namespace fxrack::cuda
