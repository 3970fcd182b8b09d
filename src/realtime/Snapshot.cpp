#include "realtime/Snapshot.h"

#include <algorithm>
#include <cmath>

namespace fxrack::realtime {

RackSnapshot captureSnapshot(const dsp::EffectChain& chain)
{
    RackSnapshot s;
    for (int slot = 0; slot < chain.size(); ++slot) {
        const dsp::Effect& e = chain.at(slot);
        SlotSnapshot ss;
        ss.type = e.name();
        for (int id = 0; id < e.paramCount(); ++id)
            ss.values.push_back(e.param(id));
        ss.bypassed = chain.isBypassed(slot);
        s.effects.push_back(std::move(ss));
    }
    return s;
}

void SnapshotMorph::start(const dsp::EffectChain& from, const RackSnapshot& to, double seconds,
                          double nowSeconds)
{
    m_moves.clear();
    m_bypass.clear();
    const int count = std::min(from.size(), static_cast<int>(to.effects.size()));
    for (int slot = 0; slot < count; ++slot) {
        const dsp::Effect& e = from.at(slot);
        const SlotSnapshot& target = to.effects[static_cast<size_t>(slot)];
        if (e.name() != target.type || static_cast<int>(target.values.size()) != e.paramCount())
            continue;
        for (int id = 0; id < e.paramCount(); ++id) {
            const double a = e.param(id), b = target.values[static_cast<size_t>(id)];
            if (a == b)
                continue;
            const dsp::ParamInfo& info = e.paramInfo(id);
            const bool smooth = info.rampStyle() != dsp::Smoothing::None;
            const bool geometric =
                smooth &&
                (info.scale == dsp::Scale::Log || info.rampStyle() == dsp::Smoothing::Multiplicative) &&
                a > 0 && b > 0;
            m_moves.push_back({slot, id, a, b, geometric, !smooth});
        }
        if (from.isBypassed(slot) != target.bypassed)
            m_bypass.emplace_back(slot, target.bypassed);
    }
    m_start = nowSeconds;
    m_seconds = std::clamp(seconds, 0.0, kMaxMorphSeconds);
    m_lastStep = -1.0;
    m_active = true;
}

bool SnapshotMorph::step(double nowSeconds, const SetParameter& set, const SetBypass& bypass)
{
    if (!m_active)
        return false;
    const double elapsed = nowSeconds - m_start;
    const bool done = elapsed >= m_seconds;
    // One step per kStepSeconds: each is a new ramp target, fewer commands than a value a poll.
    const double stepIndex = std::floor(elapsed / kStepSeconds);
    if (!done && stepIndex <= m_lastStep)
        return true;
    m_lastStep = stepIndex;
    const double t = done ? 1.0 : std::clamp(stepIndex * kStepSeconds / m_seconds, 0.0, 1.0);
    for (const Move& m : m_moves) {
        if (m.atEnd && !done)
            continue;
        const double v = done          ? m.to
                         : m.geometric ? m.from * std::pow(m.to / m.from, t)
                                       : m.from + t * (m.to - m.from);
        set(m.slot, m.paramId, v);
    }
    if (done) {
        for (const auto& [slot, on] : m_bypass)
            bypass(slot, on);
        m_active = false;
    }
    return !done;
}

} // namespace fxrack::realtime
