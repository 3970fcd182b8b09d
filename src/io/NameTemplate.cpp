// The name template's check, apart from the rest of the batch so that the session loader (and its
// fuzzer) can use it without the batch engine.
#include "io/Batch.h"

#include <set>

namespace fxrack::io {

std::string checkNameTemplate(const std::string& text)
{
    static const std::set<std::string> fields{"stem", "dir", "index", "date", "preset"};
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '/')
            return "'/' is not allowed (use {dir} for the input's folder)";
        if (text[i] == '}')
            return "a '}' without its '{'";
        if (text[i] != '{')
            continue;
        const size_t close = text.find('}', i);
        if (close == std::string::npos)
            return "a '{' without its '}'";
        const std::string field = text.substr(i + 1, close - i - 1);
        if (!fields.count(field))
            return "unknown field {" + field + "} (known: {stem}, {dir}, {index}, {date}, {preset})";
        i = close;
    }
    if (text.empty() || text == "." || text == "..")
        return "the name is empty";
    return {};
}

} // namespace fxrack::io
