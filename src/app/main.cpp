#include "AppSettings.h"
#include "FxrackVersion.h"
#include "MainWindow.h"
#include "Translations.h"

#include <QApplication>
#include <QCommandLineParser>

// fxrack [SESSION]: opens a session, or the default session (the seed chain) when none is given.
int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("fxrack"));
    QApplication::setApplicationDisplayName(QStringLiteral("FXRack"));
    QApplication::setApplicationVersion(QStringLiteral(FXRACK_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/fxrack.svg")));
    fxrack::app::installTranslation(fxrack::app::AppSettings().language());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Real-time audio effects and batch processing"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("session"),
                                 QApplication::translate("main", "A session to open"),
                                 QStringLiteral("[SESSION]"));
    parser.process(app);

    fxrack::app::MainWindow::Options options;
    options.sessionPath = parser.positionalArguments().value(0);
    fxrack::app::MainWindow window(options);
    window.show();
    return app.exec();
}
