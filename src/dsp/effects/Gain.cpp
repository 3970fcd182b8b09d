#include "dsp/effects/Gain.h"

#include <algorithm>
#include <cmath>

namespace fxrack::dsp {

EffectType Gain::describe()
{
    auto gain = linearParam("gain", 1.0, -120.0, 1000.0);
    gain.help = "amplitude factor, dB or power ratio, as gain_type says";
    gain.knobMin = 0.0; // the knob covers the amplitude range people use; other values can be typed
    gain.knobMax = 4.0;
    return {"Gain",
            "effect",
            {gain, choiceParam("gain_type", {"amplitude", "db", "power"}, Amplitude),
             boolParam("clamp", false, true)},
            "Multiplies the signal by a gain",
            {}};
}

void Gain::validate(double /*sampleRate*/) const
{
    const auto type = static_cast<int>(param(GainType));
    const double g = param(GainParam);
    if (type != Db && g < 0.0)
        fail("parameter \"gain\" = " + std::to_string(g) + " is negative, which an " +
             (type == Power ? "power" : "amplitude") + " gain cannot be (use gain_type=db for attenuation)");
    if (type != Db && g > 1000.0)
        fail("parameter \"gain\" is above 1000");
}

// Amplitude's law is written out again in doProcess()'s ramp, the common case, kept in step.
double Gain::factorOf(double g) const noexcept
{
    switch (static_cast<int>(param(GainType))) {
    case Db:
        return std::pow(10.0, g / 20.0);
    case Power:
        return std::sqrt(std::max(0.0, g));
    default:
        return std::max(0.0, g);
    }
}

void Gain::doReset() noexcept {}

void Gain::parameterChanged(int /*id*/) noexcept
{
    m_factor = static_cast<float>(targetFactor());
    m_clamp = param(Clamp) != 0.0;
}

void Gain::doProcess(AudioBlock& block) noexcept
{
    const int n = block.numFrames();
    const int channels = block.numChannels();
    const bool clamp = m_clamp;
    if (!isSmoothing(GainParam)) {
        const float g = m_factor;
        for (int c = 0; c < channels; ++c) {
            float* x = block.channel(c);
            for (int i = 0; i < n; ++i)
                x[i] *= g;
        }
    } else {
        // Ramp per frame, the same value on every channel: a chunk's ramp values and factors
        // first (the values next() gives, the gain type's law chosen once), then each channel's
        // multiply as one plain loop. A knob or controller moving the gain costs this every
        // callback.
        constexpr int kChunk = 64;
        double values[kChunk];
        float factors[kChunk];
        const int type = static_cast<int>(param(GainType));
        for (int start = 0; start < n; start += kChunk) {
            const int count = std::min(kChunk, n - start);
            nextSmoothedBlock(GainParam, values, count);
            if (type == Amplitude)
                for (int i = 0; i < count; ++i) // the max in float: the same values, and it vectorises
                    factors[i] = std::max(0.0f, static_cast<float>(values[i]));
            else
                for (int i = 0; i < count; ++i)
                    factors[i] = static_cast<float>(factorOf(values[i]));
            for (int c = 0; c < channels; ++c) {
                float* x = block.channel(c) + start;
                for (int i = 0; i < count; ++i)
                    x[i] *= factors[i];
            }
        }
    }
    if (clamp)
        for (int c = 0; c < channels; ++c) {
            float* x = block.channel(c);
            for (int i = 0; i < n; ++i)
                x[i] = std::clamp(x[i], -1.0f, 1.0f);
        }
}

} // namespace fxrack::dsp
