#include "dsp/RateLimits.h"

#include "dsp/Effect.h"
#include "dsp/Errors.h"

#include <algorithm>
#include <cmath>

namespace fxrack::dsp {
namespace {

constexpr int kSearchSteps = 60; // halvings: far below any value a knob can show

// The largest value below `limit` with four significant digits (23990 below 24000).
double roundedBelow(double limit)
{
    if (limit <= 0.0)
        return limit;
    const double step = std::pow(10.0, std::floor(std::log10(limit)) - 3.0);
    double value = std::floor(limit / step) * step;
    if (value >= limit)
        value -= step;
    return value;
}

// A copy of the effect whose parameter `id` is tried at candidate values.
class Probe {
public:
    Probe(const Effect& effect, int id, double rate) : m_effect(effect.clone()), m_id(id), m_rate(rate) {}

    bool accepts(double value)
    {
        try {
            m_effect->setParameter(m_id, value);
            m_effect->validate(m_rate);
            return true;
        } catch (const ParameterError&) {
            return false;
        }
    }

private:
    std::unique_ptr<Effect> m_effect;
    int m_id;
    double m_rate;
};

} // namespace

bool isRateBound(const ParamInfo& info) noexcept
{
    return info.unit == Unit::Hz;
}

double highestValid(const Effect& effect, int id, double sampleRate)
{
    const ParamInfo& info = effect.paramInfo(id);
    if (!isRateBound(info) || sampleRate <= 0.0)
        return info.maxValue;
    const double top = std::min(info.maxValue, sampleRate / 2.0);
    Probe probe(effect, id, sampleRate);
    if (probe.accepts(top))
        return top; // no margin needed (an LFO rate), or a maximum below Nyquist
    // A value known to be accepted: the current one, else the minimum. With neither the effect
    // is refused for another reason whatever this value is; the Nyquist margin is all we know.
    double low = effect.param(id);
    if (low > top || !probe.accepts(low)) {
        low = info.minValue;
        if (!probe.accepts(low))
            return std::max(info.minValue, roundedBelow(top));
    }
    const double known = low;
    double high = top;
    for (int i = 0; i < kSearchSteps && high - low > 0.0; ++i) {
        const double mid = low + (high - low) / 2.0;
        if (mid <= low || mid >= high)
            break;
        (probe.accepts(mid) ? low : high) = mid;
    }
    const double rounded = roundedBelow(high);
    return rounded >= known && probe.accepts(rounded) ? rounded : low;
}

} // namespace fxrack::dsp
