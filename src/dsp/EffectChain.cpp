#include "dsp/EffectChain.h"

#include "dsp/Errors.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace fxrack::dsp {

void EffectChain::add(std::unique_ptr<Effect> effect)
{
    m_slots.push_back({std::move(effect), false});
}

void EffectChain::insert(int index, std::unique_ptr<Effect> effect)
{
    index = std::clamp(index, 0, size());
    m_slots.insert(m_slots.begin() + index, Slot{std::move(effect), false});
}

std::unique_ptr<Effect> EffectChain::remove(int index)
{
    auto effect = std::move(m_slots.at(static_cast<size_t>(index)).effect);
    m_slots.erase(m_slots.begin() + index);
    return effect;
}

void EffectChain::move(int from, int to)
{
    auto slot = std::move(m_slots.at(static_cast<size_t>(from)));
    m_slots.erase(m_slots.begin() + from);
    to = std::clamp(to, 0, size());
    m_slots.insert(m_slots.begin() + to, std::move(slot));
}

void EffectChain::setBypassed(int index, bool bypassed) noexcept
{
    if (index >= 0 && index < size())
        m_slots[static_cast<size_t>(index)].bypassed = bypassed;
}

void EffectChain::validate(double sampleRate) const
{
    for (int i = 0; i < size(); ++i) {
        try {
            at(i).validate(sampleRate);
        } catch (const ParameterError& e) {
            throw ParameterError("effect " + std::to_string(i) + " (" + e.what() + ")");
        }
    }
}

void EffectChain::prepare(const ProcessSpec& spec)
{
    validate(spec.sampleRate);
    for (size_t i = 0; i < m_slots.size(); ++i) {
        try {
            m_slots[i].effect->prepare(spec);
        } catch (const ImpulseResponseError& e) {
            throw e.inSlot(m_slots[i].effect->name(), static_cast<int>(i));
        }
    }
    m_spec = spec;
}

void EffectChain::adopt(const ProcessSpec& spec)
{
    validate(spec.sampleRate);
    for (auto& slot : m_slots)
        slot.effect->adopt(spec);
    m_spec = spec;
}

void EffectChain::process(AudioBlock& block) noexcept
{
    for (auto& slot : m_slots)
        if (!slot.bypassed)
            slot.effect->process(block);
}

void EffectChain::processRange(AudioBlock& block, int first, int last) noexcept
{
    last = std::min(last, size());
    for (int i = std::max(0, first); i < last; ++i)
        if (!m_slots[static_cast<size_t>(i)].bypassed)
            m_slots[static_cast<size_t>(i)].effect->process(block);
}

void EffectChain::reset() noexcept
{
    for (auto& slot : m_slots)
        slot.effect->reset();
}

int EffectChain::latencySamples() const noexcept
{
    int total = 0;
    for (const auto& slot : m_slots)
        if (!slot.bypassed)
            total += slot.effect->latencySamples();
    return total;
}

double EffectChain::tailSeconds() const noexcept
{
    double total = 0.0;
    for (const auto& slot : m_slots)
        total += slot.effect->tailSeconds();
    return total;
}

bool EffectChain::needsAnalysis() const noexcept
{
    return std::any_of(m_slots.begin(), m_slots.end(),
                       [](const Slot& s) { return s.effect->needsAnalysis(); });
}

ParamAddress EffectChain::resolve(std::string_view path) const
{
    const auto dot = path.find('.');
    const auto bad = [&](const std::string& why) {
        return ParameterError("parameter path \"" + std::string(path) + "\": " + why);
    };
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == path.size())
        throw bad("expected \"<effect index>.<parameter name>\", e.g. \"0.cutoff\"");
    int slot = -1;
    const auto* first = path.data();
    const auto [end, ec] = std::from_chars(first, first + dot, slot);
    if (ec != std::errc() || end != first + dot)
        throw bad("\"" + std::string(path.substr(0, dot)) + "\" is not an effect index");
    if (slot < 0 || slot >= size())
        throw bad("no effect at index " + std::to_string(slot) + " (the chain has " + std::to_string(size()) +
                  " effects)");
    const auto name = path.substr(dot + 1);
    const int id = at(slot).findParam(name);
    if (id < 0) {
        std::string known;
        for (const auto& p : at(slot).type().params)
            known += (known.empty() ? "" : ", ") + p.name;
        throw bad(at(slot).name() + " has no parameter \"" + std::string(name) + "\" (it has " + known + ")");
    }
    return {slot, id};
}

EffectChain EffectChain::clone() const
{
    EffectChain copy;
    for (const auto& slot : m_slots)
        copy.m_slots.push_back({slot.effect->clone(), slot.bypassed});
    return copy;
}

} // namespace fxrack::dsp
