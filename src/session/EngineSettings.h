#pragma once

#include "io/Batch.h"
#include "realtime/StreamConfig.h"
#include "session/Session.h"

namespace fxrack::session {

// What a session asks of the engines, in the engines' own types: the one mapping both front
// ends use (the app's batch panel and device bar, `fxrack-cli process|batch|live --session`).
// The values were validated when the session was read; the front end then applies what the
// user chose on top (a CLI flag given, the app's "overwrite" and "low latency").

// Jobs, chunk size, compute device ("auto", "cpu", "cuda"), tail, output format ("same": each
// input's own), quality, sample rate and the if-exists policy. Output folder, suffix, name
// template and recursion name and find files, so they stay with the caller.
io::BatchOptions batchOptions(const BatchSettings& batch);

// Rate, buffer size, channels and devices by name (empty: the API's default). The API is not
// part of a StreamConfig: pass audio.api to realtime::makeBackend().
realtime::StreamConfig streamConfig(const AudioSettings& audio);

} // namespace fxrack::session
