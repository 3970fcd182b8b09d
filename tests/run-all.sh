#!/usr/bin/env bash
# Builds FXRack and runs every test: the ThreadSanitizer build of the real-time queue and
# processor tests and the fuzzers for 60 s each (tests/run-all.d), then the CTest suite (real JACK
# server, real files, the GUI offscreen). What README's second quick-start command and CI run.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${FXRACK_JOBS:-2}
build=${FXRACK_BUILD_DIR:-build}

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFXRACK_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build "$build" -j"$jobs"
mkdir -p "$build/test-artifacts"

status=0
for extra in tests/run-all.d/*.sh; do
    [[ -e "$extra" ]] || continue
    echo "== $extra"
    FXRACK_BUILD_DIR="$build" bash "$extra" || { echo "== FAILED: $extra"; status=1; }
done

# The CTest suite last, so its summary closes the output.
ctest --test-dir "$build" --output-on-failure --timeout 600 -j1 || status=1
exit $status
