#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Keys on a terminal (script(1) gives rollout a pseudo-terminal): pause
# and resume, then hold ten seconds longer, which makes the session 10 s
# longer while it plays. On the paced clock: what is tested is what the
# keys do to the session, frame for frame.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

total=$("$rollout" plan --tsv "$short" | awk -F'\t' '$3 == "end" { printf "%d", $1 / 48000 }')
mkfifo "$tmp/keys"
"${PACED[@]}" timeout -k 5 60 script -qfec "'$rollout' play --start-at back '$short'" \
    /dev/null <"$tmp/keys" >"$tmp/log" 2>&1 &
pid=$!
exec 3>"$tmp/keys"
# Keys are read in the order typed; each is typed once the screen shows
# that the one before it has been taken.
wait_line "$tmp/log" 'Upper back'
printf ' ' >&3
wait_line "$tmp/log" 'PAUSED'
printf ' h' >&3
wait "$pid" || fail "play exited $?: $(tr '\r' '\n' <"$tmp/log" | tail -3)"
exec 3>&-
want=$(printf '%d:%02d' $(((total + 10) / 60)) $(((total + 10) % 60)))
grep -q "Session complete: 1 of 2 steps, $want\." "$tmp/log" ||
    fail "expected a $want session: $(tr '\r' '\n' <"$tmp/log" | tail -2)"
