#pragma once

namespace fxrack::realtime {

// A built-in musical test signal for machines with no input device: a plucked arpeggio
// (A minor, two octaves, 8 notes a second) over a soft sustained bass, about -12 dBFS peak.
// Deterministic: the same sample rate gives the same samples. render() runs on the audio
// thread: wait-free, no allocation.
class DemoInput {
public:
    void prepare(double sampleRate) noexcept;
    void reset() noexcept;
    // Writes n mono samples.
    void render(float* out, int n) noexcept;

private:
    double m_rate = 48000.0;
    long long m_sample = 0;
    double m_phase = 0.0;
    double m_bassPhase = 0.0;
};

} // namespace fxrack::realtime
