#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# plan --tsv: a header, every kind of event, clicks one pace apart, and
# frames and seconds that agree; plan for people names the steps.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

"$rollout" plan --tsv "$short" >"$tmp/plan"
head -1 "$tmp/plan" | grep -q $'^frame\tseconds\tkind\tdetail$' || fail "no header"
for kind in click cue step side phase end; do
    grep -q $'\t'"$kind"$'\t' "$tmp/plan" || fail "no $kind events"
done
# Clicks one pace apart within a roll: the calves' first roll, 6 clicks.
awk -F'\t' '$3 == "click"' "$tmp/plan" | head -6 | awk -F'\t' '
    NR > 1 && $1 - prev != 48000 { bad = 1 } { prev = $1 } END { exit bad }' ||
    fail "clicks are not 48000 frames apart"
# Frames and seconds agree.
awk -F'\t' 'NR > 1 && ($1 / 48000 - $2 > 0.000001 || $2 - $1 / 48000 > 0.000001) { bad = 1 }
    END { exit bad }' "$tmp/plan" || fail "seconds do not match frames"
"$rollout" plan "$short" >"$tmp/human"
grep -q 'Step 1 of 2: Calves' "$tmp/human" || fail "human plan: $(head "$tmp/human")"
