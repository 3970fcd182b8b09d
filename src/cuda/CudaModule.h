#pragma once
// Where the GPU backend comes from: the run-time module libfxrack_cuda_kernels.so, loaded with
// dlopen on the first CUDA or auto request, so fxrack and fxrack-cli link no NVIDIA library and
// start on any machine. The module is looked for in $FXRACK_CUDA_MODULE (alone, when set), then
// the installed path beside the binary (bin/../lib/fxrack, package fxrack-cuda), then the build
// tree.

#include "cuda/GpuOps.h"

#include <string>
#include <vector>

namespace fxrack::cuda {

// The backend, loaded once per process; null with the reason when the module is not installed
// ("the CUDA module is not installed: ...") or NVIDIA's runtime is missing ("NVIDIA's CUDA
// runtime is missing: libcudart.so.13: ..."). Thread-safe.
GpuBackend* cudaBackend(std::string* reason = nullptr);

// Loads the first candidate that exists (no caching; dlopen keeps a loaded module once).
GpuBackend* loadCudaModule(const std::vector<std::string>& candidates, std::string* reason);

// Tests: use this backend instead of the module (nullptr: the module again).
void setBackendForTesting(GpuBackend* backend) noexcept;

// The paths tried, in order.
std::vector<std::string> cudaModuleCandidates();

// Devices the backend reports; 0 with the reason (no module, no runtime, no driver, no device).
int deviceCount(std::string* reason = nullptr) noexcept;
// The name of device `index`; empty when there is none.
std::string deviceName(int index = 0) noexcept;

} // namespace fxrack::cuda
