#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# On a terminal: a bar on stderr redrawn in place, then one line saying
# what was written: its length, its size, its chapters and, with --lyrics,
# the .lrc beside it. Not on a terminal, or with --quiet: nothing at all.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

end=$(plan_end "$short")
timeout -k 5 60 script -qfec "'$rollout' render -o '$tmp/p.flac' '$short'" /dev/null >"$tmp/tty"
grep -q $'\r\[#*-*\]  *[0-9]*%  ' "$tmp/tty" || fail "no progress bar: $(od -c "$tmp/tty" | head)"
grep -q '100%' "$tmp/tty" || fail "the bar never reached 100%"
len=$(printf '%d:%02d' $((end / 48000 / 60)) $((end / 48000 % 60)))
size=$(awk -v b="$(stat -c %s "$tmp/p.flac")" 'BEGIN { printf "%.1f MB", b / 1e6 }')
last=$(tr '\r' '\n' <"$tmp/tty" | grep . | tail -1)
chapters=$(ffprobe -v error -show_chapters -of csv=p=0 "$tmp/p.flac" | wc -l)
((chapters > 1)) || fail "ffprobe reads $chapters chapters"
[[ $last == "$(printf '\033[K')wrote $tmp/p.flac: $len, $size, $chapters chapters" ]] ||
    fail "last line: $(printf '%s' "$last" | od -c | head -3)"
timeout -k 5 60 script -qfec "'$rollout' render --lyrics -o '$tmp/w.wav' '$short'" /dev/null >"$tmp/tty"
last=$(tr '\r' '\n' <"$tmp/tty" | grep . | tail -1)
[[ $last == *"wrote $tmp/w.wav: $len, "*", the words in $tmp/w.lrc" ]] ||
    fail "last line with --lyrics: $last"
timeout -k 5 60 script -qfec "'$rollout' render --quiet -o '$tmp/q.flac' '$short'" /dev/null >"$tmp/tty"
[[ ! -s $tmp/tty ]] || fail "--quiet printed: $(cat "$tmp/tty")"
"$rollout" render -o "$tmp/n.flac" "$short" 2>"$tmp/err" </dev/null
[[ ! -s $tmp/err ]] || fail "not a terminal, yet it printed: $(cat "$tmp/err")"
cmp -s "$tmp/p.flac" "$tmp/n.flac" || fail "the bar changed what was written"
