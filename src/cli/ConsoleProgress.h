#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace fxrack::cli {

// A one-line progress bar on a terminal (stderr): "[#####.....]  50%  3.2 s left  label".
// Thread-safe and rate-limited (10 redraws a second), so workers can call update() freely.
// On a stream that is not a terminal it prints nothing until finish().
class ConsoleProgress {
public:
    explicit ConsoleProgress(std::FILE* stream = stderr);
    void update(double fraction, const std::string& label = {}, double secondsLeft = -1.0);
    // Clears the bar (on a terminal) so the lines after it start clean.
    void finish();

private:
    std::FILE* m_stream;
    bool m_terminal;
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_last{};
    bool m_drawn = false;
};

} // namespace fxrack::cli
