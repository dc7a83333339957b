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
