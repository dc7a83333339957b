#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# rollout voice with one synthesiser on a routine of five new cues: each
# made, tagged synthetic, trimmed, at the pack's loudness; then again
# with nothing to do. The synthesiser is the third argument: festival,
# flite or espeak-ng.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

tts=$3
case $tts in
festival) program=text2wave package=festvox-us-slt-hts ;;
flite) program=flite package=flite ;;
espeak-ng) program=espeak-ng package=espeak-ng ;;
esac
if ! command -v "$program" >/dev/null; then
    # ctest reports 77 as skipped, never as passed.
    if ! apt-cache show "$package" >/dev/null 2>&1; then
        echo "SKIP: $package is not installable here, so rollout voice --tts $tts is untested" >&2
        exit 77
    fi
    fail "$program is missing: scripts/setup installs $package"
fi
take=$(dirname "$audiocheck")/test_take
mkdir -p "$tmp/r"
{
    echo 'routine "Five"'
    echo 'say five.one "Sit on the floor, with the ball beside you."'
    echo 'step s "Calves" area=calf'
    echo '  announce five.two "Next, your calves."'
    echo '  roll 10s five.three "Roll slowly up and down the calf, one inch each click."'
    echo '  hold 10s five.four "Found a sore spot? Stay on it."'
    echo '  rest 5s five.five "Two."'
} >"$tmp/r/five.roll"
expect_exit 0 "$rollout" voice --tts "$tts" "$tmp/r/five.roll"
grep -q "^Made 5 of 5 synthetic cues for $tmp/r/five.roll in $tmp/r/audio, with $tts " "$tmp/out" ||
    fail "summary: $(cat "$tmp/out" "$tmp/err")"
! grep -q $'\033' "$tmp/out" || fail "terminal progress in a log: $(cat "$tmp/out")"
"$rollout" cues "$tmp/r/five.roll" >"$tmp/cues"
for id in five.one five.two five.three five.four five.five; do
    f=$tmp/r/audio/$id.flac
    [[ -f $f ]] || fail "$id.flac not made"
    grep -q "^$id  *found (synthetic) " "$tmp/cues" || fail "cues: $(cat "$tmp/cues")"
    "$take" measure "$f" >"$tmp/m"
    read -r _ frames _ lufs _ peak <"$tmp/m"
    # The synthetic cue's loudness: within the pack's 1 LU of -20 LUFS,
    # the true peak at most -1 dBTP (and what 16 bits round).
    awk -v s="$lufs" -v p="$peak" 'BEGIN { exit !(s > -21 && s < -19 && p <= -0.99) }' ||
        fail "$id loudness: $(cat "$tmp/m")"
    # Trimmed: at least "Two." long, at most 8 s, and starting with the
    # 30 ms of padding (plus the margin) before any sound.
    ((frames > 14400 && frames < 8 * 48000)) || fail "$id is $frames frames"
    first=$("$audiocheck" onsets "$f" | head -1)
    ((first >= 1440 && first < 1440 + 960 + 480)) || fail "$id sound starts at $first"
done
grep -q '!' "$tmp/cues" && fail "a cue flagged off the pack's loudness: $(cat "$tmp/cues")"
# Every cue made: nothing to do, nothing written.
expect_exit 0 "$rollout" voice --tts "$tts" "$tmp/r/five.roll"
grep -q "^Every cue of .* has a recording" "$tmp/out" || fail "again: $(cat "$tmp/out")"
[[ -z $(find "$tmp" -name '*.tmp-*') ]] || fail "temporary files left behind"
# It plays: render finds every cue.
expect_exit 0 "$rollout" render --quiet -o "$tmp/five.wav" "$tmp/r/five.roll"
