#pragma once

#include "dsp/Effect.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace fxrack::dsp {

// Per-channel circular delay lines read at fractional delays with 4-point cubic Hermite
// interpolation. read() comes before push() in a frame: read(c, d) is x[n - d] for the sample
// x[n] about to be pushed, and d must be at least 2 (the interpolator's newest neighbour).
// `ahead` counts frames past the last advance(), so a run of frames can go channel by channel.
// Each line keeps a copy of its first kGuard samples after its end, so readRun() finds a
// frame's four neighbours side by side.
class ModulationDelayLine {
public:
    static constexpr int kMaxRun = 64;

    void prepare(int channels, int maxDelaySamples);
    void clear() noexcept;
    // The longest delay a read takes (longer ones are clamped to it).
    double longestDelay() const noexcept { return static_cast<double>(m_mask - 2); }
    // Inline: the sweep loops call it per sample and channel.
    float read(int channel, double delaySamples, int ahead = 0) const noexcept
    {
        const double d = std::clamp(delaySamples, 2.0, longestDelay());
        const auto whole = static_cast<size_t>(d);
        const auto f = static_cast<float>(d - static_cast<double>(whole));
        const float* line = m_data.data() + offset(channel);
        // + size keeps the subtractions below non-negative.
        const size_t base = m_write + static_cast<size_t>(ahead) + (m_mask + 1);
        return interpolate(line[(base - whole - 2) & m_mask], line[(base - whole - 1) & m_mask],
                           line[(base - whole) & m_mask], line[(base - whole + 1) & m_mask], f);
    }
    void push(int channel, float x, int ahead = 0) noexcept
    {
        const size_t at = (m_write + static_cast<size_t>(ahead)) & m_mask;
        float* line = m_data.data() + offset(channel);
        line[at] = x;
        if (at < kGuard)
            line[at + m_mask + 1] = x;
    }
    // A run of read(channel, delays[i], i) for i < frames <= kMaxRun, in passes that vectorise:
    // planRun() finds each frame's neighbours (for any channel) and returns the shortest whole
    // delay; readRun() interpolates a pass of them, one in which no read reaches a sample the
    // pass pushes (each whole delay longer than the pass).
    int planRun(const double* delays, int frames, int* taps, float* fractions) const noexcept;
    void readRun(int channel, const int* taps, const float* fractions, int frames, float* out) const noexcept;
    // push(channel, x[i], ahead + i) for i < frames <= kMaxRun.
    void pushRun(int channel, const float* x, int ahead, int frames) noexcept;
    // Call after every channel's push() of the frames it passes.
    void advance(int frames = 1) noexcept { m_write = (m_write + static_cast<size_t>(frames)) & m_mask; }

    // 4-point, 3rd-order Hermite from y0 (f = 0) to y1 (f = 1), `newer` the sample after y0.
    static float interpolate(float older, float y1, float y0, float newer, float f) noexcept
    {
        const float c1 = 0.5f * (y1 - newer);
        const float c2 = newer - 2.5f * y0 + 2.0f * y1 - 0.5f * older;
        const float c3 = 0.5f * (older - newer) + 1.5f * (y0 - y1);
        return ((c3 * f + c2) * f + c1) * f + y0;
    }

private:
    static constexpr size_t kGuard = 3;
    size_t offset(int channel) const noexcept { return static_cast<size_t>(channel) * (m_mask + 1 + kGuard); }
    std::vector<float> m_data;
    size_t m_mask = 0;
    size_t m_write = 0;
};

// A sine LFO in [0, 1], starting at 0 so an effect fades in rather than jumps. The phase is a
// cycle fraction in double, carried across blocks and advanced frame by frame; channel c is
// offset by c/4 of a cycle.
//  - value() and advance(): one frame, one cos per channel (while the rate ramps);
//  - startRun() then render(): a run of up to kMaxRun frames at a steady rate, with one sin and
//    cos for all its frames and channels: cos(a + i w + e_i) = cos(a + i w) - e_i sin(a + i w),
//    the angle sums from a table of cos(i w) and sin(i w) kept for the last rate, e_i the
//    rounding the frame-by-frame phase has gathered since the run's start (so the run follows
//    the same phase as value(); the two agree within 2e-15).
class ModulationLfo {
public:
    static constexpr double kChannelSpread = 0.25;
    static constexpr int kMaxRun = 64;

