#include "realtime/AudioThread.h"

#include <sched.h>

namespace fxrack::realtime {
namespace {
// Constant-initialised: reading it never runs a TLS initialiser (safe inside malloc).
constinit thread_local bool t_onAudioThread = false;
} // namespace

bool onAudioThread() noexcept
{
    return t_onAudioThread;
}

int currentRealtimePriority() noexcept
{
    const int policy = sched_getscheduler(0) & ~SCHED_RESET_ON_FORK;
    sched_param param{};
    if ((policy != SCHED_FIFO && policy != SCHED_RR) || sched_getparam(0, &param) != 0)
        return 0;
    return param.sched_priority;
}

AudioThreadScope::AudioThreadScope() noexcept : m_previous(t_onAudioThread)
{
    t_onAudioThread = true;
}

AudioThreadScope::~AudioThreadScope()
{
    t_onAudioThread = m_previous;
}

} // namespace fxrack::realtime
