#include "dsp/TruePeakLimiter.h"

#include <algorithm>
#include <cmath>

namespace fxrack::dsp {
namespace {

// 4x interpolator: a windowed sinc (Hann), as 4 phases of kTaps taps.
struct Interpolator {
    std::array<std::array<float, TruePeakLimiter::kTaps>, 4> phase{};
    Interpolator()
    {
        constexpr int taps = 4 * TruePeakLimiter::kTaps;
        for (int n = 0; n < taps; ++n) {
            // Cut a little above Nyquist: content just under it keeps its full level (a sinc cut
            // at Nyquist halves it there and misses its peaks); what images pass only makes the
            // estimate higher, on the safe side.
            constexpr double cut = 1.1;
            const double t = (n - (taps - 1) / 2.0) / 4.0;
            const double sinc = t == 0.0 ? cut : std::sin(M_PI * cut * t) / (M_PI * t);
            const double w = 2.0 * M_PI * n / (taps - 1);
            const double window = 0.5 - 0.5 * std::cos(w); // Hann: a narrow transition for its length
            phase[static_cast<size_t>(n % 4)][static_cast<size_t>(n / 4)] = static_cast<float>(sinc * window);
        }
    }
};

const Interpolator& interpolator()
{
    static const Interpolator filter;
    return filter;
}

// Safety under the ceiling for what other meters' interpolators see between our samples:
// ffmpeg's ebur128 filter (192 kHz through swresample) reads noise-like material up to about
// 0.5 dB above libebur128 and this detector.
constexpr double kMarginDb = 0.6;

// Transposed direct form II: b0 b1 b2 a1 a2.
inline double biquad(const std::array<double, 5>& c, double& s1, double& s2, double x) noexcept
{
    const double y = c[0] * x + s1;
    s1 = c[1] * x - c[3] * y + s2;
    s2 = c[2] * x - c[4] * y;
    return y;
}

} // namespace

void TruePeakLimiter::begin(int channels, double sampleRate)
{
    m_channels = channels;
    m_sampleRate = sampleRate;
    m_blockPeak.clear();
    m_blockEnergy.clear();
    m_edgeGain.clear();
    m_history.assign(static_cast<size_t>(channels), {});
    m_kState.assign(static_cast<size_t>(channels), {});
    // BS.1770's K-weighting (a high shelf, then the RLB high-pass) at this rate, as libebur128
    // derives it, so block energies weigh frequencies as the loudness does.
    {
        double f0 = 1681.974450955533, g = 3.999843853973347, q = 0.7071752369554196;
        double k = std::tan(M_PI * f0 / sampleRate);
        const double vh = std::pow(10.0, g / 20.0), vb = std::pow(vh, 0.4996667741545416);
        double a0 = 1.0 + k / q + k * k;
        m_shelf = {(vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
                   2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
        f0 = 38.13547087602444;
        q = 0.5003270373238773;
        k = std::tan(M_PI * f0 / sampleRate);
        a0 = 1.0 + k / q + k * k;
        m_highPass = {1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
    }
    m_historyPos.assign(static_cast<size_t>(channels), 0);
    m_inBlock = 0;
    m_currentPeak = 0.0f;
    m_currentEnergy = 0.0;
}

double TruePeakLimiter::oversampledPeak(int channel, float x) noexcept
{
    auto& h = m_history[static_cast<size_t>(channel)];
    int& pos = m_historyPos[static_cast<size_t>(channel)];
    pos = (pos + kTaps - 1) % kTaps;
    h[static_cast<size_t>(pos)] = x;
    double peak = std::abs(static_cast<double>(x));
    for (const auto& taps : interpolator().phase) {
        double y = 0.0;
        for (int k = 0; k < kTaps; ++k)
            y +=
                static_cast<double>(taps[static_cast<size_t>(k)]) * h[static_cast<size_t>((pos + k) % kTaps)];
        peak = std::max(peak, std::abs(y));
    }
    return peak;
}

void TruePeakLimiter::analyze(const AudioBlock& block)
{
    const int channels = std::min(m_channels, block.numChannels());
    for (int i = 0; i < block.numFrames(); ++i) {
        for (int c = 0; c < channels; ++c) {
            const float x = block.channel(c)[i];
            m_currentPeak = std::max(m_currentPeak, static_cast<float>(oversampledPeak(c, x)));
            auto& st = m_kState[static_cast<size_t>(c)];
            const double y = biquad(m_highPass, st[2], st[3], biquad(m_shelf, st[0], st[1], x));
            m_currentEnergy += y * y;
        }
        if (++m_inBlock == kBlock) {
            m_blockPeak.push_back(m_currentPeak);
            m_blockEnergy.push_back(static_cast<float>(m_currentEnergy));
            m_inBlock = 0;
            m_currentPeak = 0.0f;
            m_currentEnergy = 0.0;
        }
    }
}

double TruePeakLimiter::plan(double& gain, double ceilingDb)
{
    if (m_inBlock > 0) {
        m_blockPeak.push_back(m_currentPeak);
        m_blockEnergy.push_back(static_cast<float>(m_currentEnergy));
        m_inBlock = 0;
        m_currentPeak = 0.0f;
        m_currentEnergy = 0.0;
    }
    double total = 0.0;
    for (float e : m_blockEnergy)
        total += e;
    double reduction = planOnce(gain, ceilingDb);
    if (reduction <= 0.0 || total <= 0.0)
        return reduction;
    // Give back the loudness the limiting took: find the gain whose limited output measures as
    // loud as the unlimited one would. Measured here as BS.1770 gates it (400 ms windows every
    // 100 ms, -70 LUFS absolute and -10 LU relative gates) on the blocks' K-weighted energies.
    // Louder with more gain, so bisect (in dB, up to +20 dB).
    const double unlimited = gatedLoudness(gain, false);
    double lo = 0.0, hi = 20.0; // dB over `gain`
    auto loudnessAt = [&](double db) {
        planOnce(gain * std::pow(10.0, db / 20.0), ceilingDb);
        return gatedLoudness(gain * std::pow(10.0, db / 20.0), true);
    };
    if (loudnessAt(hi) > unlimited) {
        for (int i = 0; i < 24; ++i) {
            const double mid = 0.5 * (lo + hi);
            (loudnessAt(mid) < unlimited ? lo : hi) = mid;
        }
    } else {
        lo = hi;
    }
    gain *= std::pow(10.0, lo / 20.0);
    return planOnce(gain, ceilingDb);
}

double TruePeakLimiter::gatedLoudness(double gain, bool limited) const
{
    const size_t n = m_blockEnergy.size();
    const double blocksPerSecond = m_sampleRate / kBlock;
    const size_t window = std::max<size_t>(1, static_cast<size_t>(std::lround(0.4 * blocksPerSecond)));
    const size_t step = std::max<size_t>(1, static_cast<size_t>(std::lround(0.1 * blocksPerSecond)));
    std::vector<double> z;
    for (size_t start = 0; start == 0 || start + window <= n; start += step) {
        const size_t end = std::min(n, start + window);
        double sum = 0.0;
        for (size_t b = start; b < end; ++b) {
            const double e = limited ? 0.5 * (m_edgeGain[b] + m_edgeGain[b + 1]) : 1.0;
            sum += m_blockEnergy[b] * e * e;
        }
        z.push_back(gain * gain * sum / (static_cast<double>(end - start) * kBlock));
        if (end == n)
            break;
    }
    auto lufs = [](double ms) { return -0.691 + 10.0 * std::log10(std::max(ms, 1e-30)); };
    double mean = 0.0;
    size_t count = 0;
    for (double v : z)
        if (lufs(v) > -70.0) {
            mean += v;
            ++count;
        }
    if (count == 0)
        return -70.0;
    const double relative = lufs(mean / static_cast<double>(count)) - 10.0;
    mean = 0.0;
    count = 0;
    for (double v : z)
        if (lufs(v) > -70.0 && lufs(v) > relative) {
            mean += v;
            ++count;
        }
    return count ? lufs(mean / static_cast<double>(count)) : -70.0;
}

double TruePeakLimiter::planOnce(double gain, double ceilingDb)
{
    const size_t n = m_blockPeak.size();
    // Required gain per block in dB (<= 0), widened by a block each side: the interpolator
    // (ours or any meter's) sees a few samples around each one.
    const double ceiling = ceilingDb - kMarginDb;
    std::vector<double> need(n, 0.0);
    for (size_t b = 0; b < n; ++b) {
        const double peakDb = 20.0 * std::log10(std::max(1e-12, gain * m_blockPeak[b]));
        need[b] = std::min(0.0, ceiling - peakDb);
    }
    std::vector<double> env(n, 0.0);
    for (size_t b = 0; b < n; ++b) {
        double v = need[b];
        if (b > 0)
            v = std::min(v, need[b - 1]);
        if (b + 1 < n)
            v = std::min(v, need[b + 1]);
        env[b] = v;
    }
    const double blockSeconds = kBlock / m_sampleRate;
    const double attackDb = 20.0 * blockSeconds / 0.005; // 20 dB in 5 ms, before the peak
    const double releaseDb = 100.0 * blockSeconds;       // 100 dB per second, after it
    for (size_t b = n; b-- > 1;)
        env[b - 1] = std::min(env[b - 1], env[b] + attackDb);
    for (size_t b = 1; b < n; ++b)
        env[b] = std::min(env[b], env[b - 1] + releaseDb);
    double deepest = 0.0;
    m_edgeGain.assign(n + 1, 1.0f);
    for (size_t k = 0; k <= n; ++k) {
        double db = 0.0;
        if (k > 0)
            db = std::min(db, env[k - 1]);
        if (k < n)
            db = std::min(db, env[k]);
        deepest = std::min(deepest, db);
        m_edgeGain[k] = static_cast<float>(std::pow(10.0, db / 20.0));
    }
    return -deepest;
}

void TruePeakLimiter::apply(AudioBlock& block, int64_t position, double gain) const noexcept
{
    const int64_t edges = static_cast<int64_t>(m_edgeGain.size());
    for (int i = 0; i < block.numFrames(); ++i) {
        const int64_t at = position + i;
        const int64_t b = std::min(at / kBlock, edges - 2);
        const double frac = static_cast<double>(at - b * kBlock) / kBlock;
        const double e0 = m_edgeGain[static_cast<size_t>(std::max<int64_t>(b, 0))];
        const double e1 = m_edgeGain[static_cast<size_t>(std::max<int64_t>(std::min(b + 1, edges - 1), 0))];
        const double g = gain * (e0 + (e1 - e0) * std::min(frac, 1.0));
        for (int c = 0; c < block.numChannels(); ++c)
            block.channel(c)[i] = static_cast<float>(block.channel(c)[i] * g);
    }
}

} // namespace fxrack::dsp