    void reset() noexcept { m_phase = 0.0; }
    double value(int channel) const noexcept;
    void advance(double cyclesPerSample) noexcept { m_phase = nextPhase(m_phase, cyclesPerSample); }
    static double nextPhase(double phase, double cyclesPerSample) noexcept
    {
        phase += cyclesPerSample;
        return phase >= 1.0 ? phase - 1.0 : phase;
    }

    // Starts a run of `frames` (<= kMaxRun) frames and advances the phase past it.
    void startRun(double cyclesPerSample, int frames) noexcept;
    // The values of `channel` for the run's frames.
    void render(int channel, double* out) const noexcept;

private:
    double m_phase = 0.0;
    int m_frames = 0;                // of the current run
    double m_cos = 1.0, m_sin = 0.0; // of the phase at the run's start
    double m_errors[kMaxRun] = {};   // e_i, in radians
    double m_tableRate = -1.0;       // the cycles per sample the table holds
    double m_cosTable[kMaxRun] = {};
    double m_sinTable[kMaxRun] = {};
};

// What Chorus and Flanger share: a delay line long enough for base + the depth parameter's
// maximum (RateHz is id 0, DepthMs id 1) and an LFO.
class ModulatedDelayEffect : public Effect {
public:
    void doReset() noexcept override
    {
        m_line.clear();
        m_lfo.reset();
    }

protected:
    static constexpr int kRateHzId = 0;
    static constexpr int kDepthMsId = 1;

    ModulatedDelayEffect(const EffectType& type, double baseDelayMs)
        : Effect(type), m_baseDelayMs(baseDelayMs)
    {}
    void doPrepare(const ProcessSpec& spec) override
    {
        const double maxMs = m_baseDelayMs + paramInfo(kDepthMsId).maxValue;
        m_line.prepare(spec.numChannels, static_cast<int>(std::ceil(maxMs * 0.001 * spec.sampleRate)) + 2);
        doReset();
    }

    // The loop Chorus and Flanger share (defined in Modulation.cpp, where both instantiate it).
    template <typename Frame, typename Feed>
    void processSweep(AudioBlock& block, Frame frame, Feed feed) noexcept;

    ModulationDelayLine m_line;
    ModulationLfo m_lfo;

private:
    double m_baseDelayMs;
};

// Chorus: each channel is mixed with a copy delayed by 8 ms + depth_ms * LFO (the base mixes;
// the effect renders the delayed copy).
class Chorus final : public ModulatedDelayEffect {
public:
    enum Param { RateHz, DepthMs, Mix };
    static constexpr double kBaseDelayMs = 8.0;

    static EffectType describe();
    explicit Chorus(const EffectType& type) : ModulatedDelayEffect(type, kBaseDelayMs) {}

    void doProcess(AudioBlock& block) noexcept override;
    double tailSeconds() const noexcept override;
};

// Flanger: a short modulated delay (0.1 ms + depth_ms * LFO) with feedback, mixed with the dry by
// the base (the effect renders the delayed signal).
class Flanger final : public ModulatedDelayEffect {
public:
    enum Param { RateHz, DepthMs, Feedback, Mix };
    static constexpr double kBaseDelayMs = 0.1;

    static EffectType describe();
    explicit Flanger(const EffectType& type) : ModulatedDelayEffect(type, kBaseDelayMs) {}

    void doProcess(AudioBlock& block) noexcept override;
    double tailSeconds() const noexcept override;
};

// Tremolo: gain = 1 - depth * LFO, the same on every channel, so the envelope's min/max ratio
// is 1 - depth.
class Tremolo final : public Effect {
public:
    enum Param { RateHz, Depth };

    static EffectType describe();
    explicit Tremolo(const EffectType& type) : Effect(type) {}

    void doProcess(AudioBlock& block) noexcept override;
    void doReset() noexcept override;

protected:
    void doPrepare(const ProcessSpec& /*spec*/) override {}

private:
    ModulationLfo m_lfo;
};

} // namespace fxrack::dsp
