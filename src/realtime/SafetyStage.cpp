#include "realtime/SafetyStage.h"

#include <algorithm>
#include <cmath>

namespace fxrack::realtime {

void SafetyStage::prepare(double sampleRate, double ceilingDb) noexcept
{
    m_ceilingDb = ceilingDb;
    m_ceiling = static_cast<float>(std::pow(10.0, ceilingDb / 20.0));
    // The limiter's gain recovers towards 1 with a 50 ms time constant.
    m_release = static_cast<float>(std::exp(-1.0 / (0.05 * sampleRate)));
    m_gain = 1.0f;
}

SafetyStage::Result SafetyStage::process(const dsp::AudioBlock& block) noexcept
{
    Result result;
    const int channels = block.numChannels();
    const int frames = block.numFrames();
    for (int c = 0; c < channels && !result.nonFinite; ++c) {
        const float* x = block.channel(c);
        for (int i = 0; i < frames; ++i)
            if (!std::isfinite(x[i])) {
                result.nonFinite = true;
                break;
            }
    }
    if (result.nonFinite) {
        block.clear();
        m_gain = 1.0f;
        return result;
    }
    const float ceiling = m_ceiling;
    for (int i = 0; i < frames; ++i) {
        float peak = 0.0f;
        for (int c = 0; c < channels; ++c)
            peak = std::max(peak, std::fabs(block.channel(c)[i]));
        if (m_gain < 1.0f) {
            m_gain = 1.0f - (1.0f - m_gain) * m_release;
            if (m_gain > 0.99999f)
                m_gain = 1.0f;
        }
        if (peak * m_gain > ceiling) {
            m_gain = ceiling / peak;
            result.limited = true;
        }
        if (m_gain != 1.0f)
            for (int c = 0; c < channels; ++c) {
                float& s = block.channel(c)[i];
                s = std::clamp(s * m_gain, -ceiling, ceiling);
            }
    }
    return result;
}

} // namespace fxrack::realtime
