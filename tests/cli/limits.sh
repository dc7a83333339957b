#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Paths: a link to a recording outside the routine's folder and the voice
# pack is refused at the line naming the cue; one into the pack is fine.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

mkdir -p "$tmp/r/audio" "$tmp/elsewhere"
cp "$root/audio/count.1.flac" "$tmp/elsewhere/x.flac"
ln -s "$tmp/elsewhere/x.flac" "$tmp/r/audio/mine.out.flac"
ln -s "$root/audio/count.2.flac" "$tmp/r/audio/mine.in.flac"
mkfifo "$tmp/r/audio/mine.fifo.flac"
printf 'routine "L"\nstep a "A"\n  announce calves.next "Next, your calves."\n  say mine.in "In."\n  say mine.out "Out."\n  say mine.fifo "Fifo."\n' >"$tmp/r/l.roll"
expect_exit 1 timeout 10 "$rollout" check "$tmp/r/l.roll"
grep -q "l.roll:5:7: error: cue 'mine.out': .* leads outside" "$tmp/err" || fail "link: $(cat "$tmp/err")"
grep -q "l.roll:6:7: error: cue 'mine.fifo': '$tmp/r/audio/mine.fifo.flac' is not a regular file$" "$tmp/err" ||
    fail "fifo: $(cat "$tmp/err")"
! grep -q "mine.in" "$tmp/err" || fail "a link into the pack was refused"
# A routine that is a link to itself: the system's reason, not "no
# routine named"; likewise a name ending in .roll that is not there.
ln -s selfloop.roll "$tmp/selfloop.roll"
(cd "$tmp" && "$rollout" check selfloop.roll) >"$tmp/out" 2>"$tmp/err" && fail "a link loop checked"
grep -qx "rollout: error: cannot read routine 'selfloop.roll': Too many levels of symbolic links" "$tmp/err" ||
    fail "link loop: $(cat "$tmp/err")"
(cd "$tmp" && "$rollout" check nothere.roll) >"$tmp/out" 2>"$tmp/err" && fail "a missing file checked"
grep -q "cannot read routine 'nothere.roll': no such file" "$tmp/err" || fail "missing .roll: $(cat "$tmp/err")"
# A session of more than a day.
printf 'routine "Long"\nstep a "A"\n  announce calves.next "Next, your calves."\n  hold 13h\n  hold 13h\n' >"$tmp/long.roll"
expect_exit 1 "$rollout" check "$tmp/long.roll"
# Said where it happens: the second hold, the phase that crosses the day.
grep -q "long.roll:5:3: error: the session passes 24 hours here, in step a" "$tmp/err" ||
    fail "24 h: $(cat "$tmp/err")"
# Too many steps: one error at the step past the limit.
{ echo 'routine "Many"'; for i in $(seq 1 1001); do echo "step s$i \"S\""; echo "  hold 1s"; done; } >"$tmp/many.roll"
expect_exit 1 "$rollout" check "$tmp/many.roll"
grep -q "many.roll:2002:1: error: a routine can have at most 1000 steps" "$tmp/err" || fail "steps: $(head -3 "$tmp/err")"
# CRLF line endings and a byte-order mark are fine.
printf '\xef\xbb\xbfroutine "Dos"\r\nstep a "A"\r\n  announce calves.next "Next, your calves."\r\n  roll 5s\r\n' >"$tmp/dos.roll"
expect_exit 0 "$rollout" check "$tmp/dos.roll"
