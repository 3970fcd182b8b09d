// The CUDA side of the chain runner: kernels for gain, normalise apply, the block-decomposed IIR
// cascade, FIR by cuFFT overlap-save and the delay. The per-sample maths comes from the shared
// __host__ __device__ headers the CPU tests exercise. Built twice (GpuOps.h): by nvcc into the
// run-time module, and by the host compiler with FXRACK_CUDA_EMULATION, where HostCuda.h stands
// in for the CUDA runtime and FXRACK_LAUNCH runs each kernel body over the launch's indices.
#include "cuda/GpuMath.h"
#include "cuda/GpuOps.h"
#include "cuda/OverlapSave.h"

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>

#ifdef FXRACK_CUDA_EMULATION
#include "cuda/HostCuda.h"
#define FXRACK_LAUNCH(kernel, grid, stream, ...)                                                             \
    ::fxrack::cuda::emulation::launch((grid), kThreads, [&] { kernel(__VA_ARGS__); })
#else
#include <cuda_runtime.h>
#include <cufft.h>
#define FXRACK_LAUNCH(kernel, grid, stream, ...) kernel<<<(grid), kThreads, 0, (stream)>>>(__VA_ARGS__)
#endif

namespace fxrack::cuda {

namespace {

void check(cudaError_t error, const char* what)
{
    if (error != cudaSuccess)
        throw std::runtime_error(std::string("CUDA ") + what + ": " + cudaGetErrorString(error));
}

// The test hook (GpuBackend::failAfterLaunches): launches left before the injected fault.
std::atomic<int> gLaunchesBeforeFault{0};

// FXRACK_CUDA_SYNC=1 (and debug builds): wait after every launch, so an asynchronous fault
// names its kernel rather than the next copy.
bool syncEveryLaunch()
{
#ifndef NDEBUG
    return true;
#else
    static const bool sync = [] {
        const char* v = std::getenv("FXRACK_CUDA_SYNC");
        return v && *v && std::string(v) != "0";
    }();
    return sync;
#endif
}

// After every launch: the launch error, and in the debug mode the execution error, named.
void checkLaunch(const char* kernel, cudaStream_t stream)
{
    int left = gLaunchesBeforeFault.load(std::memory_order_relaxed);
    while (left > 0 && !gLaunchesBeforeFault.compare_exchange_weak(left, left - 1))
        ;
    if (left == 1)
        throw std::runtime_error(std::string("CUDA ") + kernel + ": injected fault (test hook)");
    check(cudaGetLastError(), kernel);
    if (syncEveryLaunch())
        check(cudaStreamSynchronize(stream), kernel);
}

void checkFft(cufftResult result, const char* what)
{
    if (result != CUFFT_SUCCESS)
        throw std::runtime_error(std::string("cuFFT ") + what + " failed (cufftResult " +
                                 std::to_string(int(result)) + ")");
}

constexpr int kThreads = 256;

unsigned gridFor(size_t n)
{
    return static_cast<unsigned>((n + kThreads - 1) / kThreads);
}

// Set-up copies (coefficients, spectra) wait: they run once per file, before any chunk.
void waitForSetup(const char* what)
{
    check(cudaStreamSynchronize(nullptr), what);
}

// A device allocation that only grows.
template <class T> class DeviceArray {
public:
    DeviceArray() = default;
    explicit DeviceArray(size_t count) { resize(count); }
    ~DeviceArray()
    {
        if (m_data)
            cudaFree(m_data);
    }
    DeviceArray(const DeviceArray&) = delete;
    DeviceArray& operator=(const DeviceArray&) = delete;
    void resize(size_t count)
    {
        if (count <= m_size)
            return;
        if (m_data)
            cudaFree(m_data);
        m_data = nullptr;
        m_size = 0;
        check(cudaMalloc(&m_data, count * sizeof(T)), "cudaMalloc");
        m_size = count;
    }
    void upload(const T* host, size_t count)
    {
        resize(count);
        check(cudaMemcpyAsync(m_data, host, count * sizeof(T), cudaMemcpyHostToDevice, nullptr),
              "cudaMemcpy of coefficients");
        waitForSetup("cudaMemcpy of coefficients");
    }
    void zero()
    {
        check(cudaMemsetAsync(m_data, 0, m_size * sizeof(T), nullptr), "cudaMemset");
        waitForSetup("cudaMemset");
    }
    T* get() const noexcept { return m_data; }
    void swap(DeviceArray& other) noexcept
    {
        std::swap(m_data, other.m_data);
        std::swap(m_size, other.m_size);
    }

private:
    T* m_data = nullptr;
    size_t m_size = 0;
};

// The chunk on the device, the job's stream, and pinned host staging so copies are truly
// asynchronous (pageable copies would serialise parallel jobs).
class DeviceBuffer final : public GpuBuffer {
public:
    DeviceBuffer(int channels, int maxFrames)
        : m_channels(std::max(1, channels)), m_maxFrames(std::max(1, maxFrames))
    {
        const size_t bytes = size_t(m_channels) * m_maxFrames * sizeof(float);
        check(cudaStreamCreateWithFlags(&m_stream, cudaStreamNonBlocking), "cudaStreamCreate");
        check(cudaMalloc(&m_data, bytes), "cudaMalloc");
        check(cudaMallocHost(&m_pinned, bytes), "cudaMallocHost");
    }
    ~DeviceBuffer() override
    {
        if (m_stream)
            cudaStreamSynchronize(m_stream);
        if (m_pinned)
            cudaFreeHost(m_pinned);
        if (m_data)
            cudaFree(m_data);
        if (m_stream)
            cudaStreamDestroy(m_stream);
    }
    int channels() const noexcept override { return m_channels; }
    int maxFrames() const noexcept override { return m_maxFrames; }
    float* data() const noexcept { return m_data; }
    size_t stride() const noexcept { return static_cast<size_t>(m_maxFrames); }
    cudaStream_t stream() const noexcept { return m_stream; }

