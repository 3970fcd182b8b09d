#pragma once

#include "dsp/EffectChain.h"
#include "dsp/EffectRegistry.h"

#include <QJsonObject>
#include <QString>
#include <optional>
#include <string>
#include <vector>

namespace fxrack::session {

// The .fxrack document in memory (docs/session-format.md). Plain value types: build and
// read them on any one thread at a time. Keys a newer FXRack (or another tool) wrote that
// this one does not know are kept in the `extras` objects and written back unchanged.

// Where the live rig plays: devices by API and name (indices change between boots).
// The limits are realtime::StreamConfig's.
struct AudioSettings {
    QString api = QStringLiteral("jack"); // "jack", "pulse", "alsa", or "" for the system default
    QString inputDevice;                  // empty: the API's default device
    QString outputDevice;                 // empty: the API's default device
    int sampleRateHz = 48000;
    int bufferFrames = 128;
    int channelsIn = 1;
    int channelsOut = 2;
    QJsonObject extras;

    bool operator==(const AudioSettings&) const = default;
};

// One parameter by its canonical name; choices hold their index and booleans 0 or 1,
// as everywhere in dsp.
struct ParamValue {
    std::string name;
    double value = 0.0;

    bool operator==(const ParamValue&) const = default;
};

// One slot of the rack.
// A text parameter's value (Unit::Path: Convolver's `ir`). In memory the path is as the effect
// opens it (absolute, or relative to the working directory); a session file stores it relative
// to itself with the file's SHA-256, so a moved or changed IR can be reported (SessionIo).
struct TextValue {
    std::string name;
    std::string text;
    QString sha256; // of the file when the session was saved; empty when unknown

    bool operator==(const TextValue&) const = default;
};

struct RackEntry {
    std::string type; // registry name, e.g. "HiButterworth"
    QString id;       // unique in the rack, stable across moves: "hibutterworth-1"
    bool bypass = false;
    std::vector<ParamValue> params; // every parameter of the type, in catalogue order
    std::vector<TextValue> texts;   // the text parameters that have a text
    QJsonObject extras;

    // The text of a text parameter ("" when unset); setText() sets (or adds) it.
    std::string text(std::string_view name) const;
    void setText(std::string_view name, std::string text);

    std::optional<double> param(std::string_view name) const;
    // Sets (or adds) a value; no validation, buildEffect() does that.
    void setParam(std::string_view name, double value);

    // A new effect with these parameters, validated against the metadata and, when
    // sampleRateHz > 0, the rate (throws dsp::ParameterError). Not prepared.
    std::unique_ptr<dsp::Effect>
    buildEffect(const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin(),
                double sampleRateHz = 0.0) const;
    // An entry holding the type's defaults (throws dsp::ParameterError for an unknown type).
    static RackEntry defaults(std::string_view type,
                              const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin());
    // An entry holding an effect's current values.
    static RackEntry fromEffect(const dsp::Effect& effect);

    bool operator==(const RackEntry&) const = default;
};

// How `batch` and `process` write their results. The limits are io::BatchOptions'; a session
// also asks for whole chunks of at least kMinChunkFrames (a hand-edited tiny chunk is a mistake).
struct BatchSettings {
    static constexpr int kMinChunkFrames = 64;

    QString outputDir;                       // empty: beside each input
    QString suffix = QStringLiteral("_fx");  // appended to each output's stem
    QString format = QStringLiteral("same"); // "same", "wav", "flac", "ogg", "aiff", "opus", "mp3"
    QString device = QStringLiteral("auto"); // "auto", "cpu", "cuda"
    int chunkFrames = 65536;
    int jobs = 2;
    double tailSeconds = 0.0;
    QString nameTemplate;                      // empty: "{stem}" + suffix (io::BatchNaming)
    QString ifExists = QStringLiteral("fail"); // "fail", "skip", "rename", "overwrite"
    double quality = -1.0;                     // 0..1 for lossy formats; -1: the format's default
    int sampleRate = 0;                        // Hz; 0: each input's own
    bool recursive = true;                     // folders with their subfolders (the panel)
    QJsonObject extras;

    bool operator==(const BatchSettings&) const = default;
};

// A MIDI mapping of the session: its spec in the --map grammar (docs/midi.md) and, for a
// target in one slot, the rack id of that slot, which the spec's slot index is resolved from
// (so a mapping follows its effect, whatever its index).
struct MidiMappingEntry {
    QString map;
    QString effect; // empty for global targets
    bool operator==(const MidiMappingEntry&) const = default;
};

// A snapshot (A..H): every parameter and bypass flag of the rack, an entry per effect by id.
struct SnapshotEntry {
    QString name;
    std::vector<RackEntry> rack;
    bool operator==(const SnapshotEntry&) const = default;
};

struct Session {
    static constexpr int kFormatVersion = 1;
    static constexpr int kMaxSnapshots = 8;

    QString appVersion; // the FXRack that wrote the file (informational; save writes ours)
    AudioSettings audio;
    std::vector<RackEntry> rack;
    BatchSettings batch;
    std::vector<MidiMappingEntry> midiMappings;
    std::vector<SnapshotEntry> snapshots; // at most kMaxSnapshots, names unique
    double snapshotMorphSeconds = 0.0;    // 0 to 10
    QJsonObject extras;                   // unknown top-level keys

    // A rack id not used yet for `type`: "<lowercase type>-<n>".
    QString uniqueId(std::string_view type) const;
    // Appends an entry, giving it a unique id when it has none.
    RackEntry& append(RackEntry entry);

    bool operator==(const Session&) const = default;
};

// The chain a session describes, bypass flags included; not prepared. Every effect is
// validated at audio.sampleRateHz, as the loader does (preparing at another rate checks again).
// Throws dsp::ParameterError naming rack[i] when an entry is not valid (a loaded session has
// been validated already, so this only fails for sessions built by hand).
dsp::EffectChain chainFromSession(const Session& session,
                                  const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin());
// The rack entries of a chain (for saving what the GUI or a --chain spec built). Ids are
// assigned in order: "<type>-1", "<type>-2", ...
std::vector<RackEntry> rackFromChain(const dsp::EffectChain& chain);

} // namespace fxrack::session
