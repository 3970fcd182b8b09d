#pragma once

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#endif

namespace fxrack::dsp {

// Sets flush-to-zero and denormals-are-zero for the current thread while in scope
// (JUCE ScopedNoDenormals). Use at the top of the audio callback and in batch workers:
// decaying filter and reverb state would otherwise slow to a crawl on many CPUs.
class ScopedNoDenormals {
public:
    ScopedNoDenormals() noexcept
    {
#if defined(__SSE__) || defined(__x86_64__)
        m_saved = _mm_getcsr();
        _mm_setcsr(m_saved | 0x8040); // FTZ (bit 15) | DAZ (bit 6)
#endif
    }
    ~ScopedNoDenormals()
    {
#if defined(__SSE__) || defined(__x86_64__)
        _mm_setcsr(m_saved);
#endif
    }
    ScopedNoDenormals(const ScopedNoDenormals&) = delete;
    ScopedNoDenormals& operator=(const ScopedNoDenormals&) = delete;

private:
    unsigned int m_saved = 0;
};

} // namespace fxrack::dsp
