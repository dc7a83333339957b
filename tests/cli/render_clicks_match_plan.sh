#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The clicks plan --tsv lists, against the onsets in a render with the
# voice muted: the same frames, every one, in every bundled routine.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

# clicks_match_plan ROUTINE — the clicks plan --tsv lists, against the
# onsets in a render with the voice muted: the same frames, every one.
clicks_match_plan() {
    local routine=$1
    "$rollout" plan --tsv "$routine" | awk -F'\t' '$3 == "click" { print $1 }' >"$tmp/plan"
    "$rollout" render --mute voice --bits 32 -o "$tmp/clicks.wav" "$routine"
    "$audiocheck" onsets "$tmp/clicks.wav" >"$tmp/onsets"
    local n
    n=$(wc -l <"$tmp/plan")
    ((n > 0)) || fail "plan of $routine lists no clicks"
    diff -q "$tmp/plan" "$tmp/onsets" >/dev/null ||
        fail "$routine: click onsets differ from plan: $(diff "$tmp/plan" "$tmp/onsets" | head -5)"
    echo "$routine: $n clicks, every onset at its planned frame"
}

clicks_match_plan "$short"
for r in "$root"/routines/*.roll; do
    clicks_match_plan "$r"
done
# A pace override moves every click, and still exactly.
"$rollout" --pace 1.5 plan --tsv "$short" | awk -F'\t' '$3 == "click"' >"$tmp/p15"
grep -q . "$tmp/p15" || fail "no clicks with --pace 1.5"
