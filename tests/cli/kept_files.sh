#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The files rollout keeps — rollout.conf, the history, the place to resume
# from — as people and other tools leave them: a FIFO or a folder in their
# place (or in the font's the environment names) is said at once (every command reads rollout.conf: none may wait on
# it), CRLF endings and a byte-order mark are read as an editor means them,
# a long value is read whole, a bad start-areas stops every command, and a
# rollout.conf that is a symbolic link stays one.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

conf=$XDG_CONFIG_HOME/rollout/rollout.conf
history=$XDG_STATE_HOME/rollout/history.tsv
place=$XDG_STATE_HOME/rollout/resume
mkdir -p "${conf%/*}" "${history%/*}"
# A whole session on the paced clock, as fast as it goes.
play=(env SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0
    "$rollout" play --headless)

# ---- a FIFO or a folder where a file should be ----
mkfifo "$conf"
for command in plan history config; do
    words=("$command")
    [[ $command == plan ]] && words+=("$short")
    answers 10 "$rollout" "${words[@]}"
    [[ $status == 2 ]] || fail "$command with a FIFO for rollout.conf exited $status"
    grep -qx "$conf: error: cannot read the settings: it is not a regular file" "$tmp/err" ||
        fail "$command, FIFO rollout.conf: $(cat "$tmp/err")"
done
answers 10 "$rollout" config volume -6
[[ $status == 3 ]] || fail "config volume -6 into a FIFO exited $status"
grep -qx "rollout: cannot read '$conf': it is not a regular file." "$tmp/err" || fail "$(cat "$tmp/err")"
[[ -p $conf ]] || fail "the FIFO was replaced"
rm "$conf"
mkdir "$conf"
answers 10 "$rollout" plan "$short"
[[ $status == 2 ]] || fail "a folder for rollout.conf: exit $status"
grep -qx "$conf: error: cannot read the settings: it is a directory" "$tmp/err" || fail "$(cat "$tmp/err")"
rmdir "$conf"

mkfifo "$history"
answers 10 "$rollout" history
[[ $status == 3 ]] || fail "history from a FIFO exited $status"
grep -qx "rollout: cannot read '$history': it is not a regular file." "$tmp/err" || fail "$(cat "$tmp/err")"
# A session played to its end is not added, and says so; it does not wait.
answers 30 "${play[@]}" "$short"
[[ $status == 0 ]] || fail "play with a FIFO for the history exited $status: $(cat "$tmp/err")"
grep -qx "rollout: the session was not added to the history: cannot read '$history': it is not a regular file." \
    "$tmp/err" || fail "$(cat "$tmp/err")"
rm "$history"
mkdir "$history"
answers 10 "$rollout" history
[[ $status == 3 ]] || fail "history from a folder exited $status"
grep -qx "rollout: cannot read '$history': it is a directory." "$tmp/err" || fail "$(cat "$tmp/err")"
rmdir "$history"

mkfifo "$place"
answers 10 "$rollout" play --headless --resume
[[ $status == 1 ]] || fail "--resume from a FIFO exited $status"
grep -q "the place to resume from was not kept whole" "$tmp/err" || fail "$(cat "$tmp/err")"
answers 30 "${play[@]}" "$short" # it looks for a place to offer at the start
[[ $status == 0 ]] || fail "play with a FIFO for the place exited $status: $(cat "$tmp/err")"
rm -f "$place"

# The environment may name a FIFO too: the window's font.
mkfifo "$tmp/font.ttf"
ROLLOUT_FONT=$tmp/font.ttf answers 10 "$rollout" shot --at 10 -o "$tmp/shot.png" "$short"
[[ $status == 4 ]] || fail "a FIFO for ROLLOUT_FONT: exit $status: $(cat "$tmp/err")"
grep -q "cannot load the font $tmp/font.ttf (it is not a regular file)" "$tmp/err" || fail "$(cat "$tmp/err")"

