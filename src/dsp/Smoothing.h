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
// A linear ramp's k-th value is start + k * step, not k additions: within an ulp or two of the
// exact line wherever it is, and nextBlock() then has no chain from one sample to the next
// (a gain ramp vectorises). A multiplicative ramp between values that are not both positive
// runs linearly, decided when its target is set.
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
        if (m_kind == Kind::OnePole) {
            m_rule = Rule::OnePole;
            m_step = std::pow(1e-4, 1.0 / m_rampLength);
        } else if (m_kind == Kind::Multiplicative && m_current > 0.0 && value > 0.0) {
            m_rule = Rule::Geometric;
            m_step = std::exp(std::log(value / m_current) / m_countdown);
        } else {
            m_rule = Rule::Line;
            m_start = m_current;
            m_step = (value - m_current) / m_countdown;
        }
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
        else if (m_rule == Rule::OnePole)
            m_current = m_target + (m_current - m_target) * m_step;
        else if (m_rule == Rule::Geometric)
            m_current *= m_step;
        else
            m_current = lineAt(m_rampLength - m_countdown);
        return m_current;
    }
    // n calls of next() into out, bit for bit, without its per-sample branches: the ramp's
    // steps run as one plain loop of its kind (a per-sample gain, a mix).
    void nextBlock(double* out, int n) noexcept
    {
        int i = 0;
        // Before the last step, which lands exactly on the target.
        const int running = std::min(n, m_countdown - 1);
        if (running > 0) {
            if (m_rule == Rule::Line) {
                const double start = m_start;
                const double step = m_step;
                const int k0 = m_rampLength - m_countdown + 1;
                for (; i < running; ++i)
                    out[i] = start + static_cast<double>(k0 + i) * step;
                m_current = out[running - 1];
            } else {
                double current = m_current;
                const double step = m_step;
                const double target = m_target;
                if (m_rule == Rule::OnePole)
                    for (; i < running; ++i)
                        out[i] = current = target + (current - target) * step;
                else
                    for (; i < running; ++i)
                        out[i] = current *= step;
                m_current = current;
            }
            m_countdown -= running;
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
        if (m_rule == Rule::Line) {
            m_current = lineAt(m_rampLength - m_countdown);
            return m_current;
        }
        if (n != m_skipN) {
            // Skips come in the same size (a control interval) while a ramp runs: one pow per
            // ramp, not per skip, with the same value.
            m_skipFactor = std::pow(m_step, n);
            m_skipN = n;
        }
        if (m_rule == Rule::OnePole)
            m_current = m_target + (m_current - m_target) * m_skipFactor;
        else
            m_current *= m_skipFactor;
        return m_current;
    }

private:
    // How the running ramp moves: its kind's rule, or a line for a multiplicative ramp that
    // cannot be geometric.
    enum class Rule { Line, Geometric, OnePole };

    // The line's value k samples into the ramp (k < m_rampLength: the last lands on the target).
    double lineAt(int k) const noexcept { return m_start + static_cast<double>(k) * m_step; }

    Kind m_kind;
    Rule m_rule = Rule::Line;
    double m_start = 0.0; // where a line started
    double m_current = 0.0;
    double m_target = 0.0;
    double m_step = 0.0;
    int m_countdown = 0;
    int m_rampLength = 1;
    int m_skipN = 0;           // the n of m_skipFactor, 0 (factor 1) after a new step
    double m_skipFactor = 1.0; // pow(m_step, m_skipN), always
};

} // namespace fxrack::dsp
