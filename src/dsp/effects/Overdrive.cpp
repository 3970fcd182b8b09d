#include "dsp/effects/Overdrive.h"

#include "dsp/Avx2Clones.h"
#include "dsp/FastErf.h"
#include "dsp/effects/OverdriveFilters.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

// On x86-64 the stages also come in an AVX2 build, picked at load time where the CPU has it: the
// vector loops then take 8 floats a step instead of 4. The arithmetic is the same element by
// element (no FMA, which would round differently), so the output is too. Avx2Clones.h leaves the
// baseline alone in ThreadSanitizer builds, whose programs a clone's resolver crashes at load.

namespace fxrack::dsp {
namespace {

constexpr double kToneMinHz = 1000.0;
constexpr double kToneMaxHz = 20000.0;
// erf(kErfSlope * x) has slope 1 at 0, so the drive gain is the small-signal gain before
// normalisation.
constexpr double kErfSlope = 0.88622692545275801; // sqrt(pi) / 2
constexpr double kTinyState = 1e-20;

using Filters = OverdriveFilters;
static_assert(Filters::kStage1Taps % 2 == 1 && Filters::kStage1Taps / 2 == Overdrive::kHistory);
static_assert(Filters::kStage2Taps % 4 == 3 && Filters::kStage3Taps % 4 == 3, "half-band lengths");
// 438 samples at 384 kHz: 54 input samples and 6 at 384 kHz, the decimators' phases below.
constexpr int kDelay384 =
    (Filters::kStage3Taps - 1) + 2 * (Filters::kStage2Taps - 1) + 4 * (Filters::kStage1Taps - 1);
static_assert(kDelay384 / Overdrive::kOversampling == Overdrive::kLatencySamples);
static_assert(kDelay384 % Overdrive::kOversampling == 6, "shapeChunk() keeps phases 0, 1, 1");
// Stage 2's and 3's interpolators pass their input through, delayed, on the odd outputs.
constexpr int kStage2Delay = (Filters::kStage2Taps + 1) / 4 - 1; // 5
constexpr int kStage3Delay = (Filters::kStage3Taps + 1) / 4 - 1; // 2

// Taps `first`, `first` + 2, ... of an impulse response, times `scale`, as floats.
template <size_t N> std::vector<float> everyOther(const double (&h)[N], int first, double scale)
{
    std::vector<float> out;
    for (size_t j = static_cast<size_t>(first); j < N; j += 2)
        out.push_back(static_cast<float>(scale * h[j]));
    return out;
}

// y[i] += sum over k < T of c[k] * x[i - k], for i in [0, n): x has T - 1 samples of memory
// before x[0] and c is symmetric, so pairs of taps share a multiply. The loop runs across i, so
// it vectorises, and each y[i] sums in one fixed order whatever n is: results never depend on
// where blocks end.
template <int T>
[[gnu::always_inline]] inline void addSymmetricFir(const float* c, const float* __restrict x, int n,
                                                   float* __restrict y) noexcept
{
    constexpr int kPairs = T / 2;
    if constexpr (T % 2 == 1) {
        const float centre = c[kPairs];
        for (int i = 0; i < n; ++i)
            y[i] += centre * x[i - kPairs];
    }
    for (int k = 0; k < kPairs; ++k) {
        const float ck = c[k];
        const float* __restrict newer = x - k;
        const float* __restrict older = x - (T - 1) + k;
        for (int i = 0; i < n; ++i)
            y[i] += ck * (newer[i] + older[i]);
    }
}

} // namespace

EffectType Overdrive::describe()
{
    auto drive = linearParam("drive", 0.5, 0.0, 1.0);
    drive.help = "gain into the waveshaper: 0 = 0 dB, 1 = +15.6 dB";
    auto tone = linearParam("tone", 0.5, 0.0, 1.0);
    tone.help = "low-pass after the shaper: 0 = 1 kHz, 1 = 20 kHz";
    // The base mixes it against the input delayed by the latency, which was this effect's own law.
    auto mix = linearParam("mix", 1.0, 0.0, 1.0);
    mix.help = "0 = dry only, 1 = driven only";
    return {"Overdrive",
            "drive",
            {drive, tone, mix},
            "Overdrive: 8x-oversampled erf waveshaper with a tone control",
            {}};
}

int Overdrive::streamLength(Stream s) noexcept
{
    switch (s) {
    case In48:
    case Even96:
    case Odd96:
        return kHistory + kChunk;
    case Up96:
    case Even192:
    case Odd192:
        return kHistory + 2 * kChunk;
    default:
        return kHistory + 4 * kChunk;
    }
}

int Overdrive::streamOffset(Stream s) noexcept
{
    int offset = 0;
    for (int i = 0; i < s; ++i)
        offset += streamLength(static_cast<Stream>(i));
    return offset + kHistory;
}

void Overdrive::doPrepare(const ProcessSpec& spec)
{
    m_stage1Even = everyOther(Filters::kStage1, 0, 1.0);
    m_stage1Odd = everyOther(Filters::kStage1, 1, 1.0);
    m_stage2 = everyOther(Filters::kStage2, 0, 1.0);
    m_stage3 = everyOther(Filters::kStage3, 0, 1.0);
    m_stage1EvenUp = everyOther(Filters::kStage1, 0, 2.0);
    m_stage1OddUp = everyOther(Filters::kStage1, 1, 2.0);
    m_stage2Up = everyOther(Filters::kStage2, 0, 2.0);
    m_stage3Up = everyOther(Filters::kStage3, 0, 2.0);

    m_channels.assign(static_cast<size_t>(spec.numChannels), {});
    for (auto& ch : m_channels) {
        ch.streams.assign(static_cast<size_t>(streamOffset(StreamCount) - kHistory), 0.0f);
        ch.scratch.assign(4 * kChunk, 0.0f);
        ch.wet.assign(kChunk, 0.0f);
    }
    doReset();
}

void Overdrive::updateControls() noexcept
{
    m_toneCoefficient = toneCoefficient(smoothed(Tone));
}

void Overdrive::doReset() noexcept
{
    for (auto& ch : m_channels) {
        std::fill(ch.streams.begin(), ch.streams.end(), 0.0f);
        ch.toneState = 0.0;
    }
}

double Overdrive::toneCoefficient(double tone) const noexcept
{
    const double fs = spec().sampleRate;
    const double hz = std::min(kToneMinHz * std::pow(kToneMaxHz / kToneMinHz, tone), 0.45 * fs);
    return std::exp(-2.0 * std::numbers::pi * hz / fs);
}

// Up 8x, shape, down 8x: the chunk's input in In48 becomes its (untoned) output in ch.wet.
FXRACK_AVX2_CLONES void Overdrive::shapeChunk(ChannelState& ch, int frames) noexcept
{
    float* base = ch.streams.data();
    float* in48 = base + streamOffset(In48);
    float* up96 = base + streamOffset(Up96);
    float* up192 = base + streamOffset(Up192);
    float* even384 = base + streamOffset(Even384);
    float* odd384 = base + streamOffset(Odd384);
    float* even192 = base + streamOffset(Even192);
    float* odd192 = base + streamOffset(Odd192);
    float* even96 = base + streamOffset(Even96);
    float* odd96 = base + streamOffset(Odd96);
    float* scratch = ch.scratch.data();
    const int n96 = 2 * frames;
    const int n192 = 4 * frames;

    // Interpolators: zero-stuff and low-pass, as polyphase filters. Stage 1's two phases are
    // both FIRs; a half-band stage's odd phase is its centre tap alone, the input delayed.
    std::fill_n(scratch, 2 * frames, 0.0f);
    addSymmetricFir<Filters::kStage1Taps / 2 + 1>(m_stage1EvenUp.data(), in48, frames, scratch);
    addSymmetricFir<Filters::kStage1Taps / 2>(m_stage1OddUp.data(), in48, frames, scratch + frames);
    for (int i = 0; i < frames; ++i) {
        up96[2 * i] = scratch[i];
        up96[2 * i + 1] = scratch[frames + i];
    }
    std::fill_n(scratch, n96, 0.0f);
    addSymmetricFir<(Filters::kStage2Taps + 1) / 2>(m_stage2Up.data(), up96, n96, scratch);
    for (int i = 0; i < n96; ++i) {
        up192[2 * i] = scratch[i];
        up192[2 * i + 1] = up96[i - kStage2Delay];
    }
    // The 384 kHz signal stays split in its even and odd samples: the shaper does not care, and
    // the first decimator wants them apart.
    std::fill_n(even384, n192, 0.0f);
    addSymmetricFir<(Filters::kStage3Taps + 1) / 2>(m_stage3Up.data(), up192, n192, even384);
    std::copy_n(up192 - kStage3Delay, n192, odd384);

    // The shaper, full scale in to full scale out at every drive. The gains change per input
    // frame, i.e. every 4 samples of each phase.
    if (m_gainsConstant) {
        const float in = m_inputGains[0], out = m_outputGains[0];
        for (int i = 0; i < n192; ++i) // vectorises: fastErf is inline and branch-free
            even384[i] = out * fastErf(in * even384[i]);
        for (int i = 0; i < n192; ++i)
            odd384[i] = out * fastErf(in * odd384[i]);
    } else {
        for (int i = 0; i < n192; ++i) {
            const float in = m_inputGains[i / 4], out = m_outputGains[i / 4];
            even384[i] = out * fastErf(in * even384[i]);
            odd384[i] = out * fastErf(in * odd384[i]);
        }
    }

    // Decimators: low-pass and keep every other sample, the phase chosen so the whole delay
    // is kLatencySamples. 384 -> 192 kHz keeps the even samples: the FIR runs on the even
    // phase, the centre tap on the odd one.
    for (int i = 0; i < n192; ++i)
        scratch[i] = 0.5f * odd384[i - (kStage3Delay + 1)];
    addSymmetricFir<(Filters::kStage3Taps + 1) / 2>(m_stage3.data(), even384, n192, scratch);
    for (int i = 0; i < n96; ++i) {
        even192[i] = scratch[2 * i];
        odd192[i] = scratch[2 * i + 1];
    }
    // 192 -> 96 kHz keeps the odd samples: the FIR runs on the odd phase.
    for (int i = 0; i < n96; ++i)
        scratch[i] = 0.5f * even192[i - kStage2Delay];
    addSymmetricFir<(Filters::kStage2Taps + 1) / 2>(m_stage2.data(), odd192, n96, scratch);
    for (int i = 0; i < frames; ++i) {
        even96[i] = scratch[2 * i];
        odd96[i] = scratch[2 * i + 1];
    }
    // 96 -> 48 kHz keeps the odd samples: the even taps see the odd phase and the other way.
    float* wet = ch.wet.data();
    std::fill_n(wet, frames, 0.0f);
    addSymmetricFir<Filters::kStage1Taps / 2 + 1>(m_stage1Even.data(), odd96, frames, wet);
    addSymmetricFir<Filters::kStage1Taps / 2>(m_stage1Odd.data(), even96, frames, wet);

    // Keep the last kHistory samples of each stream as the next chunk's memory.
    for (int s = 0; s < StreamCount; ++s) {
        const auto stream = static_cast<Stream>(s);
        float* start = base + streamOffset(stream) - kHistory;
        const int used = (streamLength(stream) - kHistory) / kChunk * frames;
        std::memmove(start, start + used, sizeof(float) * kHistory);
    }
}

void Overdrive::doProcess(AudioBlock& block) noexcept
{
    const int channels = std::min(block.numChannels(), spec().numChannels);
    for (int done = 0; done < block.numFrames(); done += kChunk) {
        const int frames = std::min(kChunk, block.numFrames() - done);
        double drive = smoothed(Drive);
        m_gainsConstant = !isSmoothing(Drive);
        for (int i = 0; i < frames; ++i) {
            if (isSmoothing(Drive) || i == 0) {
                if (isSmoothing(Drive))
                    drive = nextSmoothed(Drive);
                m_inputGains[i] = static_cast<float>(kErfSlope * std::pow(kMaxDriveGain, drive));
                m_outputGains[i] = 1.0f / fastErf(m_inputGains[i]);
            } else {
                m_inputGains[i] = m_inputGains[i - 1];
                m_outputGains[i] = m_outputGains[i - 1];
            }
        }
        for (int c = 0; c < channels; ++c) {
            auto& ch = m_channels[static_cast<size_t>(c)];
            std::copy_n(block.channel(c) + done, frames, ch.streams.data() + streamOffset(In48));
            shapeChunk(ch, frames);
        }
        for (int i = 0; i < frames; ++i) {
            followSmoothed(Tone, m_toneCoefficient, [this](double tone) { return toneCoefficient(tone); });
            const double toneGain = 1.0 - m_toneCoefficient;
            for (int c = 0; c < channels; ++c) {
                auto& ch = m_channels[static_cast<size_t>(c)];
                ch.toneState +=
                    toneGain * (static_cast<double>(ch.wet[static_cast<size_t>(i)]) - ch.toneState);
                if (std::abs(ch.toneState) < kTinyState)
                    ch.toneState = 0.0;
                block.channel(c)[done + i] = static_cast<float>(ch.toneState);
            }
        }
    }
}

} // namespace fxrack::dsp
