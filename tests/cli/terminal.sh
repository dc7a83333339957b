#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The terminal view in a real terminal (tmux, read back with capture-pane),
# at 80 and at 40 columns: keys, Ctrl-Z and fg, a resize, and a block
# that always fits. On the paced clock, the status line is also seen past
# a minute, still one line updated in place; the realtime tier runs it on
# the wall clock too (the clock's text at every frame is test_show's).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

# Every state a key is pressed in lasts 40 s of the session (5 s on the
# paced clock), so no key lands in the state after the one it was meant
# for, however busy the machine.
cat >"$tmp/term.roll" <<'ROLL'
routine "Test: terminal"
pace 1s
say 40s intro.pace "Go slowly. Move no more than one inch with each click."
step calves "Calves" area=calf sides=both
  announce calves.next "Next, your calves."
  roll 40s calves.roll1 "Move your leg so the ball rolls up and down your calf. One inch each click."
step back "Upper back" area=upper-back
  announce intro.pace "Go slowly. Move no more than one inch with each click."
  roll 40s
ROLL
total=$("$rollout" plan --tsv "$tmp/term.roll" | awk -F'\t' '$3 == "end" { printf "%d:%02d", $1 / 48000 / 60, $1 / 48000 % 60 }')

# tmux_start COLS: an interactive bash in a COLS x 24 tmux window of a
# server of our own, with a prompt we can wait for.
tmux_start() {
    local cols=$1
    sock=rollout-test-$$-$cols
    TMUX_TMPDIR=$tmp tmux -L "$sock" -f /dev/null new-session -d -x "$cols" -y 24 \
        "env PS1='$ ' LC_ALL=C.UTF-8 bash --norc --noprofile -i"
    TMUX_TMPDIR=$tmp tmux -L "$sock" set-option -g history-limit 0 >/dev/null
}
tmux_cmd() { TMUX_TMPDIR=$tmp tmux -L "$sock" "$@"; }
# screen: the window as it is now, wrapped lines joined into one; not the
# two lines SDL's disk driver (the paced clock) prints as it opens, which
# are SDL's own.
screen() { tmux_cmd capture-pane -p -J | grep -v '^CRITICAL: ' || true; }
# shows REGEX: the screen shows REGEX now.
shows() { screen | grep -qE -- "$1"; }
hides() { ! shows "$1"; }
# wait_screen REGEX [SECONDS]: until the screen shows REGEX, or fail.
wait_screen() {
    wait_for "${2:-20}" shows "$1" || fail "$cols columns: no '$1' on screen: $(screen)"
}
# wait_gone REGEX: until the screen no longer shows REGEX, or fail.
wait_gone() {
    wait_for 10 hides "$1" || fail "$cols columns: '$1' still on screen: $(screen)"
}
# coloured: the status line's phase word comes in a colour of its own.
coloured() {
    tmux_cmd capture-pane -p -e | grep -qE $'\e\\[[0-9;]*(3[0-7]|9[0-7]|38;5;[0-9]+)m(\e\\[[0-9;]*m)*(GET READY|SET UP|ROLL|HOLD|REST|SWITCH SIDES)'
}
# fits: no line on screen is as wide as the window (one that wrapped is).
fits() {
    local line
    while IFS= read -r line; do
        ((${#line} < cols)) || fail "$cols columns: a line wraps: '$line'"
    done < <(screen)
}
# once REGEX: exactly one line on screen matches.
once() {
    local n
    n=$(screen | grep -cE -- "$1" || true)
    [[ $n == 1 ]] || fail "$cols columns: '$1' on $n lines, not 1: $(screen)"
}

# term_session COLS: plays the short routine in a real terminal and drives
# it with keys, checking the screen after each.
term_session() {
    cols=$1
    tmux_start "$cols"
    # A short command line: bash echoes it again at fg.
    printf '#!/bin/sh\nexec %s "%s" play --headless "%s"\n' "${PACED[*]}" "$rollout" "$tmp/term.roll" >"$tmp/r"
    chmod +x "$tmp/r"
    wait_screen '^\$ $'
    tmux_cmd send-keys "cd '$tmp' && clear && ./r" Enter
    wait_screen '^Test: terminal.*LISTEN 0:[0-9]{2}'
    wait_screen '^spc|^space pause'
    fits
    # Esc, F1, Home and Alt+x are not q: the session plays on, and n still works.
    tmux_cmd send-keys Escape
    tmux_cmd send-keys F1 Home M-x
    tmux_cmd send-keys n
    wait_screen '^1/2 Calves, left  '
    ! screen | grep -qE 'Stopped (in .* )?at' || fail "$cols columns: an escape sequence quit"
    # The phase's word in its colour (an SGR colour just before it).
    wait_for 10 coloured || fail "$cols columns: the phase's word has no colour: $(tmux_cmd capture-pane -p -e | head -1 | cat -v)"
    # s: the other side of the step, not the next step; p back to its start.
    tmux_cmd send-keys s
    wait_screen '^1/2 Calves, right  '
    tmux_cmd send-keys p
    wait_screen '^1/2 Calves, left  '
    # Ctrl-Z, then fg: raw keys at once (space pauses without Enter), redrawn.
    tmux_cmd send-keys C-z
    wait_screen 'Stopped +\./r$'
    tmux_cmd send-keys fg Enter
    wait_screen '^1/2 Calves, left  ' 10
    tmux_cmd send-keys ' '
    wait_screen '^PAUSED'
    tmux_cmd send-keys ' '
    wait_gone '^PAUSED'
    # A minute on: one status line, updated in place, and the keys still
    # there. (On the wall clock, that minute is test_show's to prove.)
    if ! real_clock; then
        wait_screen "  (1:0[0-9])(/$total)?\$" 30
        fits
        once '^1/2 Calves'
        once '^spc|^space pause'
    fi
    # Narrower: SIGWINCH, and the block fits the new width at once.
    if ((cols > 40)); then
        tmux_cmd resize-window -x 50
        cols=50
        wait_screen '^spc pause p back n next'
        fits
        once '^1/2 Calves'
    fi
    # s on the second side: the next step. The calves were left by a
    # jump, never played to their end, and the back not at all.
    tmux_cmd send-keys s
    wait_screen '^1/2 Calves, right'
    tmux_cmd send-keys s
    wait_screen '^2/2 Upper back'
    tmux_cmd send-keys q
    wait_screen '0 of 2 steps completed\.'
    screen | grep -qE "^Stopped in Upper back at [12]:[0-9]{2} of $total:" || fail "$cols columns: $(screen)"
    fits
    tmux_cmd kill-server
    echo "$cols columns: fits, updates in place, keys after Esc and Ctrl-Z"
}

command -v tmux >/dev/null || fail "tmux is missing: install it (scripts/setup)"
term_session 80 >"$tmp/80.log" 2>&1 &
p80=$!
term_session 40 >"$tmp/40.log" 2>&1 &
p40=$!
ok=1
wait $p80 || ok=0
wait $p40 || ok=0
cat "$tmp/80.log" "$tmp/40.log"
((ok)) || fail "the terminal view"
