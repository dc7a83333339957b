#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 'new' writes a template among your routines that checks with only the
# warnings of cues not yet recorded; it never overwrites.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

export XDG_DATA_HOME=$tmp/data
expect_exit 0 "$rollout" new calf-reset
t=$tmp/data/rollout/routines/calf-reset.roll
[[ -f $t ]] || fail "no file: $(cat "$tmp/out")"
# It points at what is installed with rollout (install_installed finds the
# page in a prefix), not at the source tree; its first step is not "Next".
grep -q "^# 'man rollout-routine' describes every statement" "$t" || fail "no manual page named: $(head -3 "$t")"
! grep -q 'docs/' "$t" || fail "the source tree's docs named: $(grep 'docs/' "$t")"
first=$(grep -m1 '^  announce ' "$t")
[[ $first != *'"Next'* ]] || fail "the first step begins: $first"
expect_exit 3 "$rollout" new calf-reset
grep -q "already exists" "$tmp/err" || fail "overwrite: $(cat "$tmp/err")"
expect_exit 5 "$rollout" check calf-reset
grep -q "calf-reset.roll: ok, 1 step, .*, with 5 warnings$" "$tmp/out" || fail "check: $(cat "$tmp/out")"
! grep -q ": error:" "$tmp/err" || fail "template has errors: $(cat "$tmp/err")"
grep -q "calf-reset.roll:17:5: warning: no recording for cue 'calf-reset.welcome'" "$tmp/err" ||
    fail "missing recording not a warning at its line: $(head -3 "$tmp/err")"
"$rollout" list >"$tmp/list"
grep -q '^calf-reset *yours' "$tmp/list" || fail "list: $(cat "$tmp/list")"
# JSON for tools: one document, every message, and the exit status.
expect_exit 5 "$rollout" check --format json calf-reset
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["errors"]==0 and d["warnings"]==len(d["diagnostics"])==5, d' "$tmp/out" ||
    fail "json: $(cat "$tmp/out")"
expect_exit 1 "$rollout" check --format json "$here/routines/broken.roll" calf-reset
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["errors"]==5 and d["diagnostics"][0]["line"]==2, d' "$tmp/out" ||
    fail "json errors: $(cat "$tmp/out")"
expect_exit 2 "$rollout" check --format yaml "$short"
# A name with a space makes a file name a shell takes; the hint pastes as it is.
expect_exit 0 "$rollout" new "My Routine"
[[ -f $tmp/data/rollout/routines/my-routine.roll ]] || fail "new 'My Routine': $(cat "$tmp/out")"
grep -q '^routine "My Routine"$' "$tmp/data/rollout/routines/my-routine.roll" || fail "title lost"
hint=$(tail -1 "$tmp/out")
[[ $hint == "    rollout check my-routine" ]] || fail "hint: $(cat "$tmp/out")"
(PATH=$(dirname "$rollout"):$PATH; eval "$hint" >/dev/null 2>&1) || [[ $? == 5 ]] ||
    fail "the hint does not run: $hint"
# A path instead of a name writes there.
expect_exit 0 "$rollout" new "$tmp/mine/first"
[[ -f $tmp/mine/first.roll ]] || fail "no file at the path"
