#pragma once

#include "dsp/Effect.h"
#include "dsp/Smoothing.h"
#include "dsp/design/Biquad.h"
#include "dsp/design/Response.h"
#include "dsp/design/SosFilter.h"

#include <array>

namespace fxrack::dsp {

// The shared body of every IIR filter and EQ effect: a designed cascade run by SosFilter.
// Continuous parameters (cutoff, q, gain, ripple) ramp when changed live; while any ramps, the
// cascade is redesigned every kUpdateInterval samples on the audio thread (the designs do not
// allocate) and the filter state is kept, so a sweep does not click. The update grid counts
// samples, not blocks, so the output does not depend on how the stream is cut into blocks.
class SosEffect : public Effect, public FrequencyResponseSource {
public:
    static constexpr int kMaxParams = 8;
    static constexpr int kUpdateInterval = 32;
    // Parameter values in the design's units (e.g. gain in dB), indexed by parameter id.
    using Values = std::array<double, kMaxParams>;

    // Checks that the Hz parameter (always id 0) is below Nyquist.
    void validate(double sampleRate) const override;
    void process(AudioBlock& block) noexcept override;
    void reset() noexcept override;
    std::optional<std::complex<double>> responseAt(double hz, double sampleRate) const override;

    // The cascade the target parameters ask for at `sampleRate`.
    SosCascade targetDesign(double sampleRate) const noexcept;
    // The cascade the filter runs now (mid-ramp it lags the target).
    const SosCascade& currentCoefficients() const noexcept { return m_filter.coefficients(); }

protected:
    explicit SosEffect(const EffectType& type) : Effect(type) {}

    // Makes a continuous parameter ramp: Multiplicative for Hz and Q, Linear for dB.
    void setRamp(int id, SmoothedValue::Kind kind) noexcept;
    // The parameter `id` in the design's units (override to turn a linear gain into dB).
    virtual double designValue(int id) const noexcept { return param(id); }
    virtual void design(const Values& values, double sampleRate, SosCascade& out) const noexcept = 0;

    void doPrepare(const ProcessSpec& spec) override;
    void parameterChanged(int id) noexcept override;

private:
    Values targetValues() const noexcept;
    Values currentValues() const noexcept;
    bool isRamping() const noexcept;

    std::array<SmoothedValue, kMaxParams> m_ramps;
    std::array<bool, kMaxParams> m_ramped{};
    SosFilter m_filter;
    SosCascade m_scratch;
    int m_untilUpdate = 0;
};

} // namespace fxrack::dsp
