// A stand-in for the app in tst_autosave: it edits a session, lets the Autosaver write the
// recovery file, says so on stdout, then either waits to be killed (a crash) or exits cleanly.
//   autosave_crash_helper STATE_DIR crash|clean
#include "session/Autosaver.h"

#include <QCoreApplication>
#include <QTimer>
#include <cstdio>

using namespace fxrack::session;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3)
        return 2;
    const bool crash = args[2] == QLatin1String("crash");

    Session session;
    session.audio.outputDevice = QStringLiteral("helper output");
    RackEntry filter = RackEntry::defaults("HiButterworth");
    filter.setParam("cutoff", 123.0);
    session.append(filter);

    Autosaver autosaver([&session] { return session; }, args[1]);
    autosaver.setDelayMs(50);
    int saves = 0;
    QObject::connect(&autosaver, &Autosaver::saved, [&](const QString& path) {
        if (++saves == 1) {
            // A second edit, debounced like a knob turn: what a crash must not lose.
            session.rack[0].setParam("cutoff", 456.0);
            autosaver.markChanged();
            return;
        }
        std::printf("SAVED %s\n", qPrintable(path));
        std::fflush(stdout);
        if (!crash) {
            autosaver.cleanExit();
            app.quit();
        }
        // crash: keep running until the test kills us with SIGKILL.
    });
    QObject::connect(&autosaver, &Autosaver::saveFailed, [&](const QString& message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        app.exit(1);
    });
    autosaver.markChanged();
    return app.exec();
}
