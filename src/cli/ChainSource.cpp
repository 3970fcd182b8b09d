#include "cli/ChainSource.h"

#include "cli/Command.h"
#include "dsp/ChainSpec.h"
#include "session/SessionError.h"
#include "session/SessionIo.h"

#include <stdexcept>

namespace fxrack::cli {

ChainSource loadChainSource(const std::string& command, const std::string& chainSpec,
                            const std::string& sessionPath)
{
    if (!chainSpec.empty() && !sessionPath.empty())
        throw UsageError{command + ": give --chain or --session, not both"};
    if (chainSpec.empty() && sessionPath.empty())
        throw UsageError{command + " needs --chain SPEC or --session FILE"};
    ChainSource source;
    if (!chainSpec.empty()) {
        source.chain = dsp::parseChain(chainSpec); // ParameterError: exit 2
        source.description = dsp::formatChain(source.chain);
        return source;
    }
    try {
        source.session = session::SessionIo::read(QString::fromStdString(sessionPath));
        source.chain = session::chainFromSession(*source.session);
    } catch (const session::SessionError& e) {
        // A file that cannot be read is a file error; a file whose values are wrong is the
        // user's mistake, like a bad --chain.
        if (e.kind() == session::SessionError::Kind::File)
            throw std::runtime_error(e.what());
        throw UsageError{e.what()};
    }
    if (source.chain.empty())
        throw UsageError{sessionPath + ": the session's rack is empty"};
    source.description = dsp::formatChain(source.chain);
    return source;
}

} // namespace fxrack::cli
