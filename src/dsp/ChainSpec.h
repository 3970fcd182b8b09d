#pragma once

#include "dsp/EffectChain.h"
#include "dsp/EffectRegistry.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fxrack::dsp {

// One effect of a parsed chain spec: its type and the parameters given (by canonical name).
struct EffectSpec {
    // A constructor rather than an aggregate, so `EffectSpec{type, params}` leaves the texts empty
    // without a missing-initializer warning.
    EffectSpec(std::string t = {}, std::vector<std::pair<std::string, double>> p = {},
               std::vector<std::pair<std::string, std::string>> x = {})
        : type(std::move(t)), params(std::move(p)), texts(std::move(x))
    {}

    std::string type;
    std::vector<std::pair<std::string, double>> params;
    // Text parameters (Unit::Path) given, by canonical name: `ir="cab.wav"`.
    std::vector<std::pair<std::string, std::string>> texts;
};

// Parses the chain language (docs/architecture.md, the command line): `Name(args) | Name(args)`, positional
// arguments in the catalogue's order or name=value, strings quoted ('...' or "...", the quote doubled inside
// for itself) or bare (a path as written, even one that looks like a number), booleans true/false, a two-value
// list [a, b] for a band. Throws ParameterError naming the column, the effect and the parameter at fault
// (unknown effects get the nearest name as a suggestion).
std::vector<EffectSpec> parseChainSpec(std::string_view text,
                                       const EffectRegistry& registry = EffectRegistry::builtin());

// Builds an unprepared chain; values are validated against the metadata.
EffectChain buildChain(const std::vector<EffectSpec>& specs,
                       const EffectRegistry& registry = EffectRegistry::builtin());
inline EffectChain parseChain(std::string_view text,
                              const EffectRegistry& registry = EffectRegistry::builtin())
{
    return buildChain(parseChainSpec(text, registry), registry);
}

// Writes a chain back in the chain language (every parameter by name): parse(format(c)) == c.
std::string formatChain(const EffectChain& chain);

} // namespace fxrack::dsp
