#pragma once

#include "dsp/AudioBlock.h"
#include "dsp/AudioBuffer.h"
#include "dsp/Parameter.h"
#include "dsp/ProcessSpec.h"
#include "dsp/Smoothing.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fxrack::dsp {

class Effect;

// Who mixes the dry signal back in.
//  - Base: the Effect base, through a `mix` parameter (the registry appends one when the table
//    has none), with the dry path delayed by the effect's latency;
//  - Effect: the effect's own `mix` parameter, with a meaning of its own;
//  - None: a mix would mean nothing (Normalize).
enum class MixSource { Base, Effect, None };

// What the registry knows of an effect type: its name, category and parameters.
struct EffectType {
    std::string name;
    std::string category; // "filter", "eq", "effect", "dynamics", "modulation", "drive"
    std::vector<ParamInfo> params;
    std::string help;
    std::function<std::unique_ptr<Effect>()> create;
    MixSource mix = MixSource::Base;

    int findParam(std::string_view name) const noexcept;
};

// The one shape of every effect (JUCE ProcessorBase):
//  - setParameter() validates and sets a target; any thread but the audio thread.
//  - prepare() allocates everything and may throw ParameterError (e.g. cutoff >= Nyquist).
//  - process() runs on the audio thread: noexcept, no allocation, no lock.
//  - applyParameter() is process()'s companion for live changes of an already validated
//    continuous value: audio thread, wait-free; the value ramps as its table entry declares.
//  - reset() clears state (filter memories, delay lines, envelopes) without allocating.
//
// The base owns what every effect shares (docs/architecture.md, "The parameter model"):
//  - one ramp per parameter, of the style its ParamInfo declares. Effects read smoothed values
//    (smoothed(), nextSmoothed()); an effect that returns a controlInterval() has its ramps
//    advanced by the base every that many samples, with updateControls() called after each
//    step, so coefficient redesigns follow a ramp on a fixed grid of samples;
//  - the dry/wet `mix` (MixSource::Base) and the active fade (bypass, insertion, removal),
//    both mixing against the input delayed by latencySamples(), so mix=0 and a bypassed
//    effect give the input delayed by exactly the effect's latency.
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

    // The text of a text parameter (Unit::Path); empty for the others. A text is structural: it
    // is set before prepare(), never on the audio thread.
    const std::string& text(int id) const { return m_texts.at(static_cast<size_t>(id)); }
    // Throws ParameterError when `id` is not a text parameter.
    void setText(int id, std::string text);
    void setText(std::string_view name, std::string text);

    // Throws ParameterError when the parameters cannot work at this sample rate. A rate of
    // 0 means "not known yet": check only what needs no rate (the chain builder does this).
    virtual void validate(double sampleRate) const;
    void prepare(const ProcessSpec& spec);
    // Takes the stream's spec and validates for it without allocating anything: for a copy that
    // only holds values on the control thread and never runs (spec() and latencySamples() follow).
    void adopt(const ProcessSpec& spec);
    // Audio thread: the effect, the mix and the active fade, in place. Blocks are at most the
    // prepared maxBlockSize.
    void process(AudioBlock& block) noexcept
    {
        // The common case, kept to one test and inline: active, no fade, mix 1 (or none), no
        // latency, no longer than prepared for.
        if (m_plain && block.numFrames() <= m_spec.maxBlockSize) {
            if (m_controlInterval == 0)
                doProcess(block);
            else
                renderWet(block);
            return;
        }
        processMixed(block);
    }
    // Clears the state and snaps every ramp and fade to its target.
    void reset() noexcept;

    // Audio thread, wait-free: fades the effect in or out over kActiveFadeSeconds (or jumps
    // when `immediate`). Faded out, the output is the input delayed by the latency and the
    // effect does not run; it is reset when the fade-out ends, so it comes back from silence.
    static constexpr double kActiveFadeSeconds = 0.01;
    void setActive(bool active, bool immediate = false) noexcept;
    // Audio thread, wait-free: a live slot entering (true) or leaving (false) the chain. Unlike a
    // bypass, the fade is against the input itself, so the effect's latency fades in and out with
    // it instead of jumping when the slot comes or goes; out of the chain the input passes as it
    // is. A `bypassed` slot fades its delayed input in or out the same way, and ends bypassed.
    void setPresent(bool present, bool bypassed, bool immediate = false) noexcept;
    bool isActive() const noexcept { return m_activeTarget; }
    // True once a fade-out has ended (and before any fade-in starts).
    bool isSilentlyBypassed() const noexcept { return !m_activeTarget && !m_active.isSmoothing(); }
    bool isFading() const noexcept { return m_active.isSmoothing(); }
    // The latency measured when prepared (fixed until the next prepare); any thread may read it.
    int preparedLatency() const noexcept { return m_latency; }
    // The parameter id of the base's mix, or -1 (MixSource::Effect or None).
    int mixParamId() const noexcept { return m_mixId; }

    const ProcessSpec& spec() const noexcept { return m_spec; }
    bool isPrepared() const noexcept { return m_prepared; }

    // Samples by which the output lags the input (look-ahead); 0 for most effects.
    virtual int latencySamples() const noexcept { return 0; }
    // Seconds the effect keeps sounding after its input stops (reverb, delay).
    virtual double tailSeconds() const noexcept { return 0.0; }
    // Live: cycles in which work of the effect's own threads was not ready in time and was dropped
    // (a Convolver's late zita partitions); 0 for most effects. Any thread may read it.
    virtual uint64_t lateCycles() const noexcept { return 0; }
    // Control thread, prepared live: the audio thread's real-time priority became known or changed
    // (0: not real-time). An effect with threads of its own keeps them below it.
    virtual void setAudioThreadPriority(int /*priority*/) noexcept {}

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
    // The wet signal, in place (the base mixes it with the dry one).
    virtual void doProcess(AudioBlock& block) noexcept = 0;
    virtual void doReset() noexcept = 0;
    // Audio thread, instead of doProcess() while the effect is bypassed or out of the chain: work
    // that must go on with the clock though no audio goes through (the Convolver flushes the
    // instance its last reset took out). The block is not the effect's to touch.
    virtual void doIdle(int /*frames*/) noexcept {}
    // Called after a parameter value changed; by applyParameter() on the audio thread, so
    // it must not allocate. Structural parameters only change before prepare().
    virtual void parameterChanged(int /*id*/) noexcept {}

    // Samples between control updates while a ramp runs (0: the effect reads nextSmoothed()
    // per sample instead, and the base never advances its ramps). Read once, after doPrepare().
    virtual int controlInterval() const noexcept { return 0; }
    // After the base advanced the ramps (control grid), and after prepare() and reset().
    virtual void updateControls() noexcept {}
    // The smoothed value of parameter `id` now (its target for an unsmoothed parameter).
    double smoothed(int id) const noexcept { return m_ramps[static_cast<size_t>(id)].current(); }
    // Advances the ramp of `id` by one sample and returns its value.
    double nextSmoothed(int id) noexcept { return m_ramps[static_cast<size_t>(id)].next(); }
    // n calls of nextSmoothed(id) into out (SmoothedValue::nextBlock).
    void nextSmoothedBlock(int id, double* out, int n) noexcept
    {
        m_ramps[static_cast<size_t>(id)].nextBlock(out, n);
    }
    bool isSmoothing(int id) const noexcept { return m_ramps[static_cast<size_t>(id)].isSmoothing(); }
    // While `id` ramps, advances it one sample and stores f(value) in `derived`: a coefficient or
    // factor kept while the knob rests, so a resting knob costs one branch per sample.
    template <typename F> void followSmoothed(int id, double& derived, F&& f) noexcept
    {
        if (isSmoothing(id))
            derived = f(nextSmoothed(id));
    }
    // Ends the ramp of `id` at its target now (a change that must not ramp, e.g. a filter's kind).
    void snapSmoothed(int id) noexcept { m_ramps[static_cast<size_t>(id)].setCurrentAndTarget(param(id)); }
    bool anySmoothing() const noexcept;
    // The effect's name in messages: `Gain: ...`.
    [[noreturn]] void fail(const std::string& message) const;
    // Throws when the Hz parameter `id` is at or above Nyquist for `sampleRate` (skipped at 0).
    void checkBelowNyquist(int id, double sampleRate) const;

