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
"$root/usr/bin/fxrack-cli" effects --json | grep -q '"name": *"Reverb"' || fail "effects --json"
sox -n -r 48000 -c 2 -b 24 "$work/in.wav" synth 1 sine 440 gain -6
(cd "$work" && "$root/usr/bin/fxrack-cli" process in.wav out.wav \
    --chain "HiButterworth(80) | LoButterworth(8000) | Gain(1.5) | Reverb(room_size=0.3)") ||
    fail "process from the installed binary"
[[ -s "$work/out.wav" ]] || fail "no output"
[[ "$(soxi -r "$work/out.wav")" == 48000 && "$(soxi -c "$work/out.wav")" == 2 ]] || fail "output format"
man -l "$root/usr/share/man/man1/fxrack-cli.1" >/dev/null 2>&1 || command -v man >/dev/null || true

step "uninstalls cleanly"
dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless -r fxrack >>"$work/dpkg.log" 2>&1 ||
    { cat "$work/dpkg.log"; fail "dpkg -r"; }
left=$( { find "$root/usr" -type f 2>/dev/null || true; } | head -5)
[[ -z "$left" ]] || fail "files left after removal: $left"
