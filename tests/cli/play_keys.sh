#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Keys on a terminal (script(1) gives rollout a pseudo-terminal): pause
# and resume; hold while getting ready, which only says that hold is for
# rolling and holding; then hold while rolling, which stays on the spot ten
# seconds longer and makes the session 10 s longer. On the paced clock:
# what is tested is what the keys do to the session, frame for frame.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

# A roll long enough (40 s, 5 s on the paced clock) that a key pressed
# once ROLL shows lands in it.
printf 'routine "Keys"\nstep back "Upper back" area=upper-back\n  announce intro.pace "Go slowly. Move no more than one inch with each click."\n  roll 40s\n' >"$tmp/keys.roll"
total=$("$rollout" plan --tsv "$tmp/keys.roll" | awk -F'\t' '$3 == "end" { printf "%d", $1 / 48000 }')
mkfifo "$tmp/keys"
"${PACED[@]}" timeout -k 5 60 script -qfec "'$rollout' play '$tmp/keys.roll'" \
    /dev/null <"$tmp/keys" >"$tmp/log" 2>&1 &
pid=$!
exec 3>"$tmp/keys"
# Keys are read in the order typed; each is typed once the screen shows
# that the one before it has been taken.
wait_line "$tmp/log" 'Upper back.*GET READY'
printf ' ' >&3
wait_line "$tmp/log" 'PAUSED'
printf ' h' >&3
wait_line "$tmp/log" 'hold works while rolling or holding'
wait_line "$tmp/log" 'Upper back.*ROLL'
printf 'h' >&3
wait "$pid" || fail "play exited $?: $(tr '\r' '\n' <"$tmp/log" | tail -3)"
exec 3>&-
want=$(printf '%d:%02d' $(((total + 10) / 60)) $(((total + 10) % 60)))
grep -q "Session complete: 1 of 1 step, $want\." "$tmp/log" ||
    fail "expected a $want session: $(tr '\r' '\n' <"$tmp/log" | tail -2)"