private:
    // Keeps the ramps in step with a new value, then tells the effect.
    void valueChanged(int id) noexcept;
    void renderWet(AudioBlock& block) noexcept;
    // process() past its fast path: dry capture, mix, fade, blocks longer than prepared for.
    void processMixed(AudioBlock& block) noexcept;
    void processMixedOnce(AudioBlock& block) noexcept;
    // A presence fade of an effect with latency: against the input itself (setPresent()).
    void processPresenceFade(AudioBlock& block, bool mixing) noexcept;
    // After a fade-out ends: the effect starts from silence when it comes back.
    void clearAfterFadeOut() noexcept;
    // Recomputes m_plain after anything it depends on changed.
    void updatePlain() noexcept;
    // Writes the input into the dry delay and, when `readBack`, the delayed input into m_dry.
    void captureDry(const AudioBlock& block, bool readBack = true) noexcept;

    const EffectType* m_type;
    std::vector<double> m_values;
    std::vector<std::string> m_texts;   // one per parameter, used by text parameters only
    std::vector<SmoothedValue> m_ramps; // one per parameter
    ProcessSpec m_spec;
    bool m_prepared = false;
    int m_untilControl = 0;
    int m_controlInterval = 0; // controlInterval(), read once prepared
    // Prepared, active, not fading, mix at 1 (or none) and no latency: process() is doProcess().
    bool m_plain = false;

    int m_mixId = -1;
    SmoothedValue m_mix{SmoothedValue::Kind::Linear};
    SmoothedValue m_active{SmoothedValue::Kind::Linear};
    bool m_activeTarget = true;
    bool m_againstInput = false; // the active fade is a presence fade (setPresent)
    bool m_bypassedWet = false;  // ... of a bypassed slot: its delayed input fades, not the effect
    int m_latency = 0;
    AudioBuffer m_input;    // the undelayed input of a presence fade, when latency > 0
    AudioBuffer m_dryDelay; // latency + maxBlockSize frames per channel, when latency > 0
    int m_dryWrite = 0;
    AudioBuffer m_dry; // the dry signal of the current block
};

} // namespace fxrack::dsp
