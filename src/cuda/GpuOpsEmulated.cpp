// GpuOps.cu compiled by the host compiler: every kernel body runs on the CPU over the grid and
// block indices its launch uses, cuFFT through a CPU FFT (HostCuda.h). The tests run the whole
// GPU chain this way in CI, with or without nvcc and a GPU.
#define FXRACK_CUDA_EMULATION 1
#include "cuda/GpuOps.cu"
