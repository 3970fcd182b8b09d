#pragma once

#include "dsp/Smoothing.h"

#include <cmath>

namespace fxrack::dsp {

// One-pole coefficient for a time constant: the state covers 1 - 1/e of a step in `ms`.
// Computed in double; 0 ms gives 0 (an instant follower).
inline double onePoleCoefficient(double ms, double sampleRate) noexcept
{
    const double samples = ms * 0.001 * sampleRate;
    return samples > 0.0 ? std::exp(-1.0 / samples) : 0.0;
}

// A time constant (attack, release) whose knob ramps like any other parameter. The ramp is
// multiplicative (the knob is logarithmic) and the coefficient is recomputed only while it moves,
// so the steady state costs one branch per sample. Audio thread: wait-free, allocation-free.
class SmoothedTimeConstant {
public:
    void prepare(double sampleRate, double ms) noexcept
    {
        m_sampleRate = sampleRate;
        m_ms.reset(sampleRate, kDefaultRampSeconds);
        snapTo(ms);
    }
    void snapTo(double ms) noexcept
    {
        m_ms.setCurrentAndTarget(ms);
        m_coefficient = onePoleCoefficient(ms, m_sampleRate);
    }
    void setTarget(double ms) noexcept { m_ms.setTarget(ms); }
    double targetMs() const noexcept { return m_ms.target(); }
    double currentMs() const noexcept { return m_ms.current(); }
    bool isSmoothing() const noexcept { return m_ms.isSmoothing(); }
    // The coefficient for this sample.
    double next() noexcept
    {
        if (m_ms.isSmoothing())
            m_coefficient = onePoleCoefficient(m_ms.next(), m_sampleRate);
        return m_coefficient;
    }

private:
    SmoothedValue m_ms{SmoothedValue::Kind::Multiplicative};
    double m_sampleRate = 48000.0;
    double m_coefficient = 0.0;
};

// A dB parameter ramped linearly in dB, with its linear factor cached while it rests.
class SmoothedDecibels {
public:
    void prepare(double sampleRate, double db) noexcept
    {
        m_db.reset(sampleRate, kDefaultRampSeconds);
        snapTo(db);
    }
    void snapTo(double db) noexcept
    {
        m_db.setCurrentAndTarget(db);
        m_factor = toFactor(db);
    }
    void setTarget(double db) noexcept { m_db.setTarget(db); }
    bool isSmoothing() const noexcept { return m_db.isSmoothing(); }
    double currentDb() const noexcept { return m_db.current(); }
    // The linear factor for this sample.
    double next() noexcept
    {
        if (m_db.isSmoothing())
            m_factor = toFactor(m_db.next());
        return m_factor;
    }
    // The dB value for this sample (use either next() or nextDb() on one instance).
    double nextDb() noexcept { return m_db.next(); }

    static double toFactor(double db) noexcept { return std::pow(10.0, db / 20.0); }

private:
    SmoothedValue m_db{SmoothedValue::Kind::Linear};
    double m_factor = 1.0;
};

} // namespace fxrack::dsp
