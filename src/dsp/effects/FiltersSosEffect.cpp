#include "dsp/effects/FiltersSosEffect.h"

#include <algorithm>

namespace fxrack::dsp {

void SosEffect::validate(double sampleRate) const
{
    checkBelowNyquist(0, sampleRate);
}

void SosEffect::setRamp(int id, SmoothedValue::Kind kind) noexcept
{
    if (id < 0 || id >= kMaxParams)
        return;
    m_ramped[static_cast<size_t>(id)] = true;
    m_ramps[static_cast<size_t>(id)].setKind(kind);
}

SosEffect::Values SosEffect::targetValues() const noexcept
{
    Values v{};
    for (int id = 0; id < std::min(paramCount(), kMaxParams); ++id)
        v[static_cast<size_t>(id)] = designValue(id);
    return v;
}

SosEffect::Values SosEffect::currentValues() const noexcept
{
    Values v = targetValues();
    for (int id = 0; id < std::min(paramCount(), kMaxParams); ++id)
        if (m_ramped[static_cast<size_t>(id)])
            v[static_cast<size_t>(id)] = m_ramps[static_cast<size_t>(id)].current();
    return v;
}

bool SosEffect::isRamping() const noexcept
{
    for (size_t i = 0; i < m_ramps.size(); ++i)
        if (m_ramped[i] && m_ramps[i].isSmoothing())
            return true;
    return false;
}

SosCascade SosEffect::targetDesign(double sampleRate) const noexcept
{
    SosCascade out;
    design(targetValues(), sampleRate, out);
    return out;
}

std::optional<std::complex<double>> SosEffect::responseAt(double hz, double sampleRate) const
{
    if (param(0) >= sampleRate / 2.0)
        return std::nullopt;
    return sosResponse(targetDesign(sampleRate), hz, sampleRate);
}

void SosEffect::doPrepare(const ProcessSpec& spec)
{
    const Values target = targetValues();
    for (size_t i = 0; i < m_ramps.size(); ++i) {
        m_ramps[i].reset(spec.sampleRate, kDefaultRampSeconds);
        m_ramps[i].setCurrentAndTarget(target[i]);
    }
    m_filter.prepare(spec.numChannels);
    design(target, spec.sampleRate, m_scratch);
    m_filter.setCoefficients(m_scratch);
    m_untilUpdate = 0;
}

void SosEffect::parameterChanged(int id) noexcept
{
    if (!isPrepared() || id < 0 || id >= kMaxParams)
        return;
    if (m_ramped[static_cast<size_t>(id)]) {
        m_ramps[static_cast<size_t>(id)].setTarget(designValue(id));
    } else {
        // Not ramped (structural, set before prepare): take the new design at once.
        design(currentValues(), spec().sampleRate, m_scratch);
        m_filter.setCoefficients(m_scratch);
    }
}

void SosEffect::reset() noexcept
{
    m_filter.reset();
    if (!isPrepared())
        return;
    const Values target = targetValues();
    for (size_t i = 0; i < m_ramps.size(); ++i)
        m_ramps[i].setCurrentAndTarget(target[i]);
    design(target, spec().sampleRate, m_scratch);
    m_filter.setCoefficients(m_scratch);
    m_untilUpdate = 0;
}

void SosEffect::process(AudioBlock& block) noexcept
{
    const int n = block.numFrames();
    int done = 0;
    while (done < n) {
        if (m_untilUpdate == 0) {
            if (!isRamping()) {
                m_filter.process(block.subBlock(done, n - done));
                return;
            }
            // Design at the value the ramp reaches by the end of this stretch.
            for (size_t i = 0; i < m_ramps.size(); ++i)
                if (m_ramped[i])
                    m_ramps[i].skip(kUpdateInterval);
            design(currentValues(), spec().sampleRate, m_scratch);
            m_filter.setCoefficients(m_scratch);
            m_untilUpdate = kUpdateInterval;
        }
        const int length = std::min(m_untilUpdate, n - done);
        m_filter.process(block.subBlock(done, length));
        done += length;
        m_untilUpdate -= length;
    }
}

} // namespace fxrack::dsp
