#include "io/ComputeDevice.h"

#include "cuda/CudaChain.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>

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
    // Every build can load the kernel module at run time; chooseComputeDevice() says when the
    // module or NVIDIA's runtime is missing.
    return true;
}

std::string cudaDeviceName()
{
    return cuda::deviceName(0);
}

ComputeDeviceChoice chooseComputeDevice(ComputeDevice requested, const dsp::EffectChain& chain)
{
    if (requested == ComputeDevice::Cpu)
        return {};
    std::string why;
    if (cuda::deviceCount(&why) <= 0)
        return {ComputeDevice::Cpu, why}; // "no CUDA driver: ..." or "no CUDA device: ..."
    // Effects without a GPU version run on the CPU between GPU segments; the reason says which.
    const auto plan = cuda::planChain(chain);
    bool all = false;
    if (!cuda::planUsesGpu(plan, &all))
        return {ComputeDevice::Cpu,
                "no effect of the chain has a GPU version (" + cuda::describePlan(chain, plan) + ")"};
    // auto: the GPU only where it wins (docs/cuda.md); a cheap chain stays on the CPU's two
    // threads. cuda forces the GPU for whatever it can run.
    if (requested == ComputeDevice::Auto) {
        const double cost = cuda::gpuWorthCost(chain);
        if (cost < cuda::kAutoGpuMinCost) {
            char text[160];
            std::snprintf(text, sizeof text,
                          "auto: the chain is cheaper on the CPU (GPU work %.2f biquad units per sample, "
                          "the GPU wins from %.0f)",
                          cost, cuda::kAutoGpuMinCost);
            return {ComputeDevice::Cpu, text};
        }
    }
    if (!all)
        return {ComputeDevice::Cuda, "split: " + cuda::describePlan(chain, plan)};
    return {ComputeDevice::Cuda, {}};
}

} // namespace fxrack::io
