#pragma once
// The per-sample maths of the GPU runner's simple effects, shared by the kernels and the CPU
// tests (__host__ __device__ under nvcc). Each function is written in the same order of
// operations as the CPU effect it stands for, so results agree to rounding.

#include "cuda/BlockIir.h" // FXRACK_HD

namespace fxrack::cuda {

// Gain at constant parameters: x * g in float, then the optional clip to [-1, 1].
FXRACK_HD inline float gainSample(float x, float g, bool clamp)
{
    float y = x * g;
    if (clamp)
        y = y < -1.0f ? -1.0f : (y > 1.0f ? 1.0f : y);
    return y;
}

// Normalize's apply step: the analysed gain of the channel, in double.
FXRACK_HD inline float normalizeSample(float x, double g)
{
    return static_cast<float>(x * g);
}

// The channel tap k (1-based) of channel c reads from, as Delay does: ping-pong alternates
// between c and its partner c ^ 1 (when that channel exists).
FXRACK_HD inline int delaySource(int c, int k, int channels, bool pingPong)
{
    if (!pingPong)
        return c;
    const int partner = c ^ ((k - 1) & 1);
    return partner < channels ? partner : c;
}

// The mix of dry and the taps' weighted sum, in float, taps in order 1..n as Delay sums them.
FXRACK_HD inline float delayMix(float dry, float wet, float mix)
{
    return (1.0f - mix) * dry + mix * wet;
}

} // namespace fxrack::cuda
