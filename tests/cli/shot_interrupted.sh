#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A signal while the picture is written: the old file stays as it was,
# no temporary file is left, and rollout ends killed by the signal.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

"$rollout" shot --at 10 -o "$tmp/s.png" "$short"
before=$(cksum <"$tmp/s.png")
"$rollout" shot --size 7680x4320 --at 20 -o "$tmp/s.png" "$short" 2>"$tmp/err" &
pid=$!
deadline=$((SECONDS + 30))
until compgen -G "$tmp/s.png.tmp-*" >/dev/null; do
    ((SECONDS < deadline)) || fail "no temporary file appeared"
    sleep 0.01
done
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
((status == 143)) || fail "exit status $status, not 143 (killed by SIGTERM)"
grep -q "rollout: interrupted: '$tmp/s.png' was not written" "$tmp/err" || fail "said: $(cat "$tmp/err")"
! compgen -G "$tmp/s.png.tmp-*" >/dev/null || fail "a temporary file was left"
[[ $(cksum <"$tmp/s.png") == "$before" ]] || fail "the old picture was changed"
