#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --watch: an edit that breaks the routine is reported at its line and
# the old one plays on; an edit that fixes it is taken up, carrying on
# at the same step under its new name.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

cp "$short" "$tmp/w.roll"
SDL_AUDIODRIVER=dummy timeout -k 5 60 "$rollout" play --watch --start-at calves "$tmp/w.roll" \
    </dev/null >"$tmp/log" 2>"$tmp/err" &
pid=$!
# Each edit once the one before it has been taken up. sed -i writes a new
# file, so even an edit within the same second as the last is seen.
wait_line "$tmp/log" 'step 1/2: Calves, left'
sed -i 's/^  roll 6s /  rol 6s /' "$tmp/w.roll"
wait_line "$tmp/err" 'playing on with the routine as it was'
sed -i 's/^  rol 6s /  roll 6s /; s/^step calves "Calves"/step calves "Calf roll"/' "$tmp/w.roll"
wait_line "$tmp/log" 'step 1/2: Calf roll, left'
kill -TERM "$pid"
wait "$pid" || fail "play --watch exited $?"
grep -q "w.roll:10:3: error: unknown statement 'rol'" "$tmp/err" || fail "no error: $(cat "$tmp/err")"
grep -q "playing on with the routine as it was" "$tmp/err" || fail "no fallback: $(cat "$tmp/err")"
grep -q "the routine changed: reloading" "$tmp/err" || fail "no reload: $(cat "$tmp/err")"
grep -q 'step 1/2: Calf roll, left' "$tmp/log" || fail "new name not shown: $(cat "$tmp/log")"

# A draft stays a draft when the routine is reloaded: the same request,
# loaded again, with its cues not yet recorded still silent slots.
printf 'routine "Draft"\nstep s "Calves" area=upper-back\n  announce mine.one "One two three."\n  roll 30s\n' >"$tmp/d.roll"
"${PACED[@]}" timeout -k 5 60 "$rollout" play --headless --draft --watch "$tmp/d.roll" \
    </dev/null >"$tmp/dlog" 2>"$tmp/derr" &
pid=$!
wait_line "$tmp/dlog" 'step 1/1: Calves'
sed -i 's/^step s "Calves"/step s "Calf roll"/' "$tmp/d.roll"
wait_line "$tmp/dlog" 'step 1/1: Calf roll'
kill -TERM "$pid"
wait "$pid" || fail "play --draft --watch exited $?"
! grep -q 'error: no recording' "$tmp/derr" || fail "a draft's reload wanted recordings: $(cat "$tmp/derr")"

# The place a stopped session goes on from, offered at the start, is found
# again by its step when a reload moves the steps: r goes there, and the
# place is kept.
legs=$tmp/legs.roll
printf 'routine "Legs"\nstep a "Feet" area=foot\n  announce foot.next "First, the arch of your foot."\n  roll 80s\nstep b "Calves" area=calf\n  announce calves.next "Next, your calves."\n  roll 40s\nstep c "Upper back" area=upper-back\n  announce intro.pace "Go slowly. Move no more than one inch with each click."\n  roll 40s\n' >"$legs"
"${PACED[@]}" timeout -k 5 60 "$rollout" play --headless --start-at c "$legs" </dev/null >"$tmp/first" 2>&1 &
pid=$!
wait_line "$tmp/first" 'Upper back'
kill -INT "$pid"
wait "$pid" || fail "play exited $?"
grep -qx 'step	c' "$XDG_STATE_HOME/rollout/resume" || fail "no place kept: $(cat "$tmp/first")"
mkfifo "$tmp/keys"
"${PACED[@]}" timeout -k 5 60 script -qfec "'$rollout' play --headless --watch '$legs'" \
    /dev/null <"$tmp/keys" >"$tmp/live" 2>&1 &
pid=$!
exec 3>"$tmp/keys"
wait_line "$tmp/live" 'r goes on from Upper back'
sed -i '/^step a /,/^step b /{/^step b /!d}' "$legs" # the feet, the step playing, gone
wait_line "$tmp/live" 'the routine changed: reloading'
printf 'r' >&3
wait_line "$tmp/live" '2/2 Upper back'
printf 'q' >&3
wait "$pid" || fail "play exited $?"
exec 3>&-
grep -q 'Stopped in Upper back' "$tmp/live" || fail "r did not go to the back: $(tr '\r' '\n' <"$tmp/live" | tail -3)"
grep -qx 'step	c' "$XDG_STATE_HOME/rollout/resume" || fail "the place was lost: $(tr '\r' '\n' <"$tmp/live" | tail -3)"
