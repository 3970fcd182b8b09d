// libFuzzer target: the .fxrack reader (and the preset reader, which shares its rack code).
// Properties beyond "no crash, hang or leak":
//  - anything parse() accepts serializes, parses again, and serializes to the same bytes;
//  - a session it accepts builds its chain without a ParameterError (the loader validated it).
#include "session/Preset.h"
#include "session/SessionIo.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace fxrack::session;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    try {
        const Session session = SessionIo::parse(json);
        const QByteArray first = SessionIo::serialize(session);
        const QByteArray second = SessionIo::serialize(SessionIo::parse(first));
        if (first != second) {
            std::fprintf(stderr, "not byte-stable:\n%s\n---\n%s\n", first.constData(), second.constData());
            std::abort();
        }
        (void)chainFromSession(session);
    } catch (const SessionError&) {
    }
    try {
        const Preset preset = PresetIo::parse(json);
        const QByteArray first = PresetIo::serialize(preset);
        if (PresetIo::serialize(PresetIo::parse(first)) != first)
            std::abort();
    } catch (const SessionError&) {
    }
    return 0;
}
