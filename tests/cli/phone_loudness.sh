#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# phone_loudness.sh ROLLOUT AUDIOCHECK ROUTINE — the routine rendered with
# the defaults to each format a phone plays, then decoded and measured by
# FFmpeg's EBU R128 filter, not by rollout: integrated loudness -16 ± 0.5
# LUFS (a mono file counted as both ears hear it, dualmono) and a true
# peak of at most -1.0 dBTP, the encoder's own overshoot included.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"
routine=$3
command -v ffmpeg >/dev/null || fail "ffmpeg is missing (scripts/setup installs it)"

# loudness FILE [PEAK] — "LUFS DBTP" of the decoded file, from ffmpeg's
# summary; PEAK none measures the loudness alone (the true peak, four
# times oversampled, is most of the filter's work).
loudness() {
    local peak=true
    [[ ${2:-} != none ]] || peak=none
    ffmpeg -nostats -hide_banner -i "$1" -af "ebur128=peak=$peak:dualmono=true" -f null - 2>&1 |
        sed -n '/Summary:/,$p' | awk '$1 == "I:" { i = $2 } $1 == "Peak:" { p = $2 }
                                      END { print i, p }'
}

for ext in mp3 opus ogg; do
    "$rollout" render --quiet -o "$tmp/s.$ext" "$routine" 2>"$tmp/err" ||
        fail "render $routine to .$ext failed: $(cat "$tmp/err")"
    ! grep -q "limited by" "$tmp/err" || fail "the defaults were said to be limited: $(cat "$tmp/err")"
    read -r lufs peak < <(loudness "$tmp/s.$ext")
    [[ -n $lufs && -n $peak ]] || fail "ffmpeg measured nothing in $routine.$ext"
    awk -v i="$lufs" 'BEGIN { exit !(i >= -16.5 && i <= -15.5) }' ||
        fail "$routine.$ext: $lufs LUFS integrated, not -16 ± 0.5"
    awk -v p="$peak" 'BEGIN { exit !(p <= -1.0) }' ||
        fail "$routine.$ext: true peak $peak dBTP, over -1.0"
    echo "$routine.$ext: $lufs LUFS, $peak dBTP, $(stat -c %s "$tmp/s.$ext") bytes"
done

# Lossless files are left as mixed unless asked, and then reach it too.
"$rollout" render --quiet --channels 1 -o "$tmp/s.wav" "$routine"
read -r lufs < <(loudness "$tmp/s.wav" none)
awk -v i="$lufs" 'BEGIN { exit !(i < -17.5) }' || fail "$routine.wav was normalised: $lufs LUFS"
"$rollout" render --quiet --channels 1 --loudness -16 -o "$tmp/s.wav" "$routine"
read -r lufs peak < <(loudness "$tmp/s.wav")
awk -v i="$lufs" -v p="$peak" 'BEGIN { exit !(i >= -16.5 && i <= -15.5 && p <= -1.0) }' ||
    fail "$routine.wav --loudness -16: $lufs LUFS, $peak dBTP"
echo "$routine.wav --loudness -16: $lufs LUFS, $peak dBTP"
