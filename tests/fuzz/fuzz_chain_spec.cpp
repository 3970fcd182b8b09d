// libFuzzer target: the chain-spec parser (dsp::parseChainSpec) and chain builder.
// Property beyond "no crash, hang or leak": a chain that builds formats to a spec that
// parses and builds again to the same text (formatChain's promise parse(format(c)) == c).
#include "dsp/ChainSpec.h"
#include "dsp/Errors.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

using namespace fxrack::dsp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string formatted;
    try {
        formatted = formatChain(buildChain(parseChainSpec(text)));
    } catch (const ParameterError&) {
        return 0; // refusing bad input with a message is the parser's job
    }
    try {
        const std::string again = formatChain(parseChain(formatted));
        if (again != formatted) {
            std::fprintf(stderr, "formatChain round trip differs:\n%s\n%s\n", formatted.c_str(),
                         again.c_str());
            std::abort();
        }
    } catch (const ParameterError& e) {
        std::fprintf(stderr, "formatChain output does not parse: %s\n%s\n", e.what(), formatted.c_str());
        std::abort();
    }
    return 0;
}
