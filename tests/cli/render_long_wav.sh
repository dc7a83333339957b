#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A WAV past 4 GiB is RF64, whose sizes are 64-bit, and reads back at its
# full length; a plain WAV's 32-bit sizes would wrap. Both buses muted:
# silence renders fast. 192 kHz float: 4 GiB in 47 minutes of session.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

printf 'routine "Long"\nstep a "A"\n  announce calves.next "Next, your calves."\n  hold 47m\n' >"$tmp/long.roll"
end=$(plan_end "$tmp/long.roll" --rate 192000)
"$rollout" render --rate 192000 --bits 32 --mute click --mute voice -o "$tmp/long.wav" "$tmp/long.roll"
[[ $(head -c 4 "$tmp/long.wav") == RF64 ]] || fail "not RF64: $(head -c 4 "$tmp/long.wav" | od -c)"
# The ds64 chunk's data size: every frame, two channels of four bytes.
data=$(od -An -tu8 -j28 -N8 "$tmp/long.wav" | tr -d ' ')
((data == end * 8)) || fail "ds64 says $data bytes of data, expected $((end * 8))"
((data > 4294967295)) || fail "the session is under 4 GiB ($data bytes): it tests nothing"
"$audiocheck" header "$tmp/long.wav" >"$tmp/h"
[[ $(cat "$tmp/h") == "container rf64 rate 192000 channels 2 frames $end tail readable" ]] ||
    fail "read back: $(cat "$tmp/h"), expected $end frames"
echo "RF64: $data bytes of data, $end frames read back"
rm -f "$tmp/long.wav"
# Under 4 GiB a WAV stays a plain one, which every program opens.
"$rollout" render -o "$tmp/s.wav" "$short"
[[ $(head -c 4 "$tmp/s.wav") == RIFF ]] || fail "a short render is not RIFF"
