#!/usr/bin/env bash
# libFuzzer (clang, with AddressSanitizer, LeakSanitizer and UBSan) on the session loader and the
# chain-spec parser: the committed corpus replays first, then 60 s of new inputs each. Any crash,
# leak or hang over 10 s fails the run. A fixed seed keeps a CI run repeatable here.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${FXRACK_BUILD_DIR:-build}-fuzz
seconds=${FXRACK_FUZZ_SECONDS:-60}
cmake -S tests/fuzz -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"${FXRACK_JOBS:-2}"
(cd "$build" && ctest --output-on-failure)
mkdir -p "$build/corpus-session" "$build/corpus-chainspec"
"$build/fuzz_session_loader" -max_total_time="$seconds" -seed=1 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict=tests/fuzz/session.dict -artifact_prefix="$build/" "$build/corpus-session" tests/fuzz/corpus/session
"$build/fuzz_chain_spec" -max_total_time="$seconds" -seed=1 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict=tests/fuzz/chainspec.dict -artifact_prefix="$build/" "$build/corpus-chainspec" tests/fuzz/corpus/chainspec
