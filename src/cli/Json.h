#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace fxrack::cli {

// A minimal streaming JSON writer for the CLI's --json output (dsp and realtime carry no
// JSON library, and the output shapes are small and fixed).
class JsonWriter {
public:
    JsonWriter& beginObject() { return open('{'); }
    JsonWriter& endObject() { return close('}'); }
    JsonWriter& beginArray() { return open('['); }
    JsonWriter& endArray() { return close(']'); }
    JsonWriter& key(std::string_view k)
    {
        separate();
        quote(k);
        m_out += ':';
        m_afterKey = true;
        return *this;
    }
    JsonWriter& string(std::string_view s)
    {
        separate();
        quote(s);
        return *this;
    }
    JsonWriter& number(double v)
    {
        separate();
        if (!std::isfinite(v)) {
            m_out += "null";
            return *this;
        }
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", v);
        // Prefer the shortest form that reads back the same.
        for (int precision = 6; precision < 17; ++precision) {
            char shorter[32];
            std::snprintf(shorter, sizeof shorter, "%.*g", precision, v);
            if (std::strtod(shorter, nullptr) == v) {
                m_out += shorter;
                return *this;
            }
        }
        m_out += buf;
        return *this;
    }
    JsonWriter& integer(long long v)
    {
        separate();
        m_out += std::to_string(v);
        return *this;
    }
    JsonWriter& boolean(bool v)
    {
        separate();
        m_out += v ? "true" : "false";
        return *this;
    }
    JsonWriter& null()
    {
        separate();
        m_out += "null";
        return *this;
    }
    // Inserts an already written JSON value.
    JsonWriter& raw(std::string_view json)
    {
        separate();
        m_out += json;
        return *this;
    }
    const std::string& str() const { return m_out; }

private:
    JsonWriter& open(char c)
    {
        separate();
        m_out += c;
        m_first.push_back(true);
        return *this;
    }
    JsonWriter& close(char c)
    {
        m_out += c;
        m_first.pop_back();
        return *this;
    }
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (!m_first.empty()) {
            if (!m_first.back())
                m_out += ',';
            m_first.back() = false;
        }
    }
    void quote(std::string_view s)
    {
        m_out += '"';
        for (char ch : s) {
            switch (ch) {
            case '"':
                m_out += "\\\"";
                break;
            case '\\':
                m_out += "\\\\";
                break;
            case '\n':
                m_out += "\\n";
                break;
            case '\t':
                m_out += "\\t";
                break;
            case '\r':
                m_out += "\\r";
                break;
            default:
                if (static_cast<unsigned char>(ch) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", ch);
                    m_out += buf;
                } else {
                    m_out += ch;
                }
            }
        }
        m_out += '"';
    }

    std::string m_out;
    std::vector<bool> m_first;
    bool m_afterKey = false;
};

} // namespace fxrack::cli
