#pragma once

#include "dsp/Effect.h"
#include "dsp/TruePeakLimiter.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace fxrack::dsp {

// Measures integrated loudness (EBU R128 / ITU-R BS.1770) for Normalize's lufs strategy.
// The io layer implements it with libebur128; dsp stays free of that dependency.
class LoudnessMeter {
public:
    virtual ~LoudnessMeter() = default;
    virtual void begin(double sampleRate, int numChannels) = 0;
    virtual void add(const AudioBlock& block) = 0;
    // LUFS; -inf (or below -70) for silence.
    virtual double integratedLufs() = 0;
};

// Gain from the WHOLE signal, never per chunk (TorchFX normalises each chunk on its own,
// which makes gain steps). A first pass feeds analyze(); process() then applies one gain.
class Normalize final : public Effect {
public:
    enum Param { Peak, Strategy, Percentile, Lufs, TruePeak };
    enum StrategyKind { PeakStrategy, Rms, PercentileStrategy, PerChannel, LufsStrategy };

    static EffectType describe();
    explicit Normalize(const EffectType& type);

    bool needsAnalysis() const noexcept override { return true; }
    void beginAnalysis() override;
    void analyze(const AudioBlock& block) override;
    void endAnalysis() override;
    void validate(double sampleRate) const override;
    void doProcess(AudioBlock& block) noexcept override;
    void doReset() noexcept override { m_position = 0; }

    void setLoudnessMeter(std::shared_ptr<LoudnessMeter> meter) { m_meter = std::move(meter); }
    bool isAnalysed() const noexcept { return m_analysed; }
    // The gain for channel c that the analysis chose (1 before any analysis).
    double gainFor(int channel) const noexcept;
    // What the analysis measured, for reports: peak, RMS, percentile, loudness (LUFS).
    double measuredPeak() const noexcept { return m_peak; }
    double measuredLufs() const noexcept { return m_lufs; }
    // The lufs strategy limits true peaks (a gain that varies); the other strategies are one gain.
    bool limitsTruePeak() const noexcept;
    // The deepest reduction the true-peak limiter applies, in dB (0: none).
    double limiterReductionDb() const noexcept { return m_reductionDb; }

protected:
    void doPrepare(const ProcessSpec& spec) override;

private:
    double percentileValue(double p) const;

    std::shared_ptr<LoudnessMeter> m_meter;
    TruePeakLimiter m_limiter;
    int64_t m_position = 0; // frames processed since the last reset, for the limiter's envelope
    double m_reductionDb = 0.0;
    std::vector<double> m_channelPeak;
    std::vector<double> m_gains;
    std::vector<uint64_t> m_histogram;
    double m_peak = 0.0;
    double m_sumSquares = 0.0;
    uint64_t m_count = 0;
    double m_lufs = 0.0;
    bool m_analysed = false;
};

} // namespace fxrack::dsp
