#include "dsp/effects/SosEffect.h"

#include <algorithm>

namespace fxrack::dsp {

void SosEffect::validate(double sampleRate) const
{
    checkBelowNyquist(0, sampleRate);
}

SosEffect::Values SosEffect::targetValues() const noexcept
{
    Values v{};
    for (int id = 0; id < std::min(paramCount(), kMaxParams); ++id)
        v[static_cast<size_t>(id)] = designValue(id, param(id));
    return v;
}

SosEffect::Values SosEffect::currentValues() const noexcept
{
    Values v{};
    for (int id = 0; id < std::min(paramCount(), kMaxParams); ++id)
        v[static_cast<size_t>(id)] = designValue(id, smoothed(id));
    return v;
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
    m_filter.prepare(spec.numChannels);
}

void SosEffect::updateControls() noexcept
{
    designLive(currentValues(), spec().sampleRate, m_scratch);
    m_filter.setCoefficients(m_scratch);
}

void SosEffect::parameterChanged(int id) noexcept
{
    // An unsmoothed change (structural, set before prepare) takes the new design at once.
    if (isPrepared() && id >= 0 && id < paramCount() &&
        type().params[static_cast<size_t>(id)].rampStyle() == Smoothing::None)
        updateControls();
}

void SosEffect::doReset() noexcept
{
    m_filter.reset();
}

void SosEffect::doProcess(AudioBlock& block) noexcept
{
    m_filter.process(block);
}

} // namespace fxrack::dsp