    void upload(const float* const* channels, int frames) override
    {
        // The previous download has completed (finishDownload waits), so the staging is free;
        // each channel's copy starts while the next one is staged.
        for (int c = 0; c < m_channels; ++c) {
            float* staged = m_pinned + size_t(c) * stride();
            std::copy(channels[c], channels[c] + frames, staged);
            check(cudaMemcpyAsync(m_data + size_t(c) * stride(), staged, size_t(frames) * sizeof(float),
                                  cudaMemcpyHostToDevice, m_stream),
                  "cudaMemcpy to device");
        }
    }
    void startDownload(int frames) override
    {
        for (int c = 0; c < m_channels; ++c)
            check(cudaMemcpyAsync(m_pinned + size_t(c) * stride(), m_data + size_t(c) * stride(),
                                  size_t(frames) * sizeof(float), cudaMemcpyDeviceToHost, m_stream),
                  "cudaMemcpy to host");
    }
    void finishDownload(float* const* channels, int frames) override
    {
        // The one wait per GPU segment; an asynchronous kernel fault surfaces here.
        check(cudaStreamSynchronize(m_stream),
              "the GPU segment (a kernel failed; FXRACK_CUDA_SYNC=1 names it)");
        for (int c = 0; c < m_channels; ++c)
            std::copy(m_pinned + size_t(c) * stride(), m_pinned + size_t(c) * stride() + frames, channels[c]);
    }
    void synchronize() override { check(cudaStreamSynchronize(m_stream), "cudaStreamSynchronize"); }

private:
    int m_channels;
    int m_maxFrames;
    float* m_data = nullptr;
    float* m_pinned = nullptr;
    cudaStream_t m_stream = nullptr;
};

DeviceBuffer& deviceBuffer(GpuBuffer& buffer)
{
    return static_cast<DeviceBuffer&>(buffer);
}

// ---- gain and normalise ----

__global__ void gainKernel(float* data, size_t stride, int channels, int frames, float g, bool clamp)
{
    const size_t idx = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    if (idx >= size_t(channels) * frames)
        return;
    const size_t c = idx / frames, i = idx % frames;
    float& x = data[c * stride + i];
    x = gainSample(x, g, clamp);
}

__global__ void normalizeKernel(float* data, size_t stride, int channels, int frames, const double* gains)
{
    const size_t idx = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    if (idx >= size_t(channels) * frames)
        return;
    const size_t c = idx / frames, i = idx % frames;
    float& x = data[c * stride + i];
    x = normalizeSample(x, gains[c]);
}

class GainOp final : public GpuOp {
public:
    GainOp(float g, bool clamp) : m_g(g), m_clamp(clamp) {}
    void run(GpuBuffer& buffer, int frames) override
    {
        DeviceBuffer& b = deviceBuffer(buffer);
        cudaStream_t stream = b.stream();
        const size_t n = size_t(b.channels()) * frames;
        if (n == 0)
            return;
        FXRACK_LAUNCH(gainKernel, gridFor(n), stream, b.data(), b.stride(), b.channels(), frames, m_g,
                      m_clamp);
        checkLaunch("gain kernel", stream);
    }
    void reset() override {}

private:
    float m_g;
    bool m_clamp;
};

class NormalizeOp final : public GpuOp {
public:
    explicit NormalizeOp(std::vector<double> gains) : m_count(gains.size())
    {
        m_gains.upload(gains.data(), gains.size());
    }
    void run(GpuBuffer& buffer, int frames) override
    {
        DeviceBuffer& b = deviceBuffer(buffer);
        cudaStream_t stream = b.stream();
        const int channels = std::min(b.channels(), static_cast<int>(m_count));
        const size_t n = size_t(channels) * frames;
        if (n == 0)
            return;
        FXRACK_LAUNCH(normalizeKernel, gridFor(n), stream, b.data(), b.stride(), channels, frames,
                      m_gains.get());
        checkLaunch("normalize kernel", stream);
    }
    void reset() override {}

private:
    DeviceArray<double> m_gains;
    size_t m_count;
};

// ---- the block-decomposed IIR cascade ----
// Work layout per channel, "block-interleaved": frame j of block b at j * B + b, so that the
// threads of neighbouring blocks read neighbouring addresses at every step (coalesced).

struct Transition {
    double m[4];
};

// Thread idx's place in the block-interleaved work: false past its end; otherwise `at` is the
// sample's index in the channel-planar data and `inChunk` is false for the zero padding after
// the chunk's last frame. The one index map toBlocked and fromBlocked both follow.
__device__ bool blockedPlace(size_t idx, size_t stride, int channels, int frames, int L, int B, size_t& at,
                             bool& inChunk)
{
    const size_t perChannel = size_t(B) * L;
    if (idx >= size_t(channels) * perChannel)
        return false;
    const size_t c = idx / perChannel, r = idx % perChannel;
    const size_t j = r / B, b = r % B;
    const size_t frame = b * L + j;
    at = c * stride + frame;
    inChunk = frame < size_t(frames);
    return true;
}

__global__ void toBlocked(const float* data, size_t stride, int channels, int frames, int L, int B,
                          double* work)
{
    const size_t idx = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    size_t at = 0;
    bool inChunk = false;
    if (blockedPlace(idx, stride, channels, frames, L, B, at, inChunk))
        work[idx] = inChunk ? double(data[at]) : 0.0;
}

__global__ void fromBlocked(float* data, size_t stride, int channels, int frames, int L, int B,
                            const double* work)
{
    const size_t idx = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    size_t at = 0;
    bool inChunk = false;
    if (blockedPlace(idx, stride, channels, frames, L, B, at, inChunk) && inChunk)
        data[at] = static_cast<float>(work[idx]);
}

// 1. Each block from a zero state, in place (y0), and its end state.
__global__ void zeroStateKernel(Sos q, double* work, int channels, int frames, int L, int B, double* ends)
{
    const size_t tid = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    if (tid >= size_t(channels) * B)
        return;
    const size_t c = tid / B, b = tid % B;
    const int len = min(L, frames - int(b) * L);
    double* base = work + c * size_t(B) * L + b;
    double s1 = 0.0, s2 = 0.0;
    for (int j = 0; j < len; ++j) {
        const double in = base[size_t(j) * B];
        const double out = q.b0 * in + s1;
        s1 = q.b1 * in - q.a1 * out + s2;
        s2 = q.b2 * in - q.a2 * out;
        base[size_t(j) * B] = out;
    }
    ends[tid * 2] = s1;
    ends[tid * 2 + 1] = s2;
}

// 2. The true state entering each block: a scan over the blocks of a channel (one thread each).
__global__ void scanKernel(Sos q, Transition t, double* state, int stateStride, int channels, int frames,
                           int L, int B, const double* ends, double* starts)
{
    const int c = int(blockIdx.x) * blockDim.x + threadIdx.x;
    if (c >= channels)
        return;
    double s[2] = {state[size_t(c) * stateStride], state[size_t(c) * stateStride + 1]};
    const double* e = ends + size_t(c) * B * 2;
    double* st = starts + size_t(c) * B * 2;
    // Unrolled so the loads of later blocks' end states issue ahead of the recursion.
#ifdef __CUDACC__
#pragma unroll 8
#endif
    for (int b = 0; b < B; ++b) {
        st[2 * b] = s[0];
        st[2 * b + 1] = s[1];
        sosAdvanceState(q, t.m, min(L, frames - b * L), L, e + 2 * b, s);
    }
    state[size_t(c) * stateStride] = s[0];
    state[size_t(c) * stateStride + 1] = s[1];
}

// 3. y = y0 + the zero-input response to the true entering state.
__global__ void correctKernel(double* work, int channels, int frames, int L, int B, const double* g,
                              const double* starts)
{
    const size_t idx = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    const size_t perChannel = size_t(B) * L;
    if (idx >= size_t(channels) * perChannel)
        return;
    const size_t c = idx / perChannel, r = idx % perChannel;
    const size_t j = r / B, b = r % B;
    if (b * L + j >= size_t(frames))
        return;
    work[idx] = sosCorrect(work[idx], g[j], g[L + j], starts + (c * B + b) * 2);
}

class SosOp final : public GpuOp {
public:
    SosOp(std::vector<Sos> sections, int channels, int blockLength)
        : m_sections(std::move(sections)), m_channels(channels), m_fixedL(blockLength),
          m_state(size_t(channels) * m_sections.size() * 2)
    {
        m_state.zero();
    }
    void reset() override { m_state.zero(); }

