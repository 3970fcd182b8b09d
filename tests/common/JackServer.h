#pragma once

#include <string>
#include <sys/types.h>

namespace fxrack::test {

// Whether this process may make a thread SCHED_FIFO at `priority` (root, CAP_SYS_NICE or an
// rtprio limit that high), as jackd -R needs for its threads to be real-time: where it may not,
// jackd still starts, with normal threads (an rtprio limit of 1 to 69 passes a probe at 1).
bool mayRunRealtime(int priority = 1);

// A real JACK server with the dummy driver (no sound card needed), started for one test run
// under a unique name so runs can go side by side; JACK_DEFAULT_SERVER is set for this process
// so every client (RtAudio included) finds it. Stopped by the destructor.
class JackServer {
public:
    // realtime: jackd's threads (and its clients' process threads) run SCHED_FIFO as on a live rig,
    // where the host allows it; isRealtime() says whether they do. Tests keep the default (off):
    // many run side by side and a real-time thread may not starve the others.
    explicit JackServer(int sampleRate = 48000, int period = 256, bool realtime = false);
    ~JackServer();
    JackServer(const JackServer&) = delete;
    JackServer& operator=(const JackServer&) = delete;

    bool isRunning() const { return m_pid > 0; }
    bool isRealtime() const { return m_realtime; }
    const std::string& name() const { return m_name; }
    const std::string& error() const { return m_error; }
    // SIGKILL, as a crashing server would die.
    void kill();
    void stop();

private:
    std::string m_name;
    std::string m_error;
    pid_t m_pid = -1;
    bool m_realtime = false;
};

} // namespace fxrack::test
