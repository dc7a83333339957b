#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A person's recording is never replaced by a synthetic one, unless its
# cue is named with --force; a synthetic cue is made again when named.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

mkdir -p "$tmp/r/audio"
printf 'routine "Mine"\nsay mine.one "Roll slowly."\nsay mine.two "Breathe out."\nstep calves "Calves" area=calf sides=both\n  announce calves.next "Next, your calves."\n  roll 5s\n' >"$tmp/r/mine.roll"
# 0.6 s of a 440 Hz tone, louder than the pack: a person's WAV.
python3 - "$tmp/r/audio/mine.two.wav" <<'PY'
import math, struct, sys, wave
w = wave.open(sys.argv[1], "wb")
w.setnchannels(1); w.setsampwidth(2); w.setframerate(48000)
w.writeframes(b"".join(struct.pack("<h", int(16000 * math.sin(2 * math.pi * 440 * i / 48000))) for i in range(28800)))
w.close()
PY
cp "$tmp/r/audio/mine.two.wav" "$tmp/keep.wav"
# The cues missing only: the person's left alone.
expect_exit 0 "$rollout" voice --tts flite "$tmp/r/mine.roll"
grep -q '^Made 1 of 1 synthetic cue ' "$tmp/out" || fail "$(cat "$tmp/out" "$tmp/err")"
[[ -f $tmp/r/audio/mine.one.flac && ! -e $tmp/r/audio/mine.two.flac ]] || fail "made: $(ls "$tmp/r/audio")"
# Named: refused, in one sentence, before anything is made.
cp "$tmp/r/audio/mine.one.flac" "$tmp/one.flac"
expect_exit 2 "$rollout" voice --tts flite "$tmp/r/mine.roll" mine.one mine.two
grep -q "^rollout: $tmp/r/audio/mine.two.wav is a person's recording, and voice does not replace it (add --force to replace it all the same)\.$" "$tmp/err" ||
    fail "refusal: $(cat "$tmp/err")"
[[ ! -e $tmp/r/audio/mine.two.flac ]] || fail "a synthetic cue hides the person's recording"
cmp -s "$tmp/r/audio/mine.one.flac" "$tmp/one.flac" || fail "something was made before the refusal"
cmp -s "$tmp/r/audio/mine.two.wav" "$tmp/keep.wav" || fail "the person's recording changed"
# cues marks the person's loud recording as off the pack's loudness.
"$rollout" cues "$tmp/r/mine.roll" >"$tmp/cues"
grep -q '^mine.two  *found  .*LUFS! ' "$tmp/cues" || fail "not flagged: $(cat "$tmp/cues")"
grep -q '^1 cue marked ! is more than 2 LU from' "$tmp/cues" || fail "no note: $(cat "$tmp/cues")"
# A synthetic cue, named, is made again (here by another synthesiser).
expect_exit 0 "$rollout" voice --tts espeak-ng "$tmp/r/mine.roll" mine.one
! cmp -s "$tmp/r/audio/mine.one.flac" "$tmp/one.flac" || fail "mine.one not made again"
# --force, named: made, the person's file kept beside it and mentioned.
expect_exit 0 "$rollout" voice --tts flite --force "$tmp/r/mine.roll" mine.two
[[ -f $tmp/r/audio/mine.two.flac ]] || fail "--force made nothing"
grep -q "Note: $tmp/r/audio/mine.two.wav is there too" "$tmp/out" || fail "$(cat "$tmp/out")"
cmp -s "$tmp/r/audio/mine.two.wav" "$tmp/keep.wav" || fail "--force touched the WAV"
# Bad input: one sentence and a documented status each.
expect_exit 2 "$rollout" voice --tts say "$tmp/r/mine.roll"
grep -q "^rollout: --tts takes festival, flite or espeak-ng, not 'say'\.$" "$tmp/err" || fail "$(cat "$tmp/err")"
expect_exit 2 "$rollout" voice --tts flite --voice nobody "$tmp/r/mine.roll" mine.one
grep -q "^rollout: flite has no voice 'nobody'\.$" "$tmp/err" || fail "$(cat "$tmp/err")"
expect_exit 2 "$rollout" voice --tts flite "$tmp/r/mine.roll" mine.three
# No synthesiser on the PATH: the Debian packages named, status 6.
mkdir "$tmp/empty"
expect_exit 6 env PATH="$tmp/empty" "$rollout" voice "$tmp/r/mine.roll"
[[ $(cat "$tmp/err") == "rollout: no speech synthesiser is installed; install the Debian packages festival and festvox-us-slt-hts (or flite, or espeak-ng)." ]] ||
    fail "no synthesiser: $(cat "$tmp/err")"
expect_exit 6 env PATH="$tmp/empty" "$rollout" voice --tts flite "$tmp/r/mine.roll"
grep -q "install the Debian package flite\.$" "$tmp/err" || fail "$(cat "$tmp/err")"
