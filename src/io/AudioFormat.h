#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fxrack::io {

// The formats FXRack writes (it reads whatever libsndfile reads): containers, and for Opus and
// MP3 the codec too (Ogg is Ogg Vorbis; Opus is Opus in Ogg, named .opus).
enum class FileFormat { Wav, Flac, Ogg, Aiff, Opus, Mp3 };
// Sample encodings a user can ask for; others (e.g. Vorbis, 8-bit) are kept when copied from the input.
enum class SampleFormat { Float, Pcm16, Pcm24, Pcm32 };

std::optional<FileFormat> parseFileFormat(std::string_view name) noexcept;
std::optional<SampleFormat> parseSampleFormat(std::string_view name) noexcept;
std::string_view fileFormatName(FileFormat format) noexcept;

// Text metadata (title, artist, ...) as libsndfile's SF_STR_* id and value.
using TextMetadata = std::vector<std::pair<int, std::string>>;

// What a file holds, as read from its header.
struct AudioFileInfo {
    std::string path;
    int64_t frames = 0;
    double sampleRate = 0.0;
    int channels = 0;
    int sndfileFormat = 0; // libsndfile SF_FORMAT_* major | subtype
    TextMetadata metadata;

    double durationSeconds() const noexcept
    {
        return sampleRate > 0 ? static_cast<double>(frames) / sampleRate : 0.0;
    }
};

// How the output is written: unset fields keep the input's.
struct OutputOptions {
    std::optional<FileFormat> format;
    std::optional<SampleFormat> sampleFormat;
    // 0..1 for the lossy codecs (Vorbis, Opus, MP3): libsndfile's VBR quality, 1 the best.
    // Unset: 0.6 for Vorbis, libsndfile's default for the others. Lossless formats ignore it.
    std::optional<double> quality;
    // Converted to this rate after the chain, before dithering (libsoxr, very high quality).
    std::optional<double> sampleRate;
    bool keepMetadata = true;
};

// The libsndfile format for an output: the input's major format and subtype unless overridden;
// a subtype the new container cannot hold becomes the nearest one it can (Vorbis for OGG,
// 24-bit for FLAC from float). WAV larger than 4 GiB becomes RF64. Throws FileError naming
// `outputPath` when the combination cannot be written.
int resolveOutputFormat(const AudioFileInfo& input, const OutputOptions& options, int64_t outputFrames,
                        const std::string& outputPath);

// "WAV 24-bit", "FLAC 16-bit", "OGG Vorbis", ...
std::string describeFormat(int sndfileFormat);
// The usual file extension of a libsndfile format, without the dot ("wav", "flac", "ogg", "aiff",
// "opus", "mp3").
std::string extensionFor(int sndfileFormat);
// "title", "artist", "album", "date", "tracknumber", "genre", "comment", ... for an SF_STR_* id.
std::string_view tagName(int sfStrId) noexcept;
// The tags of `wanted` that the file at `path` does not hold (its format has no field for them),
// by name; empty when all arrived or the file cannot be opened.
std::vector<std::string> tagsMissing(const TextMetadata& wanted, const std::string& path);

// True for Vorbis, Opus and MP3: the formats --quality applies to.
bool isLossy(int sndfileFormat) noexcept;
// Bits of an integer subtype (8, 16, 24, 32), or 0 for float, double and compressed subtypes.
int integerBits(int sndfileFormat) noexcept;

} // namespace fxrack::io
