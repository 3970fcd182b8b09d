#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QTranslator;

namespace fxrack::app {

// Loads the app's translation (embedded under :/i18n) and Qt's own for a language; "" follows
// the system locale. Returns the language code installed ("en" when none was needed).
QString installTranslation(const QString& code);
// The languages FXRack ships: "en", "de", "es".
QStringList availableLanguages();
// A language's own name ("Deutsch").
QString languageName(const QString& code);

} // namespace fxrack::app
