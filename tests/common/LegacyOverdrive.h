#pragma once

// The Overdrive as it was before the half-band stages (src/dsp/effects/Overdrive.cpp at commit
// c334970): 8x oversampling through one 369-tap Kaiser FIR each way. Kept verbatim (renamed, in
// this namespace, member functions inline) as the reference its replacement's aliasing and pass
// band are measured against (tests/dsp/tst_overdrive.cpp), and as the "before" row of bench_dsp.

#include "dsp/Effect.h"
#include "dsp/FastErf.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <vector>

namespace fxrack::test {

class LegacyOverdrive final : public dsp::Effect {
public:
    enum Param { Drive, Tone, Mix };
    static constexpr int kOversampling = 8;
    static constexpr int kLatencySamples = 46;                        // (taps - 1) / 8
    static constexpr int kTaps = kOversampling * kLatencySamples + 1; // 369
    static constexpr int kDotLanes = 8;
    // Taps per phase rounded up to whole vector lanes; the extra taps are zero.
    static constexpr int kTapsPerPhase =
        ((kTaps + kOversampling - 1) / kOversampling + kDotLanes - 1) / kDotLanes * kDotLanes; // 48
    static constexpr int kPaddedTaps = kTapsPerPhase * kOversampling;                          // 384
    static_assert(kPaddedTaps % (4 * kDotLanes) == 0, "the down-sampling dot takes 32 taps a step");
    static constexpr double kMaxDriveGain = 6.0;

    static dsp::EffectType describe();
    // The described type with its factory, alive as long as the program (an effect points to its
    // type): LegacyOverdrive::registeredType().create() makes one.
    static const dsp::EffectType& registeredType();
    explicit LegacyOverdrive(const dsp::EffectType& type) : dsp::Effect(type) {}

    void doProcess(dsp::AudioBlock& block) noexcept override;
    void doReset() noexcept override;
    int latencySamples() const noexcept override { return kLatencySamples; }

protected:
    void doPrepare(const dsp::ProcessSpec& spec) override;
    void updateControls() noexcept override;

private:
    struct ChannelState {
        std::vector<float> upHistory;   // 2 * kTapsPerPhase, newest first from m_upPos
        std::vector<float> downHistory; // 2 * kPaddedTaps, newest first from m_downPos
        double toneState = 0.0;
    };

    double toneCoefficient(double tone) const noexcept;

