#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench/loudness.sh BUILD OUT.md — each bundled routine rendered with the
# defaults to each format a phone plays, and as a plain WAV for comparison:
# integrated loudness and true peak as FFmpeg's EBU R128 filter reads the
# decoded file (a mono file counted as both ears hear it), size, average
# bitrate and the render's wall time; FFmpeg's own default Opus of the
# same session, the size to beat; and what the limiter does to the voice
# (bench/limiter_speech.c). Writes its section of docs/benchmarks.md
# to OUT.md. Run by scripts/bench (and alone by scripts/bench --loudness).
set -euo pipefail
build=$1
out=$2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rollout=$build/rollout
export ROLLOUT_DATA_DIR=$root
tmp=$(mktemp -d /tmp/rollout-bench-loudness.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
log() { printf '[loudness] %s\n' "$*" >&2; }

# measure FILE — "LUFS DBTP" of the decoded file, from ffmpeg's summary.
measure() {
    ffmpeg -nostats -hide_banner -i "$1" -af ebur128=peak=true:dualmono=true -f null - 2>&1 |
        sed -n '/Summary:/,$p' | awk '$1 == "I:" { i = $2 } $1 == "Peak:" { p = $2 } END { print i, p }'
}
seconds() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }
# thousands N — 1234567 as 1,234,567.
thousands() { echo "$1" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta'; }

rows=$tmp/rows
: >"$rows"
for routine in pre-run default lower-body; do
    for ext in wav mp3 opus ogg; do
        log "$routine.$ext"
        start=$(date +%s.%N)
        "$rollout" render --quiet -o "$tmp/$routine.$ext" "$routine" 2>"$tmp/err"
        wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
        read -r lufs peak < <(measure "$tmp/$routine.$ext")
        bytes=$(stat -c %s "$tmp/$routine.$ext")
        secs=$(seconds "$tmp/$routine.$ext")
        kbps=$(awk -v b="$bytes" -v s="$secs" 'BEGIN { printf "%.1f", b * 8 / s / 1000 }')
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$routine" "$ext" "$lufs" "$peak" "$bytes" "$kbps" \
            "$wall" >>"$rows"
    done
done
log "what the limiter does to the voice (limiter_speech)"
for routine in pre-run default lower-body; do
    "$build/bench/limiter_speech" "$routine" >>"$tmp/speech"
done
log "FFmpeg's default Opus of the default routine's WAV"
ffmpeg -v error -y -i "$tmp/default.wav" "$tmp/ffmpeg.opus"
read -r ff_lufs ff_peak < <(measure "$tmp/ffmpeg.opus")
ff_bytes=$(stat -c %s "$tmp/ffmpeg.opus")

{
    echo "## 11. Loudness, true peak and size on a phone"
    echo
    echo "Each bundled routine rendered with the defaults (\`render ROUTINE -o FILE\`), then"
    echo "decoded and measured by FFmpeg, not by rollout: \`ffmpeg -af"
    echo "ebur128=peak=true:dualmono=true\` (a mono file counted as both ears hear it). The"
    echo "goal is -16 ± 0.5 LUFS integrated and at most -1.0 dBTP for MP3, Opus and Ogg"
    echo "(\`tests/cli/phone_loudness.sh\` holds every routine to it); the WAV, for editing,"
    echo "is left as mixed (stereo). Render time is one run's wall time on this machine,"
    echo "the two measuring passes included."
    echo
    echo "| routine | format | loudness | true peak | size | average bitrate | render |"
    echo "| --- | --- | --- | --- | --- | --- | --- |"
    while IFS=$'\t' read -r routine ext lufs peak bytes kbps wall; do
        echo "| $routine | $ext | $lufs LUFS | $peak dBTP | $(thousands "$bytes") B | $kbps kb/s | $wall s |"
    done <"$rows"
    echo
    echo "For comparison, FFmpeg's default Opus (\`ffmpeg -i default.wav default.opus\`, stereo)"
    echo "of the same default session is $(thousands "$ff_bytes") B at $ff_lufs LUFS and $ff_peak dBTP."
    echo "Before the loudness target, rollout's default-session Opus measured -22.0 LUFS and"
    echo "2.97 MB, and its WAV -19.0 LUFS."
    echo
    echo "What the limiter (2 ms look-ahead, 60 ms release) does to the voice at that gain,"
    echo "fed to it as Opus is (mono, -2 dBTP), by \`bench/limiter_speech\`: the session is"
    echo "rendered with the click and without it, each through a limiter of its own, and the"
    echo "gain each frame got is read back wherever the voice is above -60 dBFS. The voice's"
    echo "own peaks are what it turns down; the click, ducked 8 dB under speech, all but"
    echo "never adds to that, so the voice does not pump with the pace."
    echo
    echo "| routine | gain to -16 LUFS | voiced frames turned down (> 0.05 dB) | at most | the click's share: frames turned down more than the voice alone | at most |"
    echo "| --- | --- | --- | --- | --- | --- |"
    while IFS=$'\t' read -r routine gain down most blamed most_blamed; do
        echo "| $routine | $gain dB | $down % | $most dB | $blamed % | $most_blamed dB |"
    done <"$tmp/speech"
} >"$out"
