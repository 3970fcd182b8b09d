#include "dsp/design/Response.h"

#include "dsp/Effect.h"

#include <numbers>

namespace fxrack::dsp {

std::complex<double> sosResponse(const SosCascade& cascade, double hz, double sampleRate) noexcept
{
    const double w = 2.0 * std::numbers::pi * hz / sampleRate;
    const std::complex<double> z1 = std::polar(1.0, -w); // z^-1
    const std::complex<double> z2 = z1 * z1;
    std::complex<double> h(1.0, 0.0);
    for (int i = 0; i < cascade.count; ++i) {
        const auto& s = cascade[i];
        h *= (s.b0 + s.b1 * z1 + s.b2 * z2) / (1.0 + s.a1 * z1 + s.a2 * z2);
    }
    return h;
}

std::complex<double> firResponse(std::span<const double> taps, double hz, double sampleRate) noexcept
{
    const double w = 2.0 * std::numbers::pi * hz / sampleRate;
    std::complex<double> h(0.0, 0.0);
    for (size_t k = 0; k < taps.size(); ++k)
        h += taps[k] * std::polar(1.0, -w * static_cast<double>(k));
    return h;
}

std::optional<std::complex<double>> frequencyResponse(const Effect& effect, double hz, double sampleRate)
{
    const auto* source = dynamic_cast<const FrequencyResponseSource*>(&effect);
    if (!source)
        return std::nullopt;
    auto wet = source->responseAt(hz, sampleRate);
    const int mixId = effect.mixParamId();
    if (!wet || mixId < 0 || effect.param(mixId) == 1.0)
        return wet;
    // The base's mix: the dry path is the input delayed by the effect's latency.
    const double mix = effect.param(mixId);
    const double phase = -2.0 * std::numbers::pi * hz / sampleRate * effect.latencySamples();
    return (1.0 - mix) * std::polar(1.0, phase) + mix * *wet;
}

std::optional<std::complex<double>> frequencyResponse(const Effect& effect, double hz)
{
    return frequencyResponse(effect, hz, effect.spec().sampleRate);
}

} // namespace fxrack::dsp
