#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# package.sh CASE BUILD_DIR AUDIOCHECK — the Debian package. "build" makes
# it once into BUILD_DIR/package with cpack; "run" unpacks it into a scratch
# folder (dpkg-deb -x, nothing installed on the machine) and runs the
# unpacked program against the unpacked data; "lintian" checks it as Debian
# checks packages.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case_name=$1
build=$2
audiocheck=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state XDG_DATA_HOME=$tmp/data
mkdir -p "$HOME"
out=$build/package

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
deb=$out/rollout_${version}_$(dpkg --print-architecture).deb

case $case_name in
build)
    rm -rf "$out"
    cpack -G DEB -B "$out" --config "$build/CPackConfig.cmake" >"$tmp/log" 2>&1 ||
        fail "cpack: $(tail -20 "$tmp/log")"
    [[ -f $deb ]] || fail "no $deb: $(ls "$out")"
    rm -rf "$out/_CPack_Packages" # the staging tree: only the .deb is kept
    # Dependencies worked out from the binary, and what optional parts use.
    depends=$(dpkg-deb -f "$deb" Depends)
    for lib in libc6 libsdl2-2.0-0 libsdl2-mixer-2.0-0 libsndfile1 libsoxr0 libsystemd0 libpocketsphinx3; do
        grep -q "$lib (>= " <<<"$depends" || fail "Depends has no $lib: $depends"
    done
    [[ $(dpkg-deb -f "$deb" Recommends) == 'fonts-dejavu-core, pocketsphinx-en-us' ]] ||
        fail "Recommends: $(dpkg-deb -f "$deb" Recommends)"
    dpkg-deb -c "$deb" | awk '{ print $6 }' >"$tmp/files"
    for f in ./usr/bin/rollout ./usr/share/doc/rollout/copyright ./usr/share/doc/rollout/changelog.gz \
        ./usr/share/man/man1/rollout.1.gz ./usr/share/rollout/routines/default.roll; do
        grep -qx -- "$f" "$tmp/files" || fail "not in the package: $f"
    done
    echo "build: $(basename "$deb"), $(du -k "$deb" | cut -f1) kB"
    ;;
run)
    [[ -f $deb ]] || fail "no package: run package_build first"
    dpkg-deb -x "$deb" "$tmp/root"
    bin=$tmp/root/usr/bin/rollout
    # Every library it needs is on this machine, as its Depends say.
    ! ldd "$bin" | grep -q 'not found' || fail "$(ldd "$bin" | grep 'not found')"
    # Run from elsewhere with no hint of where the data is.
    cd /
    run() { env -u ROLLOUT_DATA_DIR SDL_AUDIODRIVER=dummy SDL_VIDEODRIVER=dummy "$bin" "$@"; }
    run list --tsv >"$tmp/list"
    grep -q $'^default\tbundled\t'"$tmp/root/usr/share/rollout/routines/default.roll$" "$tmp/list" ||
        fail "list: $(cat "$tmp/list")"
    run check default >"$tmp/check" 2>&1 || fail "check: $(cat "$tmp/check")"
    run render --quiet -o "$tmp/s.flac" default || fail "render"
    end=$(run plan --tsv default | awk -F'\t' '$3 == "end" { print $1 }')
    info=$("$audiocheck" info "$tmp/s.flac")
    grep -q "rate 48000 channels 2 frames $end " <<<"$info" || fail "render: $info, plan ends at $end"
    run shot --at 4:00 -o "$tmp/s.png" || fail "shot"
    [[ $(head -c 8 "$tmp/s.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "shot: not a PNG"
    # Its manual page reads.
    MANWIDTH=80 man -l "$tmp/root/usr/share/man/man1/rollout.1.gz" 2>/dev/null | grep -q '^NAME' || fail "man page"
    echo "run: list, check, render ($end frames) and shot from the unpacked package"
    ;;
lintian)
    [[ -f $deb ]] || fail "no package: run package_build first"
    # Errors and warnings fail; the informational tags are listed.
    lintian --info --display-info --tag-display-limit 0 "$deb" >"$tmp/lintian" 2>&1 || true
    grep -E '^[EWI]: ' "$tmp/lintian" || true
    ! grep -qE '^[EW]: ' "$tmp/lintian" || fail "lintian: $(grep -E '^[EW]: ' "$tmp/lintian")"
    # lintian that did not run at all says nothing of the package.
    grep -q '^I: rollout: ' "$tmp/lintian" || fail "lintian did not check it: $(cat "$tmp/lintian")"
    echo "lintian: no errors, no warnings"
    ;;
*)
    fail "no case '$case_name'"
    ;;
esac
