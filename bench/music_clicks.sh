#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench/music_clicks.sh ROLLOUT TMP — the click through a real sound server
# with a music bed under it. bench/music.sh runs it and puts its lines in
# its section. Prints, on stdout:
#   samples N DIFFERENT        the live recording against render --music
#   clicks N SPREAD OFF        onsets found, their intervals' max - min and
#                              how many are not 48000 frames, in frames
#
# A PulseAudio of its own with one null sink (48 kHz float stereo, so the
# server converts nothing) plays bench/clicks.roll over a 90-second bed at
# 44.1 kHz, ducked under the voice; parecord records the sink's monitor.
# The music and the voice hide the clicks' onsets, so the session with its
# click muted (render --music --mute click) is taken away from the
# recording: what is left is the clicks as they were heard, found by the
# rule of tests/audiocheck.c (a non-zero frame after 2000 zero frames). The
# same play as a file (render --music) is compared with the recording
# sample for sample.
set -euo pipefail
rollout=$1
tmp=$2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
roll=$root/bench/clicks.roll
export XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state
. "$root/tests/lib.sh"
pulse_start "$tmp" bed
trap 'kill "$pulse" 2>/dev/null || true' EXIT

sox -n -r 44100 -c 2 -b 16 "$tmp/bed90.flac" synth 90 sine 220 sine 277 synth 90 brownnoise mix \
    tremolo 0.5 40 gain -9
music=(--music "$tmp/bed90.flac")

parecord -d bed.monitor --format=float32le --rate=48000 --channels=2 --file-format=wav \
    "$tmp/live.wav" &
rec=$!
sleep 2.5 # an idle null sink wakes into small blocks
SDL_AUDIODRIVER=pulseaudio PULSE_SINK=bed "$rollout" play --headless "${music[@]}" \
    "$roll" </dev/null >/dev/null 2>"$tmp/play.err"
sleep 0.5
kill -INT "$rec"
wait "$rec" || true

"$rollout" render --quiet --bits 32 --channels 2 "${music[@]}" -o "$tmp/full.wav" "$roll"
"$rollout" --mute click render --quiet --bits 32 --channels 2 "${music[@]}" -o "$tmp/rest.wav" "$roll"

python3 - "$tmp/live.wav" "$tmp/full.wav" "$tmp/rest.wav" <<'PY'
import array, sys, wave

def floats(path):
    # WAV float: parse the chunks by hand (the wave module reads only PCM).
    data = open(path, 'rb').read()
    at = 12
    while at + 8 <= len(data):
        cid, size = data[at:at + 4], int.from_bytes(data[at + 4:at + 8], 'little')
        if cid == b'data':
            a = array.array('f')
            a.frombytes(data[at + 8:at + 8 + (min(size, len(data) - at - 8) // 8) * 8])
            return a
        at += 8 + size + (size & 1)
    raise SystemExit('no data in ' + path)

live, full, rest = (floats(p) for p in sys.argv[1:4])
first = lambda a: next(i for i, x in enumerate(a) if x != 0.0)
off = first(live) - first(full)  # the recording's frame 0 of the session, in samples
n = min(len(full), len(live) - off) // 2 * 2
different = sum(1 for i in range(n) if live[off + i] != full[i])
print('samples', n // 2, different)
# The clicks as heard: the recording less the rest, left channel.
left = [live[off + i] - rest[i] for i in range(0, n, 2)]
onsets, zeros = [], 2000
for i, x in enumerate(left):
    if x == 0.0:
        zeros += 1
    else:
        if zeros >= 2000:
            onsets.append(i)
        zeros = 0
gaps = [b - a for a, b in zip(onsets, onsets[1:])]
print('clicks', len(onsets), (max(gaps) - min(gaps)) if gaps else -1,
      sum(1 for g in gaps if g != 48000))
PY
