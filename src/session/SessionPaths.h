#pragma once

#include <QString>
#include <QStringList>

namespace fxrack::session {

// Folders of the XDG base directory spec. Qt 6.4's QStandardPaths has no state location,
// so all are computed here the same way: the variable when it is set to an absolute path,
// else the spec's fallback under $HOME.
struct SessionPaths {
    // $XDG_STATE_HOME/fxrack or ~/.local/state/fxrack: the recovery file lives here.
    static QString stateDir();
    // $XDG_DATA_HOME/fxrack or ~/.local/share/fxrack.
    static QString dataDir();
    // dataDir() + "/presets": the user's presets.
    static QString userPresetDir();
    // Where factory presets are looked for, first match wins: FXRACK_PRESETS_DIR when set,
    // <executable dir>/../share/fxrack/presets (installed), the Qt resource :/fxrack/presets
    // (when the app embeds it), then the source tree's resources/presets (a build that was
    // not installed).
    static QStringList factoryPresetSearchPath();
    // The first folder of the search path that exists (empty when none does).
    static QString factoryPresetDir();
    // The factory impulse responses, looked for the same way: FXRACK_IRS_DIR when set,
    // <executable dir>/../share/fxrack/irs (installed), then the source tree's resources/irs.
    static QStringList factoryIrSearchPath();
    static QString factoryIrDir();
    // The factory IRs (*.wav of factoryIrDir()), sorted by name; empty when none is found.
    static QStringList factoryIrs();
};

} // namespace fxrack::session
