#include "midi/MidiMapper.h"

#include "dsp/Effect.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace fxrack::midi {

void checkSpecTarget(const MappingSpec& spec, std::string_view text, int slots, const dsp::Effect* effect)
{
    if (spec.mapping.global())
        return;
    const std::string head = "--map " + std::string(text) + ": ";
    if (spec.slot < 0 || spec.slot >= slots || !effect) {
        const std::string part = "slot " + std::to_string(spec.slot);
        throw MappingError(head + part + ": the rack has " + std::to_string(slots) + " effects",
                           MappingError::Problem::NoSuchSlot, part, spec.slot, slots);
    }
    const std::string& param = spec.mapping.target.param;
    if (spec.mapping.target.kind != TargetKind::SlotBypass && effect->findParam(param) < 0) {
        const std::string part = spec.mapping.target.kind == TargetKind::TapTempo
                                     ? "tap:" + std::to_string(spec.slot)
                                     : std::to_string(spec.slot) + "." + param;
        throw MappingError(head + part + ": " + effect->name() + " has no parameter " + param,
                           MappingError::Problem::NoSuchParameter, part, 0, 0, effect->name());
    }
}

void MidiMapper::resetRack(int slots)
{
    m_keys.clear();
    for (int i = 0; i < slots; ++i)
        m_keys.push_back(m_nextKey++);
}

void MidiMapper::slotInserted(int index)
{
    index = std::clamp(index, 0, slotCount());
    m_keys.insert(m_keys.begin() + index, m_nextKey++);
}

std::vector<MidiMapping> MidiMapper::slotRemoved(int index)
{
    std::vector<MidiMapping> removed;
    if (index < 0 || index >= slotCount())
        return removed;
    const uint64_t key = m_keys[static_cast<size_t>(index)];
    m_keys.erase(m_keys.begin() + index);
    for (size_t row = m_mappings.size(); row-- > 0;) {
        if (!m_mappings[row].global() && m_mappings[row].target.slotKey == key) {
            removed.insert(removed.begin(), m_mappings[row]);
            remove(static_cast<int>(row));
        }
    }
    return removed;
}

void MidiMapper::slotMoved(int from, int to)
{
    if (from < 0 || from >= slotCount() || to < 0 || to >= slotCount())
        return;
    const uint64_t key = m_keys[static_cast<size_t>(from)];
    m_keys.erase(m_keys.begin() + from);
    m_keys.insert(m_keys.begin() + to, key);
}

uint64_t MidiMapper::slotKey(int index) const
{
    return index >= 0 && index < slotCount() ? m_keys[static_cast<size_t>(index)] : 0;
}

int MidiMapper::slotIndex(uint64_t key) const
{
    const auto it = std::find(m_keys.begin(), m_keys.end(), key);
    return it == m_keys.end() ? -1 : static_cast<int>(it - m_keys.begin());
}

int MidiMapper::add(MidiMapping mapping)
{
    insert(static_cast<int>(m_mappings.size()), std::move(mapping));
    return static_cast<int>(m_mappings.size()) - 1;
}

int MidiMapper::add(const MappingSpec& spec)
{
    MidiMapping m = spec.mapping;
    if (!m.global()) {
        m.target.slotKey = slotKey(spec.slot);
        if (m.target.slotKey == 0)
            throw MappingError("--map " + formatMappingSpec(m, spec.slot) + ": slot " +
                                   std::to_string(spec.slot) + ": the rack has " +
                                   std::to_string(slotCount()) + " effects",
                               MappingError::Problem::NoSuchSlot, "slot " + std::to_string(spec.slot),
                               spec.slot, slotCount());
    }
    return add(std::move(m));
}

void MidiMapper::insert(int row, MidiMapping mapping)
{
    row = std::clamp(row, 0, static_cast<int>(m_mappings.size()));
    m_mappings.insert(m_mappings.begin() + row, std::move(mapping));
    m_states.insert(m_states.begin() + row, State{});
}

void MidiMapper::replace(int row, MidiMapping mapping)
{
    m_mappings.at(static_cast<size_t>(row)) = std::move(mapping);
    m_states[static_cast<size_t>(row)] = State{};
}

