#pragma once

#include "dsp/EffectChain.h"

#include <functional>
#include <string>
#include <vector>

namespace fxrack::realtime {

// Every parameter and bypass flag of a rack at one moment: what a snapshot slot (A..H) holds.
struct SlotSnapshot {
    std::string type;           // the effect's type name; a recall skips a slot of another type
    std::vector<double> values; // by parameter id
    bool bypassed = false;
    bool operator==(const SlotSnapshot&) const = default;
};
struct RackSnapshot {
    std::vector<SlotSnapshot> effects;
    bool empty() const noexcept { return effects.empty(); }
    bool operator==(const RackSnapshot&) const = default;
};

inline constexpr int kMaxSnapshots = 8;
inline constexpr double kMaxMorphSeconds = 10.0;

// Control thread.
RackSnapshot captureSnapshot(const dsp::EffectChain& chain);

// A recall that glides from the rack's values to a snapshot's over a time (control thread).
//
// Why on the control side: a parameter change already ramps on the audio thread (the Effect
// base's smoothing, as each parameter declares), so the morph only has to hand it targets on a
// path: every kStepSeconds it sets each continuous parameter to its point on the way (geometric
// for a log-scaled parameter, linear otherwise), and the ramps join the steps without a click.
// The last step sets the snapshot's exact values. Discrete and structural parameters, and the
// bypass flags, change once, at the end (a bypass crossfades; a structural change crossfades
// its slot). A morph of 0 s sets everything at once, which the ramps smooth.
class SnapshotMorph {
public:
    static constexpr double kStepSeconds = 0.01;
    using SetParameter = std::function<void(int slot, int paramId, double value)>;
    using SetBypass = std::function<void(int slot, bool bypassed)>;

    // Starts a morph at `nowSeconds` (any clock the caller keeps: the stream's frames / rate in
    // the CLI) from `from`'s values to `to` over `seconds` (clamped to 0..kMaxMorphSeconds).
    // Slots beyond either rack, or of another type, are left alone.
    void start(const dsp::EffectChain& from, const RackSnapshot& to, double seconds, double nowSeconds);
    bool active() const noexcept { return m_active; }
    void cancel() noexcept { m_active = false; }
    // Sends what has changed by `nowSeconds`; false once the morph has arrived (or none runs).
    bool step(double nowSeconds, const SetParameter& set, const SetBypass& bypass);

private:
    struct Move {
        int slot, paramId;
        double from, to;
        bool geometric, atEnd;
    };
    std::vector<Move> m_moves;
    std::vector<std::pair<int, bool>> m_bypass;
    double m_start = 0.0, m_seconds = 0.0, m_lastStep = -1.0;
    bool m_active = false;
};

} // namespace fxrack::realtime
