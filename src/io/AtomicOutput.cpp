#include "io/AtomicOutput.h"

#include "io/FileError.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace fxrack::io {
namespace {

// umask can only be read by setting it, which is process-wide: done once, before any batch worker
// can race another into leaving the process at umask 0 (a static initialised on first use is
// thread-safe, and every worker's first output comes after it).
mode_t processUmask()
{
    static const mode_t mask = [] {
        const mode_t m = ::umask(0);
        ::umask(m);
        return m;
    }();
    return mask;
}

} // namespace
namespace {

std::string folderOf(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string nameOf(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace

AtomicOutput::AtomicOutput(std::string target) : m_target(std::move(target))
{
    const std::string folder = folderOf(m_target);
    struct stat st {};
    if (::stat(folder.c_str(), &st) != 0)
        throw FileError(m_target, "cannot write: the folder " + folder + " does not exist");
    if (!S_ISDIR(st.st_mode))
        throw FileError(m_target, "cannot write: " + folder + " is not a folder");
    if (::stat(m_target.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        throw FileError(m_target, "cannot write: it is a directory");

    std::string pattern = folder + "/." + nameOf(m_target) + ".fxrack-XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    m_fd = ::mkstemp(name.data());
    if (m_fd < 0)
        throw FileError(m_target, "cannot write to the folder " + folder + " (" + std::strerror(errno) + ")");
    m_temp = name.data();
    ::fchmod(m_fd, 0666 & ~processUmask());
}

AtomicOutput::~AtomicOutput()
{
    discard();
}

void AtomicOutput::discard() noexcept
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_done && !m_temp.empty()) {
        ::unlink(m_temp.c_str());
        m_done = true;
    }
}

void AtomicOutput::commit(bool replace)
{
    if (m_done)
        throw FileError(m_target, "output already finished");
    if (::fsync(m_fd) != 0 && errno != EINVAL) {
        const int err = errno;
        discard();
        throw FileError(m_target, std::string("cannot flush to disk (") + std::strerror(err) + ")");
    }
    if (::close(m_fd) != 0) {
        const int err = errno;
        m_fd = -1;
        discard();
        throw FileError(m_target, std::string("cannot finish writing (") + std::strerror(err) + ")");
    }
    m_fd = -1;
    if (!replace) {
        // link() fails when the target exists, so two jobs cannot both claim one name. Filesystems
        // without hard links (vfat, exFAT, many SMB and FUSE mounts) get the same guarantee from
        // renameat2's RENAME_NOREPLACE.
        int linked = ::link(m_temp.c_str(), m_target.c_str());
        if (linked != 0 && (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == ENOSYS)) {
            if (::renameat2(AT_FDCWD, m_temp.c_str(), AT_FDCWD, m_target.c_str(), RENAME_NOREPLACE) == 0) {
                m_done = true;
                return;
            }
        }
        if (linked != 0) {
            const int err = errno;
            discard();
            throw FileError(m_target, err == EEXIST
                                          ? "already exists (use --overwrite to replace it)"
                                          : std::string("cannot create (") + std::strerror(err) + ")");
        }
        ::unlink(m_temp.c_str());
    } else if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
        const int err = errno;
        discard();
        throw FileError(m_target, std::string("cannot rename the finished file into place (") +
                                      std::strerror(err) + ")");
    }
    m_done = true;
}

void removeStaleTemporaries(const std::string& target) noexcept
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path t(target);
    const fs::path folder = t.parent_path().empty() ? fs::path(".") : t.parent_path();
    std::string prefix(1, '.'); // built in steps: GCC 12 warns falsely on "." + name (-Wrestrict)
    prefix.append(t.filename().string()).append(".fxrack-");
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        const std::string name = e.path().filename().string();
        if (name.size() == prefix.size() + 6 && name.rfind(prefix, 0) == 0)
            fs::remove(e.path(), ec);
    }
}

bool isSameFile(const std::string& a, const std::string& b) noexcept
{
    struct stat sa {
    }, sb{};
    if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0)
        return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

} // namespace fxrack::io
