#pragma once

#include <functional>
#include <sndfile.h>
#include <string>

namespace fxrack::dsp {

// Opens a sound file with `open` (a call of sf_open, sf_open_fd or sf_open_virtual); every open in
// the program goes through here. When it fails (null), `reason`, if given, gets libsndfile's
// message. A failed open leaves no handle to ask (sf_strerror(handle), which is per file), and
// libsndfile keeps the reason only in one process-wide variable, sf_strerror(nullptr), which the
// next open on any thread resets or overwrites: it has nothing per thread. So opens run one at a
// time here and the reason is read before the next starts. An open of a regular file reads only
// its header, so a batch loses little; the audio thread never opens a file.
SNDFILE* openSoundFile(const std::function<SNDFILE*()>& open, std::string* reason = nullptr);

// Opens `path` for reading through openSoundFile(). A FIFO or a character device (a pipe,
// /dev/stdin) waits for its writer and then for data: that wait is done here first, outside the
// one-at-a-time open, so that it never holds back the other threads' opens (a writer in this
// process would wait for the reader that waits for it).
SNDFILE* openSoundFileForReading(const std::string& path, SF_INFO& info, std::string* reason = nullptr);

} // namespace fxrack::dsp
