#pragma once

#include "dsp/EffectChain.h"

#include <optional>
#include <string>
#include <string_view>

namespace fxrack::io {

// Where a batch chain runs: the CPU or a CUDA GPU. Not an audio device (those are
// realtime::DeviceInfo).
enum class ComputeDevice { Cpu, Cuda, Auto };

std::optional<ComputeDevice> parseComputeDevice(std::string_view name) noexcept;
std::string_view computeDeviceName(ComputeDevice device) noexcept;

// Where a chain will run and, when a CUDA or auto request runs on the CPU, why.
struct ComputeDeviceChoice {
    ComputeDevice device = ComputeDevice::Cpu; // Cpu or Cuda, never Auto
    std::string reason;                        // empty unless the CPU stands in for a CUDA request
};

// cpu: the CPU. cuda: the GPU when this build has CUDA, a device is present and at least one
// effect of the chain runs there (effects the GPU lacks run on the CPU between GPU segments,
// and the reason says which ran where: "split: GPU: ...; CPU: ..."); otherwise the CPU with
// the reason, naming what is missing (the CUDA module, NVIDIA's runtime, a driver, a device).
// auto: the same, but only when the GPU wins (cuda::gpuWorthCost reaches
// cuda::kAutoGpuMinCost, docs/cuda.md); a cheap chain stays on the CPU ("auto: the chain is
// cheaper on the CPU ..."). The reason is returned either way, for logs.
ComputeDeviceChoice chooseComputeDevice(ComputeDevice requested, const dsp::EffectChain& chain);

// True when this build includes the CUDA runner.
bool cudaCompiledIn() noexcept;
// The GPU a CUDA job would run on, as the driver names it; empty when there is none.
std::string cudaDeviceName();

} // namespace fxrack::io
