#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# check on a broken routine: every error, each at its line and column,
# the line quoted, and a hint where a word was misspelt.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

expect_exit 0 "$rollout" check "$short" "$root"/routines/*.roll
expect_exit 1 "$rollout" check "$here/routines/broken.roll"
# Every error, each at its line and column, the line quoted.
grep -q 'broken.roll:2:' "$tmp/err" || fail "pace error not at line 2: $(cat "$tmp/err")"
grep -q 'broken.roll:4:.*error' "$tmp/err" || fail "sides error not at line 4"
grep -q 'broken.roll:5:3: error' "$tmp/err" || fail "keyword error not at 5:3"
grep -q "did you mean 'roll'" "$tmp/err" || fail "no hint for 'rol'"
grep -q 'broken.roll:6:' "$tmp/err" || fail "unit error not at line 6"
grep -q '^ *hold 20sec$' "$tmp/err" || fail "line not quoted"

# The small edges, as rollout check shows them, each still at its line
# and column: a negative time is one error; a cue with no words says to
# add them; a misspelt sides= is matched.
cat >"$tmp/edges.roll" <<'ROLL'
routine "Edges"
step calves "Calves" sides=bth
  roll 45s calves.roll1 "Roll up and down."
  hold -5s
  roll 45s calves.roll2
ROLL
expect_exit 1 "$rollout" check "$tmp/edges.roll"
grep -qx "$tmp/edges.roll:2:28: error: unknown sides value 'bth'" "$tmp/err" &&
    grep -qx "    hint: did you mean 'both'? sides is one of none, left, right, both" "$tmp/err" ||
    fail "sides=bth: $(cat "$tmp/err")"
[[ $(grep -c "^$tmp/edges.roll:4:" "$tmp/err") == 1 ]] &&
    grep -qx "$tmp/edges.roll:4:8: error: duration '-5s' cannot be negative" "$tmp/err" ||
    fail "hold -5s: $(cat "$tmp/err")"
grep -qx "$tmp/edges.roll:5:12: error: cue 'calves.roll2' is never given a text" "$tmp/err" &&
    grep -qx '    hint: add its words in quotes where it is first used: calves.roll2 "...", .*' "$tmp/err" ||
    fail "a roll with no words: $(cat "$tmp/err")"
[[ $(grep -c ': error: ' "$tmp/err") == 3 ]] || fail "not three errors: $(cat "$tmp/err")"

# Cues not recorded yet: a warning at each, and the ways to make them
# said once, not under every one of them (check's JSON keeps each hint,
# for an editor to show at its cue).
cat >"$tmp/new.roll" <<'ROLL'
routine "New"
step calves "Calves"
  announce new.one "Calves now."
  roll 45s new.two "Roll up and down."
  hold 20s new.three "Stay."
ROLL
expect_exit 5 "$rollout" check "$tmp/new.roll"
[[ $(grep -c "warning: no recording for cue 'new\." "$tmp/err") == 3 ]] ||
    fail "a warning per cue: $(cat "$tmp/err")"
[[ $(grep -c 'hint:' "$tmp/err") == 1 ]] && tail -1 "$tmp/err" | grep -q "^    hint: make them with 'rollout voice" ||
    fail "one hint for the cues: $(cat "$tmp/err")"
expect_exit 5 "$rollout" check --format json "$tmp/new.roll"
[[ $(grep -o '"hint":"make them' "$tmp/out" | wc -l) == 3 ]] || fail "json hints: $(cat "$tmp/out")"
