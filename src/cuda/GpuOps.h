#pragma once
// The GPU side of the CUDA chain runner as plain C++ (no CUDA headers): a backend that makes
// device buffers holding one chunk (planar float) and the operations that run on them.
// GpuOps.cu implements it twice from one source: with nvcc, as the run-time module
// libfxrack_cuda_kernels.so (loaded by CudaModule.cpp; the only code that links NVIDIA's
// libraries), and with the host compiler against HostCuda.h, as the host emulation the tests run
// in CI. Every failure of the CUDA runtime or cuFFT throws std::runtime_error naming the kernel
// or call at fault.

#include "cuda/BlockIir.h"

#include <memory>
#include <string>
#include <vector>

namespace fxrack::cuda {

// One chunk of planar float audio on the device, with the job's own stream and pinned host
// staging: uploads and kernels queue on the stream without waiting; download() waits once.
class GpuBuffer {
public:
    virtual ~GpuBuffer() = default;
    virtual int channels() const noexcept = 0;
    virtual int maxFrames() const noexcept = 0;
    // Host channel pointers, `frames` frames each (frames <= maxFrames).
    virtual void upload(const float* const* channels, int frames) = 0;
    // Queues the copy out (into the pinned staging) behind every queued operation.
    virtual void startDownload(int frames) = 0;
    // Waits for the stream, then copies the staged chunk out.
    virtual void finishDownload(float* const* channels, int frames) = 0;
    void download(float* const* channels, int frames)
    {
        startDownload(frames);
        finishDownload(channels, frames);
    }
    // Waits for every queued operation (benchmarks).
    virtual void synchronize() = 0;
};

// An effect on the device; its state (filter memories, histories) carries across chunks.
class GpuOp {
public:
    virtual ~GpuOp() = default;
    virtual void run(GpuBuffer& buffer, int frames) = 0;
    virtual void reset() = 0;
};

class GpuBackend {
public:
    virtual ~GpuBackend() = default;
    // Devices the driver reports; 0 with the reason when there is none or no usable driver
    // ("no CUDA driver: <message>", "no CUDA device: ..."). Looked up once.
    virtual int deviceCount(std::string* reason) noexcept = 0;
    // The name of device `index` as the driver reports it; empty when there is none.
    virtual std::string deviceName(int index) noexcept = 0;
    // Launches a tiny kernel and checks its result: "no kernel image" (a GPU older than the
    // architectures built) and a broken driver show here, before any file starts.
    virtual void probe() = 0;
    virtual std::unique_ptr<GpuBuffer> makeBuffer(int channels, int maxFrames) = 0;
    virtual std::unique_ptr<GpuOp> makeGainOp(float factor, bool clamp) = 0;
    virtual std::unique_ptr<GpuOp> makeNormalizeOp(std::vector<double> channelGains) = 0;
    // The block-decomposed IIR cascade; blockLength 0 picks one from the chunk length.
    virtual std::unique_ptr<GpuOp> makeSosOp(std::vector<Sos> sections, int channels,
                                             int blockLength = 0) = 0;
    // FIR by cuFFT overlap-save (double precision).
    virtual std::unique_ptr<GpuOp> makeFirOp(const std::vector<double>& taps, int channels,
                                             int maxFrames) = 0;
    // Delay at constant parameters: tapGains[k-1] weighs x[n - k * delay].
    virtual std::unique_ptr<GpuOp> makeDelayOp(int delay, std::vector<float> tapGains, float mix,
                                               bool pingPong, int channels, int maxFrames) = 0;
    // Test hook: launch number `launches` (counted from now, 1-based) fails as a device fault
    // would; 0 turns it off. FXRACK_CUDA_FAIL_AFTER=N in the environment sets it at load.
    virtual void failAfterLaunches(int launches) noexcept = 0;
};

// The module's entry point, extern "C" fxrack_cuda_backend(kGpuBackendAbi): null when the
// module was built against another version of this interface.
inline constexpr int kGpuBackendAbi = 1;
using GpuBackendEntry = GpuBackend* (*)(int abi);

// GpuOps.cu compiled for the host (library fxrack_cuda_emulated, tests only): always one
// "device", named "host emulation".
GpuBackend& hostEmulatedBackend();

} // namespace fxrack::cuda
