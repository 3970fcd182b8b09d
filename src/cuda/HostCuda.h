#pragma once
// The subset of the CUDA runtime and cuFFT that GpuOps.cu uses, on the host: GpuOps.cu compiled
// with a C++ compiler against this header (FXRACK_CUDA_EMULATION) runs every kernel body over the
// same grid and block indices a launch uses, and cuFFT's layouts through a CPU FFT. CI tests the
// GPU chain's indexing this way on every commit, with or without nvcc and a GPU.

#include "cuda/OverlapSave.h" // fftRadix2

#include <algorithm>
#include <complex>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

#define __global__
#define __host__
#define __device__

using std::min;

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
};

namespace fxrack::cuda::emulation {
// The indices of the "thread" running now (one host thread runs them all, in order).
inline thread_local dim3 gBlockIdx, gThreadIdx, gBlockDim;

// Runs body() once per thread of a one-dimensional grid, as <<<grid, threads>>> would.
template <class Body> void launch(unsigned grid, unsigned threads, Body&& body)
{
    gBlockDim.x = threads;
    for (unsigned b = 0; b < grid; ++b) {
        gBlockIdx.x = b;
        for (unsigned t = 0; t < threads; ++t) {
            gThreadIdx.x = t;
            body();
        }
    }
}
} // namespace fxrack::cuda::emulation

#define blockIdx ::fxrack::cuda::emulation::gBlockIdx
#define threadIdx ::fxrack::cuda::emulation::gThreadIdx
#define blockDim ::fxrack::cuda::emulation::gBlockDim

enum cudaError_t { cudaSuccess = 0, cudaErrorNoDevice = 100, cudaErrorMemoryAllocation = 2 };
enum cudaMemcpyKind { cudaMemcpyHostToDevice, cudaMemcpyDeviceToHost, cudaMemcpyDeviceToDevice };
using cudaStream_t = void*;

inline const char* cudaGetErrorString(cudaError_t error)
{
    return error == cudaSuccess ? "no error" : "emulated error";
}
inline cudaError_t cudaGetLastError()
{
    return cudaSuccess;
}
inline cudaError_t cudaGetDeviceCount(int* n)
{
    *n = 1;
    return cudaSuccess;
}
inline cudaError_t cudaMalloc(void* pointer, size_t bytes)
{
    void* p = std::calloc(std::max<size_t>(bytes, 1), 1);
    *static_cast<void**>(pointer) = p;
    return p ? cudaSuccess : cudaErrorMemoryAllocation;
}
inline cudaError_t cudaMallocHost(void* pointer, size_t bytes)
{
    return cudaMalloc(pointer, bytes);
}
inline cudaError_t cudaFree(void* p)
{
    std::free(p);
    return cudaSuccess;
}
inline cudaError_t cudaFreeHost(void* p)
{
    return cudaFree(p);
}
inline cudaError_t cudaMemcpyAsync(void* to, const void* from, size_t bytes, cudaMemcpyKind,
                                   cudaStream_t = nullptr)
{
    std::memmove(to, from, bytes);
    return cudaSuccess;
}
inline cudaError_t cudaMemsetAsync(void* p, int value, size_t bytes, cudaStream_t = nullptr)
{
    std::memset(p, value, bytes);
    return cudaSuccess;
}
inline cudaError_t cudaStreamCreateWithFlags(cudaStream_t* stream, unsigned)
{
    *stream = nullptr;
    return cudaSuccess;
}
inline constexpr unsigned cudaStreamNonBlocking = 1;
inline cudaError_t cudaStreamDestroy(cudaStream_t)
{
    return cudaSuccess;
}
inline cudaError_t cudaStreamSynchronize(cudaStream_t)
{
    return cudaSuccess;
}
inline cudaError_t cudaDeviceSynchronize()
{
    return cudaSuccess;
}
struct cudaDeviceProp {
    char name[256];
};
inline cudaError_t cudaGetDeviceProperties(cudaDeviceProp* properties, int)
{
    std::strcpy(properties->name, "host emulation");
    return cudaSuccess;
}

