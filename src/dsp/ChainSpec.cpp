#include "dsp/ChainSpec.h"

#include "dsp/Errors.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <sstream>

namespace fxrack::dsp {
namespace {

// A value as written: a number, a word/string, or a list of numbers.
struct RawValue {
    enum class Kind { Number, Text, List } kind = Kind::Number;
    double number = 0.0;
    std::string text;
    std::vector<double> list;
    size_t column = 0;
};

std::string formatNumber(double v);

struct RawArg {
    std::string name; // empty when positional
    RawValue value;
    size_t column = 0;
};

class Parser {
public:
    Parser(std::string_view text, const EffectRegistry& registry) : m_text(text), m_registry(registry) {}

    std::vector<EffectSpec> parse()
    {
        std::vector<EffectSpec> out;
        skipSpace();
        if (atEnd())
            fail(m_pos, "is empty (expected e.g. \"Gain(1.5) | Reverb(room_size=0.3)\")");
        while (true) {
            out.push_back(parseEffect(static_cast<int>(out.size())));
            skipSpace();
            if (atEnd())
                break;
            if (peek() != '|')
                fail(m_pos, "expected \"|\" between effects, found \"" + std::string(1, peek()) + "\"");
            ++m_pos;
            skipSpace();
        }
        return out;
    }

private:
    [[noreturn]] void fail(size_t column, const std::string& why) const
    {
        throw ParameterError("chain spec (column " + std::to_string(column + 1) + "): " + why);
    }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    void skipSpace()
    {
        while (!atEnd() && std::isspace(static_cast<unsigned char>(peek())))
            ++m_pos;
    }
    static bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

    std::string identifier()
    {
        const size_t start = m_pos;
        while (!atEnd() && isIdentChar(peek()))
            ++m_pos;
        return std::string(m_text.substr(start, m_pos - start));
    }

    EffectSpec parseEffect(int index)
    {
        const size_t nameColumn = m_pos;
        const std::string name = identifier();
        if (name.empty())
            fail(nameColumn, atEnd() ? std::string("expected an effect name after \"|\"")
                                     : "expected an effect name, found \"" + std::string(1, peek()) + "\"");
        const EffectType* type = m_registry.find(name);
        if (!type) {
            std::string why = "unknown effect \"" + name + "\"";
            if (auto nearest = m_registry.nearestName(name); !nearest.empty())
                why += " (did you mean \"" + nearest + "\"?)";
            fail(nameColumn, why);
        }
        std::vector<RawArg> args;
        skipSpace();
        if (!atEnd() && peek() == '(') {
            ++m_pos;
            args = parseArgs(name);
        }
        return resolve(*type, index, args);
    }

    std::vector<RawArg> parseArgs(const std::string& effect)
    {
        std::vector<RawArg> args;
        skipSpace();
        if (!atEnd() && peek() == ')') {
            ++m_pos;
            return args;
        }
        while (true) {
            skipSpace();
            RawArg arg;
            arg.column = m_pos;
            // name=value or a positional value.
            const size_t save = m_pos;
            std::string word = identifier();
            skipSpace();
            if (!word.empty() && !atEnd() && peek() == '=') {
                ++m_pos;
                arg.name = word;
                skipSpace();
            } else {
                m_pos = save;
            }
            arg.value = parseValue(effect);
            args.push_back(std::move(arg));
            skipSpace();
            if (atEnd())
                fail(m_pos, effect + ": missing \")\"");
            if (peek() == ')') {
                ++m_pos;
                return args;
            }
            if (peek() != ',')
                fail(m_pos, effect + ": expected \",\" or \")\", found \"" + std::string(1, peek()) + "\"");
            ++m_pos;
        }
    }

