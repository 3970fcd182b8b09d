#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringView>
#include <string_view>
#include <vector>

namespace fxrack::session {

// Writes JSON with the keys in the order they are given, so a document reads in a sensible
// order (QJsonDocument sorts keys) and the same data always gives the same bytes: numbers in
// their shortest round-trip form, two-space indent, "\n" line ends, a final newline.
// The one JSON writer: sessions and presets, and the CLI's --json output.
class JsonWriter {
public:
    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(QStringView name);
    // UTF-8 keys and text, for callers that hold std::string (the CLI). Pass std::string or
    // std::string_view, not a bare char literal (that would pick value(bool)).
    void key(std::string_view name);
    void value(std::string_view text);
    // A key and its value in one call (named apart: an int would fit double and bool alike).
    void number(std::string_view name, double number);
    void flag(std::string_view name, bool flag);
    void text(std::string_view name, std::string_view text);
    // The same for the Qt side (sessions and presets): w.text(u"name", s.name).
    void number(QStringView name, double number);
    void text(QStringView name, QStringView text);
    void value(double number);
    void value(bool flag);
    void value(QStringView text);
    // Any JSON value (the keys of nested objects in QJsonObject's sorted order).
    void value(const QJsonValue& json);

    // The document so far, with its final newline.
    QByteArray finish();

    static QByteArray formatNumber(double number);

private:
    struct Level {
        bool isObject = false;
        bool empty = true;
    };
    void beforeValue();
    void open(char bracket, bool isObject);
    void close(char bracket);
    void newline();
    void writeString(QStringView text);

    QByteArray m_out;
    std::vector<Level> m_levels;
    bool m_afterKey = false;
};

} // namespace fxrack::session