// ---- cuFFT: batched double real-to-complex and back, unnormalised, as cuFFT lays them out ----

struct cufftDoubleComplex {
    double x, y;
};
using cufftDoubleReal = double;
using cufftHandle = int;
enum cufftResult { CUFFT_SUCCESS = 0, CUFFT_INVALID_PLAN = 1 };
enum cufftType { CUFFT_D2Z = 0x6a, CUFFT_Z2D = 0x6c };

inline cufftDoubleComplex make_cuDoubleComplex(double x, double y)
{
    return {x, y};
}

namespace fxrack::cuda::emulation {
struct FftPlan {
    int n = 0, batch = 0;
};
inline std::mutex gPlanLock;
inline std::vector<FftPlan> gPlans;
inline FftPlan planOf(cufftHandle h)
{
    std::lock_guard lock(gPlanLock);
    return h > 0 && size_t(h) <= gPlans.size() ? gPlans[size_t(h) - 1] : FftPlan{};
}
} // namespace fxrack::cuda::emulation

inline cufftResult cufftPlan1d(cufftHandle* plan, int n, cufftType, int batch)
{
    using namespace fxrack::cuda::emulation;
    std::lock_guard lock(gPlanLock);
    gPlans.push_back({n, batch});
    *plan = static_cast<int>(gPlans.size());
    return CUFFT_SUCCESS;
}
inline cufftResult cufftSetStream(cufftHandle, cudaStream_t)
{
    return CUFFT_SUCCESS;
}
inline cufftResult cufftDestroy(cufftHandle)
{
    return CUFFT_SUCCESS;
}
namespace fxrack::cuda::emulation {
// Runs body(b, n, a) for each signal b of the plan's batch, a being n points of scratch.
template <class Body> cufftResult eachSignal(cufftHandle h, Body&& body)
{
    const FftPlan plan = planOf(h);
    if (plan.n == 0)
        return CUFFT_INVALID_PLAN;
    std::vector<std::complex<double>> a(size_t(plan.n));
    for (size_t b = 0; b < size_t(plan.batch); ++b)
        body(b, size_t(plan.n), a);
    return CUFFT_SUCCESS;
}
} // namespace fxrack::cuda::emulation

// Each of `batch` signals of n reals at in + b * n gives n / 2 + 1 bins at out + b * (n / 2 + 1).
inline cufftResult cufftExecD2Z(cufftHandle h, cufftDoubleReal* in, cufftDoubleComplex* out)
{
    return fxrack::cuda::emulation::eachSignal(h,
                                               [&](size_t b, size_t n, std::vector<std::complex<double>>& a) {
                                                   for (size_t i = 0; i < n; ++i)
                                                       a[i] = in[b * n + i];
                                                   fxrack::cuda::fftRadix2(a, false);
                                                   for (size_t k = 0; k < n / 2 + 1; ++k)
                                                       out[b * (n / 2 + 1) + k] = {a[k].real(), a[k].imag()};
                                               });
}
// The inverse: the bins are the non-negative half of a Hermitian spectrum.
inline cufftResult cufftExecZ2D(cufftHandle h, cufftDoubleComplex* in, cufftDoubleReal* out)
{
    return fxrack::cuda::emulation::eachSignal(h,
                                               [&](size_t b, size_t n, std::vector<std::complex<double>>& a) {
                                                   const size_t bins = n / 2 + 1;
                                                   for (size_t k = 0; k < bins; ++k)
                                                       a[k] = {in[b * bins + k].x, in[b * bins + k].y};
                                                   for (size_t k = bins; k < n; ++k)
                                                       a[k] = std::conj(a[n - k]);
                                                   fxrack::cuda::fftRadix2(a, true);
                                                   for (size_t i = 0; i < n; ++i)
                                                       out[b * n + i] = a[i].real();
                                               });
}
