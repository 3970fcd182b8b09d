#include "realtime/AudioThread.h"

namespace fxrack::realtime {
namespace {
// Constant-initialised: reading it never runs a TLS initialiser (safe inside malloc).
constinit thread_local bool t_onAudioThread = false;
} // namespace

bool onAudioThread() noexcept
{
    return t_onAudioThread;
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
