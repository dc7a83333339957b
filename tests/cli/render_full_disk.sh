#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A disk that fills up, in every format: exit 3, one sentence that says
# "no space left on device", nothing left behind, the old file as it
# was. The disk is a 256 KiB tmpfs in a mount namespace of our own.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

command -v unshare >/dev/null || fail "unshare (util-linux) is missing"
mkdir "$tmp/full"
cat >"$tmp/full.sh" <<'FULL'
set -u
rollout=$1 short=$2 full=$3 out=$4
mount -t tmpfs -o size=256k none "$full" || { echo "cannot mount a tmpfs" >"$out"; exit 1; }
for ext in wav flac ogg opus mp3; do
    echo "old" >"$full/s.$ext"
    rc=0
    "$rollout" render -o "$full/s.$ext" "$short" 2>"$full.err" || rc=$?
    [[ $rc == 3 ]] || echo "$ext: exit $rc, expected 3" >>"$out"
    [[ $(cat "$full.err") == "rollout: cannot write '$full/s.$ext': no space left on device." ]] ||
        echo "$ext: $(cat "$full.err")" >>"$out"
    [[ $(cat "$full/s.$ext") == old ]] || echo "$ext: the old file changed" >>"$out"
    ! compgen -G "$full/*.tmp-*" >/dev/null || echo "$ext: temporary file left" >>"$out"
done
FULL
: >"$tmp/full.out"
unshare -rm bash "$tmp/full.sh" "$rollout" "$short" "$tmp/full" "$tmp/full.out" ||
    fail "$(cat "$tmp/full.out")"
[[ ! -s $tmp/full.out ]] || fail "$(cat "$tmp/full.out")"
