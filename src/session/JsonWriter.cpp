#include "session/JsonWriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <array>
#include <charconv>
#include <cmath>

namespace fxrack::session {

QByteArray JsonWriter::formatNumber(double number)
{
    if (!std::isfinite(number))
        return "null"; // JSON has no NaN or infinity; validated values never get here
    // Shortest text that reads back as the same double: "80", "0.707", "1e+20".
    std::array<char, 32> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
    if (ec != std::errc())
        return "null";
    return QByteArray(buffer.data(), static_cast<qsizetype>(end - buffer.data()));
}

void JsonWriter::newline()
{
    m_out += '\n';
    m_out += QByteArray(static_cast<qsizetype>(2 * m_levels.size()), ' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_levels.empty()) {
        Level& level = m_levels.back();
        if (!level.empty)
            m_out += ',';
        level.empty = false;
        newline();
    }
}

void JsonWriter::open(char bracket, bool isObject)
{
    beforeValue();
    m_out += bracket;
    m_levels.push_back({isObject, true});
}

void JsonWriter::close(char bracket)
{
    const bool wasEmpty = m_levels.back().empty;
    m_levels.pop_back();
    if (!wasEmpty)
        newline();
    m_out += bracket;
}

void JsonWriter::beginObject()
{
    open('{', true);
}
void JsonWriter::endObject()
{
    close('}');
}
void JsonWriter::beginArray()
{
    open('[', false);
}
void JsonWriter::endArray()
{
    close(']');
}

void JsonWriter::key(QStringView name)
{
    beforeValue();
    writeString(name);
    m_out += ": ";
    m_afterKey = true;
}

void JsonWriter::key(std::string_view name)
{
    key(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())));
}

void JsonWriter::value(std::string_view text)
{
    value(QStringView(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()))));
}

void JsonWriter::number(std::string_view name, double number)
{
    key(name);
    value(number);
}

void JsonWriter::flag(std::string_view name, bool flag)
{
    key(name);
    value(flag);
}

void JsonWriter::text(std::string_view name, std::string_view text)
{
    key(name);
    value(text);
}

void JsonWriter::number(QStringView name, double number)
{
    key(name);
    value(number);
}

void JsonWriter::text(QStringView name, QStringView text)
{
    key(name);
    value(text);
}

void JsonWriter::value(double number)
{
    beforeValue();
    m_out += formatNumber(number);
}

void JsonWriter::value(bool flag)
{
    beforeValue();
    m_out += flag ? "true" : "false";
}

void JsonWriter::value(QStringView text)
{
    beforeValue();
    writeString(text);
}

void JsonWriter::value(const QJsonValue& json)
{
    switch (json.type()) {
    case QJsonValue::Bool:
        value(json.toBool());
        break;
    case QJsonValue::Double:
        value(json.toDouble());
        break;
    case QJsonValue::String:
        value(QStringView(json.toString()));
        break;
    case QJsonValue::Array: {
        beginArray();
        for (const QJsonValue& item : json.toArray())
            value(item);
        endArray();
        break;
    }
    case QJsonValue::Object: {
        beginObject();
        const QJsonObject object = json.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            key(it.key());
            value(it.value());
        }
        endObject();
        break;
    }
    default:
        beforeValue();
        m_out += "null";
        break;
    }
}

void JsonWriter::writeString(QStringView text)
{
    m_out += '"';
    qsizetype runStart = 0;
    // Plain runs go out as UTF-8 in one piece, so surrogate pairs stay together.
    const auto flush = [&](qsizetype upTo) {
        if (upTo > runStart)
            m_out += text.mid(runStart, upTo - runStart).toUtf8();
        runStart = upTo + 1;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        const char* escape = nullptr;
        switch (u) {
        case u'"':
            escape = "\\\"";
            break;
        case u'\\':
            escape = "\\\\";
            break;
        case u'\n':
            escape = "\\n";
            break;
        case u'\r':
            escape = "\\r";
            break;
        case u'\t':
            escape = "\\t";
            break;
        case u'\b':
            escape = "\\b";
            break;
        case u'\f':
            escape = "\\f";
            break;
        default:
            break;
        }
        if (escape) {
            flush(i);
            m_out += escape;
        } else if (u < 0x20) {
            flush(i);
            m_out += "\\u00" + QByteArray::number(u, 16).rightJustified(2, '0');
        }
    }
    flush(text.size());
    m_out += '"';
}

QByteArray JsonWriter::finish()
{
    QByteArray out = std::move(m_out);
    out += '\n';
    m_out.clear();
    m_levels.clear();
    m_afterKey = false;
    return out;
}

} // namespace fxrack::session
