#include "realtime/LiveSlot.h"

#include <utility>

namespace fxrack::realtime {

LiveSlot::LiveSlot(std::unique_ptr<dsp::Effect> effect, bool bypassed, bool entering)
    : m_effect(std::move(effect)), m_bypassed(bypassed), m_outside(entering)
{
    const auto count = static_cast<size_t>(m_effect->paramCount());
    m_posted = std::make_unique<std::atomic<double>[]>(count);
    m_postedSequence = std::make_unique<std::atomic<uint64_t>[]>(count);
    m_postedDirty = std::make_unique<std::atomic<bool>[]>(count);
    m_queued = std::make_unique<std::atomic<bool>[]>(count);
    for (size_t i = 0; i < count; ++i) {
        m_posted[i].store(0.0, std::memory_order_relaxed);
        m_postedSequence[i].store(0, std::memory_order_relaxed);
        m_postedDirty[i].store(false, std::memory_order_relaxed);
        m_queued[i].store(false, std::memory_order_relaxed);
    }
    m_appliedSequence.assign(count, 0);
    if (entering)
        m_effect->setPresent(false, bypassed, true); // out of the chain until its plan fades it in
    else
        m_effect->setActive(!bypassed, true);
}

void LiveSlot::startOutside() noexcept
{
    m_outside = true;
    m_effect->setPresent(false, m_bypassed, true);
}

void LiveSlot::post(int paramId, double value, uint64_t sequence) noexcept
{
    const auto i = static_cast<size_t>(paramId);
    // The value before its sequence number (release): a reader that sees the number sees at
    // least that value, so a newer value is never paired with an older number's rejection.
    m_posted[i].store(value, std::memory_order_relaxed);
    m_postedSequence[i].store(sequence, std::memory_order_release);
    m_postedDirty[i].store(true, std::memory_order_release);
    m_anyPosted.store(true, std::memory_order_release);
}

bool LiveSlot::hasPosted(int paramId) const noexcept
{
    return m_postedDirty[static_cast<size_t>(paramId)].load(std::memory_order_acquire);
}

bool LiveSlot::isQueued(int paramId) const noexcept
{
    return m_queued[static_cast<size_t>(paramId)].load(std::memory_order_acquire);
}

void LiveSlot::setQueued(int paramId, bool queued) noexcept
{
    m_queued[static_cast<size_t>(paramId)].store(queued, std::memory_order_release);
}

void LiveSlot::applyQueued(int paramId, double value, uint64_t sequence) noexcept
{
    if (paramId < 0 || paramId >= m_effect->paramCount())
        return;
    const auto i = static_cast<size_t>(paramId);
    // Cleared first: a value sent from now on is queued again, or lands in the cell and is
    // applied by applyPosted() (this callback or the next), never lost.
    m_queued[i].store(false, std::memory_order_release);
    if (m_postedDirty[i].load(std::memory_order_acquire))
        return; // a newer value waits in the cell: applyPosted() applies that one
    apply(paramId, value, sequence);
}

void LiveSlot::apply(int paramId, double value, uint64_t sequence) noexcept
{
    if (paramId < 0 || paramId >= m_effect->paramCount())
        return;
    auto& applied = m_appliedSequence[static_cast<size_t>(paramId)];
    if (sequence <= applied)
        return; // a newer value (posted while the queue was full) is already in
    applied = sequence;
    m_effect->applyParameter(paramId, value);
}

void LiveSlot::applyPosted() noexcept
{
    if (!m_anyPosted.exchange(false, std::memory_order_acq_rel))
        return;
    const int count = m_effect->paramCount();
    for (int i = 0; i < count; ++i) {
        const auto k = static_cast<size_t>(i);
        if (!m_postedDirty[k].exchange(false, std::memory_order_acq_rel))
            continue;
        // The number first (acquire), then the value: the value is at least as new as the number.
        // A writer racing this read sets the dirty flag again, so its newest pair lands next time.
        const uint64_t sequence = m_postedSequence[k].load(std::memory_order_acquire);
        const double value = m_posted[k].load(std::memory_order_relaxed);
        apply(i, value, sequence);
    }
}

void LiveSlot::setBypassed(bool bypassed, bool immediate) noexcept
{
    m_bypassed = bypassed;
    // A slot out of the chain only records it: a bypass queued before an edit that folded into a
    // removal lands after the slot began to leave, and must not fade it back in (it would never fall
    // silent, and its plan's transition never end).
    if (!m_moving && !m_outside)
        m_effect->setActive(!bypassed, immediate);
}

void LiveSlot::enter(bool immediate) noexcept
{
    m_outside = false;
    m_effect->setPresent(true, m_bypassed, immediate);
}

void LiveSlot::leave(bool immediate) noexcept
{
    m_outside = true;
    m_effect->setPresent(false, m_bypassed, immediate);
}

void LiveSlot::setMoving(bool moving, bool immediate) noexcept
{
    m_moving = moving;
    if (moving)
        leave(immediate);
    else
        enter(immediate);
}

uint64_t LiveSlot::takeLateCycles() noexcept
{
    const uint64_t now = m_effect->lateCycles();
    return now - std::exchange(m_lateSeen, now);
}

} // namespace fxrack::realtime
