#pragma once

#include "midi/MidiMapping.h"

namespace fxrack::dsp {
class Effect;
}

namespace fxrack::midi {

// What the MIDI dispatcher drives: the rack as the control thread knows it. The CLI's is the
// RealtimeProcessor (ProcessorTargets); the app's is its rack model, so undo and the knobs follow.
// Every member is called on the control thread that dispatches.
class MidiTargets {
public:
    virtual ~MidiTargets() = default;
    // The effect at `slot` (its current values), or null when there is none.
    virtual const dsp::Effect* effect(int slot) const = 0;
    virtual bool isBypassed(int slot) const = 0;
    virtual void setParameter(int slot, int paramId, double value) = 0;
    virtual void setBypass(int slot, bool bypassed) = 0;
    // Global targets: GlobalBypass (index 1 on, 0 off), Snapshot and StoreSnapshot (index 0..7),
    // Next/PreviousPreset.
    virtual void action(TargetKind kind, int index) { (void)kind, (void)index; }
};

} // namespace fxrack::midi
