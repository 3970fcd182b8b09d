// The app as tst_Recovery needs it: a process that autosaves a rack and then dies without a
// clean exit. It waits for the Autosaver to write, says where on stdout, and keeps running
// until the test kills it with SIGKILL (no destructor, no cleanExit: a real crash).
//   app_autosave_crash_helper STATE_DIR
#include "session/Autosaver.h"

#include <QCoreApplication>
#include <cstdio>

using namespace fxrack::session;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 2)
        return 2;

    // A rack unlike the default session, so restoring it is visible in the rack model.
    Session session;
    session.append(RackEntry::defaults("Chorus"));
    RackEntry gain = RackEntry::defaults("Gain");
    gain.setParam("gain", 0.25);
    session.append(gain);

    Autosaver autosaver([&session] { return session; }, args[1]);
    autosaver.setDelayMs(20);
    QObject::connect(&autosaver, &Autosaver::saved, [](const QString& path) {
        std::printf("SAVED %s\n", qPrintable(path));
        std::fflush(stdout);
    });
    QObject::connect(&autosaver, &Autosaver::saveFailed, [&app](const QString& message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        app.exit(1);
    });
    autosaver.markChanged();
    return app.exec();
}
