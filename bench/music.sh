#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench/music.sh BUILD OUT.md [SECONDS] — the music bed's cost: peak memory and
# CPU of play --headless (SDL dummy driver, real time) with a 60-minute FLAC
# bed against without it, both at once; render speed with and without the
# bed; and the click through PulseAudio over a bed (bench/music_clicks.sh).
# Writes its section of docs/benchmarks.md to OUT.md. Run by scripts/bench
# (and alone by scripts/bench --music); it needs sox, GNU time, PulseAudio
# and parecord.
set -euo pipefail
build=$1
out=$2
run_s=${3:-40}
warm_s=5
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rollout=$build/rollout
export ROLLOUT_DATA_DIR=$root
tmp=$(mktemp -d /tmp/rollout-bench-music.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT
log() { printf '[music] %s\n' "$*" >&2; }
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
clk_tck=$(getconf CLK_TCK)

# A 60-minute bed at 44.1 kHz, so it is resampled to 48 kHz as it plays: a
# chord with a slow tremolo and a little noise, so FLAC has work to do.
log "making a 60-minute FLAC bed with sox"
sox -n -r 44100 -c 2 -b 16 "$tmp/bed.flac" synth 3600 sine 220 sine 277 synth 3600 brownnoise mix \
    tremolo 0.5 40 gain -9
bed_mb=$(du -m "$tmp/bed.flac" | cut -f1)
bed_len=$(soxi -D "$tmp/bed.flac")

# Both at once, each under GNU time; CPU counted from warm_s on.
log "play --headless with and without the bed, ${run_s} s"
SDL_AUDIODRIVER=dummy /usr/bin/time -v -o "$tmp/mem_plain" "$rollout" play --headless default \
    </dev/null >/dev/null 2>&1 &
t_plain=$!
SDL_AUDIODRIVER=dummy /usr/bin/time -v -o "$tmp/mem_music" "$rollout" play --headless \
    --music "$tmp/bed.flac" default </dev/null >/dev/null 2>"$tmp/music.err" &
t_music=$!
pids+=("$t_plain" "$t_music")
sleep "$warm_s"
p_plain=$(pgrep -P $t_plain) p_music=$(pgrep -P $t_music)
w0=$EPOCHREALTIME
c0_plain=$(cpu_ticks "$p_plain") c0_music=$(cpu_ticks "$p_music")
sleep $((run_s - warm_s))
w1=$EPOCHREALTIME
c1_plain=$(cpu_ticks "$p_plain") c1_music=$(cpu_ticks "$p_music")
threads=$(ls "/proc/$p_music/task" | wc -l)
kill -TERM "$p_plain" "$p_music" 2>/dev/null || true
wait $t_plain || true
wait $t_music || true
pct() { awk -v a="$1" -v b="$2" -v t="$clk_tck" -v w0="$w0" -v w1="$w1" 'BEGIN { printf "%.3f", (b - a) / t / (w1 - w0) * 100 }'; }
rss() { awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"; }
cpu_plain=$(pct "$c0_plain" "$c1_plain") cpu_music=$(pct "$c0_music" "$c1_music")
rss_plain=$(rss "$tmp/mem_plain") rss_music=$(rss "$tmp/mem_music")

# Render speed, to tmpfs: the median of three runs each.
log "render with and without the bed"
frames=$("$rollout" plan --tsv default | awk -F'\t' '$3 == "end" { print $1 }')
secs=$(awk -v f="$frames" 'BEGIN { printf "%.1f", f / 48000 }')
render_median() {
    for i in 1 2 3; do
        /usr/bin/time -f %e -o "$tmp/t" "$rollout" render --quiet "$@" -o /dev/shm/rollout-bench-music.wav default 2>/dev/null
        cat "$tmp/t"
    done | sort -n | sed -n 2p
    rm -f /dev/shm/rollout-bench-music.wav
}
r_plain=$(render_median)
r_music=$(render_median --music "$tmp/bed.flac")
x() { awk -v s="$secs" -v t="$1" 'BEGIN { printf "%.0f", s / t }'; }

# The click through PulseAudio with the bed under it, and live against
# render, sample for sample (bench/music_clicks.sh).
log "the click through PulseAudio, over the bed"
mkdir -p "$tmp/clicks"
bash "$root/bench/music_clicks.sh" "$rollout" "$tmp/clicks" >"$tmp/clicks.out"
read -r _ frames_live differ < <(grep '^samples' "$tmp/clicks.out")
read -r _ nclicks spread off < <(grep '^clicks' "$tmp/clicks.out")

met() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? "**met**" : "**not met**" }'; }
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$(git -C "$root" status --porcelain 2>/dev/null | grep -qv '^??' && echo ", with uncommitted changes" || true)
{
    echo "## 8. Music bed"
    echo
    echo "Measured by \`bench/music.sh\` (\`scripts/bench --music\`) on $(date -u '+%Y-%m-%d %H:%M UTC') from"
    echo "commit $commit$dirty, on the machine above, 1-minute load average $(cut -d' ' -f1 /proc/loadavg) at the end."
    echo
    echo "\`play --headless default\` (SDL dummy driver, real time) with \`--music\` a 60-minute"
    echo "FLAC bed ($(printf '%.0f' "$bed_len") s, 44.1 kHz stereo, $bed_mb MB: a chord, brown noise, tremolo, made"
    echo "with sox), run beside the same play without music for ${run_s} s, then stopped with SIGTERM."
    echo "CPU is user + system time of every thread (the decoder's included) from ${warm_s} s on, as a"
    echo "percentage of one core; peak RSS from \`/usr/bin/time -v\`. The bed is resampled to 48 kHz"
    echo "by libsoxr as it streams; the ring holds 131072 frames (2.7 s, 1 MiB)."
    echo
    echo "| | without music | with the 60-minute bed | goal | |"
    echo "| --- | --- | --- | --- | --- |"
    echo "| peak RSS | $rss_plain MB | $rss_music MB | ≤ 30 MB | $(met "$rss_music" 30) |"
    echo "| CPU, % of one core | $cpu_plain | $cpu_music | ≤ 2 % | $(met "$cpu_music" 2) |"
    echo "| threads while playing | | $threads | | |"
    echo
    echo "Render of the default routine ($secs s of session) to 16-bit WAV on tmpfs, the median"
    echo "of three runs, the bed decoded in the writer's own thread ahead of each block:"
    echo
    echo "| | wall time | × realtime |"
    echo "| --- | --- | --- |"
    echo "| render | $r_plain s | $(x "$r_plain")× |"
    echo "| render --music | $r_music s | $(x "$r_music")× |"
    echo
    echo "The click through a real sound server with the bed under it (\`bench/music_clicks.sh\`): a"
    echo "PulseAudio of its own, one null sink at 48 kHz float, \`bench/clicks.roll\` (a minute of"
    echo "clicks, with its words) over a 90-second 44.1 kHz bed, recorded from the sink's monitor"
    echo "with \`parecord\`. The session with its click muted (\`render --music --mute click\`) is"
    echo "taken away from the recording, leaving the clicks as heard:"
    echo
    echo "| | measured | goal | |"
    echo "| --- | --- | --- | --- |"
    echo "| clicks found, intervals off the 48000-frame pace | $nclicks, $off | all, 0 | $( [[ $off == 0 ]] && echo '**met**' || echo '**not met**') |"
    echo "| click spread (max − min interval) | $spread frames | 0 frames | $( [[ $spread == 0 ]] && echo '**met**' || echo '**not met**') |"
    echo "| live against \`render --music\`, sample for sample | $differ of $frames_live frames differ | 0 | $( [[ $differ == 0 ]] && echo '**met**' || echo '**not met**') |"
} >"$out"
cat "$out"
