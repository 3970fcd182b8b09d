#include "session/Preset.h"

#include "session/DocumentCodec.h"
#include "session/SessionIo.h"
#include "session/SessionPaths.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace fxrack::session {

using detail::ObjectReader;

namespace {

QString kindName(Preset::Kind kind)
{
    return kind == Preset::Kind::Effect ? QStringLiteral("effect") : QStringLiteral("rack");
}

QString slug(const QString& text)
{
    QString out = text.toLower();
    out.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    out.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    return out.isEmpty() ? QStringLiteral("preset") : out;
}

bool sameName(const QString& a, const QString& b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

Preset PresetIo::parse(const QByteArray& json, const dsp::EffectRegistry& registry)
{
    QJsonObject document = detail::parseObject(json);
    ObjectReader r(document, {});
    const QString format = r.string(QStringLiteral("format"), {});
    if (format != QLatin1String(kFormatName))
        throw SessionError(
            SessionError::Kind::Version, QStringLiteral("format"),
            QStringLiteral("expected \"%1\", got \"%2\"").arg(QLatin1String(kFormatName), format));
    if (!r.has(QStringLiteral("format_version")))
        r.fail(QStringLiteral("format_version"), QStringLiteral("missing"));
    const int version = r.integer(QStringLiteral("format_version"), 0, 1, 1 << 30);
    if (version > kFormatVersion)
        throw SessionError(
            SessionError::Kind::Version, QStringLiteral("format_version"),
            QStringLiteral("the preset is format version %1, but this FXRack reads format versions "
                           "up to %2")
                .arg(version)
                .arg(kFormatVersion));

    Preset preset;
    const QString kind =
        r.oneOf(QStringLiteral("kind"), {}, {QStringLiteral("effect"), QStringLiteral("rack")});
    preset.kind = kind == QLatin1String("effect") ? Preset::Kind::Effect : Preset::Kind::Rack;
    preset.name = r.requiredString(QStringLiteral("name")).trimmed();
    if (preset.name.isEmpty())
        r.fail(QStringLiteral("name"), QStringLiteral("must not be empty"));
    preset.description = r.string(QStringLiteral("description"), {});
    if (preset.kind == Preset::Kind::Effect) {
        RackEntry entry;
        const auto& type =
            detail::findType(r.requiredString(QStringLiteral("effect")), QStringLiteral("effect"), registry);
        entry.type = type.name;
        detail::readParams(r, type, entry);
        detail::validateEntry(entry, {}, registry, 0.0);
        preset.entries.push_back(std::move(entry));
    } else {
        const QJsonArray rack = r.array(QStringLiteral("rack"));
        if (rack.isEmpty())
            r.fail(QStringLiteral("rack"), QStringLiteral("a rack preset needs at least one effect"));
        for (qsizetype i = 0; i < rack.size(); ++i)
            preset.entries.push_back(
                detail::readRackEntry(rack.at(i), QStringLiteral("rack[%1]").arg(i), registry, 0.0, false));
    }
    preset.extras = r.unusedKeys();
    return preset;
}

QByteArray PresetIo::serialize(const Preset& preset, const dsp::EffectRegistry& registry)
{
    JsonWriter w;
    detail::beginDocument(w, u"fxrack-preset", kFormatVersion);
    w.text(u"kind", kindName(preset.kind));
    w.text(u"name", preset.name);
    w.text(u"description", preset.description);
    if (preset.kind == Preset::Kind::Effect) {
        const RackEntry entry = preset.entries.empty() ? RackEntry{} : preset.entries.front();
        w.text(u"effect", QString::fromStdString(entry.type));
        w.key(u"params");
        detail::writeParams(w, entry, registry);
    } else {
        w.key(u"rack");
        w.beginArray();
        for (const auto& entry : preset.entries)
            detail::writeRackEntry(w, entry, registry, false);
        w.endArray();
    }
    detail::writeExtras(w, preset.extras);
    w.endObject();
    return w.finish();
}

Preset PresetIo::read(const QString& path, const dsp::EffectRegistry& registry)
{
    const QByteArray bytes = SessionIo::readFile(path);
    try {
        Preset preset = parse(bytes, registry);
        preset.filePath = path;
        return preset;
    } catch (const SessionError& e) {
        throw e.inFile(path);
    }
}

QString PresetIo::fileNameFor(const Preset& preset)
{
    if (preset.kind == Preset::Kind::Effect)
        return QStringLiteral("effect-%1-%2.json")
            .arg(slug(QString::fromStdString(preset.effectType())), slug(preset.name));
    return QStringLiteral("rack-%1.json").arg(slug(preset.name));
}

PresetLibrary::PresetLibrary(const dsp::EffectRegistry& registry) : m_registry(&registry) {}

void PresetLibrary::clear()
{
    m_presets.clear();
    m_problems.clear();
}

void PresetLibrary::loadFactory(const QString& dir)
{
    const QString folder = dir.isEmpty() ? SessionPaths::factoryPresetDir() : dir;
    if (folder.isEmpty()) {
        m_problems << QStringLiteral("no factory preset folder found (looked in %1)")
                          .arg(SessionPaths::factoryPresetSearchPath().join(QStringLiteral(", ")));
        return;
    }
    loadDir(folder, true);
}

void PresetLibrary::loadUser(const QString& dir)
{
    m_userDir = dir.isEmpty() ? SessionPaths::userPresetDir() : dir;
    loadDir(m_userDir, false); // a missing folder just means no user presets yet
}

void PresetLibrary::loadDir(const QString& dir, bool factory)
{
    const QDir folder(dir);
    const QStringList files = folder.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        const QString path = folder.filePath(file);
        try {
            Preset preset = PresetIo::read(path, *m_registry);
            preset.factory = factory;
            if (const Preset* same = findSame(preset)) {
                m_problems << QStringLiteral("%1: name: \"%2\" is already the name of %3")
                                  .arg(path, preset.name, same->filePath);
                continue;
            }
            m_presets.push_back(std::move(preset));
        } catch (const SessionError& e) {
            m_problems << e.message();
        }
    }
}

const Preset* PresetLibrary::findSame(const Preset& preset) const
{
    return preset.kind == Preset::Kind::Effect ? findEffectPreset(preset.effectType(), preset.name)
                                               : findRackPreset(preset.name);
}

std::vector<const Preset*> PresetLibrary::effectPresets(std::string_view effectType) const
{
    std::vector<const Preset*> out;
    for (const auto& p : m_presets)
        if (p.kind == Preset::Kind::Effect && p.effectType() == effectType)
            out.push_back(&p);
    return out;
}

std::vector<const Preset*> PresetLibrary::rackPresets() const
{
    std::vector<const Preset*> out;
    for (const auto& p : m_presets)
        if (p.kind == Preset::Kind::Rack)
            out.push_back(&p);
    return out;
}

const Preset* PresetLibrary::findEffectPreset(std::string_view effectType, const QString& name) const
{
    for (const auto& p : m_presets)
        if (p.kind == Preset::Kind::Effect && p.effectType() == effectType && sameName(p.name, name))
            return &p;
    return nullptr;
}

const Preset* PresetLibrary::findRackPreset(const QString& name) const
{
    for (const auto& p : m_presets)
        if (p.kind == Preset::Kind::Rack && sameName(p.name, name))
            return &p;
    return nullptr;
}

QString PresetLibrary::saveUser(Preset preset, bool overwrite, const QString& dir)
{
    preset.name = preset.name.trimmed();
    if (preset.name.isEmpty())
        throw SessionError(SessionError::Kind::Field, QStringLiteral("name"),
                           QStringLiteral("must not be empty"));
    if (preset.kind == Preset::Kind::Effect && preset.entries.size() != 1)
        throw SessionError(SessionError::Kind::Field, QStringLiteral("effect"),
                           QStringLiteral("an effect preset holds exactly one effect"));
    // Round trip through the parser: what is saved is exactly what loads again.
    const QByteArray bytes = PresetIo::serialize(preset, *m_registry);
    Preset checked = PresetIo::parse(bytes, *m_registry);

    if (const Preset* same = findSame(checked)) {
        if (same->factory)
            throw SessionError(SessionError::Kind::Field, QStringLiteral("name"),
                               QStringLiteral("\"%1\" is the name of a factory preset").arg(checked.name));
        if (!overwrite)
            throw SessionError(SessionError::Kind::Field, QStringLiteral("name"),
                               QStringLiteral("a user preset named \"%1\" exists").arg(checked.name));
        removeUser(*same);
    }
    const QString folder = !dir.isEmpty()         ? dir
                           : !m_userDir.isEmpty() ? m_userDir
                                                  : SessionPaths::userPresetDir();
    const QString path = QDir(folder).filePath(PresetIo::fileNameFor(checked));
    SessionIo::writeFileAtomically(path, bytes);
    checked.factory = false;
    checked.filePath = path;
    m_presets.push_back(std::move(checked));
    return path;
}

bool PresetLibrary::removeUser(const Preset& preset)
{
    if (preset.factory)
        return false;
    const QString path = preset.filePath;
    for (auto it = m_presets.begin(); it != m_presets.end(); ++it)
        if (&*it == &preset) {
            m_presets.erase(it);
            break;
        }
    return path.isEmpty() || QFile::remove(path) || !QFile::exists(path);
}

} // namespace fxrack::session
