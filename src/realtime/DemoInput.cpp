#include "realtime/DemoInput.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace fxrack::realtime {
namespace {

// A minor arpeggio, in semitones above A3 (220 Hz).
constexpr int kNotes[] = {0, 3, 7, 12, 15, 12, 7, 3};
constexpr int kNoteCount = sizeof(kNotes) / sizeof(kNotes[0]);
constexpr double kNotesPerSecond = 8.0;

} // namespace

void DemoInput::prepare(double sampleRate) noexcept
{
    m_rate = sampleRate;
    reset();
}

void DemoInput::reset() noexcept
{
    m_sample = 0;
    m_phase = 0.0;
    m_bassPhase = 0.0;
}

void DemoInput::render(float* out, int n) noexcept
{
    constexpr double twoPi = 2.0 * std::numbers::pi;
    const auto noteLength = static_cast<long long>(m_rate / kNotesPerSecond);
    for (int i = 0; i < n; ++i, ++m_sample) {
        const long long note = m_sample / noteLength;
        const long long inNote = m_sample % noteLength;
        if (inNote == 0)
            m_phase = 0.0;
        const double hz = 220.0 * std::pow(2.0, kNotes[note % kNoteCount] / 12.0);
        const double t = static_cast<double>(inNote) / m_rate;
        const double envelope = std::exp(-t * 9.0) * std::min(1.0, t * 400.0);
        const double pluck =
            std::sin(m_phase) + 0.35 * std::sin(2.0 * m_phase) + 0.15 * std::sin(3.0 * m_phase);
        const double bass = 0.25 * std::sin(m_bassPhase);
        m_phase += twoPi * hz / m_rate;
        m_bassPhase += twoPi * 110.0 / m_rate;
        if (m_bassPhase > twoPi)
            m_bassPhase -= twoPi;
        out[i] = static_cast<float>(0.16 * pluck * envelope + 0.06 * bass);
    }
}

} // namespace fxrack::realtime
