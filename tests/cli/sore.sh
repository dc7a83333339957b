#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Roll what is sore today: --areas and --minutes, end to end.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

expect_exit 2 "$rollout" plan --areas calves,hamstrngs
grep -q "no body area 'hamstrngs'; did you mean 'hamstrings'?" "$tmp/err" ||
    fail "no did you mean: $(cat "$tmp/err")"
expect_exit 2 "$rollout" plan pre-run --areas hamstrings
grep -q 'has no step for the hamstrings' "$tmp/err" || fail "$(cat "$tmp/err")"
expect_exit 2 "$rollout" play --areas
"$rollout" list --areas >"$tmp/areas"
grep -qE '^hamstrings +hamstring +default, lower-body$' "$tmp/areas" ||
    fail "list --areas: $(cat "$tmp/areas")"
# The issue's example: eight minutes of calves and hamstrings, and what
# was scaled.
"$rollout" plan --areas calves,hamstrings --minutes 8 >"$tmp/plan"
head -1 "$tmp/plan" | grep -qE '^Sore today: calves and hamstrings — (7:59|8:00),' ||
    fail "not 8:00: $(head -2 "$tmp/plan")"
grep -qE '^Fitted to 8:00: (7:59|8:00), rolls and holds x1\.' "$tmp/plan" || fail "$(head -2 "$tmp/plan")"
grep -q 'roll .*(was 40 s)' "$tmp/plan" || fail "the plan does not show what was scaled"
len=$(plan_end --areas calves,hamstrings --minutes 8)
((len >= 479 * 48000 && len <= 481 * 48000)) || fail "8 minutes is $len frames"
# Too short to be: said, with the nearest length, and played at that.
expect_exit 0 "$rollout" plan --areas calves,hamstrings --minutes 1
grep -q '^rollout: --minutes: 1:00 is too short for these steps: the nearest is ' "$tmp/err" ||
    fail "too short: $(cat "$tmp/err")"
# --script prints a routine that checks clean and plays the same frames.
"$rollout" plan --areas feet,quads,hip-flexors --minutes 9 --script >"$tmp/today.roll"
"$rollout" check "$tmp/today.roll" >"$tmp/check" || fail "check: $(cat "$tmp/check")"
"$rollout" plan --tsv "$tmp/today.roll" >"$tmp/a.tsv"
"$rollout" plan --tsv --areas feet,quads,hip-flexors --minutes 9 >"$tmp/b.tsv"
cmp -s "$tmp/a.tsv" "$tmp/b.tsv" || fail "--script plays otherwise: $(diff "$tmp/a.tsv" "$tmp/b.tsv" | head -5)"
# Only the chosen areas, both sides, in the routine's order, as played.
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
    timeout -k 5 120 "$rollout" play lower-body --areas hip-flexors,calves --minutes 4 \
    </dev/null >"$tmp/log" 2>"$tmp/err" || fail "play: $(cat "$tmp/err")"
grep -o 'step [0-9]/[0-9]: [A-Za-z ]*, [a-z]*' "$tmp/log" >"$tmp/steps"
printf '%s\n' 'step 1/2: Calves, left' 'step 1/2: Calves, right' \
    'step 2/2: Hip flexors, left' 'step 2/2: Hip flexors, right' | diff - "$tmp/steps" ||
    fail "played: $(cat "$tmp/log")"
grep -qE '^rollout: Lower-body roll-out: calves and hip flexors, (3:59|4:00) \(fitted to 4:00' "$tmp/err" ||
    fail "not announced: $(cat "$tmp/err")"
# The clicks of a composed render are where its plan puts them.
"$rollout" plan --tsv pre-run --areas calves --minutes 2 |
    awk -F'\t' '$3 == "click" { print $1 }' >"$tmp/planned"
"$rollout" render pre-run --areas calves --minutes 2 --mute voice --bits 32 -o "$tmp/c.wav"
"$audiocheck" onsets "$tmp/c.wav" >"$tmp/onsets"
(($(wc -l <"$tmp/planned") > 50)) || fail "too few clicks planned"
cmp -s "$tmp/planned" "$tmp/onsets" || fail "clicks off the plan: $(diff "$tmp/planned" "$tmp/onsets" | head -3)"
