#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --fast N: the routine's times N times shorter, speech at its own
# length; the clicks still land exactly where the plan says.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

normal=$("$rollout" plan --tsv "$short" | awk -F'\t' '$3 == "end" { print $1 }')
quick=$("$rollout" --fast 4 plan --tsv "$short" | awk -F'\t' '$3 == "end" { print $1 }')
((quick < normal)) || fail "--fast 4 is not shorter: $quick against $normal"
"$rollout" --fast 4 plan --tsv "$short" | awk -F'\t' '$3 == "click"' | head -2 |
    awk -F'\t' 'NR == 2 && $1 - p != 12000 { exit 1 } { p = $1 }' || fail "clicks not 0.25 s apart"
"$rollout" --fast 4 plan --tsv "$short" | awk -F'\t' '$3 == "click" { print $1 }' >"$tmp/plan"
"$rollout" --fast 4 render --mute voice --bits 32 -o "$tmp/f.wav" "$short"
"$audiocheck" onsets "$tmp/f.wav" >"$tmp/onsets"
diff -q "$tmp/plan" "$tmp/onsets" >/dev/null || fail "--fast clicks differ from plan"
expect_exit 2 "$rollout" --fast 50 plan "$short"
