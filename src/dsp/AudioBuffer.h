#pragma once

#include "dsp/AudioBlock.h"

#include <vector>

namespace fxrack::dsp {

// Owns planar float audio and hands out AudioBlock views. Allocates only in its
// constructor and resize(), so it is built off the audio thread.
class AudioBuffer {
public:
    AudioBuffer() = default;
    AudioBuffer(int numChannels, int numFrames) { resize(numChannels, numFrames); }

    void resize(int numChannels, int numFrames)
    {
        m_data.assign(static_cast<size_t>(numChannels),
                      std::vector<float>(static_cast<size_t>(numFrames), 0.0f));
        m_pointers.resize(static_cast<size_t>(numChannels));
        for (int c = 0; c < numChannels; ++c)
            m_pointers[static_cast<size_t>(c)] = m_data[static_cast<size_t>(c)].data();
        m_numFrames = numFrames;
    }

    int numChannels() const noexcept { return static_cast<int>(m_pointers.size()); }
    int numFrames() const noexcept { return m_numFrames; }
    float* channel(int c) noexcept { return m_pointers[static_cast<size_t>(c)]; }
    const float* channel(int c) const noexcept { return m_pointers[static_cast<size_t>(c)]; }
    AudioBlock block() noexcept { return AudioBlock(m_pointers.data(), numChannels(), m_numFrames); }
    AudioBlock block(int start, int length) noexcept { return block().subBlock(start, length); }

private:
    std::vector<std::vector<float>> m_data;
    std::vector<float*> m_pointers;
    int m_numFrames = 0;
};

} // namespace fxrack::dsp
