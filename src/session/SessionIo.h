#pragma once

#include "dsp/EffectRegistry.h"
#include "session/Session.h"
#include "session/SessionError.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

namespace fxrack::session {

// What load() found: a session, or the error that stopped it; notices are things the user
// should hear about even when loading worked (a migration from an older format).
struct LoadResult {
    std::optional<Session> session;
    std::optional<SessionError> error;
    QStringList notices;

    bool ok() const noexcept { return session.has_value(); }
};

// Reads and writes .fxrack documents (docs/session-format.md). Stateless; any thread.
// The throwing forms are for the CLI (SessionError's kind maps to an exit code); the GUI may
// prefer load()/save(), which return the error instead.
class SessionIo {
public:
    static constexpr const char* kFormatName = "fxrack-session";
    static constexpr const char* kFileSuffix = "fxrack";

    // Parses and validates a document: every error names the field path and the reason.
    static Session parse(const QByteArray& json, QStringList* notices = nullptr,
                         const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin());
    // The document's bytes: the same session always gives the same bytes.
    static QByteArray serialize(const Session& session,
                                const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin());

    // parse() of a file; errors name the file.
    static Session read(const QString& path, QStringList* notices = nullptr,
                        const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin());
    // Writes atomically (QSaveFile): the old file stays whole until the new one is complete.
    static void write(const Session& session, const QString& path,
                      const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin());

    static LoadResult load(const QString& path,
                           const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin());
    // The error, or nothing on success.
    static std::optional<SessionError>
    save(const Session& session, const QString& path,
         const dsp::EffectRegistry& registry = dsp::EffectRegistry::builtin());

    // Writes bytes atomically; throws SessionError(File) naming the path. Shared with presets.
    static void writeFileAtomically(const QString& path, const QByteArray& bytes);
    static QByteArray readFile(const QString& path);
};

} // namespace fxrack::session
