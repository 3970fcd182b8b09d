#include "session/SessionIo.h"

#include "FxrackVersion.h"
#include "io/Batch.h"
#include "realtime/StreamConfig.h"
#include "session/DocumentCodec.h"
#include "session/Migration.h"
#include "session/SessionMidi.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace fxrack::session {

using detail::ObjectReader;

namespace {

const QStringList& knownApis()
{
    // "" is the system's default API; "offline" is the deterministic test backend.
    static const QStringList apis{QString(), QStringLiteral("jack"), QStringLiteral("pulse"),
                                  QStringLiteral("alsa"), QStringLiteral("offline")};
    return apis;
}

AudioSettings readAudio(const QJsonObject& json)
{
    ObjectReader r(json, QStringLiteral("audio"));
    AudioSettings a;
    using A = realtime::StreamConfig;
    a.api = r.oneOf(QStringLiteral("api"), a.api, knownApis());
    a.inputDevice = r.string(QStringLiteral("input_device"), a.inputDevice);
    a.outputDevice = r.string(QStringLiteral("output_device"), a.outputDevice);
    a.sampleRateHz =
        r.integer(QStringLiteral("sample_rate"), a.sampleRateHz, A::kMinSampleRate, A::kMaxSampleRate);
    a.bufferFrames =
        r.integer(QStringLiteral("buffer_size"), a.bufferFrames, A::kMinBufferSize, A::kMaxBufferSize);
    a.channelsIn = r.integer(QStringLiteral("channels_in"), a.channelsIn, 0, A::kMaxChannels);
    a.channelsOut = r.integer(QStringLiteral("channels_out"), a.channelsOut, 0, A::kMaxChannels);
    if (a.channelsIn == 0 && a.channelsOut == 0)
        r.fail(QStringLiteral("channels_out"),
               QStringLiteral("0 with channels_in 0 leaves no audio to process"));
    a.extras = r.unusedKeys();
    return a;
}

BatchSettings readBatch(const QJsonObject& json)
{
    ObjectReader r(json, QStringLiteral("batch"));
    BatchSettings b;
    using B = io::BatchOptions;
    b.outputDir = r.string(QStringLiteral("output_dir"), b.outputDir);
    b.suffix = r.string(QStringLiteral("suffix"), b.suffix);
    if (b.suffix.contains(QLatin1Char('/')))
        r.fail(QStringLiteral("suffix"), QStringLiteral("must not contain \"/\""));
    b.format =
        r.oneOf(QStringLiteral("format"), b.format,
                {QStringLiteral("same"), QStringLiteral("wav"), QStringLiteral("flac"), QStringLiteral("ogg"),
                 QStringLiteral("aiff"), QStringLiteral("opus"), QStringLiteral("mp3")});
    b.device = r.oneOf(QStringLiteral("device"), b.device,
                       {QStringLiteral("auto"), QStringLiteral("cpu"), QStringLiteral("cuda")});
    b.chunkFrames = r.integer(QStringLiteral("chunk_size"), b.chunkFrames, BatchSettings::kMinChunkFrames,
                              B::kMaxChunkSize);
    b.jobs = r.integer(QStringLiteral("jobs"), b.jobs, 1, B::kMaxJobs);
    b.tailSeconds = r.number(QStringLiteral("tail_seconds"), b.tailSeconds, 0.0, B::kMaxTailSeconds);
    b.nameTemplate = r.string(QStringLiteral("name_template"), b.nameTemplate);
    if (!b.nameTemplate.isEmpty())
        if (const auto why = io::checkNameTemplate(b.nameTemplate.toStdString()); !why.empty())
            r.fail(QStringLiteral("name_template"), QString::fromStdString(why));
    b.ifExists = r.oneOf(QStringLiteral("if_exists"), b.ifExists,
                         {QStringLiteral("fail"), QStringLiteral("skip"), QStringLiteral("rename"),
                          QStringLiteral("overwrite")});
    b.quality = r.number(QStringLiteral("quality"), b.quality, -1.0, 1.0);
    b.sampleRate = r.integer(QStringLiteral("sample_rate"), b.sampleRate, 0, static_cast<int>(B::kMaxRate));
    if (b.sampleRate != 0 && b.sampleRate < B::kMinRate)
        r.fail(
            QStringLiteral("sample_rate"),
            QStringLiteral("must be 0 (the input's) or at least %1 Hz").arg(static_cast<int>(B::kMinRate)));
    b.recursive = r.boolean(QStringLiteral("recursive"), b.recursive);
    b.extras = r.unusedKeys();
    return b;
}

} // namespace

