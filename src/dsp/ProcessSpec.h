#pragma once

namespace fxrack::dsp {

// What an effect is prepared for: everything it allocates is sized from this.
struct ProcessSpec {
    double sampleRate = 48000.0;
    int maxBlockSize = 512;
    int numChannels = 2;
    // A live stream: process() runs on the audio thread and must never wait, not even on the
    // effect's own worker threads (late work is dropped instead). Batch (false) waits, so its
    // output never depends on scheduling.
    bool realtime = false;
    // Live: the SCHED_FIFO/SCHED_RR priority of the thread that calls process(); 0 when it is not
    // real-time or not known yet (Effect::setAudioThreadPriority() brings a change later).
    int audioPriority = 0;
};

inline constexpr int kMaxChannels = 64;

} // namespace fxrack::dsp
