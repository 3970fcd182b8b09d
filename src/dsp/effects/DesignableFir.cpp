#include "dsp/effects/DesignableFir.h"

#include <algorithm>
#include <cmath>

namespace fxrack::dsp {

EffectType DesignableFir::describe()
{
    auto cutoff = hzParam("cutoff", 1000.0, 1.0, 96000.0);
    cutoff.help = "cutoff, or the lower edge of the band when cutoff_high is set";
    auto taps = intParam("num_taps", 101, 1, 8191);
    taps.help = "filter length (odd for a high-pass or band-stop)";
    auto passZero = boolParam("pass_zero", true);
    passZero.help = "true: low-pass (or band-stop); false: high-pass (or band-pass)";
    std::vector<std::string> windows(std::begin(kFirWindowNames), std::end(kFirWindowNames));
    auto window = choiceParam("window", windows, 0);
    auto cutoffHigh = hzParam("cutoff_high", 0.0, 0.0, 96000.0);
    cutoffHigh.help = "upper band edge; 0 for a single cutoff";
    return {"DesignableFIR",
            "filter",
            {cutoff, taps, passZero, window, cutoffHigh},
            "Windowed-sinc FIR filter, as scipy.signal.firwin",
            {}};
}

void DesignableFir::validate(double sampleRate) const
{
    checkBelowNyquist(Cutoff, sampleRate);
    if (param(CutoffHigh) > 0.0)
        checkBelowNyquist(CutoffHigh, sampleRate);
    // Rate not known yet (0): check only what holds at any rate, against a rate no cutoff reaches.
    const double rate = sampleRate > 0.0 ? sampleRate : 1e12;
    const auto why = firwinProblem(static_cast<int>(param(NumTaps)), param(Cutoff), param(CutoffHigh),
                                   param(PassZero) != 0.0, rate);
    if (!why.empty())
        fail(std::string(why));
}

std::vector<double> DesignableFir::targetTaps(double sampleRate) const
{
    return firwin(static_cast<int>(param(NumTaps)), param(Cutoff), param(CutoffHigh), param(PassZero) != 0.0,
                  static_cast<FirWindow>(static_cast<int>(param(Window))), sampleRate);
}

std::optional<std::complex<double>> DesignableFir::responseAt(double hz, double sampleRate) const
{
    if (!firwinProblem(static_cast<int>(param(NumTaps)), param(Cutoff), param(CutoffHigh),
                       param(PassZero) != 0.0, sampleRate)
             .empty())
        return std::nullopt;
    return firResponse(targetTaps(sampleRate), hz, sampleRate);
}

void DesignableFir::redesign(double cutoffHz, double cutoffHighHz) noexcept
{
    const double nyquist = spec().sampleRate / 2.0;
    // A live value was range-checked but not against this rate: keep the design defined.
    const double lo = std::clamp(cutoffHz, 1e-6 * nyquist, 0.9999 * nyquist);
    double hi = cutoffHighHz > 0.0 ? std::clamp(cutoffHighHz, lo * (1.0 + 1e-9), 0.9999 * nyquist) : 0.0;
    if (hi > 0.0 && hi <= lo)
        hi = 0.0;
    firwinInto(m_fir.mutableTaps(), lo, hi, param(PassZero) != 0.0,
               static_cast<FirWindow>(static_cast<int>(param(Window))), spec().sampleRate);
    for (auto& fft : m_fft)
        fft.setTaps(m_fir.taps());
}

void DesignableFir::doPrepare(const ProcessSpec& spec)
{
    const int taps = static_cast<int>(param(NumTaps));
    m_fir.prepare(spec.numChannels, taps);
    m_fft.clear();
    if (m_forceFft == 1 || (m_forceFft == -1 && prefersFft(taps, spec.maxBlockSize))) {
        m_fft.resize(static_cast<size_t>(spec.numChannels));
        for (auto& fft : m_fft)
            fft.prepare(taps, spec.maxBlockSize);
    }
    // Redesigning costs a few operations per tap: update less often for long filters.
    m_updateInterval = 32 * std::max(1, taps / 128);
}

void DesignableFir::updateControls() noexcept
{
    redesign(smoothed(Cutoff), smoothed(CutoffHigh));
}

void DesignableFir::parameterChanged(int id) noexcept
{
    // Turning the band on or off changes the filter's kind: no ramp between the two.
    if (isPrepared() && id == CutoffHigh && (param(CutoffHigh) <= 0.0 || smoothed(CutoffHigh) <= 0.0)) {
        snapSmoothed(CutoffHigh);
        updateControls();
    }
}

void DesignableFir::doReset() noexcept
{
    m_fir.reset();
    for (auto& fft : m_fft)
        fft.reset();
}

void DesignableFir::doProcess(AudioBlock& block) noexcept
{
    if (m_fft.empty()) {
        m_fir.process(block);
        return;
    }
    const int channels = std::min(block.numChannels(), static_cast<int>(m_fft.size()));
    for (int c = 0; c < channels; ++c)
        m_fft[static_cast<size_t>(c)].process(block.channel(c), block.channel(c), block.numFrames());
}

} // namespace fxrack::dsp
