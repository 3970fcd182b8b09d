#include "realtime/AnalysisPolicy.h"

namespace fxrack::realtime {

std::vector<std::string> applyAnalysisPolicy(dsp::EffectChain& chain, const ProcessorOptions& options,
                                             const dsp::EffectRegistry& registry)
{
    std::vector<std::string> passedBy;
    if (options.analysisEffects != AnalysisEffects::PassBy)
        return passedBy;
    for (int i = 0; i < chain.size(); ++i) {
        if (!chain.at(i).needsAnalysis())
            continue;
        passedBy.push_back(chain.at(i).name());
        chain.remove(i);
        chain.insert(i, registry.create("Gain"));
        chain.setBypassed(i, true);
    }
    return passedBy;
}

} // namespace fxrack::realtime
