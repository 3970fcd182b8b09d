#include "realtime/LiveChain.h"

#include <algorithm>
#include <cmath>

namespace fxrack::realtime {

LiveChain::LiveChain(const dsp::ProcessSpec& spec, uint32_t generation) : m_generation(generation)
{
    m_crossfadeLength = std::max(1, static_cast<int>(std::lround(kCrossfadeSeconds * spec.sampleRate)));
    m_scratch.resize(spec.numChannels, spec.maxBlockSize);
}

void LiveChain::add(std::shared_ptr<LiveSlot> slot)
{
    m_entries.push_back({slot.get(), nullptr, Phase::Active, false, -1, 0, 0});
    m_owned.push_back(std::move(slot));
}

void LiveChain::addEntering(std::shared_ptr<LiveSlot> slot)
{
    m_entries.push_back({slot.get(), nullptr, Phase::Active, true, -1, 0, 0});
    m_owned.push_back(std::move(slot));
}

void LiveChain::addLeaving(std::shared_ptr<LiveSlot> slot)
{
    m_entries.push_back({slot.get(), nullptr, Phase::Leaving, false, -1, 0, 0});
    m_owned.push_back(std::move(slot));
}

void LiveChain::addReplacement(std::shared_ptr<LiveSlot> slot, std::shared_ptr<LiveSlot> outgoing)
{
    m_entries.push_back(
        {slot.get(), outgoing.get(), Phase::Active, false, -1, 0, slot->effect().preparedLatency()});
    m_owned.push_back(std::move(slot));
    m_owned.push_back(std::move(outgoing));
}

void LiveChain::addMovedOut(std::shared_ptr<LiveSlot> slot)
{
    m_entries.push_back({slot.get(), nullptr, Phase::MovingOut, false, -1, 0, 0});
    m_owned.push_back(std::move(slot));
    linkMove(size() - 1);
}

void LiveChain::addMovedIn(std::shared_ptr<LiveSlot> slot)
{
    m_entries.push_back({slot.get(), nullptr, Phase::Waiting, false, -1, 0, 0});
    m_owned.push_back(std::move(slot));
    linkMove(size() - 1);
}

void LiveChain::linkMove(int added)
{
    // The two entries of a move may come in either order (a move forward or backward).
    auto& e = m_entries[static_cast<size_t>(added)];
    const Phase other = e.phase == Phase::Waiting ? Phase::MovingOut : Phase::Waiting;
    for (int i = 0; i < added; ++i) {
        auto& o = m_entries[static_cast<size_t>(i)];
        if (o.slot != e.slot || o.phase != other)
            continue;
        if (e.phase == Phase::Waiting)
            e.twin = i;
        else
            o.twin = added;
    }
}

void LiveChain::begin(bool immediate) noexcept
{
    for (auto& e : m_entries) {
        switch (e.phase) {
        case Phase::Leaving:
            e.slot->leave(immediate);
            if (immediate)
                e.phase = Phase::Gone;
            break;
        case Phase::MovingOut:
            e.slot->setMoving(true, immediate);
            if (immediate)
                e.phase = Phase::Gone;
            break;
        case Phase::Waiting:
            if (immediate) {
                e.phase = Phase::Active;
                e.slot->setMoving(false, true);
            }
            break;
        case Phase::Active:
            if (immediate) {
                // No stream runs, so nothing can be heard: every slot takes its final state now,
                // including one a cut-short move of an earlier plan left faded out.
                e.slot->setMoving(false, true);
                e.outgoing = nullptr;
            } else if (e.entering) {
                e.slot->enter(false); // fades in, its latency with it
            }
            break;
        case Phase::Gone:
            break;
        }
        e.entering = false;
    }
}

int LiveChain::latencySamples() const noexcept
{
    int total = 0;
    for (const auto& e : m_entries)
        if (e.phase != Phase::Gone && e.phase != Phase::Waiting)
            total += e.slot->effect().preparedLatency();
    return total;
}

bool LiveChain::inTransition() const noexcept
{
    for (const auto& e : m_entries)
        if (e.outgoing || e.phase == Phase::Leaving || e.phase == Phase::MovingOut ||
            e.phase == Phase::Waiting)
            return true;
    return false;
}

void LiveChain::applyPosted() noexcept
{
    for (auto& e : m_entries)
        if (e.phase != Phase::Gone)
            e.slot->applyPosted();
}

void LiveChain::runCrossfade(Entry& e, dsp::AudioBlock& block) noexcept
{
    const int frames = block.numFrames();
    auto old = m_scratch.block(0, frames);
    old.copyFrom(block);
    e.outgoing->effect().process(old);
    e.slot->effect().process(block);
    const float length = static_cast<float>(m_crossfadeLength);
    for (int c = 0; c < block.numChannels(); ++c) {
        float* y = block.channel(c);
        const float* x = old.channel(c);
        for (int i = 0; i < frames; ++i) {
            // The new instance runs for its latency before the crossfade starts, so a long FIR
            // does not fade in through the silence it starts with.
            const float t = std::clamp(static_cast<float>(e.crossfadePos + i + 1 - e.crossfadeDelay) / length,
                                       0.0f, 1.0f);
            y[i] = x[i] + t * (y[i] - x[i]);
        }
    }
    e.crossfadePos += frames;
    if (e.crossfadePos >= e.crossfadeDelay + m_crossfadeLength)
        e.outgoing = nullptr; // freed with this plan, on the control thread
}

void LiveChain::process(dsp::AudioBlock& block) noexcept
{
    // A moved slot comes in at its new place from the block after its fade-out ended, never in
    // the same block (where it would run twice).
    for (auto& e : m_entries)
        if (e.phase == Phase::Waiting && m_entries[static_cast<size_t>(e.twin)].phase == Phase::Gone) {
            e.phase = Phase::Active;
            e.slot->setMoving(false, false); // fades in (a bypassed one: its delayed input)
        }
    for (auto& e : m_entries) {
        if (e.phase == Phase::Gone || e.phase == Phase::Waiting)
            continue;
        if (e.outgoing)
            runCrossfade(e, block);
        else
            e.slot->effect().process(block);
        if ((e.phase == Phase::Leaving || e.phase == Phase::MovingOut) &&
            e.slot->effect().isSilentlyBypassed())
            e.phase = Phase::Gone;
    }
}

uint64_t LiveChain::takeLateCycles() noexcept
{
    uint64_t late = 0;
    for (auto& e : m_entries) {
        late += e.slot->takeLateCycles();
        if (e.outgoing)
            late += e.outgoing->takeLateCycles();
    }
    return late;
}

void LiveChain::reset() noexcept
{
    for (auto& e : m_entries) {
        e.slot->effect().reset();
        if (e.outgoing)
            e.outgoing->effect().reset();
    }
}

} // namespace fxrack::realtime
