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
    // cos and sin of a phase, turned by another's angle a sample: no sin or cos per sample.
    struct Phasor {
        double cos = 1.0;
        double sin = 0.0;
        void turn(const Phasor& by) noexcept
        {
            const double c = cos * by.cos - sin * by.sin;
            sin = sin * by.cos + cos * by.sin;
            cos = c;
        }
    };

    double m_rate = 48000.0;
    long long m_sample = 0;
    long long m_note = -1; // the note the phasors and the decay are set up for
    Phasor m_pluck, m_pluckTurn, m_bass, m_bassTurn;
    double m_decay = 1.0; // exp(-9 t), stepped by a factor per sample
    double m_decayStep = 1.0;
};

} // namespace fxrack::realtime
