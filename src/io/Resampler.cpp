#include "io/Resampler.h"

#include <algorithm>
#include <cmath>
#include <soxr.h>
#include <stdexcept>
#include <string>

namespace fxrack::io {
namespace {

constexpr size_t kOutFrames = 16384;

} // namespace

Resampler::Resampler(double inRate, double outRate, int channels, int64_t inputFrames)
    : m_channels(channels),
      m_outputTotal(static_cast<int64_t>(std::llround(static_cast<double>(inputFrames) * outRate / inRate)))
{
    const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_S, SOXR_FLOAT32_S); // planar, as our blocks
    const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_VHQ, 0);
    const soxr_runtime_spec_t runtime = soxr_runtime_spec(1); // batch workers already fill the cores
    soxr_error_t error = nullptr;
    m_soxr = soxr_create(inRate, outRate, static_cast<unsigned>(channels), &error, &io, &quality, &runtime);
    if (error || !m_soxr)
        throw std::runtime_error(std::string("the resampler cannot convert ") +
                                 std::to_string(static_cast<int>(inRate)) + " Hz to " +
                                 std::to_string(static_cast<int>(outRate)) + " Hz (" +
                                 (error ? error : "no memory") + ")");
    m_out.resize(channels, static_cast<int>(kOutFrames));
    m_inPointers.resize(static_cast<size_t>(channels));
    m_inChannels.resize(static_cast<size_t>(channels));
    for (int c = 0; c < channels; ++c)
        m_outPointers.push_back(m_out.block().channel(c));
}

Resampler::~Resampler()
{
    if (m_soxr)
        soxr_delete(m_soxr);
}

void Resampler::run(const float* const* in, size_t frames, const Sink& sink)
{
    // soxr takes `frames` in pieces and gives output as it has it; in == nullptr flushes.
    size_t offset = 0;
    for (;;) {
        size_t used = 0, made = 0;
        const float* const* from = nullptr;
        if (in) {
            for (int c = 0; c < m_channels; ++c)
                m_inPointers[size_t(c)] = in[c] + offset;
            from = m_inPointers.data();
        }
        void* to = m_outPointers.data();
        if (const soxr_error_t error =
                soxr_process(m_soxr, from, in ? frames - offset : 0, &used, to, kOutFrames, &made))
            throw std::runtime_error(std::string("resampling failed (") + error + ")");
        offset += used;
        const auto keep =
            static_cast<int>(std::min<int64_t>(static_cast<int64_t>(made), m_outputTotal - m_outputDone));
        if (keep > 0) {
            sink(m_out.block().subBlock(0, keep));
            m_outputDone += keep;
        }
        if (in ? (offset >= frames && made < kOutFrames) : (made == 0 || m_outputDone >= m_outputTotal))
            return;
    }
}

void Resampler::process(const dsp::AudioBlock& in, const Sink& sink)
{
    for (int c = 0; c < m_channels; ++c)
        m_inChannels[size_t(c)] = in.channel(c);
    run(m_inChannels.data(), static_cast<size_t>(in.numFrames()), sink);
}

void Resampler::finish(const Sink& sink)
{
    run(nullptr, 0, sink);
}

} // namespace fxrack::io
