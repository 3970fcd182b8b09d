#pragma once

#include "dsp/AudioBlock.h"
#include "dsp/Effect.h"

#include <memory>
#include <string_view>
#include <vector>

namespace fxrack::dsp {

// A parameter path "<index>.<name>" resolved to numbers the audio thread can use.
struct ParamAddress {
    int slot = -1;
    int paramId = -1;
};

// An ordered list of effects run one after the other in place. Built and prepared off
// the audio thread; process() is noexcept and allocation-free.
class EffectChain {
public:
    EffectChain() = default;
    EffectChain(EffectChain&&) = default;
    EffectChain& operator=(EffectChain&&) = default;

    void add(std::unique_ptr<Effect> effect);
    void insert(int index, std::unique_ptr<Effect> effect);
    std::unique_ptr<Effect> remove(int index);
    void move(int from, int to);

    int size() const noexcept { return static_cast<int>(m_slots.size()); }
    bool empty() const noexcept { return m_slots.empty(); }
    Effect& at(int index) const { return *m_slots.at(static_cast<size_t>(index)).effect; }
    bool isBypassed(int index) const { return m_slots.at(static_cast<size_t>(index)).bypassed; }
    // Audio thread safe (a flag); a click-free bypass crossfade is the real-time layer's job.
    void setBypassed(int index, bool bypassed) noexcept;

    // Validates every effect for the rate (ParameterError naming the slot) and prepares it.
    void validate(double sampleRate) const;
    void prepare(const ProcessSpec& spec);
    // Validates and hands every effect the spec without allocating (Effect::adopt).
    void adopt(const ProcessSpec& spec);
    void process(AudioBlock& block) noexcept;
    // Runs slots [first, last) only: a chain split across threads runs each part on its own.
    void processRange(AudioBlock& block, int first, int last) noexcept;
    void reset() noexcept;
    const ProcessSpec& spec() const noexcept { return m_spec; }

    int latencySamples() const noexcept;
    double tailSeconds() const noexcept;
    bool needsAnalysis() const noexcept;

    // "0.cutoff" -> {0, id of cutoff}. Throws ParameterError naming the path.
    ParamAddress resolve(std::string_view path) const;
    // A deep copy with the same parameters and bypass flags, not prepared.
    EffectChain clone() const;

private:
    struct Slot {
        std::unique_ptr<Effect> effect;
        bool bypassed = false;
    };
    std::vector<Slot> m_slots;
    ProcessSpec m_spec;
};

} // namespace fxrack::dsp
