#include "JackServer.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <jack/jack.h>
#include <pthread.h>
#include <sched.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace fxrack::test {

namespace {

bool anyJackdRunning()
{
    DIR* proc = ::opendir("/proc");
    if (!proc)
        return true; // cannot tell: leave everything alone
    bool found = false;
    while (dirent* entry = ::readdir(proc)) {
        const std::string comm = std::string("/proc/") + entry->d_name + "/comm";
        if (std::FILE* f = std::fopen(comm.c_str(), "r")) {
            char name[64] = {};
            if (std::fgets(name, sizeof name, f) && std::strncmp(name, "jackd", 5) == 0)
                found = true;
            std::fclose(f);
        }
        if (found)
            break;
    }
    ::closedir(proc);
    return found;
}

// A server killed with SIGKILL (as one test does on purpose, or a crashed run) leaves its entry in
// JACK's shared-memory registry, and after a few jackd refuses to start ("Too many servers already
// active"). With no jackd alive, every JACK segment in /dev/shm is such a leftover.
void removeStaleJackSegments()
{
    // Once per process, before its first server: libjack in this process keeps the registry it
    // first mapped, so removing it later would strand this process's clients.
    static bool done = false;
    if (done)
        return;
    done = true;
    if (anyJackdRunning())
        return;
    DIR* shm = ::opendir("/dev/shm");
    if (!shm)
        return;
    while (dirent* entry = ::readdir(shm)) {
        const std::string name = entry->d_name;
        if (name.rfind("jack", 0) == 0)
            ::unlink(("/dev/shm/" + name).c_str());
    }
    ::closedir(shm);
}

// jackd -R's priority; jack2 gives its clients' process threads 5 less.
constexpr int kRealtimePriority = 70;

} // namespace

bool mayRunRealtime(int priority)
{
    bool ok = false;
    std::thread probe([&] {
        sched_param param{};
        param.sched_priority = priority;
        ok = pthread_setschedparam(pthread_self(), SCHED_FIFO, &param) == 0;
    });
    probe.join();
    return ok;
}

JackServer::JackServer(int sampleRate, int period, bool realtime)
{
    removeStaleJackSegments();
    static std::atomic<int> counter{0};
    m_name = "fxrack-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
    const std::string rate = std::to_string(sampleRate), frames = std::to_string(period);
    m_realtime = realtime && mayRunRealtime(kRealtimePriority);
    const std::string priority = std::to_string(kRealtimePriority);
    std::vector<std::string> args = {"jackd", "-n", m_name};
    if (m_realtime)
        args.insert(args.end(), {"--realtime", "-P", priority});
    else
        args.push_back("--no-realtime");
    args.insert(args.end(), {"-d", "dummy", "-r", rate, "-p", frames});
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    const int rc = posix_spawnp(&m_pid, "jackd", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        m_pid = -1;
        m_error = "cannot run jackd (is jackd2 installed?)";
        return;
    }
    setenv("JACK_DEFAULT_SERVER", m_name.c_str(), 1);
    setenv("JACK_NO_AUDIO_RESERVATION", "1", 1);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < until) {
        jack_status_t status;
        if (jack_client_t* c = jack_client_open("fxrack-probe-ready", JackNoStartServer, &status)) {
            jack_client_close(c);
            return;
        }
        int wstatus = 0;
        if (waitpid(m_pid, &wstatus, WNOHANG) == m_pid) {
            m_pid = -1;
            m_error = "jackd exited at start";
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    m_error = "jackd did not accept clients within 10 s";
    stop();
}

JackServer::~JackServer()
{
    stop();
}

void JackServer::kill()
{
    if (m_pid <= 0)
        return;
    ::kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
    m_pid = -1;
}

void JackServer::stop()
{
    if (m_pid <= 0)
        return;
    ::kill(m_pid, SIGTERM);
    for (int i = 0; i < 100; ++i) {
        if (waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
            m_pid = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill();
}

} // namespace fxrack::test
