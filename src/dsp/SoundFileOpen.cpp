#include "dsp/SoundFileOpen.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

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

SNDFILE* openSoundFileForReading(const std::string& path, SF_INFO& info, std::string* reason)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
        return openSoundFile([&] { return sf_open(path.c_str(), SFM_READ, &info); }, reason);
    // Opening a FIFO waits for a writer; the header's first bytes may come later still.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (reason)
            *reason = std::string("cannot open: ") + std::strerror(errno);
        return nullptr;
    }
    pollfd ready{fd, POLLIN, 0};
    while (::poll(&ready, 1, -1) < 0 && errno == EINTR) {
    }
    // SF_TRUE: sf_close(), or the failed open, closes the descriptor.
    return openSoundFile([&] { return sf_open_fd(fd, SFM_READ, &info, SF_TRUE); }, reason);
}

} // namespace fxrack::dsp
