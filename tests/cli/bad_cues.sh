#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A cue with no recording, and one whose file is not audio: each error
# names the routine line that wanted it and the file tried.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

mkdir -p "$tmp/r/audio"
cat >"$tmp/r/mine.roll" <<'ROLL'
routine "Mine"
step a "A"
  announce calves.next "Next, your calves."
  say mine.nowhere "Not recorded yet."
  say mine.junk "Not audio."
ROLL
head -c 5000 /dev/urandom >"$tmp/r/audio/mine.junk.wav"
expect_exit 1 "$rollout" check "$tmp/r/mine.roll"
grep -q "mine.roll:4:7: warning: no recording for cue 'mine.nowhere': looked for $tmp/r/audio/mine.nowhere.flac" "$tmp/err" ||
    fail "missing cue: $(cat "$tmp/err")"
grep -q "mine.roll:5:7: error: cue 'mine.junk': .*$tmp/r/audio/mine.junk.wav" "$tmp/err" ||
    fail "undecodable cue: $(cat "$tmp/err")"
expect_exit 1 "$rollout" render -o "$tmp/x.wav" "$tmp/r/mine.roll"
grep -q "mine.roll:4:7: error: no recording for cue 'mine.nowhere'" "$tmp/err" ||
    fail "render must refuse a missing cue: $(cat "$tmp/err")"
[[ ! -e $tmp/x.wav ]] || fail "render of an invalid routine wrote a file"
# cues' columns line up, whatever the length of the ids.
printf 'routine "Cols"\nstep a "A"\n  announce calves.next "Next, your calves."\n  say a.really.long.cue.id.for.the.columns "Long."\n' >"$tmp/r/cols.roll"
"$rollout" cues "$tmp/r/cols.roll" >"$tmp/cols"
[[ $(awk '{ print index($0, " " $2 " ") }' "$tmp/cols" | sort -u | wc -l) == 1 ]] ||
    fail "cues columns shift: $(cat "$tmp/cols")"
# --missing with nothing missing says so, to people.
"$rollout" cues --missing "$short" >"$tmp/none"
grep -q 'has a recording' "$tmp/none" || fail "cues --missing said nothing"
# One step, not "1 steps".
printf 'routine "One"\nstep a "A"\n  announce calves.next "Next, your calves."\n  hold 5s\n' >"$tmp/one.roll"
"$rollout" plan "$tmp/one.roll" >"$tmp/one.plan"
grep -q "^One — .*, 1 step, " "$tmp/one.plan" || fail "plan: $(head -1 "$tmp/one.plan")"
# cues lists them, and --missing only the one with no file
"$rollout" cues --tsv --missing "$tmp/r/mine.roll" >"$tmp/missing"
[[ $(cut -f1 "$tmp/missing") == mine.nowhere ]] || fail "--missing: $(cat "$tmp/missing")"
"$rollout" cues --tsv "$tmp/r/mine.roll" >"$tmp/all"
grep -q $'^mine.junk\t.*\tunreadable$' "$tmp/all" || fail "cues: $(cat "$tmp/all")"
