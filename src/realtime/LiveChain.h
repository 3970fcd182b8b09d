#pragma once

#include "dsp/AudioBuffer.h"
#include "realtime/LiveSlot.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace fxrack::realtime {

// One plan of the live rack: the order in which the audio thread runs the slots, and how this
// plan takes over from the one before it (docs/architecture.md, "Live edits"). Edits build a new
// plan over the same LiveSlot instances, so only the slot an edit names changes:
//  - an inserted slot fades in (the Effect base's active fade, 10 ms);
//  - a removed slot stays in the plan, fades out, and is skipped once silent;
//  - a moved slot fades out where it was, then fades in at its new place;
//  - a replaced slot (a structural parameter change) crossfades from the old instance.
// Built on the control thread (the only allocations), run on the audio thread, handed back
// through the retire queue and freed on the control thread, dropping its slot references there.
class LiveChain {
public:
    static constexpr double kCrossfadeSeconds = dsp::Effect::kActiveFadeSeconds;

    // Control thread.
    LiveChain(const dsp::ProcessSpec& spec, uint32_t generation);
    uint32_t generation() const noexcept { return m_generation; }

    // Control thread, while building.
    void add(std::shared_ptr<LiveSlot> slot);
    void addEntering(std::shared_ptr<LiveSlot> slot);
    void addLeaving(std::shared_ptr<LiveSlot> slot);
    void addReplacement(std::shared_ptr<LiveSlot> slot, std::shared_ptr<LiveSlot> outgoing);
    // A move: the slot fades out where addMovedOut() puts it, then fades in where addMovedIn()
    // puts it (either may come first).
    void addMovedOut(std::shared_ptr<LiveSlot> slot);
    void addMovedIn(std::shared_ptr<LiveSlot> slot);

    // Audio thread (or the control thread while no audio thread runs), wait-free.
    // Starts this plan's transitions; `immediate` completes them at once (no stream is running).
    void begin(bool immediate) noexcept;
    // True while a removal, a move or a crossfade is under way: the next plan waits for it.
    bool inTransition() const noexcept;
    // Samples by which the slots now in the chain delay the signal.
    int latencySamples() const noexcept;
    void applyPosted() noexcept;
    void process(dsp::AudioBlock& block) noexcept;
    // Late cycles of the plan's effects since the last call (LiveSlot::takeLateCycles()).
    uint64_t takeLateCycles() noexcept;
    // Clears the state of every effect (after a NaN), keeping the plan.
    void reset() noexcept;

    // Control thread.
    int size() const noexcept { return static_cast<int>(m_entries.size()); }

private:
    enum class Phase : uint8_t { Active, Leaving, MovingOut, Waiting, Gone };
    struct Entry {
        LiveSlot* slot = nullptr;
        LiveSlot* outgoing = nullptr; // a replacement crossfades from this one
        Phase phase = Phase::Active;
        bool entering = false;
        int twin = -1; // Waiting: the MovingOut entry of the same slot
        int crossfadePos = 0;
        int crossfadeDelay = 0; // a replacement: the new instance's latency
    };

    void runCrossfade(Entry& entry, dsp::AudioBlock& block) noexcept;
    void linkMove(int added);

    std::vector<std::shared_ptr<LiveSlot>> m_owned; // every slot the entries point to
    std::vector<Entry> m_entries;
    uint32_t m_generation;
    int m_crossfadeLength = 480;
    dsp::AudioBuffer m_scratch;
};

} // namespace fxrack::realtime
