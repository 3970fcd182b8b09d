#pragma once

#include "dsp/AudioBuffer.h"
#include "dsp/EffectChain.h"
#include "io/AudioFormat.h"
#include "io/ComputeDevice.h"
#include "io/Ebur128Meter.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fxrack::io {

class SoundFileReader;

// Called with the fraction done (0..1) of one file, analysis passes included. Called from a
// worker thread; keep it short.
using ProgressCallback = std::function<void(double fraction)>;

// What processFile() did.
struct ProcessReport {
    AudioFileInfo input;
    std::string output;
    int outputFormat = 0;                 // libsndfile SF_FORMAT_*
    int64_t framesWritten = 0;            // input frames + tail
    int analysisPasses = 0;               // one per Normalize (or other whole-signal effect)
    int64_t clippedSamples = 0;           // samples clipped on the way to an integer format
    std::vector<std::string> tagsDropped; // input tags the output format could not hold
    // With setMeasureLoudness(true): the input as read and the output as written (after the
    // chain and any rate conversion, before dithering).
    std::optional<LoudnessStats> before, after;
    double seconds = 0.0;       // wall time
    ComputeDeviceChoice device; // where it ran, and why the CPU if CUDA was asked for

    // Seconds of audio per second of wall time.
    double realtimeFactor() const noexcept { return seconds > 0 ? input.durationSeconds() / seconds : 0.0; }
};

class StreamProcessor;

// The processed audio of one file as an input range of blocks (channels x chunkSize, the last
// one shorter), read and processed on the calling thread as it is iterated; the analysis pass
// (for Normalize) runs when iteration begins. From StreamProcessor::chunks(); it borrows the
// processor, which must outlive it. Single pass.
class ChunkRange {
public:
    class iterator {
    public:
        using value_type = dsp::AudioBlock;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        const dsp::AudioBlock& operator*() const noexcept { return m_range->m_current; }
        const dsp::AudioBlock* operator->() const noexcept { return &m_range->m_current; }
        iterator& operator++()
        {
            m_range->advance();
            return *this;
        }
        void operator++(int) { ++*this; }
        bool operator==(std::default_sentinel_t) const noexcept { return m_range->m_finished; }

    private:
        friend class ChunkRange;
        explicit iterator(ChunkRange* range) : m_range(range) {}
        ChunkRange* m_range = nullptr;
    };

    ChunkRange(ChunkRange&&) noexcept;
    ~ChunkRange();

    iterator begin();
    std::default_sentinel_t end() const noexcept { return {}; }
    const AudioFileInfo& info() const noexcept;

private:
    friend class StreamProcessor;
    ChunkRange(StreamProcessor& processor, const std::string& path);
    void advance();

    StreamProcessor* m_processor;
    std::unique_ptr<SoundFileReader> m_reader;
    dsp::AudioBuffer m_buffer;
    dsp::AudioBlock m_current;
    int64_t m_tailLeft = 0;
    bool m_started = false;
    bool m_finished = false;
};

// Runs an effect chain over audio files too large for memory (TorchFX's StreamProcessor):
// - the chain is prepared for each file's sample rate and channels and reset between files, so
//   state (filters, reverb tails) carries across chunks: the output equals processing the whole
//   file in one block, whatever the chunk size;
// - reading, processing and writing overlap (reader and writer threads around the DSP on the
//   calling thread, a bounded pool of chunks between them), so memory does not grow with the file;
// - effects that need the whole signal (Normalize) get an analysis pass first: for each, in
//   chain order, the chain up to it runs over the file and it analyses its input;
// - an optional tail of silence after the end lets reverb and delay ring out;
// - output is atomic (temporary file beside the target, renamed when complete, removed on error
//   or cancel) and never written over the input.
// One StreamProcessor runs one file at a time; for parallel jobs give each its own (chain.clone()).
class StreamProcessor {
public:
    explicit StreamProcessor(dsp::EffectChain chain, int chunkSize = 65536,
                             ComputeDevice device = ComputeDevice::Cpu);
    ~StreamProcessor();

    dsp::EffectChain& chain() noexcept { return m_chain; }
    int chunkSize() const noexcept { return m_chunkSize; }
    ComputeDevice requestedDevice() const noexcept { return m_device; }
    void setTailSeconds(double seconds) noexcept { m_tailSeconds = seconds; }
    double tailSeconds() const noexcept { return m_tailSeconds; }
    // Replace the target only when this is true (batch without --overwrite sets false).
    void setReplaceExisting(bool replace) noexcept { m_replace = replace; }
    // DSP threads for one file on the CPU: 2 splits the chain where its cost balances and runs
    // the halves as pipeline stages (same output, both cores busy). Default: 2 where the machine
    // has 2 cores or more; a batch running several files at once sets 1.
    void setDspThreads(int threads) noexcept { m_dspThreads = threads; }
    // Measure loudness, peaks and RMS of input and output on the way (ProcessReport::before and
    // ::after); off by default, as it costs time on the DSP and writer threads.
    void setMeasureLoudness(bool measure) noexcept { m_measure = measure; }
    // The slot at which a 2-thread run splits the chain (0: not split). Exposed for tests.
    int splitPoint(int channels, double sampleRate) const;

    // Processes `input` into `output`. Throws FileError (the file at fault and why),
    // dsp::ParameterError (the chain cannot run at the file's rate), Cancelled (when *cancel
    // became true; checked once per chunk). Nothing is left at `output` unless it returns.
    ProcessReport processFile(const std::string& input, const std::string& output,
                              const OutputOptions& options = {}, const ProgressCallback& progress = {},
                              const std::atomic<bool>* cancel = nullptr);

    // The processed chunks of `input`, generated as they are iterated (no output file).
    ChunkRange chunks(const std::string& input) { return ChunkRange(*this, input); }

private:
    friend class ChunkRange;
    void prepareFor(const AudioFileInfo& info);
    int64_t tailFrames(const AudioFileInfo& info) const noexcept;
    int countAnalysisPasses() const;
    void runAnalysis(SoundFileReader& reader, const std::function<void(double)>& passProgress,
                     const std::atomic<bool>* cancel);
    // One attempt at processFile(); `cpuReason` set: the CPU runs it, and the report says why.
    ProcessReport processFileOnce(const std::string& input, const std::string& output,
                                  const OutputOptions& options, const ProgressCallback& progress,
                                  const std::atomic<bool>* cancel, const std::string* cpuReason);

    dsp::EffectChain m_chain;
    int m_chunkSize;
    ComputeDevice m_device;
    double m_tailSeconds = 0.0;
    bool m_replace = true;
    bool m_measure = false;
    int m_dspThreads = 0; // 0: from the core count
};

} // namespace fxrack::io