void MidiMapper::remove(int row)
{
    if (row < 0 || row >= static_cast<int>(m_mappings.size()))
        return;
    m_mappings.erase(m_mappings.begin() + row);
    m_states.erase(m_states.begin() + row);
}

void MidiMapper::clear()
{
    m_mappings.clear();
    m_states.clear();
}

std::string MidiMapper::spec(int row) const
{
    const MidiMapping& m = m_mappings.at(static_cast<size_t>(row));
    return formatMappingSpec(m, m.global() ? -1 : slotIndex(m.target.slotKey));
}

void MidiMapper::startLearn(MidiMapping templ)
{
    m_learning = std::move(templ);
    m_learnHeld.reset();
    m_learned.reset();
}

void MidiMapper::finishLearn()
{
    if (m_learnHeld) {
        m_learned = add(std::move(*m_learnHeld));
        m_learnHeld.reset();
    }
}

std::optional<int> MidiMapper::learned()
{
    auto row = m_learned;
    m_learned.reset();
    return row;
}

std::vector<std::string> MidiMapper::takeWarnings()
{
    return std::exchange(m_warnings, {});
}

std::optional<double> MidiMapper::match(const MidiMapping& m, State& s, const MidiEvent& e,
                                        std::string_view portName) const
{
    const MidiSource& src = m.source;
    if (src.channel != 0 && src.channel != e.channel)
        return std::nullopt;
    if (!src.port.empty() && portName.find(src.port) == std::string_view::npos)
        return std::nullopt;
    switch (src.kind) {
    case SourceKind::Cc:
        if (e.kind == EventKind::Cc && e.number == src.number)
            return e.value / 127.0;
        return std::nullopt;
    case SourceKind::Cc14:
        if (e.kind != EventKind::Cc)
            return std::nullopt;
        if (e.number == src.number) {
            s.msb = e.value;
            s.lsb = 0; // a new MSB starts its LSB over; the LSB that follows refines it
        } else if (e.number == src.lsb) {
            s.lsb = e.value;
        } else {
            return std::nullopt;
        }
        return (s.msb << 7 | s.lsb) / 16383.0;
    case SourceKind::Nrpn:
        if (e.kind == EventKind::Nrpn && e.number == src.number)
            return e.value / 16383.0;
        return std::nullopt;
    case SourceKind::Note:
        if ((e.kind == EventKind::NoteOn || e.kind == EventKind::NoteOff) &&
            (src.number < 0 || e.number == src.number))
            return e.value / 127.0;
        return std::nullopt;
    case SourceKind::ProgramChange:
        if (e.kind == EventKind::ProgramChange && (src.number < 0 || e.number == src.number))
            return e.number / 127.0;
        return std::nullopt;
    case SourceKind::PitchBend:
        if (e.kind == EventKind::PitchBend)
            return e.value / 16383.0;
        return std::nullopt;
    }
    return std::nullopt;
}

void MidiMapper::setPending(TargetKind kind, int slot, int paramId, double value)
{
    for (Pending& p : m_pending)
        if (p.kind == kind && p.slot == slot && p.paramId == paramId) {
            p.value = value; // latest wins
            return;
        }
    m_pending.push_back({kind, slot, paramId, value});
}

const MidiMapper::Pending* MidiMapper::pending(TargetKind kind, int slot, int paramId) const
{
    for (const Pending& p : m_pending)
        if (p.kind == kind && p.slot == slot && p.paramId == paramId)
            return &p;
    return nullptr;
}

void MidiMapper::drop(size_t row, const std::string& why)
{
    m_warnings.push_back("midi: dropped mapping " + formatMappingSpec(m_mappings[row], -1) + ": " + why);
    m_dropRows.push_back(row);
}

