#include "session/DocumentCodec.h"

#include "dsp/Errors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <algorithm>
#include <cmath>
#include <regex>

namespace fxrack::session::detail {
namespace {

QString numberText(double v)
{
    return QString::fromLatin1(JsonWriter::formatNumber(v));
}

QString quoted(const QString& s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}

// A value as it appears in a message: strings quoted, numbers as written, else its type.
QString shown(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return quoted(v.toString());
    case QJsonValue::Double:
        return numberText(v.toDouble());
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return describeJsonType(v);
    }
}

QString joined(const std::vector<std::string>& items)
{
    QStringList list;
    for (const auto& i : items)
        list << QString::fromStdString(i);
    return list.join(QStringLiteral(", "));
}

} // namespace

QString describeJsonType(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("nothing");
    }
}

namespace {

// JSON's \u escapes can spell a lone UTF-16 surrogate, which no Unicode text holds: such a key
// or string could not be written back as it was read, so it is refused with its path.
void checkUnicode(const QJsonValue& value, const QString& path)
{
    const auto bad = [&](const QString& where) {
        throw SessionError(SessionError::Kind::Syntax, where,
                           QStringLiteral("not valid Unicode (a lone surrogate in a \\u escape)"));
    };
    if (value.isString() && !value.toString().isValidUtf16())
        bad(path);
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            checkUnicode(array.at(i), path + QStringLiteral("[%1]").arg(i));
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString child = path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
            if (!it.key().isValidUtf16())
                bad(path.isEmpty() ? QStringLiteral("(a key)") : path);
            checkUnicode(it.value(), child);
        }
    }
}

} // namespace

QJsonObject parseObject(const QByteArray& json)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        // Qt gives a byte offset; people count lines and columns.
        const qsizetype offset = std::clamp<qsizetype>(error.offset, 0, json.size());
        const QByteArray before = json.left(offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
        throw SessionError(SessionError::Kind::Syntax, {},
                           QStringLiteral("not valid JSON at line %1, column %2: %3")
                               .arg(line)
                               .arg(column)
                               .arg(error.errorString()));
    }
    if (!document.isObject())
        throw SessionError(
            SessionError::Kind::Syntax, {},
            QStringLiteral("expected a JSON object at the top level, got %1")
                .arg(document.isArray() ? QStringLiteral("an array") : QStringLiteral("nothing")));
    checkUnicode(document.object(), {});
    return document.object();
}

QString ObjectReader::pathOf(QStringView key) const
{
    return m_path.isEmpty() ? key.toString() : m_path + QLatin1Char('.') + key.toString();
}

void ObjectReader::fail(const QString& key, const QString& reason) const
{
    throw SessionError(SessionError::Kind::Field, key.isEmpty() ? m_path : pathOf(key), reason);
}

QJsonValue ObjectReader::raw(const QString& key)
{
    m_used.insert(key);
    return m_object.value(key);
}

QString ObjectReader::string(const QString& key, const QString& fallback)
{
    const QJsonValue v = raw(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isString())
        fail(key, QStringLiteral("expected a string, got %1").arg(shown(v)));
    return v.toString();
}

QString ObjectReader::requiredString(const QString& key)
{
    if (!has(key))
        fail(key, QStringLiteral("missing"));
    return string(key, {});
}

bool ObjectReader::boolean(const QString& key, bool fallback)
{
    const QJsonValue v = raw(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isBool())
        fail(key, QStringLiteral("expected true or false, got %1").arg(shown(v)));
    return v.toBool();
}

int ObjectReader::integer(const QString& key, int fallback, int min, int max)
{
    const QJsonValue v = raw(key);
    if (v.isUndefined())
        return fallback;
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || d != std::floor(d))
        fail(key, QStringLiteral("expected a whole number, got %1").arg(shown(v)));
    if (d < min || d > max)
        fail(key, QStringLiteral("%1 is out of range [%2, %3]").arg(numberText(d)).arg(min).arg(max));
    return static_cast<int>(d);
}

double ObjectReader::number(const QString& key, double fallback, double min, double max)
{
    const QJsonValue v = raw(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isDouble())
        fail(key, QStringLiteral("expected a number, got %1").arg(shown(v)));
    const double d = v.toDouble();
    if (!(d >= min && d <= max))
        fail(key, QStringLiteral("%1 is out of range [%2, %3]")
                      .arg(numberText(d), numberText(min), numberText(max)));
    return d;
}

QString ObjectReader::oneOf(const QString& key, const QString& fallback, const QStringList& allowed)
{
    const QString text = string(key, fallback);
    for (const QString& a : allowed)
        if (a.compare(text, Qt::CaseInsensitive) == 0)
            return a;
    QStringList shownAllowed;
    for (const QString& a : allowed)
        shownAllowed << (a.isEmpty() ? QStringLiteral("\"\"") : a);
    fail(key,
         QStringLiteral("%1 is not one of %2").arg(quoted(text), shownAllowed.join(QStringLiteral(", "))));
}

