#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringView>
#include <vector>

namespace fxrack::session {

// Writes JSON with the keys in the order they are given, so a document reads in a sensible
// order (QJsonDocument sorts keys) and the same data always gives the same bytes: numbers in
// their shortest round-trip form, two-space indent, "\n" line ends, a final newline.
class JsonWriter {
public:
    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(QStringView name);
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
