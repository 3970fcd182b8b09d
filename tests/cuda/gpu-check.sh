#!/usr/bin/env bash
# gpu-check.sh [BUILD_DIR]: the checks only a machine with an NVIDIA GPU can make, in one go
# (docs/cuda.md): build with the CUDA module required, run every CUDA test with
# FXRACK_REQUIRE_CUDA=1 (a "no CUDA device" skip is then a failure), again with a wait after
# every launch (FXRACK_CUDA_SYNC=1, faults named by kernel), then bench_cuda on the 10-minute
# 8-channel signal. Logs go to $OUT (or the build folder). Environment:
#   CUDA_ARCH    CMAKE_CUDA_ARCHITECTURES (default: the project's full list; "native" is quicker)
#   BENCH_ARGS   bench_cuda's arguments (default "600 8")
set -uo pipefail
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$source_dir/build-gpu}
logs=${OUT:-$build}
mkdir -p "$logs"
status=0
step() { echo "== $*" | tee -a "$logs/gpu-check.log"; }

step "GPU: $(nvidia-smi --query-gpu=name,driver_version,compute_cap --format=csv,noheader 2>&1 | head -n1)"
arch=()
[[ -n "${CUDA_ARCH:-}" ]] && arch=(-DCMAKE_CUDA_ARCHITECTURES="$CUDA_ARCH")
step "configure and build (FXRACK_WITH_CUDA=ON ${CUDA_ARCH:+arch $CUDA_ARCH})"
cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFXRACK_WITH_CUDA=ON \
    -DFXRACK_BUILD_APP=OFF "${arch[@]}" >"$logs/configure.log" 2>&1 || { tail -30 "$logs/configure.log"; exit 1; }
targets=(fxrack-cli bench_cuda fxrack_cuda_kernels cuda_tst_cuda_runner cuda_tst_cuda_emulated cuda_tst_block_iir
    cuda_tst_overlap_save)
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >"$logs/build.log" 2>&1 ||
    { tail -40 "$logs/build.log"; exit 1; }

step "ctest -L cuda, FXRACK_REQUIRE_CUDA=1"
FXRACK_REQUIRE_CUDA=1 ctest --test-dir "$build" -L cuda --output-on-failure 2>&1 | tee "$logs/ctest.log" || status=1
step "ctest -L cuda, FXRACK_REQUIRE_CUDA=1 FXRACK_CUDA_SYNC=1 (a wait after every launch)"
FXRACK_REQUIRE_CUDA=1 FXRACK_CUDA_SYNC=1 ctest --test-dir "$build" -L cuda --output-on-failure 2>&1 |
    tee "$logs/ctest-sync.log" || status=1

step "bench_cuda ${BENCH_ARGS:-600 8}"
# shellcheck disable=SC2086
"$build/tests/bench/bench_cuda" ${BENCH_ARGS:-600 8} 2>&1 | tee "$logs/bench_cuda.log" || status=1
step "done, status $status (logs in $logs)"
exit $status
