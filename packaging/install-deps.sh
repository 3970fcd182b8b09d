#!/usr/bin/env bash
# Installs the Debian 12 packages FXRack needs that are missing; does nothing when all are there.
#   packaging/install-deps.sh           build and run
#   packaging/install-deps.sh --tests   also what the tests, benchmarks and packaging checks use
set -euo pipefail

build=(cmake ninja-build g++ pkg-config ccache
       qt6-base-dev qt6-base-dev-tools qt6-multimedia-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
       qt6-translations-l10n qt6-svg-dev
       libcli11-dev libsndfile1-dev librtaudio-dev libjack-jackd2-dev libebur128-dev libreaderwriterqueue-dev librtmidi-dev
       libzita-convolver-dev libfftw3-dev libsoxr-dev
       gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-pulseaudio)
tests=(jackd2 xvfb xauth pulseaudio pulseaudio-utils libasound2-plugins sox clang libclang-rt-14-dev
       desktop-file-utils appstream dpkg-dev fakeroot file python3 python3-numpy python3-scipy
       ffmpeg slurmctld slurmd slurm-client munge python3-yaml)

wanted=("${build[@]}")
[[ "${1:-}" == "--tests" ]] && wanted+=("${tests[@]}")

missing=()
for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=()
[[ $(id -u) -ne 0 ]] && sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