QJsonObject ObjectReader::object(const QString& key)
{
    const QJsonValue v = raw(key);
    if (v.isUndefined())
        return {};
    if (!v.isObject())
        fail(key, QStringLiteral("expected an object, got %1").arg(shown(v)));
    return v.toObject();
}

QJsonArray ObjectReader::array(const QString& key)
{
    const QJsonValue v = raw(key);
    if (v.isUndefined())
        return {};
    if (!v.isArray())
        fail(key, QStringLiteral("expected an array, got %1").arg(shown(v)));
    return v.toArray();
}

QJsonObject ObjectReader::unusedKeys() const
{
    QJsonObject extras;
    for (auto it = m_object.begin(); it != m_object.end(); ++it)
        if (!m_used.contains(it.key()))
            extras.insert(it.key(), it.value());
    return extras;
}

const dsp::EffectType& findType(const QString& typeName, const QString& path,
                                const dsp::EffectRegistry& registry)
{
    const std::string name = typeName.toStdString();
    if (const auto* type = registry.find(name))
        return *type;
    QString why = QStringLiteral("unknown effect %1").arg(quoted(typeName));
    if (const auto nearest = registry.nearestName(name); !nearest.empty())
        why += QStringLiteral(" (did you mean %1?)").arg(quoted(QString::fromStdString(nearest)));
    throw SessionError(SessionError::Kind::Field, path, why);
}

