#pragma once
// The GPU side of the CUDA chain runner as plain C++ (no CUDA headers): a device buffer holding
// one chunk (planar float) and the operations that run on it. Implemented in GpuOps.cu. Every
// failure of the CUDA runtime or cuFFT throws std::runtime_error with the call and its message.

#include "cuda/BlockIir.h"

#include <memory>
#include <string>
#include <vector>

namespace fxrack::cuda {

// Devices the driver reports; 0 with the reason when there is none or no usable driver
// ("no CUDA driver: <message>"). Never throws; the answer is looked up once per process.
int deviceCount(std::string* reason = nullptr) noexcept;
// The name of device `index` as the driver reports it ("NVIDIA H100 80GB HBM3"); empty when
// there is no such device. Never throws.
std::string deviceName(int index = 0) noexcept;

// One chunk of planar float audio on the device: channel c at data() + c * stride().
class GpuBuffer {
public:
    GpuBuffer(int channels, int maxFrames);
    ~GpuBuffer();
    GpuBuffer(const GpuBuffer&) = delete;
    GpuBuffer& operator=(const GpuBuffer&) = delete;

    int channels() const noexcept { return m_channels; }
    int maxFrames() const noexcept { return m_maxFrames; }
    float* data() const noexcept { return m_data; }
    size_t stride() const noexcept { return static_cast<size_t>(m_maxFrames); }
    // Host channel pointers, `frames` frames each (frames <= maxFrames).
    void upload(const float* const* channels, int frames);
    void download(float* const* channels, int frames) const;
    // Waits for the device (for timings).
    static void synchronize();

private:
    int m_channels;
    int m_maxFrames;
    float* m_data = nullptr;
};

// An effect on the device; its state (filter memories, histories) carries across chunks.
class GpuOp {
public:
    virtual ~GpuOp() = default;
    virtual void run(GpuBuffer& buffer, int frames) = 0;
    virtual void reset() = 0;
};

std::unique_ptr<GpuOp> makeGainOp(float factor, bool clamp);
std::unique_ptr<GpuOp> makeNormalizeOp(std::vector<double> channelGains);
// The block-decomposed IIR cascade; blockLength 0 picks one from the chunk length.
std::unique_ptr<GpuOp> makeSosOp(std::vector<Sos> sections, int channels, int maxFrames, int blockLength = 0);
// FIR by cuFFT overlap-save (double precision).
std::unique_ptr<GpuOp> makeFirOp(const std::vector<double>& taps, int channels, int maxFrames);
// Delay at constant parameters: tapGains[k-1] weighs x[n - k * delay].
std::unique_ptr<GpuOp> makeDelayOp(int delay, std::vector<float> tapGains, float mix, bool pingPong,
                                   int channels, int maxFrames);

} // namespace fxrack::cuda
