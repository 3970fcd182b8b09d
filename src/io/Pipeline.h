#pragma once

#include "dsp/AudioBlock.h"

#include <atomic>
#include <cstdint>
#include <functional>

namespace fxrack::io {

class SoundFileReader;

// One pass over a file in three overlapping stages: a reader thread fills chunks (then
// `tailFrames` of silence), `process` runs on the calling thread (denormals flushed), and
// `processMore` (if set) on its own thread, and `write` (if set) runs on a writer thread. A pool of a few
// chunks bounds the memory. `done(frames)` is called as chunks finish. The first exception of any stage stops
// the others and is rethrown here; a set *cancel throws Cancelled within one chunk.
struct PipelinePass {
    SoundFileReader* reader = nullptr;
    int chunkFrames = 65536;
    int64_t tailFrames = 0;
    std::function<void(dsp::AudioBlock&)> process;
    // Optional: a second DSP stage on its own thread, run on each chunk after `process`. A chain
    // split in two this way keeps both cores busy on one file (pipeline parallelism).
    std::function<void(dsp::AudioBlock&)> processMore;
    std::function<void(const dsp::AudioBlock&)> write;
    std::function<void(int64_t frames)> done;
    const std::atomic<bool>* cancel = nullptr;
};

void runPipeline(const PipelinePass& pass);

} // namespace fxrack::io
