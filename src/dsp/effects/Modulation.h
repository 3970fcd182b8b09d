#pragma once

#include "dsp/Effect.h"

#include <cmath>
#include <vector>

namespace fxrack::dsp {

// Per-channel circular delay lines read at fractional delays with 4-point cubic Hermite
// interpolation. read() comes before push() in a frame: read(c, d) is x[n - d] for the sample
// x[n] about to be pushed, and d must be at least 2 (the interpolator's newest neighbour).
class ModulationDelayLine {
public:
    void prepare(int channels, int maxDelaySamples);
    void clear() noexcept;
    float read(int channel, double delaySamples) const noexcept;
    void push(int channel, float x) noexcept { m_data[offset(channel) + m_write] = x; }
    // Call once per frame, after every channel's push().
    void advance() noexcept { m_write = (m_write + 1) & m_mask; }

private:
    size_t offset(int channel) const noexcept { return static_cast<size_t>(channel) * (m_mask + 1); }
    std::vector<float> m_data;
    size_t m_mask = 0;
    size_t m_write = 0;
};

// A sine LFO in [0, 1], starting at 0 so an effect fades in rather than jumps. The phase is a
// cycle fraction in double, carried across blocks; channel c is offset by c/4 of a cycle.
struct ModulationLfo {
    double phase = 0.0;
    static constexpr double kChannelSpread = 0.25;

    double value(int channel) const noexcept;
    void advance(double cyclesPerSample) noexcept
    {
        phase += cyclesPerSample;
        if (phase >= 1.0)
            phase -= 1.0;
    }
};

// What Chorus and Flanger share: a delay line long enough for base + the depth parameter's
// maximum (RateHz is id 0, DepthMs id 1) and an LFO.
class ModulatedDelayEffect : public Effect {
public:
    void doReset() noexcept override
    {
        m_line.clear();
        m_lfo.phase = 0.0;
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