    void run(GpuBuffer& buffer, int frames) override
    {
        DeviceBuffer& buf = deviceBuffer(buffer);
        cudaStream_t stream = buf.stream();
        const int channels = std::min(buf.channels(), m_channels);
        const int ns = static_cast<int>(m_sections.size());
        if (frames <= 0 || channels <= 0 || ns == 0)
            return;
        const int L = m_fixedL > 0 ? m_fixedL : blockLengthFor(frames);
        const int B = (frames + L - 1) / L;
        prepareBasis(L);
        const size_t total = size_t(channels) * B * L;
        m_work.resize(total);
        m_ends.resize(size_t(channels) * B * 2);
        m_starts.resize(size_t(channels) * B * 2);
        FXRACK_LAUNCH(toBlocked, gridFor(total), stream, buf.data(), buf.stride(), channels, frames, L, B,
                      m_work.get());
        checkLaunch("IIR layout kernel", stream);
        for (int q = 0; q < ns; ++q) {
            const Sos& sos = m_sections[size_t(q)];
            FXRACK_LAUNCH(zeroStateKernel, gridFor(size_t(channels) * B), stream, sos, m_work.get(), channels,
                          frames, L, B, m_ends.get());
            checkLaunch("IIR zero-state kernel", stream);
            FXRACK_LAUNCH(scanKernel, gridFor(size_t(channels)), stream, sos, m_transitions[size_t(q)],
                          m_state.get() + 2 * q, 2 * ns, channels, frames, L, B, m_ends.get(),
                          m_starts.get());
            checkLaunch("IIR scan kernel", stream);
            FXRACK_LAUNCH(correctKernel, gridFor(total), stream, m_work.get(), channels, frames, L, B,
                          m_basis.get() + size_t(q) * 2 * L, m_starts.get());
            checkLaunch("IIR correction kernel", stream);
        }
        FXRACK_LAUNCH(fromBlocked, gridFor(total), stream, buf.data(), buf.stride(), channels, frames, L, B,
                      m_work.get());
        checkLaunch("IIR layout kernel", stream);
    }

private:
    // Long enough blocks that the scan stays short, short enough that every channel has many.
    static int blockLengthFor(int frames)
    {
        int l = 32;
        while (l < 1024 && int64_t(l) * l * 4 < frames)
            l *= 2;
        return l;
    }
    void prepareBasis(int L)
    {
        if (L == m_basisL)
            return;
        const size_t ns = m_sections.size();
        std::vector<double> g(ns * 2 * size_t(L));
        m_transitions.assign(ns, Transition{});
        for (size_t q = 0; q < ns; ++q)
            sosZeroInputBasis(m_sections[q], L, &g[q * 2 * L], &g[q * 2 * L + L], m_transitions[q].m);
        m_basis.upload(g.data(), g.size());
        m_basisL = L;
    }

