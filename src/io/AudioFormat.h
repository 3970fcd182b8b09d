#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fxrack::io {

// The containers FXRack writes (it reads whatever libsndfile reads).
enum class FileFormat { Wav, Flac, Ogg, Aiff };
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
// The usual file extension of a libsndfile format, without the dot ("wav", "flac", "ogg", "aiff").
std::string extensionFor(int sndfileFormat);
// Bits of an integer subtype (8, 16, 24, 32), or 0 for float, double and compressed subtypes.
int integerBits(int sndfileFormat) noexcept;

} // namespace fxrack::io
