#pragma once

#include "dsp/EffectChain.h"
#include "io/AudioFormat.h"
#include "io/ComputeDevice.h"
#include "io/StreamProcessor.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fxrack::io {

// One file of a batch.
struct BatchJob {
    std::string input;
    std::string output;
};

// What to do when an output exists already (or another job of the batch aims at it).
enum class IfExists {
    Fail,     // the file fails, the existing one stays (the default)
    Skip,     // the file is skipped, counted apart from done and failed
    Rename,   // the output becomes "name (2).ext", "name (3).ext", ...
    Overwrite // replaced when the new one is complete
};
std::optional<IfExists> parseIfExists(std::string_view name) noexcept;
std::string_view ifExistsName(IfExists policy) noexcept;

// An input and the folder it sits in relative to the root it was found under ("" for a file
// named directly or at the top of a folder given): {dir} of a name, and the mirrored tree.
struct BatchInput {
    std::string path;
    std::string dir;
};

// Files named stay as given, in order; a folder gives its audio files (by extension) in sorted
// path order, its subfolders too when `recursive`. Hidden files and folders (a run's own
// temporary outputs among them) and anything under `excludeDir` (the output folder: an output
// is never an input) are left out.
std::vector<BatchInput> collectBatchInputs(const std::vector<std::string>& paths, bool recursive,
                                           const std::string& excludeDir = {});

// How outputs are named: OUTDIR/<dir>/<name>.<ext>, where <name> is the template with
// {stem} (the input's name without extension), {dir} (its folder relative to its root; then
// the tree is not mirrored again), {index} (1-based, zero-padded to the count's width), {date}
// (YYYY-MM-DD) and {preset}. No template: "{stem}" followed by the suffix.
struct BatchNaming {
    std::string outDir;
    std::string suffix;
    std::string nameTemplate;
    std::string preset = "chain";
    std::string date; // empty: today's local date
};
// An error message naming the problem ("unknown field {x}"), or empty when `text` is usable.
std::string checkNameTemplate(const std::string& text);

// The limits are the only ones: sessions and both front ends check against them.
struct BatchOptions {
    static constexpr int kMaxJobs = 256;
    static constexpr int kMaxChunkSize = 1 << 24;
    static constexpr double kMaxTailSeconds = 3600.0;
    static constexpr double kMinRate = 1000.0; // --rate
    static constexpr double kMaxRate = 768000.0;

    int jobs = 0; // files processed at once; 0 = the number of cores
    int chunkSize = 65536;
    ComputeDevice device = ComputeDevice::Cpu;
    double tailSeconds = 0.0;
    OutputOptions output;
    IfExists ifExists = IfExists::Fail;
    // Skip an input whose output exists complete: its frames match the done record the batch
    // left beside it (a hidden ".<name>.done" file). Others are redone over what is there.
    bool resume = false;
    // Loudness, peaks and RMS of each input and output (ProcessReport::before/after), for
    // reports and the batch panel; costs time, so off unless asked for.
    bool measureLoudness = false;
};

// Progress of a running batch, reported after every chunk of any file.
struct BatchProgress {
    int fileIndex = 0;            // the job that advanced
    double fileFraction = 0.0;    // 0..1 of that file
    double overallFraction = 0.0; // 0..1 of the whole batch (files weighted by size)
    double secondsLeft = -1.0;    // estimate, -1 until there is enough to go on
    int filesFinished = 0;        // ok or failed
    int filesFailed = 0;
    int filesSkipped = 0; // among those finished
};
// Called from worker threads, serialised (never two at once); keep it short. A GUI posts it on.
using BatchProgressCallback = std::function<void(const BatchProgress&)>;

// What became of one file.
struct BatchResult {
    BatchJob job;
    bool ok = false;
    bool skipped = false; // existing output kept (--if-exists skip, or complete for --resume)
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
    // Applies the if-exists policy, --resume and the output-is-never-an-input rule to every
    // job (renaming outputs in `results`); true where that already decided the result.
    std::vector<bool> planOutputs(std::vector<BatchResult>& results) const;

    dsp::EffectChain m_prototype;
    BatchOptions m_options;
    std::atomic<bool> m_cancel{false};
};

// DIR/<stem><suffix>.<ext> for each input; ext is the chosen format's, else the input's own.
std::vector<BatchJob> makeBatchJobs(const std::vector<std::string>& inputs, const std::string& outDir,
                                    const std::string& suffix, const OutputOptions& output);
// The outputs of `inputs` named as `naming` says (see BatchNaming); {index} counts in `inputs`.
std::vector<BatchJob> makeBatchJobs(const std::vector<BatchInput>& inputs, const BatchNaming& naming,
                                    const OutputOptions& output);

// The done record of an output: a hidden file beside it, written after the output is in place.
std::string doneRecordPath(const std::string& output);
// True when `output` exists, opens as audio and has the frames its done record says.
bool isCompleteOutput(const std::string& output);

} // namespace fxrack::io