    std::vector<Sos> m_sections;
    int m_channels;
    int m_fixedL;
    DeviceArray<double> m_state; // [channel][section][2]
    DeviceArray<double> m_work, m_ends, m_starts, m_basis;
    std::vector<Transition> m_transitions;
    int m_basisL = 0;
};

// ---- FIR by overlap-save ----

__global__ void osGather(double* segments, const float* data, size_t stride, const float* history,
                         int channels, int frames, OverlapSaveGeometry g, int maxSegments, int usedSegments)
{
    const size_t idx = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    const size_t perChannel = size_t(usedSegments) * g.fftSize;
    if (idx >= size_t(channels) * perChannel)
        return;
    const size_t c = idx / perChannel, r = idx % perChannel;
    const size_t s = r / g.fftSize, p = r % g.fftSize;
    const int h = g.taps - 1;
    segments[(c * maxSegments + s) * g.fftSize + p] =
        osExtended(history + c * h, data + c * stride, g.taps, frames, int64_t(s) * g.hop + int64_t(p));
}

__global__ void osHistory(float* next, const float* history, const float* data, size_t stride, int channels,
                          int frames, int taps)
{
    const size_t idx = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    const int h = taps - 1;
    if (idx >= size_t(channels) * h)
        return;
    const size_t c = idx / h, i = idx % h;
    next[idx] = osNextHistory(history + c * h, data + c * stride, taps, frames, int(i));
}

__global__ void osMultiply(cufftDoubleComplex* spectra, const cufftDoubleComplex* filter, size_t bins,
                           size_t count)
{
    const size_t idx = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    if (idx >= count)
        return;
    const cufftDoubleComplex a = spectra[idx], h = filter[idx % bins];
    spectra[idx] = make_cuDoubleComplex(a.x * h.x - a.y * h.y, a.x * h.y + a.y * h.x);
}

__global__ void osScatter(float* data, size_t stride, const double* segments, int channels, int frames,
                          OverlapSaveGeometry g, int maxSegments, int usedSegments)
{
    const size_t idx = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    const size_t perChannel = size_t(usedSegments) * g.hop;
    if (idx >= size_t(channels) * perChannel)
        return;
    const size_t c = idx / perChannel, r = idx % perChannel;
    const int s = int(r / g.hop), j = int(r % g.hop);
    const int p = j + g.taps - 1;
    const int64_t frame = osOutputFrame(g, s, p, frames);
    if (frame >= 0)
        data[c * stride + size_t(frame)] =
            static_cast<float>(segments[(c * maxSegments + s) * g.fftSize + p]);
}

class FirOp final : public GpuOp {
public:
    FirOp(const std::vector<double>& taps, int channels, int maxFrames)
        : m_g(overlapSaveGeometry(static_cast<int>(taps.size()))), m_channels(channels),
          m_maxSegments(m_g.segments(std::max(1, maxFrames)))
    {
        const int n = m_g.fftSize, bins = n / 2 + 1, batch = channels * m_maxSegments;
        // The filter's spectrum, scaled by 1/N for the unnormalised inverse.
        std::vector<std::complex<double>> h(size_t(n), 0.0);
        for (size_t i = 0; i < taps.size(); ++i)
            h[i] = taps[i] / n;
        fftRadix2(h, false);
        std::vector<cufftDoubleComplex> hb(static_cast<size_t>(bins));
        for (int k = 0; k < bins; ++k)
            hb[size_t(k)] = make_cuDoubleComplex(h[size_t(k)].real(), h[size_t(k)].imag());
        m_filter.upload(hb.data(), hb.size());
        m_segments.resize(size_t(batch) * n);
        m_spectra.resize(size_t(batch) * bins);
        const size_t h1 = size_t(std::max(1, m_g.taps - 1)) * channels;
        m_history.resize(h1);
        m_nextHistory.resize(h1);
        m_history.zero();
        checkFft(cufftPlan1d(&m_forward, n, CUFFT_D2Z, batch), "forward plan");
        checkFft(cufftPlan1d(&m_inverse, n, CUFFT_Z2D, batch), "inverse plan");
    }
    ~FirOp() override
    {
        cufftDestroy(m_forward);
        cufftDestroy(m_inverse);
    }
    void reset() override { m_history.zero(); }

