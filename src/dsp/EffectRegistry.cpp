#include "dsp/EffectRegistry.h"

#include "dsp/Errors.h"

#include <algorithm>
#include <cctype>

namespace fxrack::dsp {
namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

size_t editDistance(const std::string& a, const std::string& b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

const EffectRegistry& EffectRegistry::builtin()
{
    static const EffectRegistry registry = [] {
        EffectRegistry r;
        registerBuiltinEffects(r);
        return r;
    }();
    return registry;
}

void EffectRegistry::add(EffectType type, Factory factory)
{
    // Every effect whose base mixes gets `mix`, last, so the ids of its own parameters stay.
    if (type.mix == MixSource::Base && type.findParam("mix") < 0)
        type.params.push_back(mixParam());
    auto owned = std::make_unique<EffectType>(std::move(type));
    const EffectType* stable = owned.get();
    owned->create = [stable, factory = std::move(factory)] { return factory(*stable); };
    m_types.push_back(std::move(owned));
}

const EffectType* EffectRegistry::find(std::string_view name) const noexcept
{
    for (const auto& t : m_types)
        if (t->name == name)
            return t.get();
    return nullptr;
}

std::vector<const EffectType*> EffectRegistry::types() const
{
    std::vector<const EffectType*> out;
    for (const auto& t : m_types)
        out.push_back(t.get());
    return out;
}

std::unique_ptr<Effect> EffectRegistry::create(std::string_view name) const
{
    if (const auto* type = find(name))
        return type->create();
    std::string message = "unknown effect \"" + std::string(name) + "\"";
    if (const auto nearest = nearestName(name); !nearest.empty())
        message += " (did you mean \"" + nearest + "\"?)";
    throw ParameterError(message);
}

std::string EffectRegistry::nearestName(std::string_view name) const
{
    const auto wanted = lower(name);
    std::string best;
    size_t bestDistance = std::max<size_t>(3, wanted.size() / 2) + 1;
    for (const auto& t : m_types) {
        const auto candidate = lower(t->name);
        size_t d = editDistance(wanted, candidate);
        // A prefix or a differently cased name is a near miss whatever its length.
        if (candidate.starts_with(wanted) || wanted.starts_with(candidate))
            d = std::min<size_t>(d, 1);
        if (d < bestDistance) {
            bestDistance = d;
            best = t->name;
        }
    }
    return best;
}

} // namespace fxrack::dsp
