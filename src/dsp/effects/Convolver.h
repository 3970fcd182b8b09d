#pragma once

#include "dsp/AudioBuffer.h"
#include "dsp/Effect.h"
#include "dsp/ImpulseResponse.h"
#include "dsp/design/FftConvolver.h"
#include "dsp/design/Response.h"

#include <memory>
#include <string>
#include <vector>

class Convproc;

namespace fxrack::dsp {

// Convolution with an impulse response file (cabinets, rooms, plates) on zita-convolver.
//  - Channels: a mono IR applies to every channel, a stereo IR per channel (channel c takes IR
//    channel c % 2), a 4-channel IR is true stereo: out L = L*LL + R*RL, out R = L*LR + R*RR.
//  - Zero latency at any block size: the first kHead taps are convolved directly, per sample;
//    the rest goes to zita-convolver (non-uniform partitions from kHead to 8,192 samples),
//    whose output, kHead samples late, is exactly the part of the response that starts kHead
//    samples in. zita runs its larger partitions on its own threads; process() waits for them
//    where a partition is due (sync mode), so the output never depends on scheduling.
//  - Batch (ProcessSpec::realtime false) convolves each path with an FftConvolver instead: zero
//    latency too, uniform partitions sized from the chunk (up to 16,384 samples), no threads.
//    It equals the live path within float rounding.
//  - Loading (reading, resampling, partition set-up) happens in prepare(), off the audio
//    thread; an IR change is structural: a new prepared instance crossfades in.
//  - An empty `ir` is a unit impulse: the effect passes audio through.
class Convolver final : public Effect, public FrequencyResponseSource {
public:
    enum Param { Ir, GainDb, PredelayMs, LengthMs };
    static constexpr int kHead = 64;
    // The fade at the end of an IR trimmed by length_ms.
    static constexpr double kTrimFadeSeconds = 0.005;

    static EffectType describe();
    explicit Convolver(const EffectType& type);
    ~Convolver() override;

    void doProcess(AudioBlock& block) noexcept override;
    void doReset() noexcept override;
    double tailSeconds() const noexcept override;
    // The response as prepared (after resampling, trim and pre-delay), one entry per path; for
    // the response plot and the tests.
    struct Path {
        int input = 0;
        int output = 0;
        std::vector<float> taps;
    };
    const std::vector<Path>& paths() const noexcept { return m_paths; }
    // Reads and shapes the IR for `sampleRate` (any thread; allocates, reads the file).
    std::vector<Path> buildPaths(double sampleRate, int numChannels) const;
    // The response into the first output channel of a signal on both inputs, times the gain:
    // for the response plot. Reads the IR once per file, shape and rate (GUI thread); empty when
    // the IR cannot be read.
    std::optional<std::complex<double>> responseAt(double hz, double sampleRate) const override;

protected:
    void doPrepare(const ProcessSpec& spec) override;

private:
    void processRun(AudioBlock& block, int start, int count) noexcept;
    void stopConvolver() noexcept;
    void prepareBatch(const ProcessSpec& spec);
    void processBatch(AudioBlock& block) noexcept;

    std::vector<Path> m_paths;
    std::unique_ptr<Convproc> m_conv; // null when every path fits in the head
    // Per input channel: the last kHead inputs twice over (newest first), so a head dot
    // product reads one contiguous run: m_history[c][m_histPos .. m_histPos + kHead).
    std::vector<std::vector<float>> m_history;
    int m_histPos = 0;
    // Per output channel: zita's output for the current kHead-sample cycle.
    std::vector<std::vector<float>> m_tailOut;
    int m_cyclePos = 0;
    bool m_dirty = false; // input went in since the last reset
    double m_gain = 1.0;
    // Batch: one FftConvolver per path (none for a one-tap path: a plain factor, so an empty
    // `ir` passes audio through exactly), a copy of the input and a path's output.
    bool m_isBatch = false;
    std::vector<FftConvolver> m_batch;
    AudioBuffer m_batchInput;
    AudioBuffer m_batchPath;
    // responseAt()'s IR: the summed taps into output 0, for m_responseKey (file, shape, rate).
    mutable std::vector<double> m_responseTaps;
    mutable std::string m_responseKey;
};

} // namespace fxrack::dsp
