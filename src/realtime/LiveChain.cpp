#include "realtime/LiveChain.h"

#include <algorithm>

namespace fxrack::realtime {

LiveChain::LiveChain(dsp::EffectChain chain, const dsp::ProcessSpec& spec, uint32_t generation)
    : m_chain(std::move(chain)), m_generation(generation)
{
    m_chain.prepare(spec);
    int total = 0;
    for (int s = 0; s < m_chain.size(); ++s) {
        m_base.push_back(total);
        for (int p = 0; p < m_chain.at(s).paramCount(); ++p) {
            m_slotOf.push_back(s);
            m_paramOf.push_back(p);
        }
        total += m_chain.at(s).paramCount();
    }
    m_posted = std::make_unique<std::atomic<double>[]>(static_cast<size_t>(total));
    m_postedDirty = std::make_unique<std::atomic<bool>[]>(static_cast<size_t>(total));
    for (int i = 0; i < total; ++i) {
        m_posted[static_cast<size_t>(i)].store(0.0, std::memory_order_relaxed);
        m_postedDirty[static_cast<size_t>(i)].store(false, std::memory_order_relaxed);
    }
    m_pending.assign(static_cast<size_t>(total), 0.0);
    m_pendingDirty.assign(static_cast<size_t>(total), 0);
    m_dirtyList.assign(static_cast<size_t>(total), 0);
    for (int s = 0; s < m_chain.size(); ++s) {
        const float wet = m_chain.isBypassed(s) ? 0.0f : 1.0f;
        m_wet.push_back(wet);
        m_wetTarget.push_back(wet);
    }
    m_fadeStep = static_cast<float>(1.0 / std::max(1.0, kBypassFadeSeconds * spec.sampleRate));
    m_dry.resize(spec.numChannels, spec.maxBlockSize);
}

int LiveChain::flatIndex(int slot, int paramId) const noexcept
{
    if (slot < 0 || slot >= m_chain.size() || paramId < 0 || paramId >= m_chain.at(slot).paramCount())
        return -1;
    return m_base[static_cast<size_t>(slot)] + paramId;
}

void LiveChain::postLatest(int flat, double value) noexcept
{
    m_posted[static_cast<size_t>(flat)].store(value, std::memory_order_relaxed);
    m_postedDirty[static_cast<size_t>(flat)].store(true, std::memory_order_release);
    m_anyPosted.store(true, std::memory_order_release);
}

bool LiveChain::hasPosted(int flat) const noexcept
{
    return m_postedDirty[static_cast<size_t>(flat)].load(std::memory_order_acquire);
}

void LiveChain::queueValue(int flat, double value) noexcept
{
    const auto i = static_cast<size_t>(flat);
    m_pending[i] = value;
    if (!m_pendingDirty[i]) {
        m_pendingDirty[i] = 1;
        m_dirtyList[static_cast<size_t>(m_dirtyCount++)] = flat;
    }
}

int LiveChain::applyPending() noexcept
{
    // Posted values are newer than anything still in the queue for the same parameter
    // (the control thread posts only once the queue was full, and keeps posting while a
    // posted value is pending), so they are queued after the queue was drained.
    if (m_anyPosted.exchange(false, std::memory_order_acq_rel)) {
        const int total = static_cast<int>(m_pending.size());
        for (int i = 0; i < total; ++i)
            if (m_postedDirty[static_cast<size_t>(i)].exchange(false, std::memory_order_acq_rel))
                queueValue(i, m_posted[static_cast<size_t>(i)].load(std::memory_order_relaxed));
    }
    const int applied = m_dirtyCount;
    for (int k = 0; k < m_dirtyCount; ++k) {
        const auto i = static_cast<size_t>(m_dirtyList[static_cast<size_t>(k)]);
        m_pendingDirty[i] = 0;
        m_chain.at(m_slotOf[i]).applyParameter(m_paramOf[i], m_pending[i]);
    }
    m_dirtyCount = 0;
    return applied;
}

void LiveChain::setBypass(int slot, bool bypassed) noexcept
{
    if (slot < 0 || slot >= m_chain.size())
        return;
    m_wetTarget[static_cast<size_t>(slot)] = bypassed ? 0.0f : 1.0f;
    m_chain.setBypassed(slot, bypassed);
}

void LiveChain::process(dsp::AudioBlock& block) noexcept
{
    const int frames = block.numFrames();
    const int channels = block.numChannels();
    for (int s = 0; s < m_chain.size(); ++s) {
        const auto si = static_cast<size_t>(s);
        float wet = m_wet[si];
        const float target = m_wetTarget[si];
        if (wet == target) {
            if (wet == 1.0f)
                m_chain.at(s).process(block);
            continue;
        }
        // Crossfade between the dry input and the effect's output.
        auto dry = m_dry.block(0, frames);
        dry.copyFrom(block);
        m_chain.at(s).process(block);
        const float step = target > wet ? m_fadeStep : -m_fadeStep;
        for (int i = 0; i < frames; ++i) {
            wet = std::clamp(wet + step, 0.0f, 1.0f);
            for (int c = 0; c < channels; ++c) {
                const float d = dry.channel(c)[i];
                block.channel(c)[i] = d + wet * (block.channel(c)[i] - d);
            }
        }
        if ((step > 0.0f && wet >= target) || (step < 0.0f && wet <= target)) {
            wet = target;
            if (target == 0.0f)
                m_chain.at(s).reset(); // a re-enabled effect starts from silence, faded in
        }
        m_wet[si] = wet;
    }
}

void LiveChain::reset() noexcept
{
    m_chain.reset();
}

} // namespace fxrack::realtime
