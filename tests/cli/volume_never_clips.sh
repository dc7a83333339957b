#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --volume 12, the most there is, played live through SDL's disk driver and
# rendered to a 16-bit WAV: not one sample at full scale, every peak under
# the limiter's -1 dB ceiling, each click still on its planned frame, and
# render says once that it held the peaks down.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"
ceiling=0.8913 # -1 dBFS

# under FILE — the file has no clipped sample and its peak is under the ceiling.
under() {
    local peak clipped
    read -r _ peak _ clipped < <("$audiocheck" clipped "$1")
    [[ $clipped == 0 ]] || fail "$1: $clipped samples at full scale"
    awk -v p="$peak" -v c=$ceiling 'BEGIN { exit !(p <= c) }' || fail "$1: peak $peak over $ceiling"
    awk -v p="$peak" 'BEGIN { exit !(p > 0.7) }' || fail "$1: peak $peak: was it played loud at all?"
    echo "$1: peak $peak, none clipped"
}

SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$tmp/live.raw" SDL_DISKAUDIODELAY=0 \
    timeout -k 5 120 "$rollout" play --headless --volume 12 "$short" </dev/null >"$tmp/log"
grep -q "Session complete" "$tmp/log" || fail "no completion line: $(cat "$tmp/log")"
under "$tmp/live.raw"

"$rollout" render --volume 12 -o "$tmp/loud.wav" "$short" 2>"$tmp/err"
under "$tmp/loud.wav"
[[ $(grep -c "limited by up to" "$tmp/err") == 1 ]] ||
    fail "render --volume 12 did not say once that it was limited: $(cat "$tmp/err")"
"$rollout" render -o "$tmp/plain.wav" "$short" 2>"$tmp/err"
! grep -q "limited" "$tmp/err" || fail "a plain render said it was limited: $(cat "$tmp/err")"

# The limiter moves gain, never time: at +12 dB every click is on its frame.
"$rollout" plan --tsv "$short" | awk -F'\t' '$3 == "click" { print $1 }' >"$tmp/plan"
"$rollout" render --volume 12 --mute voice -o "$tmp/clicks.wav" "$short" 2>/dev/null
"$audiocheck" onsets "$tmp/clicks.wav" >"$tmp/onsets"
diff -q "$tmp/plan" "$tmp/onsets" >/dev/null ||
    fail "at +12 dB the clicks moved: $(diff "$tmp/plan" "$tmp/onsets" | head -5)"
echo "at +12 dB, $(wc -l <"$tmp/plan") clicks on their planned frames"
