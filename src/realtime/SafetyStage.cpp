#include "realtime/SafetyStage.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace fxrack::realtime {

void SafetyStage::prepare(double sampleRate, double ceilingDb) noexcept
{
    m_ceilingDb = ceilingDb;
    m_ceiling = static_cast<float>(std::pow(10.0, ceilingDb / 20.0));
    // The limiter's gain recovers towards 1 with a 50 ms time constant.
    m_release = static_cast<float>(std::exp(-1.0 / (0.05 * sampleRate)));
    m_fadeLength = std::max(1, static_cast<int>(std::lround(kFadeSeconds * sampleRate)));
    reset();
}

void SafetyStage::reset() noexcept
{
    m_gain = 1.0f;
    std::fill(std::begin(m_held), std::end(m_held), 0.0f);
    m_fadeOutLeft = 0;
    m_fadeInPos = -1;
    m_holdLeft = 0;
}

void SafetyStage::recover(const dsp::AudioBlock& block) noexcept
{
    const int channels = std::min(block.numChannels(), kMaxChannels);
    const int frames = block.numFrames();
    const float length = static_cast<float>(m_fadeLength);
    for (int i = 0; i < frames; ++i) {
        const float out = m_fadeOutLeft > 0 ? static_cast<float>(m_fadeOutLeft - 1) / length : 0.0f;
        float in = 1.0f;
        if (m_holdLeft > 0) {
            in = 0.0f;
            --m_holdLeft;
        } else if (m_fadeInPos >= 0) {
            in = std::min(1.0f, static_cast<float>(m_fadeInPos + 1) / length);
            m_fadeInPos = in >= 1.0f ? -1 : m_fadeInPos + 1;
        }
        for (int c = 0; c < channels; ++c) {
            float& s = block.channel(c)[i];
            s = m_held[c] * out + s * in;
        }
        if (m_fadeOutLeft > 0)
            --m_fadeOutLeft;
    }
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
        // The last good output fades to silence (the fade may go on into the next blocks); the
        // signal, from a chain the caller resets now, fades back in from the next block.
        if (m_fadeOutLeft == 0)
            m_fadeOutLeft = m_fadeLength;
        block.clear();
        m_fadeInPos = -1;
        m_holdLeft = 0;
        recover(block);
        m_fadeInPos = 0;
        m_holdLeft = m_recoveryDelay;
        m_gain = 1.0f;
        if (m_fadeOutLeft == 0)
            std::fill(std::begin(m_held), std::end(m_held), 0.0f);
        return result;
    }
    if (m_fadeOutLeft > 0 || m_fadeInPos >= 0 || m_holdLeft > 0)
        recover(block);
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
    if (frames > 0 && m_fadeOutLeft == 0)
        for (int c = 0; c < std::min(channels, kMaxChannels); ++c)
            m_held[c] = block.channel(c)[frames - 1];
    return result;
}

} // namespace fxrack::realtime