void MidiMapper::handle(const MidiEvent& e, std::string_view portName, MidiTargets& targets)
{
    if (m_learnHeld) {
        MidiSource& held = m_learnHeld->source;
        const bool cc = e.kind == EventKind::Cc && e.channel == held.channel && portName == held.port;
        if (cc && e.number == held.number + 32) {
            held.kind = SourceKind::Cc14;
            held.lsb = e.number;
        }
        const bool same = cc && (e.number == held.number || e.number == held.number + 32);
        finishLearn();
        if (same)
            return; // still the teaching controller: it moves nothing
    }
    if (m_learning) {
        // Data entry and NRPN/RPN selection are the plumbing of an NRPN, not a control.
        const bool plumbing = e.kind == EventKind::Cc &&
                              (e.number == 6 || e.number == 38 || (e.number >= 96 && e.number <= 101));
        if (!plumbing && e.kind != EventKind::NoteOff) {
            MidiMapping m = *m_learning;
            m.source = {};
            m.source.port = std::string(portName);
            m.source.channel = e.channel;
            switch (e.kind) {
            case EventKind::Cc:
                m.source.kind = SourceKind::Cc;
                break;
            case EventKind::Nrpn:
                m.source.kind = SourceKind::Nrpn;
                break;
            case EventKind::NoteOn:
            case EventKind::NoteOff:
                m.source.kind = SourceKind::Note;
                break;
            case EventKind::ProgramChange:
                m.source.kind = SourceKind::ProgramChange;
                break;
            case EventKind::PitchBend:
                m.source.kind = SourceKind::PitchBend;
                break;
            }
            m.source.number = e.kind == EventKind::PitchBend ? -1 : e.number;
            m_learning.reset();
            if (e.kind == EventKind::Cc && e.number < 32)
                m_learnHeld = std::move(m);
            else
                m_learned = add(std::move(m));
            return; // the message that taught the mapping does not move the target
        }
    }
    for (size_t row = 0; row < m_mappings.size(); ++row) {
        State& s = m_states[row];
        if (const auto pos = match(m_mappings[row], s, e, portName))
            drive(row, *pos, e, targets);
    }
    // Dropped rows go last, highest first, so the loop above never sees the table shrink.
    std::sort(m_dropRows.begin(), m_dropRows.end());
    m_dropRows.erase(std::unique(m_dropRows.begin(), m_dropRows.end()), m_dropRows.end());
    for (size_t i = m_dropRows.size(); i-- > 0;)
        remove(static_cast<int>(m_dropRows[i]));
    m_dropRows.clear();
}

