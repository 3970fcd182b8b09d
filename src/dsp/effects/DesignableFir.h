#pragma once

#include "dsp/Effect.h"
#include "dsp/design/AdaptiveFftConvolver.h"
#include "dsp/design/FirDesign.h"
#include "dsp/design/FirFilter.h"
#include "dsp/design/Response.h"

#include <vector>

namespace fxrack::dsp {

// DesignableFIR: scipy.signal.firwin taps run as a convolution whose history is carried across
// blocks. `cutoff_high` > 0 makes [cutoff, cutoff_high] a band (the chain parser maps
// cutoff=[a, b] onto the two). Cutoffs ramp live; the taps are redesigned in place.
// Where prefersFft() says so, the convolution is an AdaptiveFftConvolver (zero added latency,
// equal to the direct form within float rounding); elsewhere the direct form, faster there.
class DesignableFir final : public Effect, public FrequencyResponseSource {
public:
    enum Param { Cutoff, NumTaps, PassZero, Window, CutoffHigh };
    // bench_dsp --fir's crossover: the FFT is faster from 2 taps in blocks of 32 frames or more,
    // from about 256 in blocks of 8 to 31 and from about 2,048 in shorter ones (each call
    // transforms a whole segment). Below, the direct form.
    struct FftCrossover {
        int minBlock;
        int minTaps;
    };
    static constexpr FftCrossover kFftCrossover[] = {{32, 2}, {8, 256}, {1, 2048}};
    static bool prefersFft(int numTaps, int maxBlockSize) noexcept
    {
        for (const auto& c : kFftCrossover)
            if (maxBlockSize >= c.minBlock)
                return numTaps >= c.minTaps;
        return false;
    }

    static EffectType describe();
    explicit DesignableFir(const EffectType& type) : Effect(type) {}

    void validate(double sampleRate) const override;
    void doProcess(AudioBlock& block) noexcept override;
    void doReset() noexcept override;
    std::optional<std::complex<double>> responseAt(double hz, double sampleRate) const override;
    // firwin's taps are symmetric: linear phase with a delay of (num_taps - 1) / 2 samples
    // (rounded down for an even length, whose delay falls between two samples).
    int latencySamples() const noexcept override { return (static_cast<int>(param(NumTaps)) - 1) / 2; }

    // The taps the target parameters ask for (allocates).
    std::vector<double> targetTaps(double sampleRate) const;
    std::span<const double> currentTaps() const noexcept { return m_fir.taps(); }
    // Whether the convolution runs as FFT (as prefersFft() says for the spec, unless forced).
    bool usesFft() const noexcept { return !m_fft.empty(); }
    // For the benchmark and the tests: the direct form (0), FFT (1), or prefersFft()'s choice (-1).
    void forceFft(int useFft) noexcept { m_forceFft = useFft; }

protected:
    void doPrepare(const ProcessSpec& spec) override;
    void parameterChanged(int id) noexcept override;
    int controlInterval() const noexcept override { return m_updateInterval; }
    void updateControls() noexcept override;

private:
    void redesign(double cutoffHz, double cutoffHighHz) noexcept;

    FirFilter m_fir;                         // the taps; the convolution itself for short filters
    std::vector<AdaptiveFftConvolver> m_fft; // per channel, where prefersFft()
    int m_forceFft = -1;
    int m_updateInterval = 32;
};

} // namespace fxrack::dsp
