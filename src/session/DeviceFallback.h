#pragma once

#include "session/Session.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace fxrack::session {

// A device the audio layer found, in the session's terms (the caller converts its own list,
// so the session layer needs no audio back end).
struct AvailableDevice {
    QString api;  // "jack", "pulse", "alsa"
    QString name; // as the API reports it
    bool hasInput = false;
    bool hasOutput = false;
};

// A session stores devices by API and name. When the named device is not present, the
// default device stands in and the user is told: each missing device is cleared (empty
// means "the default") and a notice naming the field is returned. Names compare exactly,
// then case-insensitively. Call it on the thread that owns `audio`, after a device probe.
QStringList applyDeviceFallback(AudioSettings& audio, const std::vector<AvailableDevice>& available);

} // namespace fxrack::session
