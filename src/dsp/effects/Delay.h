#pragma once

#include "dsp/Effect.h"

#include <vector>

namespace fxrack::dsp {

// Multi-tap echo: wet[n] = sum_{k=1..taps} feedback^(k-1) * x[n - k*D], y = (1-mix)*x + mix*wet
// (the base mixes).
// D is `delay_samples`, or from tempo when delay_samples is 0: D = frac * (60/bpm) * 4 * fs.
// The output has the input's length (TorchFX grows it every call); the history is carried
// across blocks. Ping-pong alternates taps between the two channels of a stereo pair.
class Delay final : public Effect {
public:
    enum Param { DelaySamples, Bpm, DelayTime, Feedback, Mix, Taps, Strategy };
    enum StrategyKind { Mono, PingPong };

    static EffectType describe();
    explicit Delay(const EffectType& type) : Effect(type) {}

    // Delay in samples the parameters give at `sampleRate`.
    int delayFor(double sampleRate) const;
    static double noteFraction(int delayTimeChoice);

    void validate(double sampleRate) const override;
    void doProcess(AudioBlock& block) noexcept override;
    void doReset() noexcept override;
    double tailSeconds() const noexcept override;

protected:
    void doPrepare(const ProcessSpec& spec) override;
    // The base advances the feedback's ramp on its sample grid (the output does not depend on how
    // the stream is cut into blocks); doProcess() reads the value it reached.
    int controlInterval() const noexcept override;

private:
    std::vector<std::vector<float>> m_history; // one ring per channel
    std::vector<float> m_tapGains;
    int m_mask = 0;
    int m_write = 0;
    long long m_written = 0; // samples written since the last reset, up to the ring's length
    int m_delay = 1;
    int m_taps = 1;
};

} // namespace fxrack::dsp
