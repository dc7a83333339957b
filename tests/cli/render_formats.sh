#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Each format in its default channels: stereo lossless, mono lossy (the
# session is centred); every one the plan's length, MP3 too.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

end=$(plan_end "$short")
for f in wav:2 flac:2 ogg:1 opus:1 mp3:1; do
    ext=${f%:*} ch=${f#*:}
    "$rollout" render -o "$tmp/s.$ext" "$short"
    "$audiocheck" info "$tmp/s.$ext" >"$tmp/info"
    grep -q "^rate 48000 channels $ch frames $end " "$tmp/info" || fail "$ext: $(cat "$tmp/info")"
done
"$audiocheck" header "$tmp/s.mp3" | grep -q '^container m1a ' || fail "not MPEG: $("$audiocheck" header "$tmp/s.mp3")"
# --channels: either way in any format; mono is the stereo render's
# left and right channels, frame for frame.
"$rollout" render --channels 2 -o "$tmp/s2.mp3" "$short"
"$audiocheck" info "$tmp/s2.mp3" | grep -q "channels 2 frames $end " || fail "--channels 2 mp3"
"$rollout" render --channels 1 --bits 32 -o "$tmp/m.wav" "$short"
"$rollout" render --bits 32 -o "$tmp/st.wav" "$short"
"$audiocheck" mono "$tmp/m.wav" "$tmp/st.wav" || fail "mono is not the stereo render's channels"
expect_exit 2 "$rollout" render --channels 3 -o "$tmp/x.wav" "$short"
grep -q -- "--channels takes 1 or 2" "$tmp/err" || fail "--channels 3: $(cat "$tmp/err")"
expect_exit 2 "$rollout" --rate 96000 render -o "$tmp/x.mp3" "$short"
grep -q "MP3 holds" "$tmp/err" || fail "mp3 at 96 kHz: $(cat "$tmp/err")"
# Lossless formats hold the same samples.
frames_wav=$(awk '{print $6}' < <("$audiocheck" info "$tmp/s.wav"))
frames_flac=$(awk '{print $6}' < <("$audiocheck" info "$tmp/s.flac"))
[[ $frames_wav == "$frames_flac" ]] || fail "wav $frames_wav frames, flac $frames_flac"
# The length is the plan's.
end=$("$rollout" plan --tsv "$short" | awk -F'\t' '$3 == "end" { print $1 }')
[[ $frames_wav == "$end" ]] || fail "render is $frames_wav frames, plan ends at $end"
"$rollout" --rate 44100 render -o "$tmp/s44.wav" "$short"
"$audiocheck" info "$tmp/s44.wav" | grep -q 'rate 44100' || fail "--rate 44100 not honoured"
