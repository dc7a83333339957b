#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Not a terminal: plain log lines at each step and side, no control codes.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
    timeout -k 5 120 "$rollout" play "$short" </dev/null >"$tmp/log"
grep -q 'step 1/2: Calves, left' "$tmp/log" || fail "no step line: $(cat "$tmp/log")"
grep -q 'step 1/2: Calves, right' "$tmp/log" || fail "no side change line"
grep -q 'step 2/2: Upper back' "$tmp/log" || fail "no second step"
grep -q '^\[0:00\] introduction$' "$tmp/log" || fail "no introduction line"
grep -q '^\[0:04\] step 1/2: Calves, left$' "$tmp/log" || fail "step logged at the wrong time"
! grep -q $'\033' "$tmp/log" || fail "control characters in a log"
# SIGINT, SIGTERM, SIGHUP: fade out, say what was done, exit 0.
# Each its own log: one left by the run before would answer the wait at once.
for sig in INT TERM HUP; do
    log=$tmp/sig-$sig.log
    SDL_AUDIODRIVER=dummy "$rollout" play "$short" </dev/null >"$log" 2>&1 &
    pid=$!
    # Its first log line comes from the loop that watches for the signal.
    wait_line "$log" '^\[0:00\] introduction$'
    kill -"$sig" "$pid"
    status=0
    wait "$pid" || status=$?
    ((status == 0)) || fail "SIG$sig: exit status $status"
    grep -qE 'Stopped (in .* )?at 0:0' "$log" || fail "no summary after SIG$sig: $(cat "$log")"
done
