#include "realtime/AudioBackend.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace fxrack::realtime {

const char* backendStateName(BackendState state) noexcept
{
    switch (state) {
    case BackendState::Closed:
        return "closed";
    case BackendState::Open:
        return "open";
    case BackendState::Running:
        return "running";
    case BackendState::Error:
        return "error";
    }
    return "closed";
}

int findDevice(const std::vector<DeviceInfo>& devices, const std::string& spec, bool wantInput)
{
    if (spec.empty())
        return -1;
    const auto fits = [&](const DeviceInfo& d) {
        return wantInput ? d.maxInputChannels > 0 : d.maxOutputChannels > 0;
    };
    int index = -1;
    const auto [end, ec] = std::from_chars(spec.data(), spec.data() + spec.size(), index);
    if (ec == std::errc() && end == spec.data() + spec.size()) {
        for (const auto& d : devices)
            if (d.index == index)
                return d.index;
        throw BackendError("device " + spec + ": no device has that index");
    }
    auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
        return s;
    };
    const std::string needle = lower(spec);
    for (const auto& d : devices)
        if (fits(d) && lower(d.name).find(needle) != std::string::npos)
            return d.index;
    throw BackendError("device \"" + spec + "\": no " + (wantInput ? "input" : "output") +
                       " device has that in its name");
}

} // namespace fxrack::realtime