Session SessionIo::parse(const QByteArray& json, QStringList* notices, const dsp::EffectRegistry& registry)
{
    QJsonObject document = detail::parseObject(json);
    {
        // The format is checked before the version: a preset or another JSON file gets a
        // message that says what it is, not a version complaint.
        const QJsonValue format = document.value(QStringLiteral("format"));
        if (format.toString() != QLatin1String(kFormatName))
            throw SessionError(
                SessionError::Kind::Version, QStringLiteral("format"),
                format.isUndefined()
                    ? QStringLiteral("missing (expected \"%1\")").arg(QLatin1String(kFormatName))
                    : QStringLiteral("expected \"%1\", got %2")
                          .arg(QLatin1String(kFormatName),
                               format.isString() ? QLatin1Char('"') + format.toString() + QLatin1Char('"')
                                                 : detail::describeJsonType(format)));
    }
    Migration::sessions().upgrade(document, notices);

    ObjectReader r(document, {});
    (void)r.raw(QStringLiteral("format"));
    (void)r.raw(QStringLiteral("format_version"));
    Session session;
    session.appVersion = r.string(QStringLiteral("app_version"), {});
    session.audio = readAudio(r.object(QStringLiteral("audio")));
    session.batch = readBatch(r.object(QStringLiteral("batch")));
    const QJsonArray rack = r.array(QStringLiteral("rack"));
    for (qsizetype i = 0; i < rack.size(); ++i) {
        const QString path = QStringLiteral("rack[%1]").arg(i);
        RackEntry entry = detail::readRackEntry(rack.at(i), path, registry, session.audio.sampleRateHz, true);
        if (!entry.id.isEmpty())
            for (size_t j = 0; j < session.rack.size(); ++j)
                if (session.rack[j].id == entry.id)
                    throw SessionError(
                        SessionError::Kind::Field, path + QStringLiteral(".id"),
                        QStringLiteral("\"%1\" is already the id of rack[%2]").arg(entry.id).arg(j));
        session.rack.push_back(std::move(entry));
    }
    // Ids are optional for hand-written files; give the missing ones after all explicit
    // ids are known, so a generated id never takes one that a later entry names.
    for (auto& entry : session.rack)
        if (entry.id.isEmpty())
            entry.id = session.uniqueId(entry.type);
    readMidiAndSnapshots(r, session, registry);
    session.extras = r.unusedKeys();
    return session;
}

QByteArray SessionIo::serialize(const Session& session, const dsp::EffectRegistry& registry)
{
    JsonWriter w;
    detail::beginDocument(w, u"fxrack-session", Session::kFormatVersion);
    w.text(u"app_version", u"" FXRACK_VERSION);

    const AudioSettings& a = session.audio;
    w.key(u"audio");
    w.beginObject();
    w.text(u"api", a.api);
    w.text(u"input_device", a.inputDevice);
    w.text(u"output_device", a.outputDevice);
    w.number(u"sample_rate", a.sampleRateHz);
    w.number(u"buffer_size", a.bufferFrames);
    w.number(u"channels_in", a.channelsIn);
    w.number(u"channels_out", a.channelsOut);
    detail::writeExtras(w, a.extras);
    w.endObject();

    w.key(u"rack");
    w.beginArray();
    for (const RackEntry& entry : session.rack)
        detail::writeRackEntry(w, entry, registry, true);
    w.endArray();

    const BatchSettings& b = session.batch;
    w.key(u"batch");
    w.beginObject();
    w.text(u"output_dir", b.outputDir);
    w.text(u"suffix", b.suffix);
    w.text(u"format", b.format);
    w.text(u"device", b.device);
    w.number(u"chunk_size", b.chunkFrames);
    w.number(u"jobs", b.jobs);
    w.number(u"tail_seconds", b.tailSeconds);
    // Written only when set, so sessions that do not use them read as before.
    const BatchSettings defaults;
    if (b.nameTemplate != defaults.nameTemplate) {
        w.text(u"name_template", b.nameTemplate);
    }
    if (b.ifExists != defaults.ifExists) {
        w.text(u"if_exists", b.ifExists);
    }
    if (b.quality != defaults.quality) {
        w.key(u"quality");
        w.value(b.quality);
    }
    if (b.sampleRate != defaults.sampleRate) {
        w.number(u"sample_rate", b.sampleRate);
    }
    if (b.recursive != defaults.recursive) {
        w.key(u"recursive");
        w.value(b.recursive);
    }
    detail::writeExtras(w, b.extras);
    w.endObject();

    writeMidiAndSnapshots(w, session, registry);
    detail::writeExtras(w, session.extras);
    w.endObject();
    return w.finish();
}

