#include "io/Device.h"

#include <algorithm>
#include <cctype>
#include <string>

#ifdef FXRACK_HAVE_CUDA
#include "cuda/CudaChain.h"
#endif

namespace fxrack::io {

std::optional<Device> parseDevice(std::string_view name) noexcept
{
    std::string n(name);
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
    if (n == "cpu")
        return Device::Cpu;
    if (n == "cuda" || n == "gpu")
        return Device::Cuda;
    if (n == "auto")
        return Device::Auto;
    return std::nullopt;
}

std::string_view deviceName(Device device) noexcept
{
    switch (device) {
    case Device::Cuda:
        return "cuda";
    case Device::Auto:
        return "auto";
    case Device::Cpu:
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

DeviceChoice chooseDevice(Device requested, const dsp::EffectChain& chain)
{
    if (requested == Device::Cpu)
        return {};
#ifdef FXRACK_HAVE_CUDA
    std::string why;
    if (cuda::deviceCount(&why) <= 0)
        return {Device::Cpu, why}; // "no CUDA driver: ..." or "no CUDA device: ..."
    // Effects without a GPU version run on the CPU between GPU segments; the reason says which.
    const auto plan = cuda::planChain(chain);
    bool all = false;
    if (!cuda::planUsesGpu(plan, &all))
        return {Device::Cpu,
                "no effect of the chain has a GPU version (" + cuda::describePlan(chain, plan) + ")"};
    if (!all)
        return {Device::Cuda, "split: " + cuda::describePlan(chain, plan)};
    return {Device::Cuda, {}};
#else
    (void)chain;
    return {Device::Cpu, "this build has no CUDA support (nvcc was not found or FXRACK_WITH_CUDA=OFF)"};
#endif
}

} // namespace fxrack::io
