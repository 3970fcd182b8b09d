#include "realtime/BackendFactory.h"

#include "realtime/OfflineBackend.h"
#include "realtime/RtAudioBackend.h"

namespace fxrack::realtime {

std::unique_ptr<AudioBackend> makeBackend(const std::string& api)
{
    if (api == kNoDeviceApi)
        return OfflineBackend::noDevice();
    RtAudioBackend::Options options;
    options.api = RtAudioBackend::parseApi(api); // std::invalid_argument naming the API
    return std::make_unique<RtAudioBackend>(options);
}

std::vector<std::string> backendApis()
{
    std::vector<std::string> apis = RtAudioBackend::compiledApis();
    apis.emplace_back(kNoDeviceApi);
    return apis;
}

} // namespace fxrack::realtime
