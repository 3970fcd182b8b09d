#!/bin/bash
# test_no_cuda_link.sh BINARY...: none of the binaries users start needs an NVIDIA library to
# load (the kernels are a run-time module, src/cuda/CMakeLists.txt).
set -u
status=0
for binary in "$@"; do
    [ -n "$binary" ] || continue
    [ -x "$binary" ] || { echo "FAIL: $binary is not built"; status=1; continue; }
    needed=$(ldd "$binary") || { echo "FAIL: ldd $binary"; status=1; continue; }
    if grep -Ei 'libcuda|libcudart|libcufft|libnvidia|libnvrtc' <<<"$needed"; then
        echo "FAIL: $binary links an NVIDIA library"
        status=1
    else
        echo "ok: $(basename "$binary") links no NVIDIA library ($(wc -l <<<"$needed") libraries)"
    fi
done
exit $status
