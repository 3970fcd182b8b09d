#pragma once

#include "dsp/AudioBlock.h"
#include "dsp/AudioBuffer.h"

#include <cstdint>
#include <functional>
#include <vector>

struct soxr;

namespace fxrack::io {

// Sample-rate conversion of a stream with libsoxr at its very-high-quality setting (SoX's own
// resampler: 28-bit precision, linear phase). Its state carries from one call to the next, so
// a file converted chunk by chunk equals the file converted whole. The output is
// round(inputFrames * outRate / inRate) frames long, delay compensated: frame 0 of the output
// is frame 0 of the input. Not thread-safe; one per file.
class Resampler {
public:
    using Sink = std::function<void(const dsp::AudioBlock&)>;

    // `inputFrames`: the whole stream's length, for the exact output length.
    Resampler(double inRate, double outRate, int channels, int64_t inputFrames);
    ~Resampler();
    Resampler(const Resampler&) = delete;
    Resampler& operator=(const Resampler&) = delete;

    // Converts `in` and hands what is ready to `sink` (zero or more blocks).
    void process(const dsp::AudioBlock& in, const Sink& sink);
    // End of input: hands the rest to `sink`.
    void finish(const Sink& sink);

    int64_t outputFrames() const noexcept { return m_outputTotal; }

private:
    void run(const float* const* in, size_t frames, const Sink& sink);

    soxr* m_soxr = nullptr;
    int m_channels = 0;
    int64_t m_outputTotal = 0; // what the stream will give
    int64_t m_outputDone = 0;
    dsp::AudioBuffer m_out;
    std::vector<const float*> m_inPointers; // into the block soxr is taking, past what it took
    std::vector<const float*> m_inChannels;
    std::vector<float*> m_outPointers;
};

} // namespace fxrack::io
