#pragma once

#include "dsp/EffectRegistry.h"
#include "session/Session.h"
#include "session/SessionError.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <vector>

namespace fxrack::session {

// An effect preset (one effect's parameters) or a rack preset (a whole chain). The file
// format is in docs/session-format.md; entries never carry ids (a rack gives them).
struct Preset {
    enum class Kind { Effect, Rack };

    Kind kind = Kind::Effect;
    QString name;
    QString description;
    std::vector<RackEntry> entries; // one for an effect preset
    QJsonObject extras;             // unknown keys, written back
    // Where it came from; not stored in the file.
    bool factory = false;
    QString filePath;

    // The effect type of an effect preset ("" for a rack).
    std::string effectType() const
    {
        return kind == Kind::Effect && !entries.empty() ? entries.front().type : "";
    }
};

// Preset files: parse/serialize like SessionIo. Any thread.
class PresetIo {
public:
    static constexpr const char* kFormatName = "fxrack-preset";
    static constexpr int kFormatVersion = 1;

    // Throws SessionError naming the field; a preset of an unknown effect is refused with
    // "effect: unknown effect ..." (or rack[i].type for a rack).
    static Preset parse(const QByteArray& json,
                        const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin());
    static QByteArray serialize(const Preset& preset,
                                const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin());
    static Preset read(const QString& path,
                       const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin());
    // "effect-<type>-<name>.json" / "rack-<name>.json", with the name reduced to [a-z0-9-].
    static QString fileNameFor(const Preset& preset);
};

// Factory presets (read-only, shipped in resources/presets) and the user's own (in
// SessionPaths::userPresetDir()). Effect preset names are unique per effect type, rack
// preset names among racks, both compared case-insensitively; a user preset cannot take a
// factory preset's name. GUI thread (it touches files), or any one thread at a time.
class PresetLibrary {
public:
    explicit PresetLibrary(const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin());

    // Loads every *.json of the folder (default SessionPaths::factoryPresetDir(), which
    // may be a Qt resource path). A file that cannot be read is left out and reported in
    // problems(); the others load.
    void loadFactory(const QString& dir = {});
    // The same for the user's folder (default SessionPaths::userPresetDir()).
    void loadUser(const QString& dir = {});
    void clear();

    const std::vector<Preset>& presets() const noexcept { return m_presets; }
    std::vector<const Preset*> effectPresets(std::string_view effectType) const;
    std::vector<const Preset*> rackPresets() const;
    const Preset* findEffectPreset(std::string_view effectType, const QString& name) const;
    const Preset* findRackPreset(const QString& name) const;
    // One line per refused file: "<file>: <field>: <reason>".
    const QStringList& problems() const noexcept { return m_problems; }

    // Saves a user preset into `dir` (default the user folder) and adds it. Throws
    // SessionError: a factory preset has the name, or a user preset has it and !overwrite,
    // or the entries are not valid. Returns the file written.
    QString saveUser(Preset preset, bool overwrite = false, const QString& dir = {});
    // Deletes a user preset's file and forgets it; false for factory presets.
    bool removeUser(const Preset& preset);

private:
    void loadDir(const QString& dir, bool factory);
    const Preset* findSame(const Preset& preset) const;

    const dsp::EffectRegistry* m_registry;
    std::vector<Preset> m_presets;
    QStringList m_problems;
    QString m_userDir;
};

} // namespace fxrack::session
