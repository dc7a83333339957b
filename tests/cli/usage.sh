#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --help, --version, usage errors and their "did you mean", each
# command's own help, and the default routine when none is named.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

expect_exit 0 "$rollout" --help
grep -q '^Usage: rollout' "$tmp/out" || fail "--help prints no usage"
grep -q 'Exit status' "$tmp/out" || fail "--help does not document exit codes"
# A command whose name fills its column has its words on the next line,
# not run into it.
grep -qx '  voice ROUTINE \[CUE\]\.\.\.' "$tmp/out" || fail "--help: $(grep '^  voice' "$tmp/out")"
expect_exit 0 "$rollout" --version
grep -qE '^rollout [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/out" || fail "--version: $(cat "$tmp/out")"
expect_exit 2 "$rollout"
expect_exit 2 "$rollout" dance
grep -q "unknown command 'dance'" "$tmp/err" || fail "unknown command: $(cat "$tmp/err")"
expect_exit 2 "$rollout" --rate 12 plan "$short"
expect_exit 2 "$rollout" --mute drums plan "$short"
expect_exit 2 "$rollout" --pace 0.1 plan "$short"
expect_exit 2 "$rollout" render "$short"
expect_exit 2 "$rollout" render -o "$tmp/x.mp4" "$short"
grep -q "x.mp4" "$tmp/err" || fail "bad extension error does not name the file"
expect_exit 2 "$rollout" --start-at nowhere render -o "$tmp/x.wav" "$short"
expect_exit 1 "$rollout" plan "$tmp/none.roll"
grep -q "none.roll" "$tmp/err" || fail "missing routine error does not name it"
# A routine that is nowhere: rollout's own message, as no file was read.
expect_exit 1 "$rollout" plan defualt
grep -qx "rollout: error: no routine named 'defualt': give a path to a .roll file, or see 'rollout list'" "$tmp/err" ||
    fail "unknown routine: $(cat "$tmp/err")"
expect_exit 1 "$rollout" check defualt
grep -qx "rollout: error: no routine named 'defualt': .*" "$tmp/err" || fail "check, unknown routine: $(cat "$tmp/err")"
expect_exit 1 "$rollout" check --format json defualt
grep -q '"file":null,"line":null' "$tmp/out" || fail "check --format json, unknown routine: $(cat "$tmp/out")"
# A name longer than any path the system opens: refused as such, never cut
# short into the name of some other file.
expect_exit 1 "$rollout" plan "$(printf 'a%.0s' {1..5000})"
grep -qx "rollout: error: no routine named 'a\{64\}\.\.\.': the name is too long" "$tmp/err" ||
    fail "long routine name: $(cut -c1-200 "$tmp/err")"
# ...and the same where only some areas of it are asked for.
expect_exit 1 "$rollout" --areas calves plan "$(printf 'a%.0s' {1..5000})"
grep -qx "rollout: error: no routine named 'a\{64\}\.\.\.': the name is too long" "$tmp/err" ||
    fail "long routine name with --areas: $(cut -c1-200 "$tmp/err")"
# Every message starts with rollout:, never the path the program was run by.
says() { # says REGEX: stderr matches, and each of its lines is rollout's
    grep -qE -- "$1" "$tmp/err" || fail "expected '$1' in: $(cat "$tmp/err")"
    ! grep -qv '^rollout: ' "$tmp/err" || fail "a line not from rollout: $(cat "$tmp/err")"
    ! grep -qF "$rollout" "$tmp/err" || fail "the program's path in a message: $(cat "$tmp/err")"
}
# Did you mean, for commands and options.
expect_exit 2 "$rollout" plya
says "unknown command 'plya'; did you mean 'play'\?"
expect_exit 2 "$rollout" --volme 3 plan "$short"
says "unknown option '--volme'; did you mean '--volume'\?"
expect_exit 2 "$rollout" plan --tvs "$short"
says "did you mean '--tsv'\?"
expect_exit 2 "$rollout" plan --rate
says "--rate needs a value"
expect_exit 2 "$rollout" -x plan
says "unknown option '-x'"
# An option the command does not take is refused, not ignored; a value
# is checked against that command's own option.
# A message that says what is wanted (the range, the choices, where to
# look) is the whole answer: no pointer to --help after it.
alone() { [[ $(wc -l <"$tmp/err") == 1 ]] || fail "more than the one line: $(cat "$tmp/err")"; }
expect_exit 2 "$rollout" plan --bits 24 "$short"
says "'plan' takes no --bits \('rollout plan --help' lists what it takes\)"
alone
expect_exit 2 "$rollout" check --format tsv "$short"
says "--format takes text or json, not 'tsv'"
alone
expect_exit 0 "$rollout" history --format tsv
expect_exit 2 "$rollout" --minutes 61 plan "$short"
says "--minutes takes a number from 1 to 60, not '61'"
alone
expect_exit 2 "$rollout" config volume 30
says "^rollout: volume takes dB from -60 to 12, not '30'\.$"
alone
expect_exit 2 "$rollout" config buffer 3
says "^rollout: buffer takes a whole number from 64 to 16384, not '3'\.$"
alone
expect_exit 2 "$rollout" config voluem 3
says "no setting 'voluem'; did you mean 'volume'\?"
alone
# No command: every command listed, record among them.
expect_exit 2 "$rollout"
head -1 "$tmp/err" | grep -q '^rollout: no command given' || fail "no command: $(cat "$tmp/err")"
for c in play render shot plan check cues record list new devices; do
    grep -qE "^  $c( |$)" "$tmp/err" || fail "'$c' not listed: $(cat "$tmp/err")"
done
# COMMAND --help: that command's usage and options, and only those.
expect_exit 0 "$rollout" render --help
grep -q '^Usage: rollout render ' "$tmp/out" || fail "render --help: $(head -3 "$tmp/out")"
grep -q -- '--bits' "$tmp/out" && ! grep -q -- '--tsv' "$tmp/out" || fail "render --help options"
expect_exit 0 "$rollout" plan --help
grep -q -- '--tsv' "$tmp/out" && ! grep -q -- '--bits' "$tmp/out" || fail "plan --help options"
# The default routine when none is named, as play takes it.
expect_exit 0 "$rollout" plan
grep -q "^Runner's roll-out" "$tmp/out" || fail "plan: $(head -2 "$tmp/out")"
expect_exit 0 "$rollout" cues
expect_exit 0 "$rollout" shot --at 10 -o "$tmp/d.png"
expect_exit 0 "$rollout" --fast 20 render -o "$tmp/d.wav"
# plan --start-at: from that step on.
"$rollout" plan --tsv --start-at back "$short" >"$tmp/from"
sed -n 2p "$tmp/from" | grep -q $'\tstep\t2 back Upper back$' || fail "plan --start-at: $(head -3 "$tmp/from")"
! grep -q $'\tcalves.next' "$tmp/from" || fail "plan --start-at lists the step before"
expect_exit 2 "$rollout" plan --start-at nowhere "$short"
