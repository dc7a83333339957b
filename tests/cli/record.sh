#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# rollout record through SDL's disk driver, faster than real time: the
# microphone reads a file (a quiet room, then 1.5 s of two tones, then
# the room), the playback goes to another. Answers come one a line.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

take=$(dirname "$audiocheck")/test_take
"$take" burst "$tmp/mic.raw"
mkdir -p "$tmp/r/audio"
printf 'routine "Mine"\nstep a "A"\n  announce calves.next "Next, your calves."\n  say mine.one "Roll slowly."\n  say mine.two "Breathe out."\n' >"$tmp/r/mine.roll"
cp "$root/audio/count.1.flac" "$tmp/r/audio/mine.two.flac"
record() { # record ANSWERS ARGS...: runs rollout record with the answers on stdin
    local answers=$1
    shift
    printf "$answers" | SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILEIN="$tmp/mic.raw" \
        SDL_DISKAUDIOFILE="$tmp/played.raw" SDL_DISKAUDIODELAY=0 \
        timeout -k 5 60 "$rollout" record "$@" >"$tmp/out" 2>"$tmp/err"
}
# The missing cue only; retake, then skip: nothing written.
record 'r\ns\n' "$tmp/r/mine.roll" || fail "record exited $?: $(cat "$tmp/err")"
grep -q '^Recording 1 cue of .* into '"$tmp"'/r/audio\.$' "$tmp/out" || fail "$(cat "$tmp/out")"
grep -q '"Roll slowly\."' "$tmp/out" || fail "transcript not shown: $(cat "$tmp/out")"
[[ $(grep -c 'Stopped after 1.5 s without speech' "$tmp/out") == 2 ]] || fail "two takes: $(cat "$tmp/out")"
[[ ! -e $tmp/r/audio/mine.one.flac ]] || fail "a skipped take was written"
# A recording discarded is left alone; one kept replaces it.
record 'r\ns\n' "$tmp/r/mine.roll" mine.two || fail "record mine.two: $(cat "$tmp/err")"
cmp -s "$tmp/r/audio/mine.two.flac" "$root/audio/count.1.flac" || fail "old recording changed"
record 'k\n' "$tmp/r/mine.roll" mine.two || fail "keep mine.two: $(cat "$tmp/err")"
grep -q "Saved $tmp/r/audio/mine.two.flac" "$tmp/out" || fail "not saved: $(cat "$tmp/out")"
# Trimmed to the 1.5 s burst, 20 ms either side, 30 ms and 50 ms of
# silence (77760 frames), within 2 ms; the pack's loudness, -20 LUFS
# with the true peak under -1 dBTP, within what 16 bits keep.
"$take" measure "$tmp/r/audio/mine.two.flac" >"$tmp/m"
read -r _ frames _ lufs _ peak <"$tmp/m"
((frames > 77760 - 96 && frames <= 77760 + 96)) || fail "trimmed to $frames frames: $(cat "$tmp/out")"
awk -v s="$lufs" -v p="$peak" 'BEGIN { exit !(s > -20.05 && s < -19.95 && p <= -0.99) }' ||
    fail "loudness: $(cat "$tmp/m")"
"$take" played "$tmp/played.raw" "$tmp/r/audio/mine.two.flac" >/dev/null ||
    fail "the take played back is not the take kept"
"$audiocheck" info "$tmp/r/audio/mine.two.flac" | grep -q '^rate 48000 channels 1 ' ||
    fail "not 48 kHz mono: $("$audiocheck" info "$tmp/r/audio/mine.two.flac")"
# Now the missing one, kept, without playback; then nothing is missing.
rm -f "$tmp/played.raw"
record 'k\n' --no-playback "$tmp/r/mine.roll" || fail "keep mine.one: $(cat "$tmp/err")"
[[ -e $tmp/r/audio/mine.one.flac ]] || fail "mine.one not written"
[[ ! -e $tmp/played.raw ]] || fail "--no-playback played"
record '' "$tmp/r/mine.roll" || fail "nothing to record: exit $?"
grep -q 'Every cue of .* has a recording' "$tmp/out" || fail "$(cat "$tmp/out")"
[[ -z $(find "$tmp" -name '*.tmp-*') ]] || fail "temporary files left behind"
# cues tells the takes from the synthetic pack; its TSV keeps 4 columns.
"$rollout" cues "$tmp/r/mine.roll" >"$tmp/cues"
grep -q '^mine.two  *found (recorded) ' "$tmp/cues" || fail "cues: $(cat "$tmp/cues")"
grep -q '^calves.next  *found (synthetic) ' "$tmp/cues" || fail "cues: $(cat "$tmp/cues")"
"$rollout" cues --tsv "$tmp/r/mine.roll" | awk -F'\t' 'NF != 4 { bad = 1 } END { exit bad }' ||
    fail "cues --tsv is no longer 4 columns"
# --voices DIR: the takes go there, the folder made if need be.
record 'k\n' --voices "$tmp/mine" "$tmp/r/mine.roll" mine.one || fail "--voices: $(cat "$tmp/err")"
[[ -e $tmp/mine/mine.one.flac ]] || fail "--voices: $(cat "$tmp/out")"
# Quit, or the end of the answers, at the first prompt: nothing written.
record '' "$tmp/r/mine.roll" calves.next || fail "end of input: exit $?"
[[ ! -e $tmp/r/audio/calves.next.flac ]] || fail "a take was kept with no answer"
# A silent microphone: no speech, said so; a cue not in the routine; no audio.
head -c 4000000 /dev/zero >"$tmp/mic.raw"
record 's\n' "$tmp/r/mine.roll" mine.one || fail "silence: exit $?"
grep -q 'No speech in that take' "$tmp/out" || fail "silence: $(cat "$tmp/out")"
expect_exit 2 "$rollout" record "$tmp/r/mine.roll" mine.none </dev/null
grep -q "no cue 'mine.none'" "$tmp/err" || fail "unknown cue: $(cat "$tmp/err")"
SDL_AUDIODRIVER=nosuchdriver expect_exit 4 "$rollout" record "$tmp/r/mine.roll" mine.one </dev/null
