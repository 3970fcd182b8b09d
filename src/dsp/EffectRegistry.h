#pragma once

#include "dsp/Effect.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fxrack::dsp {

// Makes effects from their names. builtin() holds the whole catalogue (docs/architecture.md, the parameter
// model).
class EffectRegistry {
public:
    using Factory = std::function<std::unique_ptr<Effect>(const EffectType&)>;

    static const EffectRegistry& builtin();

    void add(EffectType type, Factory factory);
    const EffectType* find(std::string_view name) const noexcept;
    std::vector<const EffectType*> types() const;
    // Throws ParameterError: unknown effect "X" (did you mean "Y"?).
    std::unique_ptr<Effect> create(std::string_view name) const;
    // The registered name closest to `name` (edit distance, case-insensitive).
    std::string nearestName(std::string_view name) const;

private:
    std::vector<std::unique_ptr<EffectType>> m_types;
};

// The whole built-in catalogue, from one table (effects/BuiltinEffects.cpp).
void registerBuiltinEffects(EffectRegistry& registry);

} // namespace fxrack::dsp
