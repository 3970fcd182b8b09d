#include "io/AudioFormat.h"

#include "dsp/SoundFileOpen.h"
#include "io/FileError.h"

#include <algorithm>
#include <cctype>
#include <sndfile.h>

namespace fxrack::io {
namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

bool canWrite(int format, int channels, double sampleRate)
{
    SF_INFO info{};
    info.format = format;
    info.channels = channels;
    info.samplerate = static_cast<int>(sampleRate);
    return sf_format_check(&info) != 0;
}

int majorOf(FileFormat format)
{
    switch (format) {
    case FileFormat::Flac:
        return SF_FORMAT_FLAC;
    case FileFormat::Ogg:
        return SF_FORMAT_OGG;
    case FileFormat::Aiff:
        return SF_FORMAT_AIFF;
    case FileFormat::Opus:
        return SF_FORMAT_OGG;
    case FileFormat::Mp3:
        return SF_FORMAT_MPEG;
    case FileFormat::Wav:
        break;
    }
    return SF_FORMAT_WAV;
}

int subtypeOf(SampleFormat format)
{
    switch (format) {
    case SampleFormat::Float:
        return SF_FORMAT_FLOAT;
    case SampleFormat::Pcm16:
        return SF_FORMAT_PCM_16;
    case SampleFormat::Pcm32:
        return SF_FORMAT_PCM_32;
    case SampleFormat::Pcm24:
        break;
    }
    return SF_FORMAT_PCM_24;
}

} // namespace

std::optional<FileFormat> parseFileFormat(std::string_view name) noexcept
{
    const auto n = lower(name);
    if (n == "wav")
        return FileFormat::Wav;
    if (n == "flac")
        return FileFormat::Flac;
    if (n == "ogg")
        return FileFormat::Ogg;
    if (n == "aiff" || n == "aif")
        return FileFormat::Aiff;
    if (n == "opus")
        return FileFormat::Opus;
    if (n == "mp3")
        return FileFormat::Mp3;
    return std::nullopt;
}

std::optional<SampleFormat> parseSampleFormat(std::string_view name) noexcept
{
    const auto n = lower(name);
    if (n == "float")
        return SampleFormat::Float;
    if (n == "pcm16")
        return SampleFormat::Pcm16;
    if (n == "pcm24")
        return SampleFormat::Pcm24;
    if (n == "pcm32")
        return SampleFormat::Pcm32;
    return std::nullopt;
}

std::string_view fileFormatName(FileFormat format) noexcept
{
    switch (format) {
    case FileFormat::Flac:
        return "flac";
    case FileFormat::Ogg:
        return "ogg";
    case FileFormat::Aiff:
        return "aiff";
    case FileFormat::Opus:
        return "opus";
    case FileFormat::Mp3:
        return "mp3";
    case FileFormat::Wav:
        break;
    }
    return "wav";
}

std::string_view tagName(int sfStrId) noexcept
{
    switch (sfStrId) {
    case SF_STR_TITLE:
        return "title";
    case SF_STR_COPYRIGHT:
        return "copyright";
    case SF_STR_SOFTWARE:
        return "software";
    case SF_STR_ARTIST:
        return "artist";
    case SF_STR_COMMENT:
        return "comment";
    case SF_STR_DATE:
        return "date";
    case SF_STR_ALBUM:
        return "album";
    case SF_STR_LICENSE:
        return "license";
    case SF_STR_TRACKNUMBER:
        return "tracknumber";
    case SF_STR_GENRE:
        return "genre";
    default:
        return "tag";
    }
}

std::vector<std::string> tagsMissing(const TextMetadata& wanted, const std::string& path)
{
    std::vector<std::string> missing;
    if (wanted.empty())
        return missing;
    SF_INFO info{};
    SNDFILE* file = dsp::openSoundFile([&] { return sf_open(path.c_str(), SFM_READ, &info); });
    if (!file)
        return missing;
    for (const auto& [id, text] : wanted) {
        // The encoder's own name is rewritten by every writer; not a tag a user carries.
        if (id == SF_STR_SOFTWARE)
            continue;
        const char* got = sf_get_string(file, id);
        if (!got || text != got)
            missing.emplace_back(tagName(id));
    }
    sf_close(file);
    return missing;
}

bool isLossy(int sndfileFormat) noexcept
{
    const int sub = sndfileFormat & SF_FORMAT_SUBMASK;
    return sub == SF_FORMAT_VORBIS || sub == SF_FORMAT_OPUS || sub == SF_FORMAT_MPEG_LAYER_I ||
           sub == SF_FORMAT_MPEG_LAYER_II || sub == SF_FORMAT_MPEG_LAYER_III;
}

int integerBits(int sndfileFormat) noexcept
{
    switch (sndfileFormat & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_S8:
    case SF_FORMAT_PCM_U8:
        return 8;
    case SF_FORMAT_PCM_16:
        return 16;
    case SF_FORMAT_PCM_24:
        return 24;
    case SF_FORMAT_PCM_32:
        return 32;
    default:
        return 0;
    }
}

