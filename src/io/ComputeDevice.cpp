#include "io/ComputeDevice.h"

#include <algorithm>
#include <cctype>
#include <string>

#ifdef FXRACK_HAVE_CUDA
#include "cuda/CudaChain.h"
#endif

namespace fxrack::io {

std::optional<ComputeDevice> parseComputeDevice(std::string_view name) noexcept
{
    std::string n(name);
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
    if (n == "cpu")
        return ComputeDevice::Cpu;
    if (n == "cuda" || n == "gpu")
        return ComputeDevice::Cuda;
    if (n == "auto")
        return ComputeDevice::Auto;
    return std::nullopt;
}

std::string_view computeDeviceName(ComputeDevice device) noexcept
{
    switch (device) {
    case ComputeDevice::Cuda:
        return "cuda";
    case ComputeDevice::Auto:
        return "auto";
    case ComputeDevice::Cpu:
        break;
    }
    return "cpu";
}

bool cudaCompiledIn() noexcept
{
#ifdef FXRACK_HAVE_CUDA
    return true;
#else
    return false;
#endif
}

std::string cudaDeviceName()
{
#ifdef FXRACK_HAVE_CUDA
    return cuda::deviceName(0);
#else
    return {};
#endif
}

ComputeDeviceChoice chooseComputeDevice(ComputeDevice requested, const dsp::EffectChain& chain)
{
    if (requested == ComputeDevice::Cpu)
        return {};
#ifdef FXRACK_HAVE_CUDA
    std::string why;
    if (cuda::deviceCount(&why) <= 0)
        return {ComputeDevice::Cpu, why}; // "no CUDA driver: ..." or "no CUDA device: ..."
    // Effects without a GPU version run on the CPU between GPU segments; the reason says which.
    const auto plan = cuda::planChain(chain);
    bool all = false;
    if (!cuda::planUsesGpu(plan, &all))
        return {ComputeDevice::Cpu,
                "no effect of the chain has a GPU version (" + cuda::describePlan(chain, plan) + ")"};
    if (!all)
        return {ComputeDevice::Cuda, "split: " + cuda::describePlan(chain, plan)};
    return {ComputeDevice::Cuda, {}};
#else
    (void)chain;
    return {ComputeDevice::Cpu,
            "this build has no CUDA support (nvcc was not found or FXRACK_WITH_CUDA=OFF)"};
#endif
}

} // namespace fxrack::io
