#pragma once

// Shared by the session and preset readers and writers; not part of the public API.

#include "dsp/EffectRegistry.h"
#include "session/JsonWriter.h"
#include "session/Session.h"
#include "session/SessionError.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

namespace fxrack::session::detail {

// Reads the fields of one JSON object, naming each by its path in errors
// ("audio.sample_rate: ..."), and remembers which keys it used so the rest can be kept.
class ObjectReader {
public:
    ObjectReader(QJsonObject object, QString path) : m_object(std::move(object)), m_path(std::move(path)) {}

    QString pathOf(QStringView key) const;
    bool has(const QString& key) const { return m_object.contains(key); }
    [[noreturn]] void fail(const QString& key, const QString& reason) const;

    QString string(const QString& key, const QString& fallback);
    QString requiredString(const QString& key);
    bool boolean(const QString& key, bool fallback);
    int integer(const QString& key, int fallback, int min, int max);
    double number(const QString& key, double fallback, double min, double max);
    // A string that must be one of `allowed` (compared case-insensitively, returned as listed).
    QString oneOf(const QString& key, const QString& fallback, const QStringList& allowed);
    QJsonObject object(const QString& key);
    QJsonArray array(const QString& key);
    QJsonValue raw(const QString& key);

    // The keys nobody asked for, to be written back unchanged.
    QJsonObject unusedKeys() const;

private:
    QJsonObject m_object;
    QString m_path;
    QSet<QString> m_used;
};

QString describeJsonType(const QJsonValue& value);
// A JSON parse with the error as "line L, column C: reason".
QJsonObject parseObject(const QByteArray& json);

// One rack entry (also the body of an effect preset). `sampleRateHz` > 0 checks every Hz
// parameter against Nyquist. `withId` reads/writes the "id" field (sessions, not presets).
RackEntry readRackEntry(const QJsonValue& json, const QString& path, const dsp::EffectRegistry& registry,
                        double sampleRateHz, bool withId);
// Reads "params" of `type` into entry.params, all parameters in catalogue order.
void readParams(ObjectReader& reader, const dsp::EffectType& type, RackEntry& entry);
// Builds the effect to run its own cross-parameter checks; errors get the entry's path.
void validateEntry(const RackEntry& entry, const QString& path, const dsp::EffectRegistry& registry,
                   double sampleRateHz);
const dsp::EffectType& findType(const QString& typeName, const QString& path,
                                const dsp::EffectRegistry& registry);

void writeRackEntry(JsonWriter& writer, const RackEntry& entry, const dsp::EffectRegistry& registry,
                    bool withId);
void writeParams(JsonWriter& writer, const RackEntry& entry, const dsp::EffectRegistry& registry);
void writeExtras(JsonWriter& writer, const QJsonObject& extras);
// Opens a document: its object and the format name and version every reader checks first.
void beginDocument(JsonWriter& writer, QStringView format, int formatVersion);

} // namespace fxrack::session::detail
