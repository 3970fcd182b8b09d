#include "cuda/CudaModule.h"

#include <atomic>
#include <cstdlib>
#include <dlfcn.h>
#include <mutex>
#include <unistd.h>

namespace fxrack::cuda {

namespace {

std::atomic<GpuBackend*> gTestBackend{nullptr};

} // namespace

GpuBackend* loadCudaModule(const std::vector<std::string>& candidates, std::string* reason)
{
    struct Loaded {
        GpuBackend* backend = nullptr;
        std::string why;
    };
    const Loaded loaded = [&]() -> Loaded {
        std::string tried;
        for (const auto& path : candidates) {
            tried += (tried.empty() ? "" : ", ") + path;
            if (::access(path.c_str(), R_OK) != 0)
                continue;
            // RTLD_LOCAL: the module's symbols stay its own; it exports one entry point.
            void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
            if (!handle) {
                const std::string error = ::dlerror();
                if (error.find("libcudart") != std::string::npos ||
                    error.find("libcufft") != std::string::npos)
                    return {nullptr, "NVIDIA's CUDA runtime is missing: " + error};
                return {nullptr, "the CUDA module could not load: " + error};
            }
            auto entry = reinterpret_cast<GpuBackendEntry>(::dlsym(handle, "fxrack_cuda_backend"));
            GpuBackend* backend = entry ? entry(kGpuBackendAbi) : nullptr;
            if (!backend)
                return {nullptr, "the CUDA module " + path + " is from another FXRack version"};
            return {backend, {}};
        }
        return {nullptr, "the CUDA module is not installed (looked for " + tried + "; package fxrack-cuda)"};
    }();
    if (reason)
        *reason = loaded.why;
    return loaded.backend;
}

std::vector<std::string> cudaModuleCandidates()
{
    std::vector<std::string> paths;
    if (const char* env = std::getenv("FXRACK_CUDA_MODULE"); env && *env)
        return {env};
    // Relative to the running binary's folder (bin/), so any install prefix works.
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    const std::string exe = n > 0 ? std::string(self, static_cast<size_t>(n)) : std::string();
    if (!exe.empty())
        paths.push_back(exe.substr(0, exe.rfind('/') + 1) + FXRACK_CUDA_MODULE_INSTALLED);
#ifdef FXRACK_CUDA_MODULE_BUILT
    // The build tree's module, for binaries run from the build tree only (never an installed one).
    if (exe.rfind(FXRACK_CUDA_BUILD_DIR "/", 0) == 0)
        paths.push_back(FXRACK_CUDA_MODULE_BUILT);
#endif
    return paths;
}

GpuBackend* cudaBackend(std::string* reason)
{
    if (GpuBackend* test = gTestBackend.load()) {
        if (reason)
            reason->clear();
        return test;
    }
    static std::string why;
    static GpuBackend* const loaded = loadCudaModule(cudaModuleCandidates(), &why);
    if (reason)
        *reason = why;
    return loaded;
}

void setBackendForTesting(GpuBackend* backend) noexcept
{
    gTestBackend.store(backend);
}

int deviceCount(std::string* reason) noexcept
{
    try {
        GpuBackend* backend = cudaBackend(reason);
        return backend ? backend->deviceCount(reason) : 0;
    } catch (const std::exception& e) {
        if (reason)
            *reason = e.what();
        return 0;
    }
}

std::string deviceName(int index) noexcept
{
    try {
        GpuBackend* backend = cudaBackend();
        return backend ? backend->deviceName(index) : std::string();
    } catch (...) {
        return {};
    }
}

} // namespace fxrack::cuda
