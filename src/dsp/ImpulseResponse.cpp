#include "dsp/ImpulseResponse.h"

#include "dsp/Errors.h"
#include "dsp/SoundFileOpen.h"

#include <cmath>
#include <filesystem>
#include <memory>
#include <sndfile.h>
#include <soxr.h>

namespace fxrack::dsp {
namespace {

std::string seconds(double s)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", s);
    return text;
}

} // namespace

std::vector<float> resampleImpulse(const std::vector<float>& in, double fromRate, double toRate)
{
    const auto outLength = static_cast<size_t>(std::ceil(static_cast<double>(in.size()) * toRate / fromRate));
    std::vector<float> out(std::max<size_t>(outLength, 1), 0.0f);
    const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_VHQ, 0);
    // One thread: the result must not depend on scheduling.
    const soxr_runtime_spec_t runtime = soxr_runtime_spec(1);
    size_t done = 0;
    const soxr_error_t error = soxr_oneshot(fromRate, toRate, 1, in.data(), in.size(), nullptr, out.data(),
                                            out.size(), &done, &io, &quality, &runtime);
    if (error)
        throw std::runtime_error(std::string("resampling the impulse response failed: ") + error);
    out.resize(std::max<size_t>(done, 1));
    // The same response at the new rate: a sum over more samples per second must weigh each less.
    const auto scale = static_cast<float>(fromRate / toRate);
    for (float& v : out)
        v *= scale;
    return out;
}

namespace {

using SndFile = std::unique_ptr<SNDFILE, int (*)(SNDFILE*)>;

// Opens the file and checks what its header says (channels, length); reads no audio.
SndFile openImpulseResponse(const std::string& path, SF_INFO& info)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw ImpulseResponseError(path, "impulse response not found");
    if (std::filesystem::is_directory(path, ec))
        throw ImpulseResponseError(path, "is a directory, not an impulse response");
    std::string why;
    SndFile file(openSoundFileForReading(path, info, &why), sf_close);
    if (!file)
        throw ImpulseResponseError(path, "not an audio file libsndfile reads (" + why + ")");
    if (info.frames <= 0 || info.samplerate <= 0)
        throw ImpulseResponseError(path, "the impulse response is empty");
    if (info.channels != 1 && info.channels != 2 && info.channels != 4)
        throw ImpulseResponseError(path, "has " + std::to_string(info.channels) +
                                             " channels; an impulse response has 1 (mono), 2 (stereo) or "
                                             "4 (true stereo: LL, LR, RL, RR)");
    const double duration = static_cast<double>(info.frames) / info.samplerate;
    if (duration > kMaxImpulseResponseSeconds)
        throw ImpulseResponseError(path, "the impulse response lasts " + seconds(duration) + " s; at most " +
                                             seconds(kMaxImpulseResponseSeconds) + " s are allowed");
    return file;
}

} // namespace

void checkImpulseResponse(const std::string& path)
{
    SF_INFO info{};
    openImpulseResponse(path, info);
}

ImpulseResponse loadImpulseResponse(const std::string& path, double sampleRate)
{
    SF_INFO info{};
    const SndFile file = openImpulseResponse(path, info);
    std::vector<float> interleaved(static_cast<size_t>(info.frames) * static_cast<size_t>(info.channels));
    const sf_count_t read = sf_readf_float(file.get(), interleaved.data(), info.frames);
    if (read <= 0)
        throw ImpulseResponseError(path, "cannot read the impulse response");
    ImpulseResponse ir;
    ir.sampleRate = sampleRate;
    ir.channels.assign(static_cast<size_t>(info.channels), std::vector<float>(static_cast<size_t>(read)));
    for (sf_count_t f = 0; f < read; ++f)
        for (int c = 0; c < info.channels; ++c)
            ir.channels[static_cast<size_t>(c)][static_cast<size_t>(f)] =
                interleaved[static_cast<size_t>(f * info.channels + c)];
    for (const auto& ch : ir.channels)
        for (const float v : ch)
            if (!std::isfinite(v))
                throw ImpulseResponseError(path, "the impulse response holds NaN or infinite samples");
    if (info.samplerate != static_cast<int>(sampleRate) || std::floor(sampleRate) != sampleRate)
        for (auto& ch : ir.channels)
            ch = resampleImpulse(ch, info.samplerate, sampleRate);
    return ir;
}

} // namespace fxrack::dsp
