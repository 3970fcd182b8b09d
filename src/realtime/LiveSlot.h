#pragma once

#include "dsp/Effect.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace fxrack::realtime {

// One effect instance of the live rack, with its control cells. Every plan (LiveChain) the
// effect is part of points to the same LiveSlot, so an edit of another slot leaves this one's
// state alone: reverb tails, delay echoes, envelopes, LFO phases and ramp positions.
//
// Made and prepared on the control thread, shared between plans through shared_ptr by the
// control thread only (the audio thread sees raw pointers and never touches a reference count),
// and freed on the control thread when the last plan holding it is retired.
class LiveSlot {
public:
    // Control thread: `effect` is prepared. An `entering` slot starts faded out, so that the
    // plan that brings it can fade it in; otherwise it starts as `bypassed` says, at once.
    LiveSlot(std::unique_ptr<dsp::Effect> effect, bool bypassed, bool entering);
    LiveSlot(const LiveSlot&) = delete;
    LiveSlot& operator=(const LiveSlot&) = delete;

    // Control thread: which rack slot this instance plays. A rebuild of the slot (a structural
    // change, a new IR) keeps the key, so a load on the loader thread finds its slot after moves.
    uint64_t key() const noexcept { return m_key; }
    void setKey(uint64_t key) noexcept { m_key = key; }

    // Control thread, before any plan the audio thread took holds it: out of the chain, as an
    // entering slot starts (a replacement whose old instance never ran fades in instead).
    void startOutside() noexcept;

    dsp::Effect& effect() noexcept { return *m_effect; }
    const dsp::Effect& effect() const noexcept { return *m_effect; }

    // Control thread, wait-free: the latest value of a parameter, while an earlier one waits in
    // the command queue or the queue is full (isQueued() says how the processor chooses). The
    // sequence number keeps an older value from landing after a newer one.
    void post(int paramId, double value, uint64_t sequence) noexcept;
    // Control thread: a posted value the audio thread has not taken yet.
    bool hasPosted(int paramId) const noexcept;
    // Control thread: whether a value of `paramId` waits in the command queue. The processor sends
    // a parameter's first value since the audio thread last took one through the queue (in order
    // with the edits around it) and every later one through the cell, so however many values
    // arrive between two callbacks, the audio thread applies only the latest.
    bool isQueued(int paramId) const noexcept;
    void setQueued(int paramId, bool queued) noexcept;

    // Audio thread, wait-free: applies `value` unless a newer one (by sequence) already landed.
    void apply(int paramId, double value, uint64_t sequence) noexcept;
    // Audio thread, wait-free: a queued value, popped. It is skipped when a newer one waits in the
    // cell (applyPosted() applies that one), so a parameter costs one change a callback at most.
    void applyQueued(int paramId, double value, uint64_t sequence) noexcept;
    // Audio thread, wait-free: applies the posted values.
    void applyPosted() noexcept;
    // Audio thread, wait-free: the performer's bypass. It fades, unless a move or a removal holds
    // the slot faded out: then it takes effect when the slot fades in (at its new place), if ever.
    void setBypassed(bool bypassed, bool immediate) noexcept;
    bool isBypassed() const noexcept { return m_bypassed; }
    // Audio thread: the slot enters or leaves the chain, fading against the input itself, so an
    // effect's latency comes and goes with the fade (Effect::setPresent).
    void enter(bool immediate) noexcept;
    void leave(bool immediate) noexcept;
    // Audio thread: the effect's late cycles (Effect::lateCycles()) since the last call, for the
    // processor's running sum, which thus keeps those of instances that left the rack.
    uint64_t takeLateCycles() noexcept;
    // Audio thread: a move fades the slot out (true) and back in at its new place (false).
    void setMoving(bool moving, bool immediate) noexcept;

private:
    std::unique_ptr<dsp::Effect> m_effect;
    uint64_t m_key = 0;
    // Control -> audio latest values.
    std::unique_ptr<std::atomic<double>[]> m_posted;
    std::unique_ptr<std::atomic<uint64_t>[]> m_postedSequence;
    std::unique_ptr<std::atomic<bool>[]> m_postedDirty;
    std::unique_ptr<std::atomic<bool>[]> m_queued; // set by the control thread, cleared by the audio one
    std::atomic<bool> m_anyPosted{false};
    // Audio side.
    std::vector<uint64_t> m_appliedSequence;
    bool m_bypassed = false;
    bool m_moving = false;
    bool m_outside = false; // out of the chain (entering, or after leave()) until enter()
    uint64_t m_lateSeen = 0;
};

} // namespace fxrack::realtime
