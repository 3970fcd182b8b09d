#pragma once

#include "dsp/AudioBlock.h"
#include "dsp/Parameter.h"
#include "dsp/ProcessSpec.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fxrack::dsp {

class Effect;

// What the registry knows of an effect type: its name, category and parameters.
struct EffectType {
    std::string name;
    std::string category; // "filter", "eq", "effect", "dynamics", "modulation", "drive"
    std::vector<ParamInfo> params;
    std::string help;
    std::function<std::unique_ptr<Effect>()> create;

    int findParam(std::string_view name) const noexcept;
};

// The one shape of every effect (JUCE ProcessorBase):
//  - setParameter() validates and sets a target; any thread but the audio thread.
//  - prepare() allocates everything and may throw ParameterError (e.g. cutoff >= Nyquist).
//  - process() runs on the audio thread: noexcept, no allocation, no lock.
//  - applyParameter() is process()'s companion for live changes of an already validated
//    continuous value: audio thread, wait-free; the effect ramps towards it.
//  - reset() clears state (filter memories, delay lines, envelopes) without allocating.
class Effect {
public:
    explicit Effect(const EffectType& type);
    virtual ~Effect() = default;
    Effect(const Effect&) = delete;
    Effect& operator=(const Effect&) = delete;

    const EffectType& type() const noexcept { return *m_type; }
    const std::string& name() const noexcept { return m_type->name; }
    int paramCount() const noexcept { return static_cast<int>(m_values.size()); }
    const ParamInfo& paramInfo(int id) const { return m_type->params.at(static_cast<size_t>(id)); }
    int findParam(std::string_view name) const noexcept { return m_type->findParam(name); }
    double param(int id) const noexcept { return m_values[static_cast<size_t>(id)]; }
    double param(std::string_view name) const;

    // Validates the value against the metadata (throws ParameterError naming effect and
    // parameter) and stores it. Not for the audio thread.
    void setParameter(int id, double value);
    void setParameter(std::string_view name, double value);
    // Audio thread, wait-free: the value was validated where it was sent from.
    void applyParameter(int id, double value) noexcept;

    // Throws ParameterError when the parameters cannot work at this sample rate. A rate of
    // 0 means "not known yet": check only what needs no rate (the chain builder does this).
    virtual void validate(double sampleRate) const;
    void prepare(const ProcessSpec& spec);
    virtual void process(AudioBlock& block) noexcept = 0;
    virtual void reset() noexcept = 0;

    const ProcessSpec& spec() const noexcept { return m_spec; }
    bool isPrepared() const noexcept { return m_prepared; }

    // Samples by which the output lags the input (look-ahead); 0 for most effects.
    virtual int latencySamples() const noexcept { return 0; }
    // Seconds the effect keeps sounding after its input stops (reverb, delay).
    virtual double tailSeconds() const noexcept { return 0.0; }

    // Effects whose gain comes from the whole signal (Normalize) are analysed in a
    // first pass before the processing pass; they cannot run live.
    virtual bool needsAnalysis() const noexcept { return false; }
    virtual void beginAnalysis() {}
    virtual void analyze(const AudioBlock& /*block*/) {}
    virtual void endAnalysis() {}

    // A new effect of the same type with the same parameter values (not prepared).
    std::unique_ptr<Effect> clone() const;

protected:
    virtual void doPrepare(const ProcessSpec& spec) = 0;
    // Called after a parameter value changed; by applyParameter() on the audio thread, so
    // it must not allocate. Structural parameters only change before prepare().
    virtual void parameterChanged(int /*id*/) noexcept {}
    // The effect's name in messages: `Gain: ...`.
    [[noreturn]] void fail(const std::string& message) const;
    // Throws when the Hz parameter `id` is at or above Nyquist for `sampleRate` (skipped at 0).
    void checkBelowNyquist(int id, double sampleRate) const;

private:
    const EffectType* m_type;
    std::vector<double> m_values;
    ProcessSpec m_spec;
    bool m_prepared = false;
};

} // namespace fxrack::dsp
