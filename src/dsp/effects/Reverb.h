#pragma once

#include "dsp/Effect.h"

#include <array>
#include <vector>

namespace fxrack::dsp {

// Schroeder/Freeverb-style reverb: per channel 8 parallel damped feedback combs and 4
// series all-passes, delay lengths scaled from 44.1 kHz to the stream's rate, each channel
// offset by the stereo spread. The tail is state carried across blocks.
class Reverb final : public Effect {
public:
    enum Param { RoomSize, Damping, Mix, Width };
    static constexpr int kCombs = 8;
    static constexpr int kAllPasses = 4;

    static EffectType describe();
    explicit Reverb(const EffectType& type) : Effect(type) {}

    void doProcess(AudioBlock& block) noexcept override;
    void doReset() noexcept override;
    double tailSeconds() const noexcept override;

protected:
    void doPrepare(const ProcessSpec& spec) override;
    // The base advances the ramps on its sample grid (the output does not depend on how the
    // stream is cut into blocks); doProcess() reads the values they reached.
    int controlInterval() const noexcept override;

private:
    // A circular delay line of `length` samples followed by a guard of kRampChunk samples, so
    // that a run of frames crossing the end of the line is one plain pointer: startRun() copies
    // the line's first samples into the guard, finishRun() copies what the run wrote there back.
    struct Line {
        std::vector<float> buffer;
        int length = 0;
        int index = 0;

        void allocate(int samples);
        float* startRun(int run) noexcept;
        void finishRun(int run) noexcept;
    };
    struct Channel {
        std::array<Line, kCombs> combs;
        std::array<float, kCombs> combStore{};
        std::array<Line, kAllPasses> allPasses;
    };
    static void allPasses(Channel& ch, float* out, int run) noexcept;
    void processFrames(AudioBlock& block, int start, int count, float feedback, float damp, float wet1,
                       float wet2, float dry) noexcept;

    std::vector<Channel> m_channels;
    std::vector<float> m_wet; // per channel, one block: the reverb's own output
    int m_maxRun = 1;         // no line is shorter: a run never visits a slot twice
};

} // namespace fxrack::dsp
