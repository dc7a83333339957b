#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --ask on a terminal: the list of areas, a slip answered, then play.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

mkfifo "$tmp/keys"
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 timeout -k 5 90 \
    script -qfec "'$rollout' play --headless --ask --minutes 3" /dev/null <"$tmp/keys" \
    >"$tmp/log" 2>&1 &
pid=$!
exec 3>"$tmp/keys"
wait_for 20 grep -q 'areas> ' "$tmp/log" || fail "no prompt: $(cat "$tmp/log")"
grep -q 'hip flexors' "$tmp/log" || fail "the prompt lists no areas: $(cat "$tmp/log")"
printf 'hamstrngs\r' >&3
wait_for 20 grep -q "did you mean 'hamstrings'" "$tmp/log" || fail "no did you mean: $(cat "$tmp/log")"
printf 'calves\r' >&3
wait "$pid" || fail "play exited $?: $(tr '\r' '\n' <"$tmp/log" | tail -3)"
exec 3>&-
grep -q 'Sore today: calves, 3:00' "$tmp/log" || fail "not calves in 3:00: $(tr '\r' '\n' <"$tmp/log" | tail -5)"
expect_exit 2 "$rollout" play --ask </dev/null
grep -q 'needs a terminal' "$tmp/err" || fail "$(cat "$tmp/err")"
