#include "dsp/effects/Delay.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>

namespace fxrack::dsp {
namespace {

const std::vector<std::string>& delayTimeChoices()
{
    static const std::vector<std::string> choices = [] {
        std::vector<std::string> out;
        for (const char* base : {"1/1", "1/2", "1/4", "1/8", "1/16", "1/32", "1/64"})
            for (const char* suffix : {"", "d", "t"})
                out.push_back(std::string(base) + suffix);
        return out;
    }();
    return choices;
}

// Per-tap feedback gains are recomputed in blocks of this many frames while ramping.
constexpr int kRampChunk = 32;

} // namespace

EffectType Delay::describe()
{
    auto samples = intParam("delay_samples", 0, 0, 10'000'000);
    samples.unit = Unit::Samples;
    samples.help = "delay in samples; 0 takes it from bpm and delay_time";
    auto bpm = linearParam("bpm", 120.0, 1.0, 999.0);
    bpm.continuous = false;
    // The base mixes it: (1 - mix) * x + mix * wet with the undelayed input was already its law.
    auto delayMix = linearParam("mix", 0.2, 0.0, 1.0);
    return {"Delay",
            "effect",
            {samples, bpm, choiceParam("delay_time", delayTimeChoices(), 9),
             linearParam("feedback", 0.3, 0.0, 0.99), delayMix, intParam("taps", 3, 1, 32),
             choiceParam("strategy", {"mono", "ping_pong"}, Mono)},
            "Multi-tap echo, set in samples or by tempo",
            {}};
}

double Delay::noteFraction(int choice)
{
    const auto& name = delayTimeChoices().at(static_cast<size_t>(choice));
    const auto slash = name.find('/');
    double fraction = 1.0 / std::stod(name.substr(slash + 1));
    if (name.back() == 'd')
        fraction *= 1.5;
    else if (name.back() == 't')
        fraction *= 2.0 / 3.0;
    return fraction;
}

int Delay::delayFor(double sampleRate) const
{
    if (param(DelaySamples) > 0)
        return static_cast<int>(param(DelaySamples));
    const double samples =
        noteFraction(static_cast<int>(param(DelayTime))) * (60.0 / param(Bpm)) * 4.0 * sampleRate;
    return std::max(1, static_cast<int>(samples)); // truncation, as TorchFX
}

void Delay::validate(double sampleRate) const
{
    if (sampleRate > 0.0 && static_cast<double>(delayFor(sampleRate)) * param(Taps) > sampleRate * 120.0)
        fail("delay times taps is longer than 120 s at " + std::to_string(static_cast<int>(sampleRate)) +
             " Hz");
}

void Delay::doPrepare(const ProcessSpec& spec)
{
    m_delay = delayFor(spec.sampleRate);
    m_taps = static_cast<int>(param(Taps));
    // The ring holds the longest tap plus one chunk, which is written before it is read.
    const auto length = std::bit_ceil(static_cast<unsigned>(m_delay * m_taps + kRampChunk));
    m_mask = static_cast<int>(length) - 1;
    m_history.assign(static_cast<size_t>(spec.numChannels), std::vector<float>(length, 0.0f));
    m_tapGains.assign(static_cast<size_t>(m_taps), 0.0f);
    m_write = 0;
    m_written = 0;
}

void Delay::doReset() noexcept
{
    // O(1) whatever the delay: the ring is not cleared (up to minutes of audio, too much for one
    // audio callback); taps simply read nothing older than what was written since the reset.
    m_written = 0;
    m_write = 0;
}

double Delay::tailSeconds() const noexcept
{
    const double fs = isPrepared() ? spec().sampleRate : 48000.0;
    return static_cast<double>(delayFor(fs)) * param(Taps) / fs;
}

int Delay::controlInterval() const noexcept
{
    return kRampChunk;
}

void Delay::doProcess(AudioBlock& block) noexcept
{
    const int n = block.numFrames();
    const int channels = std::min(block.numChannels(), static_cast<int>(m_history.size()));
    const bool pingPong = static_cast<int>(param(Strategy)) == PingPong && channels >= 2;
    // The feedback at the control interval's end while it ramps (the base then hands over at
    // most one interval), else the value at rest.
    const auto feedback = static_cast<float>(smoothed(Feedback));
    float g = 1.0f;
    for (int k = 0; k < m_taps; ++k, g *= feedback)
        m_tapGains[static_cast<size_t>(k)] = g;
    for (int start = 0; start < n; start += kRampChunk) {
        const int count = std::min(kRampChunk, n - start);
        // Write this chunk's input into the history first, so taps may read it.
        for (int c = 0; c < channels; ++c) {
            const float* x = block.channel(c) + start;
            float* h = m_history[static_cast<size_t>(c)].data();
            for (int i = 0; i < count; ++i)
                h[(m_write + i) & m_mask] = x[i];
        }
        for (int c = 0; c < channels; ++c) {
            float* x = block.channel(c) + start;
            for (int i = 0; i < count; ++i) {
                const int now = m_write + i;
                float wet = 0.0f;
                const long long available = m_written + i; // samples before this one since reset
                for (int k = 1; k <= m_taps && static_cast<long long>(k) * m_delay <= available; ++k) {
                    // Ping-pong: tap k of channel c comes from channel c, its partner, c, ...
                    const int source =
                        pingPong ? ((c ^ ((k - 1) & 1)) < channels ? (c ^ ((k - 1) & 1)) : c) : c;
                    wet += m_tapGains[static_cast<size_t>(k - 1)] *
                           m_history[static_cast<size_t>(source)]
                                    [static_cast<size_t>((now - k * m_delay) & m_mask)];
                }
                x[i] = wet;
            }
        }
        m_write = (m_write + count) & m_mask;
        m_written = std::min<long long>(m_written + count, m_mask + 1);
    }
}

} // namespace fxrack::dsp
