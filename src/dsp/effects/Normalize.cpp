#include "dsp/effects/Normalize.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace fxrack::dsp {
namespace {

// Percentiles come from a log-spaced histogram of |x| so memory stays flat in file length;
// 2^17 bins over 1e-9..1e9 give a relative resolution of about 3.2e-4. The top is far above full
// scale because a chain may put a large gain before Normalize.
constexpr int kBins = 1 << 17;
constexpr double kMinAbs = 1e-9;
constexpr double kMaxAbs = 1e9;
const double kLogSpan = std::log(kMaxAbs / kMinAbs);

int binOf(double a) noexcept
{
    if (a <= kMinAbs)
        return 0;
    const double pos = std::log(a / kMinAbs) / kLogSpan * (kBins - 1);
    return std::clamp(static_cast<int>(pos) + 1, 1, kBins - 1);
}

double binValue(int bin) noexcept
{
    return bin == 0 ? 0.0 : kMinAbs * std::exp((bin - 0.5) / (kBins - 1) * kLogSpan);
}

} // namespace

EffectType Normalize::describe()
{
    auto peak = linearParam("peak", 1.0, 1e-6, 10.0);
    peak.help = "target peak (also the ceiling for rms, percentile and lufs)";
    auto strategy =
        choiceParam("strategy", {"peak", "rms", "percentile", "per_channel", "lufs"}, PeakStrategy);
    auto percentile = linearParam("percentile", 99.0, 0.0, 100.0);
    percentile.continuous = false;
    auto lufs = dbParam("lufs", -16.0, -70.0, 0.0);
    lufs.continuous = false;
    auto truePeak = dbParam("true_peak", -1.0, -20.0, 0.0);
    truePeak.continuous = false;
    truePeak.help = "true-peak ceiling in dBTP for lufs (a look-ahead limiter, 4x oversampled)";
    peak.continuous = false;
    EffectType type{
        "Normalize",
        "effect",
        {peak, strategy, percentile, lufs, truePeak},
        "Scales the whole signal to a peak, RMS, percentile or loudness target (batch only; no mix: "
        "a blend with the input would miss the target)",
        {}};
    type.mix = MixSource::None;
    return type;
}

Normalize::Normalize(const EffectType& type) : Effect(type) {}

void Normalize::validate(double /*sampleRate*/) const
{
    if (static_cast<int>(param(Strategy)) == PercentileStrategy && param(Percentile) <= 0.0)
        fail("parameter \"percentile\" must be above 0");
}

void Normalize::doPrepare(const ProcessSpec& spec)
{
    m_channelPeak.assign(static_cast<size_t>(spec.numChannels), 0.0);
    m_gains.assign(static_cast<size_t>(spec.numChannels), 1.0);
    if (static_cast<int>(param(Strategy)) == PercentileStrategy)
        m_histogram.assign(kBins, 0);
    m_analysed = false;
}

void Normalize::beginAnalysis()
{
    std::fill(m_channelPeak.begin(), m_channelPeak.end(), 0.0);
    std::fill(m_gains.begin(), m_gains.end(), 1.0);
    std::fill(m_histogram.begin(), m_histogram.end(), 0);
    m_peak = m_sumSquares = 0.0;
    m_count = 0;
    m_analysed = false;
    if (static_cast<int>(param(Strategy)) == LufsStrategy) {
        if (!m_meter)
            fail("strategy \"lufs\" needs a loudness meter; run it through the stream processor");
        m_meter->begin(spec().sampleRate, spec().numChannels);
        m_limiter.begin(spec().numChannels, spec().sampleRate);
    }
    m_reductionDb = 0.0;
}

