#pragma once

#include <algorithm>
#include <cassert>

namespace fxrack::dsp {

// A non-owning view of planar float audio: one contiguous array per channel.
// Copying a block copies the view, never the samples; sub-blocks need no allocation.
class AudioBlock {
public:
    AudioBlock() = default;
    AudioBlock(float* const* channels, int numChannels, int numFrames, int offset = 0) noexcept
        : m_channels(channels), m_numChannels(numChannels), m_numFrames(numFrames), m_offset(offset)
    {}

    int numChannels() const noexcept { return m_numChannels; }
    int numFrames() const noexcept { return m_numFrames; }
    float* channel(int c) const noexcept
    {
        assert(c >= 0 && c < m_numChannels);
        return m_channels[c] + m_offset;
    }
    float& at(int c, int frame) const noexcept { return channel(c)[frame]; }

    // Frames [start, start + length) of this block.
    AudioBlock subBlock(int start, int length) const noexcept
    {
        assert(start >= 0 && length >= 0 && start + length <= m_numFrames);
        return AudioBlock(m_channels, m_numChannels, length, m_offset + start);
    }
    // The first numChannels channels of this block.
    AudioBlock firstChannels(int numChannels) const noexcept
    {
        return AudioBlock(m_channels, std::min(numChannels, m_numChannels), m_numFrames, m_offset);
    }

    void clear() const noexcept
    {
        for (int c = 0; c < m_numChannels; ++c)
            std::fill_n(channel(c), m_numFrames, 0.0f);
    }
    void copyFrom(const AudioBlock& other) const noexcept
    {
        const int n = std::min(m_numFrames, other.m_numFrames);
        for (int c = 0; c < std::min(m_numChannels, other.m_numChannels); ++c)
            std::copy_n(other.channel(c), n, channel(c));
    }

private:
    float* const* m_channels = nullptr;
    int m_numChannels = 0;
    int m_numFrames = 0;
    int m_offset = 0;
};

} // namespace fxrack::dsp