void readParams(ObjectReader& reader, const dsp::EffectType& type, RackEntry& entry)
{
    const QJsonObject params = reader.object(QStringLiteral("params"));
    const QString paramsPath = reader.pathOf(u"params");
    entry.texts.clear();
    const auto fail = [&](const QString& key, const QString& why) -> void {
        throw SessionError(SessionError::Kind::Field, paramsPath + QLatin1Char('.') + key, why);
    };
    std::vector<double> values;
    std::vector<bool> given(type.params.size(), false);
    for (const auto& info : type.params)
        values.push_back(info.defaultValue);
    // Keys in document order is not available (QJsonObject sorts); sorted is just as good.
    for (auto it = params.begin(); it != params.end(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        const int id = type.findParam(key.toStdString());
        if (id < 0) {
            QStringList known;
            for (const auto& p : type.params)
                known << QString::fromStdString(p.name);
            fail(key,
                 QStringLiteral("%1 has no parameter %2 (it has %3)")
                     .arg(QString::fromStdString(type.name), quoted(key), known.join(QStringLiteral(", "))));
        }
        const auto& info = type.params[static_cast<size_t>(id)];
        if (given[static_cast<size_t>(id)])
            fail(key, QStringLiteral("given twice (as %1 and its alias)")
                          .arg(quoted(QString::fromStdString(info.name))));
        given[static_cast<size_t>(id)] = true;
        double value = 0.0;
        if (info.isText()) {
            // "ir": "cab.wav" or "ir": {"path": "cab.wav", "sha256": "..."} (what sessions write).
            TextValue text{info.name, {}, {}};
            if (v.isString()) {
                text.text = v.toString().toStdString();
            } else if (v.isObject() && v.toObject().value(QStringLiteral("path")).isString()) {
                text.text = v.toObject().value(QStringLiteral("path")).toString().toStdString();
                text.sha256 = v.toObject().value(QStringLiteral("sha256")).toString();
            } else {
                fail(key, QStringLiteral("expected a file path, got %1").arg(shown(v)));
            }
            if (!text.text.empty())
                entry.texts.push_back(std::move(text));
            continue;
        }
        if (info.unit == dsp::Unit::Choice) {
            const int index = v.isString() ? info.choiceIndex(v.toString().toStdString()) : -1;
            if (index < 0)
                fail(key, QStringLiteral("%1 is not one of %2").arg(shown(v), joined(info.choices)));
            value = index;
        } else if (info.unit == dsp::Unit::Bool) {
            if (!v.isBool())
                fail(key, QStringLiteral("expected true or false, got %1").arg(shown(v)));
            value = v.toBool() ? 1.0 : 0.0;
        } else {
            if (!v.isDouble())
                fail(key, QStringLiteral("expected a number, got %1").arg(shown(v)));
            value = v.toDouble();
            if (auto why = info.checkValue(value); !why.empty()) {
                // checkValue() words it to follow a name ("= 3 is out of range"); here it follows a path.
                QString text = QString::fromStdString(why);
                if (text.startsWith(QStringLiteral("= ")))
                    text = text.mid(2);
                fail(key, text);
            }
        }
        values[static_cast<size_t>(id)] = value;
    }
    entry.params.clear();
    for (size_t i = 0; i < type.params.size(); ++i)
        entry.params.push_back({type.params[i].name, values[i]});
}

void validateEntry(const RackEntry& entry, const QString& path, const dsp::EffectRegistry& registry,
                   double sampleRateHz)
{
    const QString paramsPath = path.isEmpty() ? QStringLiteral("params.") : path + QStringLiteral(".params.");
    const dsp::EffectType* type = registry.find(entry.type);
    if (type && sampleRateHz > 0.0) {
        const double nyquistHz = sampleRateHz / 2.0;
        for (const auto& p : entry.params) {
            const int id = type->findParam(p.name);
            if (id < 0 || type->params[static_cast<size_t>(id)].unit != dsp::Unit::Hz || p.value < nyquistHz)
                continue;
            throw SessionError(SessionError::Kind::Field, paramsPath + QString::fromStdString(p.name),
                               QStringLiteral("%1 Hz is %2 Nyquist for %3 Hz (it must be below %4 Hz)")
                                   .arg(numberText(p.value),
                                        p.value > nyquistHz ? QStringLiteral("above") : QStringLiteral("at"),
                                        numberText(sampleRateHz), numberText(nyquistHz)));
        }
    }
    try {
        (void)entry.buildEffect(registry, sampleRateHz);
    } catch (const dsp::ParameterError& e) {
        // Cross-parameter rules name the parameter in quotes: point the path at it when they do.
        const std::string message = e.what();
        static const std::regex named(R"re(parameter "([A-Za-z0-9_]+)")re");
        std::smatch match;
        QString field = path;
        if (std::regex_search(message, match, named))
            field = paramsPath + QString::fromStdString(match[1].str());
        throw SessionError(SessionError::Kind::Field, field, QString::fromStdString(message));
    }
}

RackEntry readRackEntry(const QJsonValue& json, const QString& path, const dsp::EffectRegistry& registry,
                        double sampleRateHz, bool withId)
{
    if (!json.isObject())
        throw SessionError(SessionError::Kind::Field, path,
                           QStringLiteral("expected an object, got %1").arg(describeJsonType(json)));
    ObjectReader reader(json.toObject(), path);
    RackEntry entry;
    const QString typeName = reader.requiredString(QStringLiteral("type"));
    const dsp::EffectType& type = findType(typeName, reader.pathOf(u"type"), registry);
    entry.type = type.name;
    if (withId) {
        entry.id = reader.string(QStringLiteral("id"), {});
        if (reader.has(QStringLiteral("id")) && entry.id.trimmed().isEmpty())
            reader.fail(QStringLiteral("id"), QStringLiteral("must not be empty"));
    }
    entry.bypass = reader.boolean(QStringLiteral("bypass"), false);
    readParams(reader, type, entry);
    entry.extras = reader.unusedKeys();
    validateEntry(entry, path, registry, sampleRateHz);
    return entry;
}

void beginDocument(JsonWriter& writer, QStringView format, int formatVersion)
{
    writer.beginObject();
    writer.text(u"format", format);
    writer.number(u"format_version", formatVersion);
}

void writeExtras(JsonWriter& writer, const QJsonObject& extras)
{
    for (auto it = extras.begin(); it != extras.end(); ++it) {
        writer.key(it.key());
        writer.value(it.value());
    }
}

void writeParams(JsonWriter& writer, const RackEntry& entry, const dsp::EffectRegistry& registry)
{
    writer.beginObject();
    const dsp::EffectType* type = registry.find(entry.type);
    if (!type) {
        // Not a registered type (a hand-built entry): write what it holds as it is.
        for (const auto& p : entry.params) {
            writer.key(QString::fromStdString(p.name));
            writer.value(p.value);
        }
        writer.endObject();
        return;
    }
    for (const auto& info : type->params) {
        if (info.isText()) {
            const auto it = std::find_if(entry.texts.begin(), entry.texts.end(),
                                         [&](const TextValue& t) { return t.name == info.name; });
            if (it == entry.texts.end())
                continue; // unset: the effect's default
            writer.key(QString::fromStdString(info.name));
            if (it->sha256.isEmpty()) {
                writer.value(QStringView(QString::fromStdString(it->text)));
            } else {
                writer.beginObject();
                writer.key(u"path");
                writer.value(QStringView(QString::fromStdString(it->text)));
                writer.key(u"sha256");
                writer.value(QStringView(it->sha256));
                writer.endObject();
            }
            continue;
        }
        const double value = entry.param(info.name).value_or(info.defaultValue);
        // The base's mix at 1 (the effect alone) is what a missing mix means: leaving it out
        // keeps sessions and presets written before every effect had a mix byte for byte.
        if (info.appended && value == info.defaultValue)
            continue;
        writer.key(QString::fromStdString(info.name));
        const auto index = static_cast<size_t>(std::lround(value));
        if (info.unit == dsp::Unit::Choice && value >= 0 && index < info.choices.size())
            writer.value(QStringView(QString::fromStdString(info.choices[index])));
        else if (info.unit == dsp::Unit::Bool)
            writer.value(value != 0.0);
        else
            writer.value(value);
    }
    writer.endObject();
}

void writeRackEntry(JsonWriter& writer, const RackEntry& entry, const dsp::EffectRegistry& registry,
                    bool withId)
{
    writer.beginObject();
    writer.key(u"type");
    writer.value(QStringView(QString::fromStdString(entry.type)));
    if (withId) {
        writer.key(u"id");
        writer.value(QStringView(entry.id));
    }
    writer.key(u"bypass");
    writer.value(entry.bypass);
    writer.key(u"params");
    writeParams(writer, entry, registry);
    writeExtras(writer, entry.extras);
    writer.endObject();
}

} // namespace fxrack::session::detail
