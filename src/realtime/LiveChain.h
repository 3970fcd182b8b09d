#pragma once

#include "dsp/AudioBuffer.h"
#include "dsp/EffectChain.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace fxrack::realtime {

// A prepared effect chain as the audio thread runs it, with what live control needs:
//  - a flat table of "latest value" cells, one per (slot, parameter), that the control thread
//    writes when the command queue is full (coalescing: the latest value wins);
//  - an audio-side pending table, so a burst of changes to one parameter is applied once;
//  - per-slot bypass crossfades (10 ms), so bypassing never clicks.
// Built and prepared on the control thread (the only allocations), run on the audio thread,
// handed back through the retire queue and freed on the control thread.
class LiveChain {
public:
    static constexpr double kBypassFadeSeconds = 0.01;

    // Control thread: prepares `chain` for spec (throws ParameterError) and sizes everything.
    LiveChain(dsp::EffectChain chain, const dsp::ProcessSpec& spec, uint32_t generation);

    uint32_t generation() const noexcept { return m_generation; }
    const dsp::EffectChain& chain() const noexcept { return m_chain; }
    // -1 when out of range.
    int flatIndex(int slot, int paramId) const noexcept;

    // Control thread, wait-free: the latest value of a parameter, for when the queue is full.
    void postLatest(int flat, double value) noexcept;
    // Control thread: a posted value the audio thread has not taken yet.
    bool hasPosted(int flat) const noexcept;

    // Audio thread, wait-free: remember a value from the queue (applied by applyPending).
    void queueValue(int flat, double value) noexcept;
    // Audio thread, wait-free: applies queued and posted values once each; returns how many.
    int applyPending() noexcept;
    // Audio thread, wait-free.
    void setBypass(int slot, bool bypassed) noexcept;
    // Audio thread, wait-free: runs the chain in place with bypass crossfades.
    void process(dsp::AudioBlock& block) noexcept;
    void reset() noexcept;

private:
    dsp::EffectChain m_chain;
    uint32_t m_generation;
    std::vector<int> m_base;    // first flat index of each slot
    std::vector<int> m_slotOf;  // flat -> slot
    std::vector<int> m_paramOf; // flat -> parameter id
    // Control -> audio latest values.
    std::unique_ptr<std::atomic<double>[]> m_posted;
    std::unique_ptr<std::atomic<bool>[]> m_postedDirty;
    std::atomic<bool> m_anyPosted{false};
    // Audio-side pending values.
    std::vector<double> m_pending;
    std::vector<uint8_t> m_pendingDirty;
    std::vector<int> m_dirtyList;
    int m_dirtyCount = 0;
    // Bypass crossfades: wet share per slot and its target.
    std::vector<float> m_wet;
    std::vector<float> m_wetTarget;
    float m_fadeStep = 0.0f;
    dsp::AudioBuffer m_dry;
};

} // namespace fxrack::realtime
