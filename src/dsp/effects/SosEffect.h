#pragma once

#include "dsp/Effect.h"
#include "dsp/design/Biquad.h"
#include "dsp/design/Response.h"
#include "dsp/design/SosFilter.h"

#include <array>

namespace fxrack::dsp {

// The shared body of every IIR filter and EQ effect: a designed cascade run by SosFilter.
// Continuous parameters (cutoff, q, gain, ripple) ramp as their table entries declare; while
// any ramps, the Effect base calls updateControls() every kUpdateInterval samples and the
// cascade is redesigned on the audio thread (the designs do not allocate) with the filter
// state kept, so a sweep does not click.
class SosEffect : public Effect, public FrequencyResponseSource {
public:
    static constexpr int kMaxParams = 8;
    static constexpr int kUpdateInterval = 32;
    // Parameter values in the design's units (e.g. gain in dB), indexed by parameter id.
    using Values = std::array<double, kMaxParams>;

    // Checks that the Hz parameter (always id 0) is below Nyquist.
    void validate(double sampleRate) const override;
    void doProcess(AudioBlock& block) noexcept override;
    void doReset() noexcept override;
    std::optional<std::complex<double>> responseAt(double hz, double sampleRate) const override;

    // The cascade the target parameters ask for at `sampleRate`.
    SosCascade targetDesign(double sampleRate) const noexcept;
    // The cascade the filter runs now (mid-ramp it lags the target).
    const SosCascade& currentCoefficients() const noexcept { return m_filter.coefficients(); }
    // Tests and benches: the loop the filter runs (SosFilter::bestKernel() unless set).
    void setKernel(SosFilter::Kernel kernel) noexcept { m_filter.setKernel(kernel); }

protected:
    explicit SosEffect(const EffectType& type) : Effect(type) {}

    // A value of parameter `id` in the design's units (override to turn a linear gain into dB).
    virtual double designValue(int /*id*/, double value) const noexcept { return value; }
    virtual void design(const Values& values, double sampleRate, SosCascade& out) const noexcept = 0;
    // The design updateControls() runs on the audio thread while a parameter ramps: the same
    // coefficients as design(), but an effect may keep what a control point does not change
    // (IirFilter keeps its analog prototype). Only the thread that owns the effect calls it.
    virtual void designLive(const Values& values, double sampleRate, SosCascade& out) noexcept
    {
        design(values, sampleRate, out);
    }

    void doPrepare(const ProcessSpec& spec) override;
    void parameterChanged(int id) noexcept override;
    int controlInterval() const noexcept override { return kUpdateInterval; }
    void updateControls() noexcept override;

private:
    Values targetValues() const noexcept;
    Values currentValues() const noexcept;

    SosFilter m_filter;
    SosCascade m_scratch;
};

} // namespace fxrack::dsp