void MidiMapper::drive(size_t row, double pos, const MidiEvent& e, MidiTargets& targets)
{
    const MidiMapping& m = m_mappings[row];
    State& s = m_states[row];
    // A press: a note on, a program change, or a controller crossing its middle upwards.
    const bool noteLike = e.kind == EventKind::NoteOn || e.kind == EventKind::NoteOff;
    const bool press = e.kind == EventKind::ProgramChange || e.kind == EventKind::NoteOn ||
                       (!noteLike && pos >= 0.5 && s.lastPos < 0.5);
    const double lastPos = s.lastPos;
    s.lastPos = pos;
    const TargetKind kind = m.target.kind;
    switch (kind) {
    case TargetKind::GlobalBypass:
    case TargetKind::SlotBypass: {
        int slot = -1;
        if (kind == TargetKind::SlotBypass) {
            slot = slotIndex(m.target.slotKey);
            if (slot < 0 || !targets.effect(slot))
                return drop(row, "its effect is gone");
        }
        const Pending* p = pending(kind, slot, -1);
        const bool now = p ? p->value > 0.5 : (slot < 0 ? m_globalBypass : targets.isBypassed(slot));
        bool next = now;
        if (m.curve == Curve::Toggle || noteLike || e.kind == EventKind::ProgramChange) {
            if (!press)
                return;
            next = !now;
        } else {
            next = pos >= 0.5;
        }
        setPending(kind, slot, -1, next ? 1.0 : 0.0);
        return;
    }
    case TargetKind::Snapshot: {
        int index = m.target.index;
        if (index < 0)
            index = e.kind == EventKind::ProgramChange ? e.number : static_cast<int>(std::lround(pos * 7));
        if (!press && e.kind != EventKind::ProgramChange)
            return;
        if (index >= 0 && index < 8)
            setPending(kind, -1, index, 1.0);
        return;
    }
    case TargetKind::StoreSnapshot:
        if (press)
            setPending(kind, -1, m.target.index, 1.0);
        return;
    case TargetKind::NextPreset:
    case TargetKind::PreviousPreset:
        if (press)
            setPending(kind, -1, -1, 1.0);
        return;
    case TargetKind::TapTempo:
    case TargetKind::Parameter:
        break;
    }

    const int slot = slotIndex(m.target.slotKey);
    const dsp::Effect* effect = slot >= 0 ? targets.effect(slot) : nullptr;
    if (!effect)
        return drop(row, "its effect is gone");
    const int id = effect->findParam(m.target.param);
    if (id < 0)
        return drop(row, "the effect has no parameter " + m.target.param);
    const dsp::ParamInfo& info = effect->paramInfo(id);
    const Pending* p = pending(TargetKind::Parameter, slot, id);
    const double current = p ? p->value : effect->param(id);
    double value = current;
    if (kind == TargetKind::TapTempo) {
        if (!press)
            return;
        const int64_t gap = e.arrivalNs - s.lastTapNs;
        s.lastTapNs = e.arrivalNs;
        if (gap <= 0 || gap > 2'000'000'000LL) { // a pause of 2 s starts the count over
            s.tapCount = 0;
            return;
        }
        s.tapIntervals[s.tapCount++ % 4] = gap * 1e-9;
        const int n = std::min(s.tapCount, 4);
        double sum = 0.0;
        for (int i = 0; i < n; ++i)
            sum += s.tapIntervals[i];
        value = 60.0 * n / sum;
    } else {
        const bool ranged = m.min == m.min && m.max == m.max;
        const double lo = ranged ? m.min : info.knobLow(), hi = ranged ? m.max : info.knobHigh();
        const Curve curve =
            !m.curveGiven && m.curve == Curve::Linear && info.scale == dsp::Scale::Log ? Curve::Log : m.curve;
        if (isRelative(m.takeover)) {
            const int step = relativeStep(m.takeover, e.value);
            if (info.isDiscrete())
                value = current + step * (lo <= hi ? 1 : -1);
            else
                value = curveValue(curve, lo, hi, curvePosition(curve, lo, hi, current) + step / 127.0);
        } else if (curve == Curve::Toggle) {
            if (!press)
                return;
            value = std::abs(current - hi) <= std::abs(current - lo) ? lo : hi;
        } else {
            value = curveValue(curve, lo, hi, pos);
            if (m.takeover == Takeover::PickUp) {
                const double tolerance = 1e-6 * std::max(1.0, std::abs(hi - lo));
                // Someone else moved the parameter since we last set it: pick up again.
                if (s.pickedUp && !(std::abs(current - s.lastSent) <= tolerance))
                    s.pickedUp = false;
                if (!s.pickedUp) {
                    const double span = std::abs(hi - lo);
                    const bool near = std::abs(value - current) <= 0.01 * span;
                    bool crossed = false;
                    if (lastPos >= 0.0) {
                        const double before = curveValue(curve, lo, hi, lastPos);
                        crossed = (before - current) * (value - current) <= 0.0;
                    }
                    if (!near && !crossed)
                        return;
                    s.pickedUp = true;
                }
            }
        }
    }
    if (info.isDiscrete())
        value = std::round(value);
    value = std::clamp(value, info.minValue, info.maxValue);
    s.lastSent = value;
    setPending(TargetKind::Parameter, slot, id, value);
}

void MidiMapper::flush(MidiTargets& targets)
{
    for (const Pending& p : m_pending) {
        switch (p.kind) {
        case TargetKind::Parameter:
            targets.setParameter(p.slot, p.paramId, p.value);
            break;
        case TargetKind::SlotBypass:
            targets.setBypass(p.slot, p.value > 0.5);
            break;
        case TargetKind::GlobalBypass:
            m_globalBypass = p.value > 0.5;
            targets.action(p.kind, m_globalBypass ? 1 : 0);
            break;
        case TargetKind::Snapshot:
        case TargetKind::StoreSnapshot:
            targets.action(p.kind, p.paramId);
            break;
        case TargetKind::NextPreset:
        case TargetKind::PreviousPreset:
            targets.action(p.kind, 0);
            break;
        case TargetKind::TapTempo:
            break; // pending as the Parameter it sets
        }
    }
    m_pending.clear();
}

} // namespace fxrack::midi