    void run(GpuBuffer& buffer, int frames) override
    {
        DeviceBuffer& buf = deviceBuffer(buffer);
        cudaStream_t stream = buf.stream();
        const int channels = std::min(buf.channels(), m_channels);
        if (frames <= 0 || channels <= 0)
            return;
        const int used = m_g.segments(frames);
        if (used > m_maxSegments)
            throw std::runtime_error("FIR chunk longer than the runner was prepared for");
        const int n = m_g.fftSize, bins = n / 2 + 1;
        const size_t gathered = size_t(channels) * used * n;
        FXRACK_LAUNCH(osGather, gridFor(gathered), stream, m_segments.get(), buf.data(), buf.stride(),
                      m_history.get(), channels, frames, m_g, m_maxSegments, used);
        checkLaunch("FIR gather kernel", stream);
        if (m_g.taps > 1) {
            FXRACK_LAUNCH(osHistory, gridFor(size_t(channels) * (m_g.taps - 1)), stream, m_nextHistory.get(),
                          m_history.get(), buf.data(), buf.stride(), channels, frames, m_g.taps);
            checkLaunch("FIR history kernel", stream);
        }
        checkFft(cufftSetStream(m_forward, stream), "forward set stream");
        checkFft(cufftSetStream(m_inverse, stream), "inverse set stream");
        checkFft(cufftExecD2Z(m_forward, m_segments.get(), m_spectra.get()), "forward transform");
        const size_t count = size_t(m_channels) * m_maxSegments * bins;
        FXRACK_LAUNCH(osMultiply, gridFor(count), stream, m_spectra.get(), m_filter.get(), size_t(bins),
                      count);
        checkLaunch("FIR multiply kernel", stream);
        checkFft(cufftExecZ2D(m_inverse, m_spectra.get(), m_segments.get()), "inverse transform");
        FXRACK_LAUNCH(osScatter, gridFor(size_t(channels) * used * m_g.hop), stream, buf.data(), buf.stride(),
                      m_segments.get(), channels, frames, m_g, m_maxSegments, used);
        checkLaunch("FIR scatter kernel", stream);
        if (m_g.taps > 1)
            m_history.swap(m_nextHistory);
    }

private:
    OverlapSaveGeometry m_g;
    int m_channels;
    int m_maxSegments;
    DeviceArray<cufftDoubleComplex> m_filter, m_spectra;
    DeviceArray<double> m_segments;
    DeviceArray<float> m_history, m_nextHistory;
    cufftHandle m_forward = 0, m_inverse = 0;
};

// ---- delay ----

__global__ void delayKernel(float* data, size_t stride, const float* input, const float* history,
                            int channels, int frames, int delay, int taps, const float* gains, float mix,
                            bool pingPong)
{
    const size_t idx = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    if (idx >= size_t(channels) * frames)
        return;
    const int c = int(idx / frames), i = int(idx % frames);
    const int64_t h = int64_t(delay) * taps;
    float wet = 0.0f;
    for (int k = 1; k <= taps; ++k) {
        const int src = delaySource(c, k, channels, pingPong);
        const int64_t e = h + i - int64_t(k) * delay;
        const float v = e < h ? history[size_t(src) * h + e] : input[size_t(src) * stride + size_t(e - h)];
        wet += gains[k - 1] * v;
    }
    data[size_t(c) * stride + i] = delayMix(input[size_t(c) * stride + i], wet, mix);
}

__global__ void delayHistory(float* next, const float* history, const float* input, size_t stride,
                             int channels, int frames, int64_t h)
{
    const size_t idx = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    if (idx >= size_t(channels) * h)
        return;
    const size_t c = idx / h;
    const int64_t e = int64_t(frames) + int64_t(idx % h);
    next[idx] = e < h ? history[c * h + e] : input[c * stride + size_t(e - h)];
}

class DelayOp final : public GpuOp {
public:
    DelayOp(int delay, std::vector<float> gains, float mix, bool pingPong, int channels, int maxFrames)
        : m_delay(std::max(1, delay)), m_taps(static_cast<int>(gains.size())), m_mix(mix),
          m_pingPong(pingPong), m_channels(channels), m_input(size_t(channels) * maxFrames)
    {
        m_gains.upload(gains.data(), gains.size());
        const size_t h = size_t(m_delay) * m_taps * channels;
        m_history.resize(h);
        m_nextHistory.resize(h);
        m_history.zero();
    }
    void reset() override { m_history.zero(); }
    void run(GpuBuffer& buffer, int frames) override
    {
        DeviceBuffer& buf = deviceBuffer(buffer);
        cudaStream_t stream = buf.stream();
        const int channels = std::min(buf.channels(), m_channels);
        if (frames <= 0 || channels <= 0)
            return;
        m_input.resize(size_t(channels) * buf.stride());
        check(cudaMemcpyAsync(m_input.get(), buf.data(), size_t(channels) * buf.stride() * sizeof(float),
                              cudaMemcpyDeviceToDevice, stream),
              "cudaMemcpy on device");
        const bool pingPong = m_pingPong && channels >= 2;
        FXRACK_LAUNCH(delayKernel, gridFor(size_t(channels) * frames), stream, buf.data(), buf.stride(),
                      m_input.get(), m_history.get(), channels, frames, m_delay, m_taps, m_gains.get(), m_mix,
                      pingPong);
        checkLaunch("delay kernel", stream);
        const int64_t h = int64_t(m_delay) * m_taps;
        FXRACK_LAUNCH(delayHistory, gridFor(size_t(channels) * size_t(h)), stream, m_nextHistory.get(),
                      m_history.get(), m_input.get(), buf.stride(), channels, frames, h);
        checkLaunch("delay history kernel", stream);
        m_history.swap(m_nextHistory);
    }

private:
    int m_delay, m_taps;
    float m_mix;
    bool m_pingPong;
    int m_channels;
    DeviceArray<float> m_input, m_gains, m_history, m_nextHistory;
};

// ---- the probe ----

__global__ void probeKernel(int* out, int n)
{
    const int idx = int(blockIdx.x * blockDim.x + threadIdx.x);
    if (idx < n)
        out[idx] = idx * 3 + 1;
}

// ---- the backend ----

class Backend final : public GpuBackend {
public:
    Backend()
    {
        if (const char* v = std::getenv("FXRACK_CUDA_FAIL_AFTER"))
            failAfterLaunches(std::atoi(v));
    }

