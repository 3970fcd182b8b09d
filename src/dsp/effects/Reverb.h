#pragma once

#include "dsp/Effect.h"
#include "dsp/ParamRamps.h"

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

    void process(AudioBlock& block) noexcept override;
    void reset() noexcept override;
    double tailSeconds() const noexcept override;

protected:
    void doPrepare(const ProcessSpec& spec) override;
    void parameterChanged(int id) noexcept override;

private:
    struct Line {
        std::vector<float> buffer;
        int index = 0;
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
    ParamRamps<4> m_ramps{{SmoothedValue::Kind::Linear, SmoothedValue::Kind::Linear,
                           SmoothedValue::Kind::Linear, SmoothedValue::Kind::Linear}};
};

} // namespace fxrack::dsp
