#pragma once

#include <string>

namespace fxrack::io {

// An output file that appears only when complete: the data goes to a hidden temporary file
// beside the target (same folder, so the final rename is atomic) and commit() renames it over
// the target. Destroyed without commit() (an error, a cancel, a full disk), it removes the
// temporary file, so no partial output is ever left behind.
class AtomicOutput {
public:
    // Creates the temporary file. Throws FileError naming `target` when its folder is missing
    // or not writable.
    explicit AtomicOutput(std::string target);
    ~AtomicOutput();
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    int fd() const noexcept { return m_fd; }
    const std::string& target() const noexcept { return m_target; }
    const std::string& temporaryPath() const noexcept { return m_temp; }
    // Flushes to disk and renames onto the target; with `replace` false an existing target is
    // an error (FileError), and it is not touched.
    void commit(bool replace = true);
    // Removes the temporary file now.
    void discard() noexcept;

private:
    std::string m_target;
    std::string m_temp;
    int m_fd = -1;
    bool m_done = false;
};

// Removes the temporary files a killed process left for `target` (a SIGKILL gives no chance to
// clean up); a resumed run calls it before writing the target again.
void removeStaleTemporaries(const std::string& target) noexcept;

// True when both paths name the same existing file (same device and inode: also through a
// symbolic or hard link).
bool isSameFile(const std::string& a, const std::string& b) noexcept;

} // namespace fxrack::io
