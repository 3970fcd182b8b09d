#include "cli/ConsoleProgress.h"

#include <algorithm>
#include <cmath>
#include <unistd.h>

namespace fxrack::cli {

ConsoleProgress::ConsoleProgress(std::FILE* stream)
    : m_stream(stream), m_terminal(::isatty(::fileno(stream)) != 0)
{}

void ConsoleProgress::update(double fraction, const std::string& label, double secondsLeft)
{
    if (!m_terminal)
        return;
    std::lock_guard lock(m_mutex);
    const auto now = std::chrono::steady_clock::now();
    if (m_drawn && fraction < 1.0 && now - m_last < std::chrono::milliseconds(100))
        return;
    m_last = now;
    m_drawn = true;
    constexpr int width = 30;
    fraction = std::clamp(fraction, 0.0, 1.0);
    const int filled = static_cast<int>(std::lround(fraction * width));
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(width - filled), '.');
    std::string eta;
    if (secondsLeft >= 0.0 && std::isfinite(secondsLeft)) {
        char text[32];
        std::snprintf(text, sizeof text, "  %.1f s left", secondsLeft);
        eta = text;
    }
    std::fprintf(m_stream, "\r\033[K[%s] %3d%%%s  %s", bar.c_str(), static_cast<int>(fraction * 100.0),
                 eta.c_str(), label.substr(0, 40).c_str());
    std::fflush(m_stream);
}

void ConsoleProgress::finish()
{
    std::lock_guard lock(m_mutex);
    if (m_terminal && m_drawn) {
        std::fprintf(m_stream, "\r\033[K");
        std::fflush(m_stream);
    }
    m_drawn = false;
}

} // namespace fxrack::cli