int resolveOutputFormat(const AudioFileInfo& input, const OutputOptions& options, int64_t outputFrames,
                        const std::string& outputPath)
{
    int major = input.sndfileFormat & SF_FORMAT_TYPEMASK;
    int subtype = input.sndfileFormat & SF_FORMAT_SUBMASK;
    // RF64 and W64 inputs are WAV to a user; they come back as WAV (or RF64 when large).
    if (major == SF_FORMAT_RF64 || major == SF_FORMAT_W64 || major == SF_FORMAT_WAVEX)
        major = SF_FORMAT_WAV;
    if (options.format)
        major = majorOf(*options.format);
    if (options.sampleFormat)
        subtype = subtypeOf(*options.sampleFormat);

    if (major == SF_FORMAT_OGG || major == SF_FORMAT_MPEG) {
        if (options.sampleFormat)
            throw FileError(outputPath,
                            describeFormat(major) + " holds compressed audio only; --subtype " +
                                std::string(options.sampleFormat == SampleFormat::Float ? "float" : "pcm") +
                                " cannot be written to it");
        // "Same as input" keeps the codec: Opus stays Opus, MP3 stays MP3 (layer III: what
        // libsndfile encodes).
        if (major == SF_FORMAT_MPEG)
            subtype = SF_FORMAT_MPEG_LAYER_III;
        else if (options.format ? *options.format == FileFormat::Opus : subtype == SF_FORMAT_OPUS)
            subtype = SF_FORMAT_OPUS;
        else
            subtype = SF_FORMAT_VORBIS;
    } else if (!canWrite(major | subtype, input.channels, input.sampleRate)) {
        if (options.sampleFormat)
            throw FileError(outputPath,
                            describeFormat(major | subtype) + " is not a format libsndfile can write");
        // The container changed and cannot hold the input's subtype: keep as much resolution as it can.
        subtype = SF_FORMAT_PCM_24;
        if (!canWrite(major | subtype, input.channels, input.sampleRate))
            subtype = SF_FORMAT_PCM_16;
    }
    if (major == SF_FORMAT_WAV) {
        const int64_t bytesPerSample = std::max(1, integerBits(major | subtype) / 8);
        const int64_t width =
            (subtype == SF_FORMAT_DOUBLE) ? 8 : (subtype == SF_FORMAT_FLOAT ? 4 : bytesPerSample);
        const int64_t dataBytes = outputFrames * input.channels * width;
        if (dataBytes > int64_t(4'000'000'000)) // plain RIFF sizes are 32-bit
            major = SF_FORMAT_RF64;
    }
    int format = major | subtype;
    // AIFF in, same AIFF out: keep the byte order too (little-endian AIFC from macOS plays
    // everywhere AIFF does). WAV goes out little-endian: many players cannot open RIFX.
    if (major == SF_FORMAT_AIFF && format == (input.sndfileFormat & (SF_FORMAT_TYPEMASK | SF_FORMAT_SUBMASK)))
        format |= input.sndfileFormat & SF_FORMAT_ENDMASK;
    if (!canWrite(format, input.channels, input.sampleRate))
        throw FileError(outputPath, "cannot write " + describeFormat(format) + " with " +
                                        std::to_string(input.channels) + " channels at " +
                                        std::to_string(static_cast<int>(input.sampleRate)) + " Hz");
    return format;
}

std::string describeFormat(int sndfileFormat)
{
    std::string major;
    switch (sndfileFormat & SF_FORMAT_TYPEMASK) {
    case SF_FORMAT_WAV:
        major = "WAV";
        break;
    case SF_FORMAT_WAVEX:
        major = "WAV";
        break;
    case SF_FORMAT_RF64:
        major = "RF64";
        break;
    case SF_FORMAT_W64:
        major = "W64";
        break;
    case SF_FORMAT_FLAC:
        major = "FLAC";
        break;
    case SF_FORMAT_OGG:
        major = "OGG";
        break;
    case SF_FORMAT_AIFF:
        major = "AIFF";
        break;
    case SF_FORMAT_MPEG:
        major = "MP3";
        break;
    default: {
        SF_FORMAT_INFO info{};
        info.format = sndfileFormat & SF_FORMAT_TYPEMASK;
        major = sf_command(nullptr, SFC_GET_FORMAT_INFO, &info, sizeof info) == 0 && info.name ? info.name
                                                                                               : "audio";
    }
    }
    std::string sub;
    switch (sndfileFormat & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_S8:
    case SF_FORMAT_PCM_U8:
        sub = "8-bit";
        break;
    case SF_FORMAT_PCM_16:
        sub = "16-bit";
        break;
    case SF_FORMAT_PCM_24:
        sub = "24-bit";
        break;
    case SF_FORMAT_PCM_32:
        sub = "32-bit";
        break;
    case SF_FORMAT_FLOAT:
        sub = "float";
        break;
    case SF_FORMAT_DOUBLE:
        sub = "double";
        break;
    case SF_FORMAT_VORBIS:
        sub = "Vorbis";
        break;
    case SF_FORMAT_OPUS:
        sub = "Opus";
        break;
    case SF_FORMAT_MPEG_LAYER_III:
        sub = "layer III";
        break;
    case 0:
        return major;
    default: {
        SF_FORMAT_INFO info{};
        info.format = sndfileFormat & SF_FORMAT_SUBMASK;
        sub = sf_command(nullptr, SFC_GET_FORMAT_SUBTYPE, &info, sizeof info) == 0 && info.name ? info.name
                                                                                                : "?";
    }
    }
    return major + " " + sub;
}

std::string extensionFor(int sndfileFormat)
{
    switch (sndfileFormat & SF_FORMAT_TYPEMASK) {
    case SF_FORMAT_FLAC:
        return "flac";
    case SF_FORMAT_OGG:
        return (sndfileFormat & SF_FORMAT_SUBMASK) == SF_FORMAT_OPUS ? "opus" : "ogg";
    case SF_FORMAT_MPEG:
        return "mp3";
    case SF_FORMAT_AIFF:
        return "aiff";
    case SF_FORMAT_W64:
        return "w64";
    default:
        return "wav";
    }
}

} // namespace fxrack::io
