#pragma once

#include "realtime/AudioBackend.h"

#include <memory>
#include <string>
#include <vector>

namespace fxrack::realtime {

// The one place an audio API name becomes a backend, for the app and the CLI alike:
// "jack", "pulse", "alsa" (RtAudioBackend), "" or "default" (RtAudio's first working API), and
// "none" (no audio device: OfflineBackend::noDevice()). Throws std::invalid_argument naming
// the API for any other name. Creating a backend opens nothing; devices() probes.
std::unique_ptr<AudioBackend> makeBackend(const std::string& api);

// The API names makeBackend() takes on this build, in the order to offer them: RtAudio's
// compiled APIs, then "none".
std::vector<std::string> backendApis();

inline constexpr const char* kNoDeviceApi = "none";

} // namespace fxrack::realtime
