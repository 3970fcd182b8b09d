#pragma once

#include "midi/MidiEvent.h"
#include "midi/MidiMapping.h"
#include "midi/MidiTargets.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fxrack::midi {

// Throws MappingError (the spec `text` and the part at fault) when the slot `spec` names is not
// in a rack of `slots` effects, or `effect`, the one at that slot, lacks the target's parameter.
// Global targets always exist. The CLI's --map and the app's mapping table check with it.
void checkSpecTarget(const MappingSpec& spec, std::string_view text, int slots, const dsp::Effect* effect);

// The mapping table and what turns MIDI events into target values (control thread only).
//
// Mappings name their slot by an identity key, not its index, so they follow an effect when
// it moves and go away when it is removed: the owner reports rack edits (slotInserted, ...).
// One source may drive several targets and several sources one target.
//
// handle() resolves events and coalesces per target, latest wins; flush() applies what is
// pending, once per target. Between the MIDI callback and handle() there is only a wait-free
// queue (MidiInputs), so the added latency is the owner's dispatch period (1 ms in the CLI).
class MidiMapper {
public:
    // The rack now has `slots` effects, each with a new identity (a new session or chain).
    void resetRack(int slots);
    // The rack's identities in order, as the owner keeps them (the app's slot uids, never 0).
    void setRackKeys(std::vector<uint64_t> keys) { m_keys = std::move(keys); }
    void slotInserted(int index);
    // Drops the mappings of the slot; returns them (the app's undo keeps them).
    std::vector<MidiMapping> slotRemoved(int index);
    void slotMoved(int from, int to);
    int slotCount() const noexcept { return static_cast<int>(m_keys.size()); }
    uint64_t slotKey(int index) const; // 0 when out of range
    int slotIndex(uint64_t key) const; // -1 when the slot is gone

    // The table. A spec's slot index becomes the identity of the slot there now (MappingError
    // when there is no such slot).
    const std::vector<MidiMapping>& mappings() const noexcept { return m_mappings; }
    int add(MidiMapping mapping);
    int add(const MappingSpec& spec);
    void insert(int row, MidiMapping mapping);
    void replace(int row, MidiMapping mapping);
    void remove(int row);
    void clear();
    // The mapping's spec with its slot's current index.
    std::string spec(int row) const;

    // MIDI learn: the next control message makes a mapping of `target` (slotKey set) from
    // itself, with `templ`'s range, curve and takeover; learned() then gives its row once.
    // A CC 0..31 may be the MSB of a 14-bit pair: learn holds it, and the LSB (its number + 32,
    // same port and channel) as the next message makes a 14-bit mapping. Any other message, or
    // finishLearn() (the caller's timeout: a 7-bit controller may send just one message), makes
    // the 7-bit one.
    void startLearn(MidiMapping templ);
    void cancelLearn() noexcept
    {
        m_learning.reset();
        m_learnHeld.reset();
    }
    bool isLearning() const noexcept { return m_learning.has_value() || m_learnHeld.has_value(); }
    bool learnWaitsForLsb() const noexcept { return m_learnHeld.has_value(); }
    void finishLearn();
    std::optional<int> learned();

    void handle(const MidiEvent& event, std::string_view portName, MidiTargets& targets);
    void flush(MidiTargets& targets);
    // Mappings dropped because their target no longer exists, as one line each; cleared.
    std::vector<std::string> takeWarnings();
    bool globalBypass() const noexcept { return m_globalBypass; }
    // Set from elsewhere (the app's Bypass All button), so a toggle's next press releases it.
    void setGlobalBypass(bool on) noexcept { m_globalBypass = on; }

private:
    struct State {
        int msb = 0, lsb = 0;
        double lastPos = -1.0; // the controller's previous position (0..1), -1: none
        bool pickedUp = false;
        double lastSent = std::numeric_limits<double>::quiet_NaN();
        int64_t lastTapNs = 0;
        double tapIntervals[4] = {};
        int tapCount = 0;
    };
    struct Pending {
        TargetKind kind;
        int slot;
        int paramId;
        double value;
    };
    // The position (0..1) `event` gives mapping `m`, or nullopt when it does not match.
    std::optional<double> match(const MidiMapping& m, State& s, const MidiEvent& event,
                                std::string_view portName) const;
    void drive(size_t row, double pos, const MidiEvent& event, MidiTargets& targets);
    void setPending(TargetKind kind, int slot, int paramId, double value);
    const Pending* pending(TargetKind kind, int slot, int paramId) const;
    void drop(size_t row, const std::string& why);

    std::vector<uint64_t> m_keys;
    uint64_t m_nextKey = 1;
    std::vector<MidiMapping> m_mappings;
    std::vector<State> m_states;
    std::vector<Pending> m_pending;
    std::vector<size_t> m_dropRows;
    std::vector<std::string> m_warnings;
    std::optional<MidiMapping> m_learning;
    std::optional<MidiMapping> m_learnHeld; // a CC 0..31 learnt, its LSB perhaps next
    std::optional<int> m_learned;
    bool m_globalBypass = false;
};

} // namespace fxrack::midi
