#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The clicks through the lossy encoders and back: in a decoded Opus, MP3
# and Ogg Vorbis of a render with the voice muted, as many click edges as
# the plan has clicks, and every interval between two within 1 ms of the
# plan's (the codec's fixed delay moves them all alike).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"
command -v ffmpeg >/dev/null || fail "ffmpeg is missing (scripts/setup installs it)"

"$rollout" plan --tsv "$short" | awk -F'\t' '$3 == "click" { print $1 }' >"$tmp/plan"
((n = $(wc -l <"$tmp/plan"), n > 10)) || fail "the plan lists too few clicks"
for ext in opus mp3 ogg; do
    "$rollout" render --quiet --mute voice -o "$tmp/c.$ext" "$short" 2>/dev/null
    ffmpeg -v error -y -i "$tmp/c.$ext" -c:a pcm_f32le "$tmp/c.wav"
    "$audiocheck" attacks "$tmp/c.wav" >"$tmp/got"
    [[ $(wc -l <"$tmp/got") == "$n" ]] ||
        fail ".$ext: $(wc -l <"$tmp/got") click edges decoded, $n planned"
    # The worst interval's error, in frames: 48 is 1 ms at 48 kHz.
    worst=$(paste "$tmp/plan" "$tmp/got" | awk '
        NR > 1 { d = ($2 - g) - ($1 - p); d = d < 0 ? -d : d; if (d > w) w = d }
        { p = $1; g = $2 } END { print w + 0 }')
    ((worst <= 48)) || fail ".$ext: an interval between clicks is $worst frames off the plan's"
    echo ".$ext: $n clicks, every interval within $worst frames of the plan's"
done
