#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

namespace fxrack::midi {

// A malformed mapping spec, or one whose target is not there. what() is the CLI's English line
// (`--map SPEC: PART: why`); the fields say the same in parts, so the app can translate the why
// and name only the part at fault.
struct MappingError : std::invalid_argument {
    enum class Problem : uint8_t {
        Number,             // a number outside low..high
        EmptyPort,          // nothing before '@'
        ChannelAndSource,   // more than chN:SOURCE
        Channel,            // not ch1..ch16 or chany
        Source,             // not ccN, ccMSB/LSB, nrpnN, noteN, pc[N] or pb
        SourceEqualsTarget, // no '='
        Snapshot,           // not A..H (or store without one)
        Preset,             // not preset:next or preset:prev
        TapSlot,            // tap without its slot
        Target,             // not SLOT.PARAM, bypass, snapshot, preset or tap
        ParameterName,      // nothing after the '.'
        Range,              // not MIN..MAX
        Option,             // not a range, curve or takeover
        RelativeNeedsCc,    // a relative takeover on another source than a 7-bit CC
        NoSuchSlot,         // the rack has `high` effects
        NoSuchParameter,    // `effect` has no such parameter
    };
    MappingError(const std::string& message, Problem problem, std::string part, int low = 0, int high = 0,
                 std::string effect = {})
        : std::invalid_argument(message), problem(problem), part(std::move(part)), low(low), high(high),
          effect(std::move(effect))
    {}
    Problem problem;
    std::string part; // the part of the spec at fault, as written
    int low, high;
    std::string effect; // NoSuchParameter: the effect's name
};

// Where a mapping listens. Cc14 pairs controller `number` (MSB, 0..31) with `lsb` (usually
// number + 32). A negative number matches any note or program.
enum class SourceKind : uint8_t { Cc, Cc14, Nrpn, Note, ProgramChange, PitchBend };
struct MidiSource {
    std::string port; // a substring of the port's name; empty: any port
    int channel = 0;  // 1..16; 0: any channel
    SourceKind kind = SourceKind::Cc;
    int number = -1;
    int lsb = -1;
    bool operator==(const MidiSource&) const = default;
};

// What a mapping drives. Parameter, SlotBypass and TapTempo name a slot by its identity
// (slotKey, kept by MidiMapper as the rack changes); the others are global.
enum class TargetKind : uint8_t {
    Parameter,
    SlotBypass,
    GlobalBypass,
    Snapshot,
    NextPreset,
    PreviousPreset,
    TapTempo,
    StoreSnapshot // stores the rack in snapshot `index` (0..7)
};
struct MidiTarget {
    TargetKind kind = TargetKind::Parameter;
    uint64_t slotKey = 0;
    std::string param; // Parameter: its name
    int index = -1;    // Snapshot: 0..7; -1: the program number (or the value) chooses. StoreSnapshot: 0..7
    bool operator==(const MidiTarget&) const = default;
};

enum class Curve : uint8_t { Linear, Log, Exp, Toggle };
// Jump: the value follows the controller. PickUp: only once the controller has passed the
// parameter's current value. Relative*: an endless encoder's steps, in its encoding.
enum class Takeover : uint8_t {
    Jump,
    PickUp,
    RelativeTwosComplement,
    RelativeBinaryOffset,
    RelativeSignMagnitude
};

struct MidiMapping {
    MidiSource source;
    MidiTarget target;
    // The span the controller's travel covers; NaN: the parameter's knob range. min > max inverts.
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    Curve curve = Curve::Linear;
    bool curveGiven = false; // else a log-scaled parameter gets Log
    Takeover takeover = Takeover::Jump;
    bool global() const noexcept
    {
        return target.kind != TargetKind::Parameter && target.kind != TargetKind::SlotBypass &&
               target.kind != TargetKind::TapTempo;
    }
    // NaN ranges (the parameter's own) compare equal.
    bool operator==(const MidiMapping& o) const
    {
        auto same = [](double a, double b) { return a == b || (a != a && b != b); };
        return source == o.source && target == o.target && same(min, o.min) && same(max, o.max) &&
               curve == o.curve && curveGiven == o.curveGiven && takeover == o.takeover;
    }
};

// A mapping as the --map grammar reads it, before its slot index is turned into an identity.
struct MappingSpec {
    MidiMapping mapping;
    int slot = -1; // Parameter, SlotBypass, TapTempo: the rack index the spec named
};

// Parses `[PORT@]chN:SOURCE=TARGET[:MIN..MAX][:CURVE][:TAKEOVER]` (docs/midi.md), e.g.
// `ch1:cc7=1.gain:0..2`, `ch1:cc1/33=0.cutoff:200..8000`, `ch10:note36=bypass:2`, `ch1:pc=snapshot`.
// Throws MappingError naming the part at fault.
MappingSpec parseMappingSpec(std::string_view spec);
// The spec of a mapping whose slot is at `slot` now (the inverse of parseMappingSpec).
std::string formatMappingSpec(const MidiMapping& mapping, int slot);

std::string_view sourceKindName(SourceKind kind) noexcept;
std::string_view targetKindName(TargetKind kind) noexcept;
std::string_view curveName(Curve curve) noexcept;
std::string_view takeoverName(Takeover takeover) noexcept;
bool isRelative(Takeover takeover) noexcept;
// The signed step of an endless encoder's 7-bit value in `takeover`'s encoding.
int relativeStep(Takeover takeover, int value7) noexcept;

// The value a controller position n (0..1) means on [min, max] along `curve` (Toggle: min
// below the middle, max from it), and back. Log needs min and max of one sign, non-zero;
// otherwise it is linear.
double curveValue(Curve curve, double min, double max, double n) noexcept;
double curvePosition(Curve curve, double min, double max, double value) noexcept;

} // namespace fxrack::midi