QByteArray SessionIo::readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw SessionError(SessionError::Kind::File, {},
                           QStringLiteral("cannot read: %1").arg(file.errorString()), path);
    return file.readAll();
}

void SessionIo::writeFileAtomically(const QString& path, const QByteArray& bytes)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        throw SessionError(SessionError::Kind::File, {},
                           QStringLiteral("cannot create the folder %1").arg(info.absolutePath()), path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        throw SessionError(SessionError::Kind::File, {},
                           QStringLiteral("cannot write: %1").arg(file.errorString()), path);
}

namespace {

// The SHA-256 of a file in hex, or empty when it cannot be read.
QString fileSha256(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

// A session file keeps its text parameters (IR paths) relative to itself: the paths resolve
// against `dir` on reading, and a file that is gone or changed since the save is a notice, not
// an error: the session opens, and the effect reports the path when it is prepared.
void resolveTexts(Session& session, const QDir& dir, QStringList* notices)
{
    for (size_t i = 0; i < session.rack.size(); ++i)
        for (auto& t : session.rack[i].texts) {
            const QString stored = QString::fromStdString(t.text);
            const QString absolute = QDir::cleanPath(dir.absoluteFilePath(stored));
            t.text = absolute.toStdString();
            if (!notices)
                continue;
            const QString where =
                QStringLiteral("rack[%1].params.%2").arg(i).arg(QString::fromStdString(t.name));
            if (!QFileInfo::exists(absolute))
                *notices << QStringLiteral(
                                "%1: %2 not found (moved?); the effect passes audio dry until it is found")
                                .arg(where, absolute);
            else if (!t.sha256.isEmpty() && fileSha256(absolute) != t.sha256)
                *notices
                    << QStringLiteral("%1: %2 has changed since the session was saved").arg(where, absolute);
        }
}

Session relativeTexts(Session session, const QDir& dir)
{
    for (auto& entry : session.rack)
        for (auto& t : entry.texts) {
            const QString absolute = QFileInfo(QString::fromStdString(t.text)).absoluteFilePath();
            t.sha256 = fileSha256(absolute);
            t.text = dir.relativeFilePath(absolute).toStdString();
        }
    return session;
}

} // namespace

Session SessionIo::read(const QString& path, QStringList* notices, const dsp::EffectRegistry& registry)
{
    const QByteArray bytes = readFile(path);
    try {
        Session session = parse(bytes, notices, registry);
        resolveTexts(session, QFileInfo(path).absoluteDir(), notices);
        return session;
    } catch (const SessionError& e) {
        throw e.inFile(path);
    }
}

void SessionIo::write(const Session& session, const QString& path, const dsp::EffectRegistry& registry)
{
    writeFileAtomically(path, serialize(relativeTexts(session, QFileInfo(path).absoluteDir()), registry));
}

LoadResult SessionIo::load(const QString& path, const dsp::EffectRegistry& registry)
{
    LoadResult result;
    try {
        result.session = read(path, &result.notices, registry);
    } catch (const SessionError& e) {
        result.error = e;
    }
    return result;
}

std::optional<SessionError> SessionIo::save(const Session& session, const QString& path,
                                            const dsp::EffectRegistry& registry)
{
    try {
        write(session, path, registry);
    } catch (const SessionError& e) {
        return e;
    }
    return std::nullopt;
}

} // namespace fxrack::session
