#pragma once

#include <cstdint>

namespace fxrack::realtime {

inline constexpr int kMeterChannels = 64;

// One callback's telemetry, pushed by the audio thread through a wait-free queue and drained
// by the control thread (RealtimeProcessor::poll). Trivially copyable.
struct MeterFrame {
    uint64_t firstFrame = 0; // stream frames processed before this callback
    int frames = 0;
    int numIn = 0;
    int numOut = 0;
    float callbackUs = 0.0f; // time spent inside the callback
    float load = 0.0f;       // callbackUs / the buffer's deadline
    float inPeak[kMeterChannels] = {};
    float inRms[kMeterChannels] = {};
    float outPeak[kMeterChannels] = {};
    float outRms[kMeterChannels] = {};
};

// Monotonic counters since start (or resetXruns() for the xrun fields). Read lock-free.
struct ProcessorStats {
    uint64_t frames = 0;
    uint64_t callbacks = 0;
    uint64_t xruns = 0;             // overflow/underflow reported by the backend
    uint64_t xrunsSlowCallback = 0; // of those, xruns whose previous callback used > 50% of its deadline
    uint64_t safetyNonFinite = 0;   // blocks with NaN/Inf silenced (and the chain reset)
    uint64_t safetyLimited = 0;     // blocks in which the ceiling engaged
    uint64_t commandsApplied = 0;   // parameter, bypass and chain commands the audio thread applied
    uint64_t commandsDropped = 0;   // parameter values replaced by a newer one before the audio thread
                                    // took them (latest wins per parameter per callback); none is lost
    uint64_t commandsQueueFull = 0; // parameter values that found the command queue full and waited in
                                    // their parameter's cell instead (not lost either)
    uint64_t telemetryDropped = 0;  // meter frames that found the telemetry queue full
    uint64_t chainSwaps = 0;        // plans the audio thread installed
    uint64_t editsFolded = 0;       // plans a newer edit replaced before the audio thread took them
    // Live Convolvers' zita cycles whose late partitions were dropped, summed over the chain's
    // effects (removed ones included): each is a gap in a reverb's or cabinet's tail.
    uint64_t convolverLateCycles = 0;
    uint64_t retireKept = 0; // plans the audio thread could not hand back (kept, never freed there)
    double maxCallbackUs = 0.0;
    double deadlineUs = 0.0;
};

} // namespace fxrack::realtime
