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

#include <cstddef>
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

// CPU driver: filters `x` (n samples, in place) through the cascade with states `state`
// (2 per section, updated) using block decomposition with blocks of `blockLength` frames.
// Equal to running sosRun section by section, to rounding.
inline void blockIirCascade(const Sos* sections, int numSections, double* x, int n, int blockLength,
                            double* state)
{
    if (n <= 0 || blockLength <= 0)
        return;
    const int blocks = (n + blockLength - 1) / blockLength;
    std::vector<double> y0(static_cast<size_t>(n)), g1(static_cast<size_t>(blockLength)),
        g2(static_cast<size_t>(blockLength)), ends(static_cast<size_t>(blocks) * 2), starts(ends.size());
    for (int q = 0; q < numSections; ++q) {
        const Sos& sos = sections[q];
        double m[4];
        sosZeroInputBasis(sos, blockLength, g1.data(), g2.data(), m);
        // 1. Every block from a zero state (independent: one GPU thread block each).
        for (int b = 0; b < blocks; ++b) {
            const int start = b * blockLength;
            const int len = start + blockLength <= n ? blockLength : n - start;
            double zero[2] = {0.0, 0.0};
            sosRun(sos, x + start, y0.data() + start, len, zero);
            ends[size_t(b) * 2] = zero[0];
            ends[size_t(b) * 2 + 1] = zero[1];
        }
        // 2. The states entering each block: a scan (sequential here, a parallel scan on a GPU).
        double s[2] = {state[2 * q], state[2 * q + 1]};
        for (int b = 0; b < blocks; ++b) {
            starts[size_t(b) * 2] = s[0];
            starts[size_t(b) * 2 + 1] = s[1];
            const int start = b * blockLength;
            const int len = start + blockLength <= n ? blockLength : n - start;
            if (len == blockLength) {
                const double n0 = m[0] * s[0] + m[1] * s[1] + ends[size_t(b) * 2];
                const double n1 = m[2] * s[0] + m[3] * s[1] + ends[size_t(b) * 2 + 1];
                s[0] = n0;
                s[1] = n1;
            } else {
                // A short last block: advance the state by its own length.
                double t[2] = {s[0], s[1]};
                std::vector<double> zeros(static_cast<size_t>(len), 0.0), ignore(static_cast<size_t>(len));
                sosRun(sos, zeros.data(), ignore.data(), len, t);
                s[0] = t[0] + ends[size_t(b) * 2];
                s[1] = t[1] + ends[size_t(b) * 2 + 1];
            }
        }
        state[2 * q] = s[0];
        state[2 * q + 1] = s[1];
        // 3. Corrections (independent per frame).
        for (int b = 0; b < blocks; ++b) {
            const int start = b * blockLength;
            const int len = start + blockLength <= n ? blockLength : n - start;
            const double* sb = starts.data() + size_t(b) * 2;
            for (int i = 0; i < len; ++i)
                x[start + i] = sosCorrect(y0[size_t(start + i)], g1[size_t(i)], g2[size_t(i)], sb);
        }
    }
}

} // namespace fxrack::cuda
