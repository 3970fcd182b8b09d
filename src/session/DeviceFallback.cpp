#include "session/DeviceFallback.h"

namespace fxrack::session {
namespace {

// The name as present now (its exact spelling), or empty when it is missing.
QString findDevice(const QString& api, const QString& wanted, bool input,
                   const std::vector<AvailableDevice>& available)
{
    QString caseInsensitive;
    for (const auto& d : available) {
        if ((!api.isEmpty() && d.api != api) || (input ? !d.hasInput : !d.hasOutput))
            continue;
        if (d.name == wanted)
            return d.name;
        if (caseInsensitive.isEmpty() && d.name.compare(wanted, Qt::CaseInsensitive) == 0)
            caseInsensitive = d.name;
    }
    return caseInsensitive;
}

} // namespace

QStringList applyDeviceFallback(AudioSettings& audio, const std::vector<AvailableDevice>& available)
{
    QStringList notices;
    const auto resolve = [&](QString& device, bool input, const char* field) {
        if (device.isEmpty())
            return;
        const QString found = findDevice(audio.api, device, input, available);
        if (!found.isEmpty()) {
            device = found;
            return;
        }
        notices << QStringLiteral("audio.%1: \"%2\" is not available%3; using the default %4 device")
                       .arg(QLatin1String(field), device,
                            audio.api.isEmpty() ? QString() : QStringLiteral(" on ") + audio.api,
                            input ? QStringLiteral("input") : QStringLiteral("output"));
        device.clear();
    };
    if (audio.channelsIn > 0)
        resolve(audio.inputDevice, true, "input_device");
    if (audio.channelsOut > 0)
        resolve(audio.outputDevice, false, "output_device");
    return notices;
}

} // namespace fxrack::session
