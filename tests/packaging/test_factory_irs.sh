#!/usr/bin/env bash
# Reruns the factory IR generator into a temporary folder and compares its output byte for byte
# with the shipped files: the IRs are the script's, not hand-edited data.
#   test_factory_irs.sh SOURCE_DIR
set -euo pipefail
src="$1"
python=/usr/bin/python3
if ! "$python" -c 'import numpy, scipy' 2>/dev/null; then
    echo "SKIP: $python lacks numpy or scipy (packaging/install-deps.sh --tests installs them)"
    exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$python" "$src/resources/irs/gen_factory_irs.py" "$out"
status=0
for shipped in "$src"/resources/irs/*.wav; do
    name=$(basename "$shipped")
    if ! cmp -s "$shipped" "$out/$name"; then
        echo "FAIL: resources/irs/$name differs from what gen_factory_irs.py writes"
        status=1
    fi
done
for made in "$out"/*.wav; do
    [[ -e "$src/resources/irs/$(basename "$made")" ]] || { echo "FAIL: $(basename "$made") is not shipped"; status=1; }
done
[[ $status -eq 0 ]] && echo "PASS: $(ls "$out" | wc -l) factory IRs are bit-identical to the generator's output"
exit $status
