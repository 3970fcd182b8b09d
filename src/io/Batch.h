#pragma once

#include "dsp/EffectChain.h"
#include "io/AudioFormat.h"
#include "io/ComputeDevice.h"
#include "io/StreamProcessor.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace fxrack::io {

// One file of a batch.
struct BatchJob {
    std::string input;
    std::string output;
};

// The limits are the only ones: sessions and both front ends check against them.
struct BatchOptions {
    static constexpr int kMaxJobs = 256;
    static constexpr int kMaxChunkSize = 1 << 24;
    static constexpr double kMaxTailSeconds = 3600.0;

    int jobs = 0; // files processed at once; 0 = the number of cores
    int chunkSize = 65536;
    ComputeDevice device = ComputeDevice::Cpu;
    double tailSeconds = 0.0;
    OutputOptions output;
    bool overwrite = false; // replace existing outputs
};

// Progress of a running batch, reported after every chunk of any file.
struct BatchProgress {
    int fileIndex = 0;            // the job that advanced
    double fileFraction = 0.0;    // 0..1 of that file
    double overallFraction = 0.0; // 0..1 of the whole batch (files weighted by size)
    double secondsLeft = -1.0;    // estimate, -1 until there is enough to go on
    int filesFinished = 0;        // ok or failed
    int filesFailed = 0;
};
// Called from worker threads, serialised (never two at once); keep it short. A GUI posts it on.
using BatchProgressCallback = std::function<void(const BatchProgress&)>;

// What became of one file.
struct BatchResult {
    BatchJob job;
    bool ok = false;
    bool cancelled = false;
    std::string error;    // one line naming the file at fault, when !ok
    ProcessReport report; // when ok
};

// Runs a list of files through one chain, N at a time, each worker with its own copy of the
// chain. A bad file (corrupt, truncated, not audio, unreadable, unwritable target) fails
// alone; the others go on. cancel() stops every file within one chunk and leaves no partial
// output. Used by the GUI's batch panel (from a worker thread) and by `fxrack-cli batch`.
class BatchRunner {
public:
    BatchRunner(const dsp::EffectChain& chain, BatchOptions options);

    // Blocks until every job finished or was cancelled; one result per job, in job order.
    std::vector<BatchResult> run(const std::vector<BatchJob>& jobs,
                                 const BatchProgressCallback& progress = {});
    // Any thread, any time; run() returns soon after.
    void cancel() noexcept { m_cancel.store(true); }
    bool isCancelled() const noexcept { return m_cancel.load(); }
    const BatchOptions& options() const noexcept { return m_options; }

private:
    dsp::EffectChain m_prototype;
    BatchOptions m_options;
    std::atomic<bool> m_cancel{false};
};

// DIR/<stem><suffix>.<ext> for each input; ext is the chosen format's, else the input's own.
std::vector<BatchJob> makeBatchJobs(const std::vector<std::string>& inputs, const std::string& outDir,
                                    const std::string& suffix, const OutputOptions& output);

} // namespace fxrack::io
