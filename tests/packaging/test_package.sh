#!/usr/bin/env bash
# test_package.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build=$1 source=$2 version=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "-- $*"; }

step "desktop entry and AppStream metadata validate"
desktop-file-validate "$source/packaging/linux/org.fxrack.FXRack.desktop"
appstreamcli validate --no-net --pedantic "$build/packaging/org.fxrack.FXRack.metainfo.xml" ||
    appstreamcli validate --no-net "$build/packaging/org.fxrack.FXRack.metainfo.xml"
grep -q 'Categories=AudioVideo;Audio;' "$source/packaging/linux/org.fxrack.FXRack.desktop" || fail "desktop categories"
grep -q "version=\"$version\"" "$build/packaging/org.fxrack.FXRack.metainfo.xml" || fail "metainfo release is not $version"

step "the package builds"
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1) ||
    { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/out/fxrack_"$version"_*.deb 2>/dev/null | head -n1)
[[ -f "$deb" ]] || fail "no fxrack_${version}_*.deb in $(ls "$work/out")"

step "dependencies come from dpkg-shlibdeps"
depends=$(dpkg-deb -f "$deb" Depends)
echo "   Depends: $depends"
for lib in libsndfile1 librtaudio6 libqt6core6 libqt6widgets6 libc6; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done
# The main package starts on any machine: no NVIDIA package (the kernels are fxrack-cuda's).
if grep -Eiq 'cuda|cufft|nvidia' <<<"$depends"; then fail "Depends names an NVIDIA package: $depends"; fi
dpkg-deb -c "$deb" | grep -q 'libfxrack_cuda_kernels' && fail "fxrack holds the CUDA module"

cuda_deb=$(ls "$work"/out/fxrack-cuda_"$version"_*.deb 2>/dev/null | head -n1)
if [[ -f "$cuda_deb" ]]; then
    step "fxrack-cuda: the module, depending on fxrack and NVIDIA's runtime"
    cuda_depends=$(dpkg-deb -f "$cuda_deb" Depends)
    echo "   Depends: $cuda_depends"
    grep -q "fxrack (= $version)" <<<"$cuda_depends" || fail "fxrack-cuda does not depend on fxrack $version"
    grep -q "cuda-cudart-" <<<"$cuda_depends" || fail "fxrack-cuda lacks the CUDA runtime dependency"
    grep -q "libcufft-" <<<"$cuda_depends" || fail "fxrack-cuda lacks the cuFFT dependency"
    dpkg-deb -c "$cuda_deb" | grep -q './usr/lib/.*fxrack/libfxrack_cuda_kernels.so' ||
        fail "fxrack-cuda lacks the module"
else
    echo "   (no fxrack-cuda: this build has no CUDA module)"
fi

step "contents"
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/fxrack ./usr/bin/fxrack-cli ./usr/share/applications/org.fxrack.FXRack.desktop \
         ./usr/share/metainfo/org.fxrack.FXRack.metainfo.xml ./usr/share/mime/packages/org.fxrack.FXRack.xml \
         ./usr/share/icons/hicolor/scalable/apps/org.fxrack.FXRack.svg \
         ./usr/share/icons/hicolor/48x48/apps/org.fxrack.FXRack.png ./usr/share/man/man1/fxrack-cli.1 \
         ./usr/share/fxrack/presets/; do
    grep -q " $f" <<<"$contents" || fail "package lacks $f"
done

step "installs into a fresh root"
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
# Dependencies are the host's libraries (checked above), so they are not installed in the root.
dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless -i "$deb" >"$work/dpkg.log" 2>&1 ||
    { cat "$work/dpkg.log"; fail "dpkg -i"; }
[[ -x "$root/usr/bin/fxrack-cli" && -x "$root/usr/bin/fxrack" ]] || fail "binaries not installed"

step "runs from the installed files alone"
out=$("$root/usr/bin/fxrack-cli" --version)
[[ "$out" == "fxrack-cli $version" ]] || fail "--version printed '$out'"
# Whole output first: grep -q leaving early would fail the writer with SIGPIPE under pipefail.
json=$("$root/usr/bin/fxrack-cli" effects --json) || fail "effects --json"
grep -q '"name": *"Reverb"' <<<"$json" || fail "effects --json lacks Reverb"
sox -n -r 48000 -c 2 -b 24 "$work/in.wav" synth 1 sine 440 gain -6
(cd "$work" && "$root/usr/bin/fxrack-cli" process in.wav out.wav \
    --chain "HiButterworth(80) | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)") ||
    fail "process from the installed binary"
[[ -s "$work/out.wav" ]] || fail "no output"
[[ "$(soxi -r "$work/out.wav")" == 48000 && "$(soxi -c "$work/out.wav")" == 2 ]] || fail "output format"
step "a CUDA request without fxrack-cuda runs on the CPU and says the module is missing"
rm -f "$work/cuda.wav"
why=$(cd "$work" && "$root/usr/bin/fxrack-cli" process in.wav cuda.wav --device cuda --chain "LoButterworth(8000)" 2>&1) ||
    fail "process --device cuda: $why"
grep -q "the CUDA module is not installed" <<<"$why" || fail "no reason for the CPU: $why"
if [[ -f "${cuda_deb:-}" ]]; then
    step "with fxrack-cuda the module is found beside the binary"
    dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless -i "$cuda_deb" >>"$work/dpkg.log" 2>&1 ||
        { cat "$work/dpkg.log"; fail "dpkg -i fxrack-cuda"; }
    rm -f "$work/cuda.wav"
    why=$(cd "$work" && "$root/usr/bin/fxrack-cli" process in.wav cuda.wav --device cuda --chain "LoButterworth(8000)" 2>&1) ||
        fail "process --device cuda with fxrack-cuda: $why"
    grep -q "the CUDA module is not installed" <<<"$why" && fail "module not found: $why"
    grep -Eq "device: +(cuda|cpu)" <<<"$why" || fail "no device line: $why"
    dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless -r fxrack-cuda >>"$work/dpkg.log" 2>&1 ||
        { cat "$work/dpkg.log"; fail "dpkg -r fxrack-cuda"; }
fi
man -l "$root/usr/share/man/man1/fxrack-cli.1" >/dev/null 2>&1 || command -v man >/dev/null || true

step "uninstalls cleanly"
dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless -r fxrack >>"$work/dpkg.log" 2>&1 ||
    { cat "$work/dpkg.log"; fail "dpkg -r"; }
left=$( { find "$root/usr" -type f 2>/dev/null || true; } | head -5)
[[ -z "$left" ]] || fail "files left after removal: $left"
