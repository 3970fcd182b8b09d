#include "cli/FileJobOptions.h"

#include "cli/Command.h"

#include <CLI/CLI.hpp>

namespace fxrack::cli {

void FileJobOptions::addTo(CLI::App& app)
{
    app.add_option("--chain", chain,
                   "the effect chain, e.g. \"HiButterworth(80) | Gain(1.5)\" (see 'effects')")
        ->type_name("SPEC");
    app.add_option("--session", session,
                   "the rack and batch settings of a .fxrack session (flags given here win)")
        ->type_name("FILE");
    app.add_option("--chunk-size", m_chunkSize,
                   "frames per chunk (default 65536; does not change the output)")
        ->type_name("N");
    app.add_option("--device", m_device,
                   "where the chain runs (default cpu; CUDA falls back to the CPU and says why)")
        ->type_name("cpu|cuda|auto");
    app.add_option("--format", m_format, "output container (default: the input's)")
        ->type_name("wav|flac|ogg|aiff");
    app.add_option("--subtype", m_subtype,
                   "output samples (default: the input's; integer output is dithered)")
        ->type_name("float|pcm16|pcm24|pcm32");
    app.add_option("--tail", m_tail, "run the chain on silence after the end so reverb and delay ring out")
        ->type_name("SECONDS");
    app.add_flag("--progress", progress, "draw a progress bar on the terminal");
}

io::BatchOptions FileJobOptions::applyTo(io::BatchOptions o) const
{
    if (!m_chunkSize.empty())
        o.chunkSize = toInt("--chunk-size", m_chunkSize, 1, io::BatchOptions::kMaxChunkSize);
    if (!m_device.empty()) {
        const auto d = io::parseComputeDevice(m_device);
        if (!d)
            throw UsageError{"option --device: \"" + m_device + "\" is not cpu, cuda or auto"};
        o.device = *d;
    }
    if (!m_format.empty()) {
        o.output.format = io::parseFileFormat(m_format);
        if (!o.output.format)
            throw UsageError{"option --format: \"" + m_format + "\" is not wav, flac, ogg or aiff"};
    }
    if (!m_subtype.empty()) {
        o.output.sampleFormat = io::parseSampleFormat(m_subtype);
        if (!o.output.sampleFormat)
            throw UsageError{"option --subtype: \"" + m_subtype + "\" is not float, pcm16, pcm24 or pcm32"};
    }
    if (!m_tail.empty()) {
        o.tailSeconds = toNumber("--tail", m_tail);
        if (o.tailSeconds < 0.0 || o.tailSeconds > io::BatchOptions::kMaxTailSeconds)
            throw UsageError{"option --tail: " + m_tail + " seconds is out of range [0, " +
                             std::to_string(static_cast<int>(io::BatchOptions::kMaxTailSeconds)) + "]"};
    }
    return o;
}

} // namespace fxrack::cli