    int deviceCount(std::string* reason) noexcept override
    {
        std::call_once(m_once, [this] {
            int n = 0;
            const cudaError_t error = cudaGetDeviceCount(&n);
            if (error != cudaSuccess) {
                cudaGetLastError(); // clear the error so later calls start clean
                m_why = (error == cudaErrorNoDevice ? "no CUDA device: " : "no CUDA driver: ") +
                        std::string(cudaGetErrorString(error));
            } else if (n <= 0) {
                m_why = "no CUDA device: the driver reports none";
            } else {
                m_count = n;
            }
        });
        if (reason)
            *reason = m_why;
        return m_count;
    }

    std::string deviceName(int index) noexcept override
    {
        if (index < 0 || index >= deviceCount(nullptr))
            return {};
        cudaDeviceProp properties{};
        if (cudaGetDeviceProperties(&properties, index) != cudaSuccess) {
            cudaGetLastError();
            return {};
        }
        return properties.name;
    }

    void probe() override
    {
        constexpr int n = 300;
        DeviceBuffer scratch(1, n);
        cudaStream_t stream = scratch.stream();
        DeviceArray<int> out(n);
        FXRACK_LAUNCH(probeKernel, gridFor(n), stream, out.get(), n);
        checkLaunch("probe kernel", stream);
        int host[n] = {};
        check(cudaMemcpyAsync(host, out.get(), sizeof(host), cudaMemcpyDeviceToHost, stream), "probe kernel");
        check(cudaStreamSynchronize(stream), "probe kernel");
        for (int i = 0; i < n; ++i)
            if (host[i] != i * 3 + 1)
                throw std::runtime_error("CUDA probe kernel: wrong result at " + std::to_string(i));
    }

