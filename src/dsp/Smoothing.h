#pragma once

#include <algorithm>
#include <cmath>

namespace fxrack::dsp {

// A parameter ramp (JUCE SmoothedValue). The setter only sets a target; next() and skip()
// advance it. Multiplicative ramps suit Hz (equal steps in pitch); linear ramps suit
// dB values (which makes them multiplicative in amplitude), mix and gain factors; a one-pole
// ramp approaches the target exponentially, reaching 99.99 % at the ramp's end, then snaps.
// Every kind ends exactly on the target after the ramp length, so a whole block and the same
// block cut in pieces give the same values. All members are wait-free and allocation-free.
class SmoothedValue {
public:
    enum class Kind { Linear, Multiplicative, OnePole };

    explicit SmoothedValue(Kind kind = Kind::Linear) noexcept : m_kind(kind) {}

    void reset(double sampleRate, double rampSeconds) noexcept
    {
        m_rampLength = std::max(1, static_cast<int>(std::lround(sampleRate * rampSeconds)));
        setCurrentAndTarget(m_target);
    }
    void setCurrentAndTarget(double value) noexcept
    {
        m_current = m_target = value;
        m_countdown = 0;
    }
    void setTarget(double value) noexcept
    {
        if (value == m_target)
            return;
        m_target = value;
        m_countdown = m_rampLength;
        m_skipN = 0; // pow(m_step, 0): a skip of 0 samples moves nothing
        m_skipFactor = 1.0;
        if (m_kind == Kind::OnePole)
            m_step = std::pow(1e-4, 1.0 / m_rampLength);
        else if (m_kind == Kind::Multiplicative && m_current > 0.0 && value > 0.0)
            m_step = std::exp(std::log(value / m_current) / m_countdown);
        else
            m_step = (value - m_current) / m_countdown;
    }
    bool isSmoothing() const noexcept { return m_countdown > 0; }
    double current() const noexcept { return m_current; }
    double target() const noexcept { return m_target; }

    double next() noexcept
    {
        if (m_countdown <= 0)
            return m_target;
        if (--m_countdown == 0)
            m_current = m_target;
        else if (m_kind == Kind::OnePole)
            m_current = m_target + (m_current - m_target) * m_step;
        else if (m_kind == Kind::Multiplicative && m_target > 0.0 && m_current > 0.0)
            m_current *= m_step;
        else
            m_current += m_step;
        return m_current;
    }
    // n calls of next() into out, bit for bit, without its per-sample branches: the ramp's
    // steps run as one plain loop of its kind (a per-sample gain, a mix).
    void nextBlock(double* out, int n) noexcept
    {
        int i = 0;
        // Before the last step (which lands exactly on the target) the current value moves by
        // the kind's rule; the multiplicative kind's linear fallback may switch rules mid-ramp
        // (once its value turns positive), so it keeps next()'s own steps.
        const int running = std::min(n, m_countdown - 1);
        const bool fallback = m_kind == Kind::Multiplicative && !(m_target > 0.0 && m_current > 0.0);
        if (running > 0 && !fallback) {
            double current = m_current;
            const double step = m_step;
            const double target = m_target;
            if (m_kind == Kind::OnePole)
                for (; i < running; ++i)
                    out[i] = current = target + (current - target) * step;
            else if (m_kind == Kind::Multiplicative)
                for (; i < running && current > 0.0; ++i) // next() leaves the rule at 0 (underflow)
                    out[i] = current *= step;
            else
                for (; i < running; ++i)
                    out[i] = current += step;
            m_current = current;
            m_countdown -= i;
        }
        for (; i < n; ++i)
            out[i] = next();
    }
    // Advances n samples at once (for coefficient updates every few samples).
    double skip(int n) noexcept
    {
        if (n >= m_countdown) {
            m_countdown = 0;
            m_current = m_target;
            return m_current;
        }
        m_countdown -= n;
        const bool geometric =
            m_kind == Kind::OnePole || (m_kind == Kind::Multiplicative && m_target > 0.0 && m_current > 0.0);
        if (geometric && n != m_skipN) {
            // Skips come in the same size (a control interval) while a ramp runs: one pow per
            // ramp, not per skip, with the same value.
            m_skipFactor = std::pow(m_step, n);
            m_skipN = n;
        }
        if (m_kind == Kind::OnePole)
            m_current = m_target + (m_current - m_target) * m_skipFactor;
        else if (geometric)
            m_current *= m_skipFactor;
        else
            m_current += m_step * n;
        return m_current;
    }

private:
    Kind m_kind;
    double m_current = 0.0;
    double m_target = 0.0;
    double m_step = 0.0;
    int m_countdown = 0;
    int m_rampLength = 1;
    int m_skipN = 0;           // the n of m_skipFactor, 0 (factor 1) after a new step
    double m_skipFactor = 1.0; // pow(m_step, m_skipN), always
};

} // namespace fxrack::dsp
