#include "dsp/Effect.h"

#include "dsp/Errors.h"

#include <cmath>
#include <sstream>

namespace fxrack::dsp {

int EffectType::findParam(std::string_view n) const noexcept
{
    for (size_t i = 0; i < params.size(); ++i)
        if (params[i].matches(n))
            return static_cast<int>(i);
    return -1;
}

Effect::Effect(const EffectType& type) : m_type(&type)
{
    m_values.reserve(type.params.size());
    for (const auto& p : type.params)
        m_values.push_back(p.defaultValue);
}

double Effect::param(std::string_view n) const
{
    const int id = findParam(n);
    if (id < 0)
        fail("unknown parameter \"" + std::string(n) + "\"");
    return param(id);
}

void Effect::setParameter(int id, double value)
{
    if (id < 0 || id >= paramCount())
        fail("no parameter number " + std::to_string(id));
    const auto& info = paramInfo(id);
    if (auto why = info.checkValue(value); !why.empty())
        fail("parameter \"" + info.name + "\" " + why);
    m_values[static_cast<size_t>(id)] = value;
    parameterChanged(id);
}

void Effect::setParameter(std::string_view n, double value)
{
    const int id = findParam(n);
    if (id < 0)
        fail("unknown parameter \"" + std::string(n) + "\"");
    setParameter(id, value);
}

void Effect::applyParameter(int id, double value) noexcept
{
    if (id < 0 || id >= paramCount())
        return;
    m_values[static_cast<size_t>(id)] = value;
    parameterChanged(id);
}

void Effect::validate(double /*sampleRate*/) const {}

void Effect::prepare(const ProcessSpec& spec)
{
    if (spec.sampleRate <= 0.0 || spec.maxBlockSize <= 0 || spec.numChannels <= 0 ||
        spec.numChannels > kMaxChannels)
        fail("cannot be prepared for " + std::to_string(spec.numChannels) + " channels at " +
             std::to_string(spec.sampleRate) + " Hz");
    validate(spec.sampleRate);
    m_spec = spec;
    doPrepare(spec);
    m_prepared = true;
}

std::unique_ptr<Effect> Effect::clone() const
{
    auto copy = m_type->create();
    for (int i = 0; i < paramCount(); ++i)
        copy->m_values[static_cast<size_t>(i)] = m_values[static_cast<size_t>(i)];
    for (int i = 0; i < paramCount(); ++i)
        copy->parameterChanged(i);
    return copy;
}

void Effect::fail(const std::string& message) const
{
    throw ParameterError(name() + ": " + message);
}

void Effect::checkBelowNyquist(int id, double sampleRate) const
{
    if (sampleRate <= 0.0)
        return; // rate not known yet: checked again when it is
    const double hz = param(id);
    const double nyquist = sampleRate / 2.0;
    if (hz >= nyquist) {
        std::ostringstream os;
        os << "parameter \"" << paramInfo(id).name << "\" = " << hz << " Hz is at or above Nyquist ("
           << nyquist << " Hz at a sample rate of " << sampleRate << " Hz)";
        fail(os.str());
    }
}

} // namespace fxrack::dsp
