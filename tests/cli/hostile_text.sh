#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What a routine holds reaches a terminal with its control characters
# made visible: error quotes, messages, file names, plan's names and
# words. A C1 control is an error at its column like any other control.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

mkdir "$tmp/h"
printf 'routine "T"\nstep a "A"\n  say x.one "Hi \033]0;owned\007 there\033[2J"\n  say x.two "CSI \302\233 31m"\n' >"$tmp/h/esc.roll"
expect_exit 1 "$rollout" check "$tmp/h/esc.roll"
grep -q 'esc.roll:3:17: error: control character 0x1B' "$tmp/err" || fail "ESC: $(cat "$tmp/err")"
grep -qF 'say x.one "Hi \x1b]0;owned\x07 there\x1b[2J"' "$tmp/err" || fail "quote: $(cat "$tmp/err")"
grep -q 'esc.roll:4:18: error: control character U+009B' "$tmp/err" || fail "C1: $(cat "$tmp/err")"
! grep -q $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' "$tmp/err" "$tmp/out" || fail "raw control bytes reached the terminal"
# A file name with ESC in it, and a right-to-left override in a name and
# a transcript (allowed in text, but it reorders what is shown).
name=$'bad\033[31mname.roll'
printf 'routine "T \342\200\256rtl"\nstep a "A\342\200\256B" area=back\n  announce calves.next "Next, your calves."\n  roll 10s\n' >"$tmp/h/$name"
"$rollout" plan "$tmp/h/$name" >"$tmp/plan" 2>&1 || fail "plan: $(cat "$tmp/plan")"
grep -qF 'Step 1 of 1: A\u202eB' "$tmp/plan" || fail "plan: $(cat "$tmp/plan")"
grep -qF 'T \u202ertl' "$tmp/plan" || fail "plan title: $(head -1 "$tmp/plan")"
"$rollout" check "$tmp/h/$name" >"$tmp/out" 2>"$tmp/err" || true
grep -qF 'bad\x1b[31mname.roll: ok' "$tmp/out" || fail "check: $(cat "$tmp/out" "$tmp/err")"
! grep -q $'\033\|\xe2\x80\xae' "$tmp/plan" "$tmp/out" "$tmp/err" || fail "raw ESC or override printed"
# A byte-order mark in the middle (two files joined) is named as such.
printf 'routine "T"\nstep a "A"\n  announce calves.next "Next, your calves."\n\357\273\277  roll 10s\n' >"$tmp/h/joined.roll"
expect_exit 1 "$rollout" check "$tmp/h/joined.roll"
grep -q 'joined.roll:4:1: error: byte-order mark in the middle of the file' "$tmp/err" || fail "BOM: $(cat "$tmp/err")"
! grep -q 'unknown statement' "$tmp/err" || fail "BOM also read as a statement: $(cat "$tmp/err")"
# Wide characters before an error: the caret under it on a terminal.
printf 'routine "T"\nstep a "A"\n  say x.a "\344\270\255\346\226\207" extra\n' >"$tmp/h/wide.roll"
expect_exit 1 "$rollout" check "$tmp/h/wide.roll"
grep -q "wide.roll:3:18: error: unexpected 'extra'" "$tmp/err" || fail "wide: $(cat "$tmp/err")"
caret=$(grep -n '\^$' "$tmp/err" | head -1 | cut -d: -f2-)
[[ $caret == "$(printf "%21s^" "")" ]] || fail "caret at $(printf "%s" "$caret" | wc -c), not under column 18"
