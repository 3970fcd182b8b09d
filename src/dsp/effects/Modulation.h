#pragma once

#include "dsp/Effect.h"
#include "dsp/ParamRamps.h"
#include "dsp/Smoothing.h"

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

// Chorus: each channel is mixed with a copy delayed by 8 ms + depth_ms * LFO.
class Chorus final : public Effect {
public:
    enum Param { RateHz, DepthMs, Mix };
    static constexpr double kBaseDelayMs = 8.0;

    static EffectType describe();
    explicit Chorus(const EffectType& type) : Effect(type) {}

    void process(AudioBlock& block) noexcept override;
    void reset() noexcept override;
    double tailSeconds() const noexcept override;

protected:
    void doPrepare(const ProcessSpec& spec) override;
    void parameterChanged(int id) noexcept override;

private:
    ParamRamps<3> m_ramps{
        {SmoothedValue::Kind::Multiplicative, SmoothedValue::Kind::Linear, SmoothedValue::Kind::Linear}};
    ModulationDelayLine m_line;
    ModulationLfo m_lfo;
};

// Flanger: a short modulated delay (0.1 ms + depth_ms * LFO) with feedback, mixed with the dry.
class Flanger final : public Effect {
public:
    enum Param { RateHz, DepthMs, Feedback, Mix };
    static constexpr double kBaseDelayMs = 0.1;

    static EffectType describe();
    explicit Flanger(const EffectType& type) : Effect(type) {}

    void process(AudioBlock& block) noexcept override;
    void reset() noexcept override;
    double tailSeconds() const noexcept override;

protected:
    void doPrepare(const ProcessSpec& spec) override;
    void parameterChanged(int id) noexcept override;

private:
    ParamRamps<4> m_ramps{{SmoothedValue::Kind::Multiplicative, SmoothedValue::Kind::Linear,
                           SmoothedValue::Kind::Linear, SmoothedValue::Kind::Linear}};
    ModulationDelayLine m_line;
    ModulationLfo m_lfo;
};

// Tremolo: gain = 1 - depth * LFO, the same on every channel, so the envelope's min/max ratio
// is 1 - depth.
class Tremolo final : public Effect {
public:
    enum Param { RateHz, Depth };

    static EffectType describe();
    explicit Tremolo(const EffectType& type) : Effect(type) {}

    void process(AudioBlock& block) noexcept override;
    void reset() noexcept override;

protected:
    void doPrepare(const ProcessSpec& spec) override;
    void parameterChanged(int id) noexcept override;

private:
    ParamRamps<2> m_ramps{{SmoothedValue::Kind::Multiplicative, SmoothedValue::Kind::Linear}};
    ModulationLfo m_lfo;
};

} // namespace fxrack::dsp
