#include "dsp/SoundFileOpen.h"

#include <mutex>

namespace fxrack::dsp {

SNDFILE* openSoundFile(const std::function<SNDFILE*()>& open, std::string* reason)
{
    static std::mutex opening;
    std::lock_guard lock(opening);
    SNDFILE* file = open();
    if (!file && reason)
        *reason = sf_strerror(nullptr);
    return file;
}

} // namespace fxrack::dsp
