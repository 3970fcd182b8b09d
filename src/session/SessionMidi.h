#pragma once

#include "dsp/EffectChain.h"
#include "midi/MidiMapper.h"
#include "realtime/Snapshot.h"
#include "session/Session.h"

#include <QStringList>

namespace fxrack::session {

// A session's MIDI mappings and snapshots, between the document (rack ids) and the engine
// (slot indices): docs/session-format.md, "midi" and "snapshots".

// Adds the session's mappings to `mapper`, whose rack must be the session's (resetRack done):
// a slot target is resolved by its rack id. Returns a notice for each one it drops.
QStringList addSessionMappings(const Session& session, midi::MidiMapper& mapper);
// The mapper's table as session entries, against `rack` (the rack the mapper follows).
std::vector<MidiMappingEntry> sessionMappings(const midi::MidiMapper& mapper,
                                              const std::vector<RackEntry>& rack);

// The snapshot for the rack as it stands: slot i takes the values stored for rack[i]'s id
// (a slot the snapshot does not know is left alone by a recall).
realtime::RackSnapshot rackSnapshot(const SnapshotEntry& snapshot, const std::vector<RackEntry>& rack);
// A snapshot named `name` of `chain`, whose slots are `rack`'s entries (ids).
SnapshotEntry snapshotEntry(const QString& name, const dsp::EffectChain& chain,
                            const std::vector<RackEntry>& rack);
// Stores (replaces by name) a snapshot in the session; SessionError past kMaxSnapshots.
void storeSnapshot(Session& session, SnapshotEntry snapshot);
const SnapshotEntry* findSnapshot(const Session& session, const QString& name);
// "A".."H" for 0..7.
QString snapshotName(int index);

namespace detail {
class ObjectReader;
}
class JsonWriter;
// SessionIo's reader and writer of the two keys.
void readMidiAndSnapshots(detail::ObjectReader& reader, Session& session,
                          const dsp::EffectRegistry& registry);
void writeMidiAndSnapshots(JsonWriter& writer, const Session& session, const dsp::EffectRegistry& registry);

} // namespace fxrack::session
