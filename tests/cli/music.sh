#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --music: a bed made here with sox, in render and live.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

command -v sox >/dev/null || fail "sox is missing: install it (scripts/setup)"
sox -n -r 44100 -c 2 "$tmp/bed.flac" synth 3 sine 220 sine 330 gain -6
mkdir "$tmp/beds"
sox -n -r 32000 -c 1 "$tmp/beds/b.wav" synth 2 sine 440 gain -6
printf 'not audio\n' >"$tmp/beds/a.mp3"
# 24-bit: a float WAV's PEAK chunk holds the time it was written.
"$rollout" render --bits 24 -o "$tmp/plain.wav" "$short"
"$rollout" render --bits 24 --music "$tmp/bed.flac" -o "$tmp/m1.wav" "$short"
"$rollout" render --bits 24 --music "$tmp/bed.flac" -o "$tmp/m2.wav" "$short"
cmp -s "$tmp/m1.wav" "$tmp/m2.wav" || fail "two renders with the same music differ"
! cmp -s "$tmp/m1.wav" "$tmp/plain.wav" || fail "the music is not in the render"
"$rollout" render --bits 24 --music "$tmp/bed.flac" --music-volume -60 -o "$tmp/quiet.wav" "$short"
! cmp -s "$tmp/m1.wav" "$tmp/quiet.wav" || fail "--music-volume changed nothing"
# A folder: the file that is not audio is skipped with one line naming it.
expect_exit 0 "$rollout" render --music "$tmp/beds" -o "$tmp/f.wav" "$short"
grep -q "^rollout: skipping music '$tmp/beds/a.mp3': .*\.$" "$tmp/err" || fail "no skip line: $(cat "$tmp/err")"
(($(wc -l <"$tmp/err") == 1)) || fail "more than one line: $(cat "$tmp/err")"
# A phone file is measured before it is written, the music played each
# time: the skip is still said once, and the music is in the file, alike
# in two renders (24-bit WAV at the loudness target, to compare exactly).
expect_exit 0 "$rollout" render --music "$tmp/beds" --loudness -16 --bits 24 -o "$tmp/l1.wav" "$short"
(($(wc -l <"$tmp/err") == 1)) || fail "measuring said more: $(cat "$tmp/err")"
"$rollout" render --music "$tmp/beds" --loudness -16 --bits 24 -o "$tmp/l2.wav" "$short" 2>/dev/null
"$rollout" render --loudness -16 --bits 24 -o "$tmp/l0.wav" "$short"
cmp -s "$tmp/l1.wav" "$tmp/l2.wav" || fail "two renders at the loudness target with music differ"
! cmp -s "$tmp/l1.wav" "$tmp/l0.wav" || fail "the music is not in the render at the loudness target"
# Music that cannot be played at all: one sentence, and the session as
# it is without music.
expect_exit 0 "$rollout" render --bits 24 --music "$tmp/none.flac" -o "$tmp/none.wav" "$short"
grep -qx "rollout: cannot find the music '$tmp/none.flac': No such file or directory; playing without music\." "$tmp/err" ||
    fail "missing music: $(cat "$tmp/err")"
cmp -s "$tmp/none.wav" "$tmp/plain.wav" || fail "missing music changed the session"
expect_exit 0 "$rollout" render --bits 24 --music "$tmp/beds/a.mp3" -o "$tmp/none.wav" "$short"
grep -q "none of the music in '$tmp/beds/a.mp3' can be played; playing without it" "$tmp/err" ||
    fail "unplayable music: $(cat "$tmp/err")"
# A routine's own music line plays the same bed; --music wins over it.
mkdir -p "$tmp/r/beds"
cp "$tmp/bed.flac" "$tmp/r/beds/bed.flac"
awk '{ print } /^routine / { print "music \"beds/bed.flac\"" }' "$short" >"$tmp/r/with.roll"
grep -q '^music "beds/bed.flac"$' "$tmp/r/with.roll" || fail "no music line made"
"$rollout" render --bits 24 -o "$tmp/line.wav" "$tmp/r/with.roll"
cmp -s "$tmp/line.wav" "$tmp/m1.wav" || fail "the routine's music line is not its bed"
"$rollout" render --bits 24 --music "$tmp/beds/b.wav" -o "$tmp/over.wav" "$tmp/r/with.roll"
! cmp -s "$tmp/over.wav" "$tmp/m1.wav" || fail "--music did not win over the music line"
expect_exit 0 "$rollout" check "$tmp/r/with.roll"
expect_exit 2 "$rollout" render --music-volume loud -o "$tmp/x.wav" "$short"
grep -q "\-\-music-volume takes dB from -60 to 12, not 'loud'" "$tmp/err" || fail "bad --music-volume: $(cat "$tmp/err")"
# Live, through SDL's disk driver: the session completes with the bed
# under it, the decoder thread feeding the ring.
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$tmp/live.raw" SDL_DISKAUDIODELAY=0 \
    timeout -k 5 120 "$rollout" play --headless --music "$tmp/bed.flac" "$short" </dev/null >"$tmp/log"
grep -q "Session complete" "$tmp/log" || fail "no completion line: $(cat "$tmp/log")"
"$rollout" render --bits 32 -o "$tmp/plain32.wav" "$short"
! "$audiocheck" same "$tmp/live.raw" "$tmp/plain32.wav" 2>/dev/null || fail "no music was heard live"