void Normalize::analyze(const AudioBlock& block)
{
    const bool wantHistogram = !m_histogram.empty();
    for (int c = 0; c < block.numChannels() && c < static_cast<int>(m_channelPeak.size()); ++c) {
        const float* x = block.channel(c);
        double peak = m_channelPeak[static_cast<size_t>(c)];
        double sum = 0.0;
        for (int i = 0; i < block.numFrames(); ++i) {
            const double a = std::abs(static_cast<double>(x[i]));
            peak = std::max(peak, a);
            sum += a * a;
            if (wantHistogram)
                ++m_histogram[static_cast<size_t>(binOf(a))];
        }
        m_channelPeak[static_cast<size_t>(c)] = peak;
        m_sumSquares += sum;
    }
    m_count += static_cast<uint64_t>(block.numFrames()) * static_cast<uint64_t>(block.numChannels());
    if (static_cast<int>(param(Strategy)) == LufsStrategy && m_meter) {
        m_meter->add(block);
        m_limiter.analyze(block);
    }
}

bool Normalize::limitsTruePeak() const noexcept
{
    return static_cast<int>(param(Strategy)) == LufsStrategy;
}

double Normalize::percentileValue(double p) const
{
    uint64_t total = 0;
    for (auto n : m_histogram)
        total += n;
    if (total == 0)
        return 0.0;
    // numpy's "linear" percentile picks rank p/100 * (n - 1).
    const double rank = p / 100.0 * static_cast<double>(total - 1);
    uint64_t seen = 0;
    for (int b = 0; b < kBins; ++b) {
        seen += m_histogram[static_cast<size_t>(b)];
        if (static_cast<double>(seen) > rank)
            return std::min(binValue(b), m_peak);
    }
    return m_peak;
}

void Normalize::endAnalysis()
{
    m_peak = 0.0;
    for (double p : m_channelPeak)
        m_peak = std::max(m_peak, p);
    const double target = param(Peak);
    const auto safeGain = [](double wanted, double measured) {
        return measured > 0.0 ? wanted / measured : 1.0;
    };
    double gain = 1.0;
    switch (static_cast<int>(param(Strategy))) {
    case PeakStrategy:
        gain = safeGain(target, m_peak);
        break;
    case Rms:
        gain = safeGain(target, m_count ? std::sqrt(m_sumSquares / static_cast<double>(m_count)) : 0.0);
        break;
    case PercentileStrategy:
        gain = safeGain(target, percentileValue(param(Percentile)));
        break;
    case PerChannel:
        for (size_t c = 0; c < m_gains.size(); ++c)
            m_gains[c] = safeGain(target, m_channelPeak[c]);
        m_analysed = true;
        return;
    case LufsStrategy: {
        m_lufs = m_meter ? m_meter->integratedLufs() : -INFINITY;
        gain = std::isfinite(m_lufs) && m_lufs > -70.0 ? std::pow(10.0, (param(Lufs) - m_lufs) / 20.0) : 1.0;
        // The gain reaches the loudness target; the limiter keeps the true peak at or under
        // the ceiling (and under `peak`, when that is lower), and raises the gain by what its
        // limiting takes off the loudness.
        const double ceilingDb = std::min(param(TruePeak), 20.0 * std::log10(target));
        m_reductionDb = m_limiter.plan(gain, ceilingDb);
        break;
    }
    }
    std::fill(m_gains.begin(), m_gains.end(), gain);
    m_analysed = true;
}

double Normalize::gainFor(int channel) const noexcept
{
    if (channel < 0 || channel >= static_cast<int>(m_gains.size()))
        return 1.0;
    return m_gains[static_cast<size_t>(channel)];
}

void Normalize::doProcess(AudioBlock& block) noexcept
{
    if (!m_analysed)
        return;
    if (limitsTruePeak() && m_limiter.planned()) {
        m_limiter.apply(block, m_position, gainFor(0));
        m_position += block.numFrames();
        return;
    }
    for (int c = 0; c < block.numChannels(); ++c) {
        const double g = gainFor(c);
        float* x = block.channel(c);
        for (int i = 0; i < block.numFrames(); ++i)
            x[i] = static_cast<float>(x[i] * g);
    }
}

} // namespace fxrack::dsp
