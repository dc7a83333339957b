#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every byte rollout prints from outside input — rollout.conf's values, the
# history, the resume place, playlist entries and file names, what was
# typed after --areas, --minutes or new, the folders the environment names
# — reaches the terminal with its control characters made visible, in every
# format; a value or a name that would carry them into a file is refused.
# A dumb terminal gets plain lines, no cursor sequences.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

conf=$XDG_CONFIG_HOME/rollout/rollout.conf
history=$XDG_STATE_HOME/rollout/history.tsv
mkdir -p "${conf%/*}" "${history%/*}"
play=(env SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0
    "$rollout" play --headless)

# raw FILE... — fails when a file holds a C0 control (but a newline), DEL,
# or a C1 control as UTF-8 (U+0080 to U+009F).
raw() {
    ! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' "$@" ||
        fail "raw control bytes reached the terminal: $(cat -v "$@" | head -5)"
}

# ---- rollout.conf ----
# A value with control characters is a bad line, for config as for every
# command; quoted as text.
printf 'device = \033[31mRED\007\n' >"$conf"
expect_exit 2 "$rollout" config
raw "$tmp/out" "$tmp/err"
grep -qF "$conf:1: error: device takes no control characters, not '\x1b[31mRED\x07'" "$tmp/err" ||
    fail "config: $(cat -v "$tmp/err")"
rm "$conf"
expect_exit 2 "$rollout" config device $'x\e]0;owned\a'
raw "$tmp/out" "$tmp/err"
grep -qF "device takes no control characters, not 'x\x1b]0;owned\x07'" "$tmp/err" || fail "$(cat -v "$tmp/err")"
# A newline would be a second setting in the file.
expect_exit 2 "$rollout" config device $'a\nvolume = 12'
[[ ! -e $conf ]] || fail "a value with a newline was written: $(cat "$conf")"
raw "$tmp/err"
# A folder named with an escape, from the environment: its path shown as text.
XDG_CONFIG_HOME=$tmp/$'cfg\e[2J' expect_exit 0 "$rollout" config volume -3
raw "$tmp/out"
grep -qF 'in '"$tmp"'/cfg\x1b[2J/rollout/rollout.conf' "$tmp/out" || fail "$(cat -v "$tmp/out")"

# ---- the history: a routine file named with ESC, and one edited by hand ----
mkdir "$tmp/r"
name=$'st\e[2Jep'
cp "$short" "$tmp/r/$name.roll"
expect_exit 0 "${play[@]}" "$tmp/r/$name.roll"
printf '2025-11-29T10:00:00+0000\tcsi\302\233 31m\t5.0\t1\t2\tcalf,\033x\n' >>"$history"
for format in text tsv json; do
    expect_exit 0 "$rollout" history --format "$format"
    raw "$tmp/out" "$tmp/err"
done
python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
assert v[0]["routine"] == "st\x1b[2Jep" and v[1]["routine"] == "csi\x9b 31m", v' "$tmp/out" ||
    fail "json: $(cat "$tmp/out")"
grep -qF '\u009b' "$tmp/out" || fail "U+009B not escaped in JSON: $(cat -v "$tmp/out")"
expect_exit 0 "$rollout" history --format tsv
grep -qF $'\tst\\x1b[2Jep\t' "$tmp/out" || fail "tsv: $(cat -v "$tmp/out")"

# ---- the resume place, written by anything ----
printf 'routine\t%s\nstep\tst\033[2Jep\nside\tnone\n' "$short" >"$XDG_STATE_HOME/rollout/resume"
expect_exit 1 "$rollout" play --headless --resume
raw "$tmp/out" "$tmp/err"
grep -qF "it has no step 'st\x1b[2Jep' now" "$tmp/err" || fail "resume: $(cat -v "$tmp/err")"

# ---- music: a playlist's entries and a folder's file names ----
mkdir "$tmp/m"
printf 'gone\033]0;owned\007.flac\n/nowhere/\302\233x.wav\n' >"$tmp/m/list.m3u"
expect_exit 0 "$rollout" render --music "$tmp/m/list.m3u" -o "$tmp/o.wav" "$short"
raw "$tmp/err"
grep -qF "skipping music '$tmp/m/gone\x1b]0;owned\x07.flac'" "$tmp/err" || fail "m3u: $(cat -v "$tmp/err")"
grep -qF "skipping music '/nowhere/\u009bx.wav'" "$tmp/err" || fail "C1: $(cat -v "$tmp/err")"
printf 'not audio' >"$tmp/m/"$'bad\e[5m.wav'
expect_exit 0 "$rollout" render --music "$tmp/m/"$'bad\e[5m.wav' -o "$tmp/o.wav" "$short"
raw "$tmp/err"
grep -qF "none of the music in '$tmp/m/bad\x1b[5m.wav' can be played" "$tmp/err" || fail "$(cat -v "$tmp/err")"

# ---- what was typed: --areas, --minutes, new ----
expect_exit 2 "$rollout" plan --areas $'calves,\e[2Jneck'
raw "$tmp/err"
grep -qF "no body area '\x1b[2Jneck'" "$tmp/err" || fail "--areas: $(cat -v "$tmp/err")"
expect_exit 2 "$rollout" plan --minutes $'5\e[2J'
raw "$tmp/err"
grep -qF "not '5\x1b[2J'" "$tmp/err" || fail "--minutes: $(cat -v "$tmp/err")"
export XDG_DATA_HOME=$tmp/$'data\e]0;x\a'
for bad in $'esc\e[31m' $'cr\rname' $'bell\a'; do
    expect_exit 2 "$rollout" new "$bad"
    raw "$tmp/err"
    grep -q "a routine's name cannot hold control characters" "$tmp/err" || fail "new: $(cat -v "$tmp/err")"
done
[[ ! -e $XDG_DATA_HOME ]] || fail "new wrote something for a refused name"
expect_exit 0 "$rollout" new plain
raw "$tmp/out"
grep -qF "Wrote $tmp/data\x1b]0;x\x07/rollout/routines/plain.roll" "$tmp/out" || fail "$(cat -v "$tmp/out")"
expect_exit 0 "$rollout" list
raw "$tmp/out" "$tmp/err"
grep -qF "Your routines go in $tmp/data\x1b]0;x\x07/rollout/routines." "$tmp/out" || fail "list: $(cat -v "$tmp/out")"
unset XDG_DATA_HOME
# A file named on the command line, quoted back.
expect_exit 2 "$rollout" render -o $'out\e[2J.xyz' "$short"
raw "$tmp/err"
grep -qF 'out\x1b[2J.xyz' "$tmp/err" || fail "render -o: $(cat -v "$tmp/err")"

# ---- a dumb terminal: plain lines ----
rm -f "$conf"
TERM=dumb timeout -k 5 60 script -qfec "'$rollout' render -o '$tmp/d.wav' '$short'" /dev/null >"$tmp/tty"
! grep -q $'\e' "$tmp/tty" || fail "render on a dumb terminal: $(cat -v "$tmp/tty" | head -3)"
TERM=dumb "${PACED[@]}" timeout -k 5 60 script -qfec "'$rollout' play --headless '$short'" /dev/null \
    </dev/null >"$tmp/tty"
grep -q 'Session complete' "$tmp/tty" || fail "play on a dumb terminal: $(cat -v "$tmp/tty" | tail -3)"
! grep -q $'\e' "$tmp/tty" || fail "play on a dumb terminal: $(grep -c $'\e' "$tmp/tty") lines with ESC"
echo "outside text: made visible in config, history, resume, music, --areas, --minutes, new"