    RawValue parseValue(const std::string& effect)
    {
        RawValue v;
        v.column = m_pos;
        if (atEnd())
            fail(m_pos, effect + ": missing a value");
        const char c = peek();
        if (c == '"' || c == '\'') {
            // The quote doubled inside is the quote itself ("a ""b"" c", as in SQL and CSV): a
            // text holding both quote characters can be written too.
            v.kind = RawValue::Kind::Text;
            size_t at = m_pos + 1;
            while (true) {
                const size_t close = m_text.find(c, at);
                if (close == std::string_view::npos)
                    fail(m_pos, effect + ": unterminated string");
                v.text += m_text.substr(at, close - at);
                if (close + 1 < m_text.size() && m_text[close + 1] == c) {
                    v.text += c;
                    at = close + 2;
                    continue;
                }
                m_pos = close + 1;
                return v;
            }
        }
        if (m_inList && (c == '[' || c == '('))
            fail(m_pos, effect + ": a list holds numbers only");
        if (c == '[' || c == '(') {
            const char closing = c == '[' ? ']' : ')';
            ++m_pos;
            v.kind = RawValue::Kind::List;
            // Lists do not nest: an item is a plain number, so the parser never recurses deeper.
            m_inList = true;
            while (true) {
                skipSpace();
                const RawValue item = parseValue(effect);
                if (item.kind != RawValue::Kind::Number)
                    fail(item.column, effect + ": a list holds numbers only");
                v.list.push_back(item.number);
                skipSpace();
                if (!atEnd() && peek() == closing) {
                    ++m_pos;
                    m_inList = false;
                    return v;
                }
                if (atEnd() || peek() != ',')
                    fail(m_pos, effect + ": expected \",\" or \"" + std::string(1, closing) + "\" in a list");
                ++m_pos;
            }
        }
        // A bare token: up to the next separator.
        const size_t start = m_pos;
        while (!atEnd() && peek() != ',' && peek() != ')' && peek() != ']' && peek() != '|' &&
               !std::isspace(static_cast<unsigned char>(peek())))
            ++m_pos;
        const std::string_view token = m_text.substr(start, m_pos - start);
        if (token.empty())
            fail(start, effect + ": missing a value");
        v.text = std::string(token); // a path that looks like a number is still its own text
        double number = 0.0;
        const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), number);
        if (ec == std::errc() && end == token.data() + token.size()) {
            v.kind = RawValue::Kind::Number;
            v.number = number;
        } else {
            v.kind = RawValue::Kind::Text;
        }
        return v;
    }

    double toParamValue(const EffectType& type, const ParamInfo& info, const RawValue& v) const
    {
        const auto where = [&] { return type.name + ": parameter \"" + info.name + "\" "; };
        if (v.kind == RawValue::Kind::List)
            fail(v.column, where() + "takes one value, not a list");
        if (info.unit == Unit::Choice) {
            if (v.kind == RawValue::Kind::Text) {
                const int i = info.choiceIndex(v.text);
                if (i < 0)
                    fail(v.column, where() + "\"" + v.text + "\" " + info.checkValue(-1));
                return i;
            }
            fail(v.column, where() + info.checkValue(-1) + ", not a number");
        }
        if (info.unit == Unit::Bool) {
            if (v.kind == RawValue::Kind::Text) {
                if (v.text == "true" || v.text == "True")
                    return 1.0;
                if (v.text == "false" || v.text == "False")
                    return 0.0;
                fail(v.column, where() + "must be true or false, got \"" + v.text + "\"");
            }
            if (v.number == 0.0 || v.number == 1.0)
                return v.number;
            fail(v.column, where() + "must be true or false");
        }
        if (v.kind == RawValue::Kind::Text) {
            if (v.text == "None" || v.text == "none")
                return info.defaultValue;
            fail(v.column, where() + "must be a number, got \"" + v.text + "\"");
        }
        if (auto why = info.checkValue(v.number); !why.empty())
            fail(v.column, where() + why);
        return v.number;
    }

