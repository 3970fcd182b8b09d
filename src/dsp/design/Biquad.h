#pragma once

#include <array>
#include <cstddef>

namespace fxrack::dsp {

// One second-order section, normalised so that a0 = 1 (scipy's sos row [b0 b1 b2 1 a1 a2]).
struct Biquad {
    double b0 = 1.0;
    double b1 = 0.0;
    double b2 = 0.0;
    double a1 = 0.0;
    double a2 = 0.0;
};

// Highest IIR design order the designers accept, and the sections a cascade can hold
// (16 leaves room for cascaded designs such as Linkwitz-Riley at the highest order).
inline constexpr int kMaxIirOrder = 16;
inline constexpr int kMaxSections = 16;

// A fixed-capacity cascade of sections: designs fill it without allocating, so
// coefficients can be recomputed on the audio thread.
struct SosCascade {
    std::array<Biquad, kMaxSections> sections{};
    int count = 0;

    void clear() noexcept { count = 0; }
    // Ignores sections beyond the capacity; the designers never produce more.
    void push(const Biquad& section) noexcept
    {
        if (count < kMaxSections)
            sections[static_cast<std::size_t>(count++)] = section;
    }
    void append(const SosCascade& other) noexcept
    {
        for (int i = 0; i < other.count; ++i)
            push(other.sections[static_cast<std::size_t>(i)]);
    }
    const Biquad& operator[](int i) const noexcept { return sections[static_cast<std::size_t>(i)]; }
    Biquad& operator[](int i) noexcept { return sections[static_cast<std::size_t>(i)]; }
};

} // namespace fxrack::dsp
