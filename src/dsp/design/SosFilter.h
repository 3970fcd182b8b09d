#pragma once

#include "dsp/AudioBlock.h"
#include "dsp/design/Biquad.h"

#include <vector>

namespace fxrack::dsp {

// A cascade of second-order sections in transposed direct form II with double state per
// channel per section. State is kept across blocks and across coefficient changes (a changed
// design continues from the old state, which is what makes a live sweep click-free).
// The loop is sample-major with the state in locals, both channels of a pair in one SSE2
// register, and the state update rewritten so y is off the recursion's critical path (see the
// .cpp; the fastest shape in docs/architecture.md keeps "+ s2" off it, this also keeps y off).
// On CPUs with AVX2 and FMA a second loop, chosen at run time, makes the recursion one fused
// multiply-add per frame. With either, how a stream is cut into blocks changes no output bit.
class SosFilter {
public:
    // The loop that runs the cascade. Portable: SSE2, what every x86-64 (the Debian baseline)
    // runs. Fma: the recursion rewritten around fused multiply-adds, for CPUs with AVX2 and FMA;
    // the same states within the rounding (tst_sosfilter holds both to a long double reference).
    enum class Kernel { Portable, Fma };
    // Whether this machine (CPU and build) can run `kernel`.
    static bool supports(Kernel kernel) noexcept;
    // The fastest kernel this machine runs: what a new filter uses.
    static Kernel bestKernel() noexcept;
    // Tests and benches: run `kernel` (Portable where it is not supported).
    void setKernel(Kernel kernel) noexcept;
    Kernel kernel() const noexcept { return m_kernel; }

    // Allocates the state; not for the audio thread.
    void prepare(int numChannels);
    // Audio thread, wait-free: copies the sections; state is kept (new sections start from zero).
    void setCoefficients(const SosCascade& cascade) noexcept;
    // Sections past count() are stale, not zero.
    const SosCascade& coefficients() const noexcept { return m_cascade; }
    void reset() noexcept;
    // Filters the first numChannels() channels of the block in place.
    void process(const AudioBlock& block) noexcept;
    int numChannels() const noexcept { return m_numChannels; }

private:
    SosCascade m_cascade;
    // Per channel: [section][2] s1, s2, then [section][2] s1 and u a frame earlier (FMA kernel).
    std::vector<double> m_state;
    int m_numChannels = 0;
    Kernel m_kernel = bestKernel();
    // The FMA kernel's history (s1 and u a frame earlier) holds for the stored s2: the last block
    // ran that kernel, with these coefficients, since the last reset.
    bool m_history = false;
};

} // namespace fxrack::dsp