    std::unique_ptr<GpuBuffer> makeBuffer(int channels, int maxFrames) override
    {
        return std::make_unique<DeviceBuffer>(channels, maxFrames);
    }
    std::unique_ptr<GpuOp> makeGainOp(float factor, bool clamp) override
    {
        return std::make_unique<GainOp>(factor, clamp);
    }
    std::unique_ptr<GpuOp> makeNormalizeOp(std::vector<double> channelGains) override
    {
        return std::make_unique<NormalizeOp>(std::move(channelGains));
    }
    std::unique_ptr<GpuOp> makeSosOp(std::vector<Sos> sections, int channels, int blockLength) override
    {
        return std::make_unique<SosOp>(std::move(sections), channels, blockLength);
    }
    std::unique_ptr<GpuOp> makeFirOp(const std::vector<double>& taps, int channels, int maxFrames) override
    {
        return std::make_unique<FirOp>(taps, channels, maxFrames);
    }
    std::unique_ptr<GpuOp> makeDelayOp(int delay, std::vector<float> tapGains, float mix, bool pingPong,
                                       int channels, int maxFrames) override
    {
        return std::make_unique<DelayOp>(delay, std::move(tapGains), mix, pingPong, channels, maxFrames);
    }
    void failAfterLaunches(int launches) noexcept override
    {
        gLaunchesBeforeFault.store(launches > 0 ? launches : 0);
    }

private:
    std::once_flag m_once;
    int m_count = 0;
    std::string m_why;
};

} // namespace

#ifdef FXRACK_CUDA_EMULATION
GpuBackend& hostEmulatedBackend()
{
    static Backend backend;
    return backend;
}
#endif

} // namespace fxrack::cuda

#ifndef FXRACK_CUDA_EMULATION
// The module's one exported symbol (the module is built with hidden visibility).
extern "C" __attribute__((visibility("default"))) fxrack::cuda::GpuBackend* fxrack_cuda_backend(int abi)
{
    if (abi != fxrack::cuda::kGpuBackendAbi)
        return nullptr;
    static fxrack::cuda::Backend backend;
    return &backend;
}
#endif
