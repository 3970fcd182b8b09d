#pragma once

#include "io/Batch.h"
#include "io/Ebur128Meter.h"
#include "session/JsonWriter.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace fxrack::session {

// The JSON report of a batch (`fxrack-cli batch --report`, the batch panel's "Save report…"):
// one record per input (index in the whole list, input, output, status done|skipped|failed|
// cancelled, error, seconds, frames, clipped samples, device, tags dropped, and when measured
// lufs_before, lufs_after, true_peak_after and the full measurements "before" and "after") and
// a summary (inputs, done, skipped, failed, seconds). A shard's report says which shard it is; merged reports
// are the union of the shards'.
struct BatchReportShard {
    int index = 0;
    int count = 1;
};

// One LoudnessStats as a JSON object (also `fxrack-cli analyze --json`).
void writeLoudness(JsonWriter& w, const io::LoudnessStats& stats);

// `indices[k]` is the index of results[k] in the whole input list (all shards together).
QByteArray batchReportJson(const std::vector<io::BatchResult>& results, const std::vector<size_t>& indices,
                           double seconds, const BatchReportShard& shard = {});

// Merges shard reports into one: records ordered by index, an input reported by more than one
// part keeps its best record (done over skipped over failed), the summary recounted and
// seconds summed. Throws std::runtime_error naming the part that is not a report.
QByteArray mergeBatchReports(const QStringList& partPaths);

} // namespace fxrack::session