    EffectSpec resolve(const EffectType& type, int index, const std::vector<RawArg>& args) const
    {
        EffectSpec spec;
        spec.type = type.name;
        std::vector<bool> given(type.params.size(), false);
        bool seenNamed = false;
        size_t positional = 0;
        const auto set = [&](int id, double value, size_t column) {
            if (given[static_cast<size_t>(id)])
                fail(column, type.name + ": parameter \"" + type.params[static_cast<size_t>(id)].name +
                                 "\" given twice");
            given[static_cast<size_t>(id)] = true;
            spec.params.emplace_back(type.params[static_cast<size_t>(id)].name, value);
        };
        // The base's mix, appended to the table, is given by name only: TorchFX's positional
        // arguments stop before it.
        size_t positionalLimit = type.params.size();
        if (positionalLimit > 0 && type.params.back().appended)
            --positionalLimit;
        for (const auto& arg : args) {
            int id = -1;
            if (arg.name.empty()) {
                if (seenNamed)
                    fail(arg.column, type.name + ": a positional argument cannot follow a named one");
                if (positional >= positionalLimit)
                    fail(arg.column,
                         type.name + " takes at most " + std::to_string(positionalLimit) + " arguments");
                id = static_cast<int>(positional++);
            } else {
                seenNamed = true;
                id = type.findParam(arg.name);
                if (id < 0) {
                    std::string known;
                    for (const auto& p : type.params)
                        known += (known.empty() ? "" : ", ") + p.name;
                    fail(arg.column,
                         type.name + " has no parameter \"" + arg.name + "\" (it has " + known + ")");
                }
            }
            const auto& info = type.params[static_cast<size_t>(id)];
            if (arg.value.kind == RawValue::Kind::List) {
                // A band: `cutoff=[low, high]` sets cutoff and cutoff_high.
                const int high = type.findParam(info.name + "_high");
                if (high < 0 || arg.value.list.size() != 2)
                    fail(arg.value.column, type.name + ": parameter \"" + info.name + "\" takes one value" +
                                               (high < 0 ? "" : " or two [low, high]"));
                RawValue lo = arg.value, hi = arg.value;
                lo.kind = hi.kind = RawValue::Kind::Number;
                lo.number = arg.value.list[0];
                hi.number = arg.value.list[1];
                set(id, toParamValue(type, info, lo), arg.column);
                set(high, toParamValue(type, type.params[static_cast<size_t>(high)], hi), arg.column);
                continue;
            }
            if (info.isText()) {
                // A number given as a path (ir=1.50) is the file "1.50", as written.
                const std::string& text = arg.value.text;
                set(id, 0.0, arg.column);
                spec.params.pop_back();
                spec.texts.emplace_back(info.name, text);
                continue;
            }
            set(id, toParamValue(type, info, arg.value), arg.column);
        }
        (void)index;
        return spec;
    }

    std::string_view m_text;
    size_t m_pos = 0;
    bool m_inList = false;
    const EffectRegistry& m_registry;
};

// The shortest text that reads back as the same double (0.3, not 0.29999999999999999), in any
// locale and for any finite value.
std::string formatNumber(double v)
{
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    return ec == std::errc() ? std::string(buffer, end) : std::string("0");
}

// A text in quotes that read it back: double quotes unless the text holds one and no single
// quote; a quote of the kind used is doubled inside (the parser's one escape).
std::string quoteText(const std::string& text)
{
    const bool hasDouble = text.find('"') != std::string::npos;
    const char q = hasDouble && text.find('\'') == std::string::npos ? '\'' : '"';
    std::string out(1, q);
    for (const char c : text) {
        out += c;
        if (c == q)
            out += q;
    }
    return out + q;
}

} // namespace

std::vector<EffectSpec> parseChainSpec(std::string_view text, const EffectRegistry& registry)
{
    return Parser(text, registry).parse();
}

EffectChain buildChain(const std::vector<EffectSpec>& specs, const EffectRegistry& registry)
{
    EffectChain chain;
    for (size_t i = 0; i < specs.size(); ++i) {
        auto effect = registry.create(specs[i].type);
        for (const auto& [name, value] : specs[i].params)
            effect->setParameter(name, value);
        for (const auto& [name, text] : specs[i].texts)
            effect->setText(name, text);
        // Cross-parameter rules (e.g. a negative amplitude gain) that need no sample rate.
        effect->validate(0.0);
        chain.add(std::move(effect));
    }
    return chain;
}

std::string formatChain(const EffectChain& chain)
{
    std::string out;
    for (int i = 0; i < chain.size(); ++i) {
        const Effect& e = chain.at(i);
        out += (i ? " | " : "") + e.name() + "(";
        for (int p = 0; p < e.paramCount(); ++p) {
            const auto& info = e.paramInfo(p);
            out += (p ? ", " : "") + info.name + "=";
            if (info.isText())
                out += quoteText(e.text(p));
            else if (info.unit == Unit::Choice || info.unit == Unit::Bool)
                out += info.formatValue(e.param(p));
            else
                out += formatNumber(e.param(p));
        }
        out += ")";
    }
    return out;
}

} // namespace fxrack::dsp
