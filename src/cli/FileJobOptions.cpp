#include "cli/FileJobOptions.h"

#include "cli/Command.h"

#include <CLI/CLI.hpp>
#include <cmath>

namespace fxrack::cli {

bool FileJobOptions::Given::given() const
{
    return option && option->count() > 0;
}

void FileJobOptions::Given::addTo(CLI::App& app, const std::string& name, const std::string& help,
                                  const std::string& typeName)
{
    option = app.add_option(name, text, help)->type_name(typeName);
}

void FileJobOptions::addTo(CLI::App& app)
{
    app.add_option("--chain", chain,
                   "the effect chain, e.g. \"HiButterworth(80) | Gain(1.5)\" (see 'effects')")
        ->type_name("SPEC");
    app.add_option("--session", session,
                   "the rack and batch settings of a .fxrack session (flags given here win)")
        ->type_name("FILE");
    m_chunkSize.addTo(app, "--chunk-size", "frames per chunk (default 65536; does not change the output)",
                      "N");
    m_device.addTo(app, "--device",
                   "where the chain runs (default cpu; CUDA falls back to the CPU and says why)",
                   "cpu|cuda|auto");
    m_format.addTo(app, "--format", "output container (default: the input's)", "wav|flac|ogg|aiff|opus|mp3");
    m_subtype.addTo(app, "--subtype", "output samples (default: the input's; integer output is dithered)",
                    "float|pcm16|pcm24|pcm32");
    m_quality.addTo(app, "--quality", "lossy output quality, 0 (smallest) to 1 (best); Vorbis default 0.6",
                    "0..1");
    m_rate.addTo(app, "--rate", "convert to this sample rate after the chain (libsoxr, very high quality)",
                 "HZ");
    m_tail.addTo(app, "--tail", "run the chain on silence after the end so reverb and delay ring out",
                 "SECONDS");
    app.add_flag("--progress", progress, "draw a progress bar on the terminal");
}

io::BatchOptions FileJobOptions::applyTo(io::BatchOptions o) const
{
    if (m_chunkSize.given())
        o.chunkSize = toInt("--chunk-size", m_chunkSize.text, 1, io::BatchOptions::kMaxChunkSize);
    if (m_device.given()) {
        const auto d = io::parseComputeDevice(m_device.text);
        if (!d)
            throw UsageError{"option --device: \"" + m_device.text + "\" is not cpu, cuda or auto"};
        o.device = *d;
    }
    if (m_format.given()) {
        o.output.format = io::parseFileFormat(m_format.text);
        if (!o.output.format)
            throw UsageError{"option --format: \"" + m_format.text +
                             "\" is not wav, flac, ogg, aiff, opus or mp3"};
    }
    if (m_subtype.given()) {
        o.output.sampleFormat = io::parseSampleFormat(m_subtype.text);
        if (!o.output.sampleFormat)
            throw UsageError{"option --subtype: \"" + m_subtype.text +
                             "\" is not float, pcm16, pcm24 or pcm32"};
    }
    if (m_quality.given()) {
        const double q = toNumber("--quality", m_quality.text);
        if (!(q >= 0.0 && q <= 1.0))
            throw UsageError{"option --quality: " + m_quality.text + " is out of range [0, 1]"};
        o.output.quality = q;
    }
    if (m_rate.given()) {
        const double rate = toNumber("--rate", m_rate.text);
        if (!(rate >= io::BatchOptions::kMinRate && rate <= io::BatchOptions::kMaxRate) ||
            rate != std::floor(rate))
            throw UsageError{"option --rate: " + m_rate.text + " Hz is not a whole number of Hz in [" +
                             std::to_string(static_cast<int>(io::BatchOptions::kMinRate)) + ", " +
                             std::to_string(static_cast<int>(io::BatchOptions::kMaxRate)) + "]"};
        o.output.sampleRate = rate;
    }
    if (m_tail.given()) {
        o.tailSeconds = toNumber("--tail", m_tail.text);
        if (o.tailSeconds < 0.0 || o.tailSeconds > io::BatchOptions::kMaxTailSeconds)
            throw UsageError{"option --tail: " + m_tail.text + " seconds is out of range [0, " +
                             std::to_string(static_cast<int>(io::BatchOptions::kMaxTailSeconds)) + "]"};
    }
    return o;
}

} // namespace fxrack::cli
