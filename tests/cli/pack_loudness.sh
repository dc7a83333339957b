#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every bundled cue within 1 LU of -20 LUFS, its true peak at most -1 dBTP.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

take=$(dirname "$audiocheck")/test_take
n=0
for f in "$root"/audio/*.flac; do
    read -r _ _ _ lufs _ peak < <("$take" measure "$f")
    awk -v s="$lufs" -v p="$peak" 'BEGIN { exit !(s >= -21 && s <= -19 && p <= -0.99) }' ||
        fail "$(basename "$f"): $lufs LUFS, $peak dBTP"
    n=$((n + 1))
done
((n >= 78)) || fail "only $n cues in the pack"
"$rollout" cues default >"$tmp/cues"
! grep -q 'LUFS!' "$tmp/cues" || fail "cues flags a bundled cue: $(grep 'LUFS!' "$tmp/cues")"
