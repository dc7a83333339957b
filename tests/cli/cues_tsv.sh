#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# cues --tsv: four columns, the routine's cues and the phrases, none
# of the bundled ones missing.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

"$rollout" cues --tsv "$short" >"$tmp/cues"
awk -F'\t' 'NF != 4 { bad = 1 } END { exit bad }' "$tmp/cues" || fail "not 4 columns"
grep -q $'^calves.roll1\t' "$tmp/cues" || fail "routine cue missing"
grep -q $'^session.end\t' "$tmp/cues" || fail "phrase missing"
! grep -q $'\tmissing$' "$tmp/cues" || fail "bundled cues reported missing"
