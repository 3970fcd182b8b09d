#!/usr/bin/env bash
# ThreadSanitizer build of the real-time queue and processor tests: the lock-free handover
# between control and audio threads must be race-free, not just pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${FXRACK_BUILD_DIR:-build}-tsan
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFXRACK_TSAN=ON -DFXRACK_BUILD_APP=OFF \
      -DFXRACK_WITH_CUDA=OFF >/dev/null
tests=(realtime_tst_spsc_queue realtime_tst_realtime_processor realtime_tst_safety_stage realtime_tst_ir_loader)
cmake --build "$build" -j"${FXRACK_JOBS:-2}" --target "${tests[@]}"
export TSAN_OPTIONS="suppressions=$PWD/tests/realtime/tsan.supp halt_on_error=1 second_deadlock_stack=1"
status=0
for t in "${tests[@]}"; do
    echo "-- tsan: $t"
    "$build/tests/realtime/$t" -silent || status=1
done
exit $status