    std::vector<float> m_upPhases; // kOversampling rows of kTapsPerPhase, scaled by kOversampling
    std::vector<float> m_downTaps; // kPaddedTaps
    std::vector<ChannelState> m_channels;
    int m_upPos = 0;
    int m_downPos = 0;
    double m_toneCoefficient = 0.0;
};

namespace legacy_overdrive {

constexpr double kKaiserBeta = 8.96;       // about 90 dB of stop band
constexpr double kCutoffOfNyquist = 0.875; // 21 kHz at 48 kHz: -6 dB, mid-transition
constexpr double kToneMinHz = 1000.0;
constexpr double kToneMaxHz = 20000.0;
// erf(kErfSlope * x) has slope 1 at 0, so the drive gain is the small-signal gain before
// normalisation.
constexpr double kErfSlope = 0.88622692545275801; // sqrt(pi) / 2
constexpr double kTinyState = 1e-20;

inline double besselI0(double x)
{
    double sum = 1.0;
    double term = 1.0;
    for (int k = 1; k < 50; ++k) {
        term *= (x / (2.0 * k)) * (x / (2.0 * k));
        sum += term;
        if (term < sum * 1e-17)
            break;
    }
    return sum;
}

// Kaiser-windowed sinc low-pass at the oversampled rate, normalised to unity gain at DC. It is
// flat to 18 kHz and 90 dB down from 24 kHz (at 48 kHz; it scales with the rate), so nothing the
// shaper makes above the base Nyquist folds back, not even into 20..24 kHz.
inline std::vector<double> designResamplingFilter()
{
    constexpr int n = LegacyOverdrive::kTaps;
    constexpr double cutoff = kCutoffOfNyquist * 0.5 / LegacyOverdrive::kOversampling; // cycles per sample
    constexpr double middle = (n - 1) / 2.0;
    std::vector<double> h(n);
    double sum = 0.0;
    for (int j = 0; j < n; ++j) {
        const double t = j - middle;
        const double sinc =
            t == 0.0 ? 1.0
                     : std::sin(2.0 * std::numbers::pi * cutoff * t) / (2.0 * std::numbers::pi * cutoff * t);
        const double r = t / middle;
        const double window =
            besselI0(kKaiserBeta * std::sqrt(std::max(0.0, 1.0 - r * r))) / besselI0(kKaiserBeta);
        h[static_cast<size_t>(j)] = 2.0 * cutoff * sinc * window;
        sum += h[static_cast<size_t>(j)];
    }
    for (auto& v : h)
        v /= sum;
    return h;
}

// n is a multiple of kDotLanes. Independent partial sums let the compiler vectorise the loop
// without reassociating floats on its own; the order is fixed, so results never depend on blocks.
inline float dot(const float* a, const float* b, int n) noexcept
{
    float lanes[LegacyOverdrive::kDotLanes] = {};
    for (int k = 0; k < n; k += LegacyOverdrive::kDotLanes)
        for (int l = 0; l < LegacyOverdrive::kDotLanes; ++l)
            lanes[l] += a[k + l] * b[k + l];
    float sum = 0.0f;
    for (float v : lanes)
        sum += v;
    return sum;
}

// The 384-tap down-sampling dot: 32 independent partial sums (8 SSE registers) instead of 8, so
// the additions' latency no longer sets the pace (48 dependent adds in a row would). Fixed
// order, as dot().
inline float dotLong(const float* a, const float* b, int n) noexcept
{
    constexpr int kLanes = 4 * LegacyOverdrive::kDotLanes;
    float lanes[kLanes] = {};
    for (int k = 0; k < n; k += kLanes)
        for (int l = 0; l < kLanes; ++l)
            lanes[l] += a[k + l] * b[k + l];
    float sum = 0.0f;
    for (int l = 0; l < LegacyOverdrive::kDotLanes; ++l)
        sum += (lanes[l] + lanes[l + 8]) + (lanes[l + 16] + lanes[l + 24]);
    return sum;
}

} // namespace legacy_overdrive

inline dsp::EffectType LegacyOverdrive::describe()
{
    auto drive = dsp::linearParam("drive", 0.5, 0.0, 1.0);
    drive.help = "gain into the waveshaper: 0 = 0 dB, 1 = +15.6 dB";
    auto tone = dsp::linearParam("tone", 0.5, 0.0, 1.0);
    tone.help = "low-pass after the shaper: 0 = 1 kHz, 1 = 20 kHz";
    // The base mixes it against the input delayed by the latency, which was this effect's own law.
    auto mix = dsp::linearParam("mix", 1.0, 0.0, 1.0);
    mix.help = "0 = dry only, 1 = driven only";
    return {"LegacyOverdrive",
            "drive",
            {drive, tone, mix},
            "Overdrive: 8x-oversampled erf waveshaper with a tone control",
            {}};
}

inline const dsp::EffectType& LegacyOverdrive::registeredType()
{
    static const dsp::EffectType type = [] {
        auto t = describe();
        t.create = [] { return std::make_unique<LegacyOverdrive>(registeredType()); };
        return t;
    }();
    return type;
}

inline void LegacyOverdrive::doPrepare(const dsp::ProcessSpec& spec)
{
    const auto h = legacy_overdrive::designResamplingFilter();
    m_downTaps.assign(kPaddedTaps, 0.0f);
    for (int j = 0; j < kTaps; ++j)
        m_downTaps[static_cast<size_t>(j)] = static_cast<float>(h[static_cast<size_t>(j)]);
    // Phase p of the interpolator sees the inputs at taps p, p + 8, ...; the zero-stuffing
    // loses a factor of 8 that the taps give back.
    m_upPhases.assign(static_cast<size_t>(kOversampling * kTapsPerPhase), 0.0f);
    for (int p = 0; p < kOversampling; ++p)
        for (int k = 0; k < kTapsPerPhase; ++k)
            if (const int j = p + k * kOversampling; j < kTaps)
                m_upPhases[static_cast<size_t>(p * kTapsPerPhase + k)] =
                    static_cast<float>(kOversampling * h[static_cast<size_t>(j)]);

    m_channels.assign(static_cast<size_t>(spec.numChannels), {});
    for (auto& ch : m_channels) {
        ch.upHistory.assign(2 * kTapsPerPhase, 0.0f);
        ch.downHistory.assign(2 * kPaddedTaps, 0.0f);
    }
    doReset();
}

inline void LegacyOverdrive::updateControls() noexcept
{
    m_toneCoefficient = toneCoefficient(smoothed(Tone));
}

inline void LegacyOverdrive::doReset() noexcept
{
    for (auto& ch : m_channels) {
        std::fill(ch.upHistory.begin(), ch.upHistory.end(), 0.0f);
        std::fill(ch.downHistory.begin(), ch.downHistory.end(), 0.0f);
        ch.toneState = 0.0;
    }
    m_upPos = 0;
    m_downPos = 0;
}

inline double LegacyOverdrive::toneCoefficient(double tone) const noexcept
{
    const double fs = spec().sampleRate;
    const double hz =
        std::min(legacy_overdrive::kToneMinHz *
                     std::pow(legacy_overdrive::kToneMaxHz / legacy_overdrive::kToneMinHz, tone),
                 0.45 * fs);
    return std::exp(-2.0 * std::numbers::pi * hz / fs);
}

inline void LegacyOverdrive::doProcess(dsp::AudioBlock& block) noexcept
{
    const int channels = std::min(block.numChannels(), spec().numChannels);
    double drive = smoothed(Drive);
    auto inputGain = static_cast<float>(legacy_overdrive::kErfSlope * std::pow(kMaxDriveGain, drive));
    auto outputGain = 1.0f / dsp::fastErf(inputGain);
    for (int i = 0; i < block.numFrames(); ++i) {
        if (isSmoothing(Drive)) {
            drive = nextSmoothed(Drive);
            inputGain = static_cast<float>(legacy_overdrive::kErfSlope * std::pow(kMaxDriveGain, drive));
            // Full scale in gives full scale out at every drive.
            outputGain = 1.0f / dsp::fastErf(inputGain);
        }
        followSmoothed(Tone, m_toneCoefficient, [this](double tone) { return toneCoefficient(tone); });
        const double toneGain = 1.0 - m_toneCoefficient;

        const int upPos = m_upPos == 0 ? kTapsPerPhase - 1 : m_upPos - 1;
        int downPos = m_downPos;
        for (int c = 0; c < channels; ++c) {
            auto& ch = m_channels[static_cast<size_t>(c)];
            float* x = block.channel(c) + i;
            ch.upHistory[static_cast<size_t>(upPos)] = *x;
            ch.upHistory[static_cast<size_t>(upPos + kTapsPerPhase)] = *x;
            const float* upWindow = ch.upHistory.data() + upPos; // newest first

            downPos = m_downPos;
            float decimated = 0.0f;
            float shaped[kOversampling];
            for (int p = 0; p < kOversampling; ++p)
                shaped[p] =
                    legacy_overdrive::dot(m_upPhases.data() + p * kTapsPerPhase, upWindow, kTapsPerPhase);
            for (int p = 0; p < kOversampling; ++p) // vectorises: fastErf is inline and branch-free
                shaped[p] = outputGain * dsp::fastErf(inputGain * shaped[p]);
            for (int p = 0; p < kOversampling; ++p) {
                const float v = shaped[p];
                downPos = downPos == 0 ? kPaddedTaps - 1 : downPos - 1;
                ch.downHistory[static_cast<size_t>(downPos)] = v;
                ch.downHistory[static_cast<size_t>(downPos + kPaddedTaps)] = v;
                // Keep every 8th sample, aligned with phase 0, which is where the input sat:
                // the latency is then a whole number of input samples.
                if (p == 0)
                    decimated = legacy_overdrive::dotLong(m_downTaps.data(), ch.downHistory.data() + downPos,
                                                          kPaddedTaps);
            }

            ch.toneState += toneGain * (static_cast<double>(decimated) - ch.toneState);
            if (std::abs(ch.toneState) < legacy_overdrive::kTinyState)
                ch.toneState = 0.0;

            *x = static_cast<float>(ch.toneState);
        }
        m_upPos = upPos;
        m_downPos = downPos;
    }
}

} // namespace fxrack::test
