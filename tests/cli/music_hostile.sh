#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Music a person hands rollout that no player should choke on: headers that
# claim absurd sample rates, a file too short to give one frame, a playlist
# of a hundred thousand missing files. Each is skipped with one line (the
# many with a count), the session goes on, and nothing makes rollout run
# longer than its work needs or deaf to Ctrl-C.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

# wav PATH RATE FRAMES — a valid 16-bit mono WAV whose header says RATE.
wav() {
    python3 - "$@" <<'PY'
import struct, sys
path, rate, frames = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = struct.pack('<h', 4096) * frames
fmt = struct.pack('<HHIIHH', 1, 1, rate, (rate * 2) & 0xFFFFFFFF, 2, 16)
with open(path, 'wb') as f:
    f.write(b'RIFF' + struct.pack('<I', 36 + len(data)) + b'WAVE')
    f.write(b'fmt ' + struct.pack('<I', 16) + fmt + b'data' + struct.pack('<I', len(data)) + data)
PY
}

"$rollout" render -o "$tmp/plain.wav" "$short"
for rate in 2147483647 1140000000 5400000 768001 7999; do
    wav "$tmp/r$rate.wav" "$rate" 48000
    answers 30 "$rollout" render --music "$tmp/r$rate.wav" -o "$tmp/m.wav" "$short"
    [[ $status == 0 ]] || fail "render --music at $rate Hz exited $status: $(cat "$tmp/err")"
    grep -qx "rollout: skipping music '$tmp/r$rate.wav': its sample rate is $rate Hz; rollout plays 8000 to 768000 Hz." \
        "$tmp/err" || fail "$rate Hz: $(cat "$tmp/err")"
    cmp -s "$tmp/m.wav" "$tmp/plain.wav" || fail "skipped music at $rate Hz changed the session"
done
# The edges are music.
for rate in 768000 8000; do
    wav "$tmp/e$rate.wav" "$rate" 48000
    answers 60 "$rollout" render --music "$tmp/e$rate.wav" -o "$tmp/m.wav" "$short"
    [[ $status == 0 && ! -s $tmp/err ]] || fail "music at $rate Hz: $status $(cat "$tmp/err")"
    ! cmp -s "$tmp/m.wav" "$tmp/plain.wav" || fail "music at $rate Hz is not in the session"
done

# play starts with it, and Ctrl-C stops it as it stops any session: at
# once, saying where.
stops INT 30 'Calves' "${PACED[@]}" "$rollout" play --headless --music "$tmp/r2147483647.wav" "$short"
[[ $status == 0 ]] || fail "play --music at 2147483647 Hz and Ctrl-C: exit $status: $(cat "$tmp/err")"
grep -q '^Stopped in Calves' "$tmp/out" || fail "not stopped by Ctrl-C: $(tail -3 "$tmp/out")"

# One frame at 192 kHz is less than one at 48 kHz: nothing to hear, and a
# list of nothing else must not loop for ever looking for a frame.
wav "$tmp/tiny.wav" 192000 1
answers 30 "$rollout" render --music "$tmp/tiny.wav" -o "$tmp/m.wav" "$short"
[[ $status == 0 ]] || fail "a tiny file: exit $status"
grep -q "skipping music '$tmp/tiny.wav': it is too short to hear" "$tmp/err" || fail "tiny: $(cat "$tmp/err")"

# A hundred thousand missing files: the first hundred named, the rest counted.
seq -f "gone%g.flac" 100000 >"$tmp/many.m3u"
answers 60 "$rollout" render --music "$tmp/many.m3u" -o "$tmp/m.wav" "$short"
[[ $status == 0 ]] || fail "many: exit $status"
(($(wc -l <"$tmp/err") == 102)) || fail "many: $(wc -l <"$tmp/err") lines: $(tail -3 "$tmp/err")"
(($(grep -c "^rollout: skipping music '$tmp/gone[0-9]*.flac': No such file or directory.$" "$tmp/err") == 100)) ||
    fail "many: $(head -3 "$tmp/err")"
grep -qx "rollout: ... and 99900 more music files skipped." "$tmp/err" || fail "many: $(tail -2 "$tmp/err")"
grep -q "none of the music in '$tmp/many.m3u' can be played" "$tmp/err" || fail "many: $(tail -1 "$tmp/err")"
echo "hostile music: absurd rates and tiny files skipped, many missing files counted"
