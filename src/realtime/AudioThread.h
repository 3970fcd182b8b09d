#pragma once

namespace fxrack::realtime {

// True on a thread while it is inside an audio callback. Tests that count allocations and
// locks made on the audio thread read it from an interposed malloc/pthread_mutex_lock.
bool onAudioThread() noexcept;

// The calling thread's SCHED_FIFO/SCHED_RR priority; 0 when it is not real-time. Two system calls
// that never block or allocate.
int currentRealtimePriority() noexcept;

// Marks the current thread as the audio thread for its lifetime (the processor's callback).
class AudioThreadScope {
public:
    AudioThreadScope() noexcept;
    ~AudioThreadScope();
    AudioThreadScope(const AudioThreadScope&) = delete;
    AudioThreadScope& operator=(const AudioThreadScope&) = delete;

private:
    bool m_previous;
};

} // namespace fxrack::realtime
