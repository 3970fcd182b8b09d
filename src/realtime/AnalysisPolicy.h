#pragma once

#include "dsp/EffectChain.h"
#include "dsp/EffectRegistry.h"
#include "realtime/RealtimeProcessor.h"

#include <string>
#include <vector>

namespace fxrack::realtime {

// Applies ProcessorOptions::analysisEffects to a chain about to go live (control thread).
// With PassBy, each effect that needs the whole signal (Normalize) is replaced by a bypassed
// unity Gain in the same slot, so parameter commands still reach the right effect, and its
// name is returned for the user to be told. With Refuse nothing changes and nothing is
// returned: the processor then refuses the chain with a ParameterError naming the effect.
std::vector<std::string>
applyAnalysisPolicy(dsp::EffectChain& chain, const ProcessorOptions& options,
                    const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin());

} // namespace fxrack::realtime
