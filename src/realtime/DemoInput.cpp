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
    m_note = -1;
}

void DemoInput::render(float* out, int n) noexcept
{
    constexpr double twoPi = 2.0 * std::numbers::pi;
    const auto noteLength = std::max(1LL, static_cast<long long>(m_rate / kNotesPerSecond));
    for (int i = 0; i < n; ++i, ++m_sample) {
        const long long note = m_sample / noteLength;
        const long long inNote = m_sample % noteLength;
        if (note != m_note) {
            // Once a note, not once a sample: the partials' and the bass's phasors start again
            // from exact values (the pluck's phase restarts with every note; the bass's, 110 whole
            // cycles a second at the integer rates a stream has, is its place in the second), so
            // their rotations drift only for one note, about 1e-12; and the decay starts again
            // from its exact value.
            m_note = note;
            const double hz = 220.0 * std::pow(2.0, kNotes[note % kNoteCount] / 12.0);
            m_pluck = {1.0, 0.0};
            m_pluckTurn = {std::cos(twoPi * hz / m_rate), std::sin(twoPi * hz / m_rate)};
            const auto second = std::max(1LL, std::llround(m_rate));
            const double bassPhase = twoPi * 110.0 * static_cast<double>(m_sample % second) / m_rate;
            m_bass = {std::cos(bassPhase), std::sin(bassPhase)};
            m_bassTurn = {std::cos(twoPi * 110.0 / m_rate), std::sin(twoPi * 110.0 / m_rate)};
            m_decay = std::exp(-static_cast<double>(inNote) / m_rate * 9.0);
            m_decayStep = std::exp(-9.0 / m_rate);
        }
        const double t = static_cast<double>(inNote) / m_rate;
        const double envelope = m_decay * std::min(1.0, t * 400.0);
        // sin 2x and sin 3x from sin x and cos x.
        const double s = m_pluck.sin;
        const double c = m_pluck.cos;
        const double pluck = s + 0.35 * (2.0 * s * c) + 0.15 * s * (3.0 - 4.0 * s * s);
        const double bass = 0.25 * m_bass.sin;
        m_pluck.turn(m_pluckTurn);
        m_bass.turn(m_bassTurn);
        m_decay *= m_decayStep;
        out[i] = static_cast<float>(0.16 * pluck * envelope + 0.06 * bass);
    }
}

} // namespace fxrack::realtime