# ---- edited by hand, or by other tools ----
# CRLF endings: every line read, none damaged.
printf '# when\troutine\tminutes\tsteps\tsides\tareas\r\n2025-11-29T10:00:00+0000\tlegs\t5.0\t1\t2\tcalf\r\n' \
    >"$history"
expect_exit 0 "$rollout" history --format tsv
[[ $(cat "$tmp/out") == $'2025-11-29T'*$'\tlegs\t5.0\t1\t2\tcalf' ]] || fail "CRLF history: $(cat "$tmp/out")"
[[ ! -s $tmp/err ]] || fail "CRLF history: $(cat "$tmp/err")"
# A byte-order mark before the first setting: the setting still counts.
printf '\357\273\277volume = -6\r\n' >"$conf"
expect_exit 0 "$rollout" config volume
grep -qE "^volume +-6 +$conf:1$" "$tmp/out" || fail "BOM: $(cat "$tmp/out")"
"$rollout" config volume -3 >/dev/null
[[ $(od -An -c -N3 "$conf" | tr -d ' ') == '357273277' ]] || fail "the mark was lost"
[[ $(grep -c volume "$conf") == 1 ]] || fail "the first line was not rewritten: $(cat "$conf")"
# A bad start-areas stops every command at its line, as any bad setting.
printf 'start-areas = neck,elbow\n' >"$conf"
expect_exit 2 "$rollout" plan "$short"
grep -q "^$conf:1: error: start-areas: no body area 'neck'" "$tmp/err" || fail "start-areas: $(cat "$tmp/err")"
printf 'start-areas = calves,hamstrings\n' >"$conf"
expect_exit 0 "$rollout" plan "$short"

# A value longer than 255 and 1023 bytes is read whole: a deep music path
# set in rollout.conf (play's setting) plays, as the same path given as
# --music does.
part=$(printf 'f%.0s' {1..200})
deep=$tmp/$part/$part/$part/$part/$part/$part
mkdir -p "$deep"
sox -n -r 44100 -c 1 "$deep/bed.wav" synth 2 sine 330 gain -6
((${#deep} > 1023)) || fail "the path is only ${#deep} bytes"
expect_exit 0 "${play[@]}" --music "$deep/bed.wav" "$short"
! grep -q music "$tmp/err" || fail "--music: $(cat "$tmp/err")"
"$rollout" config music "$deep/bed.wav" >/dev/null
expect_exit 0 "$rollout" config music
grep -qF "$deep/bed.wav" "$tmp/out" || fail "config music: $(cut -c 1-200 "$tmp/out")"
expect_exit 0 "${play[@]}" "$short"
! grep -q music "$tmp/err" || fail "music from rollout.conf: $(cut -c 1-300 "$tmp/err")"
# Longer than any path: refused as a usage error, the file untouched.
cp "$conf" "$tmp/before"
expect_exit 2 "$rollout" config device "$(printf 'x%.0s' {1..5000})"
grep -q "device takes at most 4095 bytes, not 5000" "$tmp/err" || fail "$(cat "$tmp/err")"
cmp -s "$conf" "$tmp/before" || fail "a refused value changed the file"

# A symbolic link, as dotfile managers make: written through, still a link.
rm "$conf"
mkdir "$tmp/dotfiles"
printf '# mine\nvolume = -6\n' >"$tmp/dotfiles/rollout.conf"
ln -s ../../dotfiles/rollout.conf "$conf"
expect_exit 0 "$rollout" config volume -3
[[ -L $conf ]] || fail "the link was replaced by a file"
[[ $(cat "$tmp/dotfiles/rollout.conf") == $'# mine\nvolume = -3' ]] ||
    fail "not written through: $(cat "$tmp/dotfiles/rollout.conf")"
! { ls -A "$tmp/dotfiles"; ls -A "${conf%/*}"; } | grep -q tmp || fail "a temporary file was left"
expect_exit 0 "$rollout" config volume
grep -qE "^volume +-3 " "$tmp/out" || fail "$(cat "$tmp/out")"
echo "kept files: FIFOs and folders said at once, CRLF, BOM, long values, links"
