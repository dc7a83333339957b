#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The real window on a virtual X server, with the real event loop, on the
# paced clock: it opens, real key presses reach it through X (pause,
# resume; hold while getting ready, which says hold is for rolling and
# holding and leaves the session as long as it was), full screen fills the
# screen with no window manager and going back leaves it as it was, q quits
# it and SIGTERM ends it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

command -v xvfb-run >/dev/null || fail "xvfb-run is missing: install xvfb and xauth (scripts/setup)"
command -v xdotool >/dev/null || fail "xdotool is missing: install it (scripts/setup)"
command -v xwd >/dev/null && command -v pamcut >/dev/null ||
    fail "xwd and pamcut are missing: install x11-apps and netpbm (scripts/setup)"
total=$("$rollout" plan --tsv "$short" | awk -F'\t' '$3 == "end" { printf "%d", $1 / 48000 }')
want=$(printf '%d:%02d' $((total / 60)) $((total % 60)))
cat >"$tmp/x.sh" <<'XSH'
set -euo pipefail
rollout=$1 short=$2 tmp=$3
. "$4"
# window: waits for rollout's window to be on screen, showing a session
# (its title names the step once the view has drawn), and gives it the
# keyboard.
window() {
    wid=$(timeout 20 xdotool search --sync --onlyvisible --name '^rollout' | head -1)
    [[ -n $wid ]] || fail "no window appeared"
    xdotool windowfocus --sync "$wid"
    wait_for 20 titled || fail "the window names no step: '$(xdotool getwindowname "$wid")'"
}
titled() { [[ $(xdotool getwindowname "$wid") == "rollout - "* ]]; }
# buttons: the row of buttons as drawn now (Pause reads Resume when paused).
buttons() { xwd -id "$wid" -silent | xwdtopnm 2>/dev/null | pamcut -bottom -1 -height 90 | md5sum; }
size() { xwininfo -id "$wid" | awk '/Width|Height/ { printf "%s ", $2 }'; }
differs() { [[ $("$1") != "$2" ]]; }
# edges: where the picture on the screen is, "left right top bottom": the
# outermost pixels unlike the one in the screen's bottom right corner.
edges() {
    xwd -root -silent | xwdtopnm 2>/dev/null | python3 -c '
import sys
data = sys.stdin.buffer.read()
fields, at = [], 0
while len(fields) < 4:  # P6 width height maxval, then one byte of space
    while data[at:at + 1].isspace():
        at += 1
    end = at
    while not data[end:end + 1].isspace():
        end += 1
    fields.append(data[at:end])
    at = end
w, h = int(fields[1]), int(fields[2])
px = data[at + 1:]
corner = px[-3:]
xs, ys = [], []
for y in range(0, h, 2):
    row = px[3 * w * y:3 * w * (y + 1)]
    for x in range(0, w, 2):
        if row[3 * x:3 * x + 3] != corner:
            xs.append(x)
            ys.append(y)
print(min(xs), max(xs), min(ys), max(ys))'
}
whole() {
    [[ $(size) == "1280 800 " ]] || return 1
    local l r t b
    read -r l r t b < <(edges)
    ((l > 0 && l < 60 && r < 1278 && r > 1220 && t > 0 && t < 60 && b < 798 && b > 740))
}
# This run at about twice real speed: its first 7.5 s (getting ready and a
# rest) outlast the keys before h even on a loaded machine.
pace 40
"${PACED[@]}" "$rollout" play --start-at back "$short" </dev/null >"$tmp/log1" 2>"$tmp/err1" &
pid=$!
pace 10
window
# The title as WM_NAME holds it (a Latin-1 property): readable as it is.
xdotool getwindowname "$wid" >"$tmp/title"
playing=$(buttons)
xdotool key space
wait_for 10 differs buttons "$playing" || fail "space did not pause: the buttons stayed as they were"
paused=$(buttons)
xdotool key space
wait_for 10 differs buttons "$paused" || fail "space again did not resume: the buttons still say paused"
xdotool key h
wait_line "$tmp/log1" 'hold works while rolling or holding'
# Over, the window stays: q closes it.
wait_line "$tmp/log1" '\] over: ' 60
xdotool key q
wait $pid
"${PACED[@]}" "$rollout" play "$short" </dev/null >"$tmp/log2" 2>"$tmp/err2" &
pid=$!
window
# Full screen and back, with no window manager to put the window back: the
# row of buttons is drawn again exactly where it was, at the window's size.
# (Full screen, the row reads otherwise: that is how the test sees it.)
looks() { echo "$(size)$(buttons)"; }
as_before() { [[ $(looks) == "$before" ]]; }
before=$(looks)
drawn=$(buttons)
xdotool key f
wait_for 10 differs buttons "$drawn" || fail "f changed nothing on the button row"
# ...and full screen is the whole screen, drawn for it: the window is the
# screen's size, and the picture fills it whole, a margin from each edge
# (drawn for the screen into the window as it was, its title and the
# Quit button were cut off).
wait_for 10 whole || fail "full screen: the window is $(size)(the screen 1280 800); the picture's edges $(edges)"
xdotool key f
wait_for 10 as_before || fail "left full screen: $(looks), was $before"
xdotool key q
wait $pid
"${PACED[@]}" "$rollout" play "$short" </dev/null >"$tmp/log3" 2>"$tmp/err3" &
pid=$!
window
kill -TERM $pid
wait $pid
# Over, the window stays and offers Again (space) and Quit (q): space plays
# the session again from its start, q ends it.
"${PACED[@]}" "$rollout" play --start-at back "$short" </dev/null >"$tmp/log6" 2>"$tmp/err6" &
pid=$!
window
wait_line "$tmp/log6" '\] over: ' 60
kill -0 $pid # the session is over; the window stays
xdotool key space
wait_line "$tmp/log6" 'again, from the start'
xdotool key q
wait $pid
# No font: no window without words, no sound; a clear error instead.
rc=0
ROLLOUT_FONT=$tmp/none.ttf "$rollout" play "$short" </dev/null >"$tmp/log4" 2>"$tmp/err4" || rc=$?
echo "$rc" >"$tmp/rc4"
# --headless on a display: no window is tried (so no font is needed).
ROLLOUT_FONT=$tmp/none.ttf SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
    "$rollout" play --headless "$short" </dev/null >"$tmp/log5" 2>"$tmp/err5"
XSH
# Under AddressSanitizer, X11, D-Bus and Mesa's GL drivers leak a little at
# exit; the window's own code is leak-checked by test_window.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
env -u SDL_VIDEODRIVER SDL_AUDIODRIVER=dummy timeout -k 5 200 \
    xvfb-run -a -s "-screen 0 1280x800x24" bash "$tmp/x.sh" "$rollout" "$short" "$tmp" "$here/lib.sh" ||
    fail "the window session failed: $(cat "$tmp"/err* 2>/dev/null)"
grep -q 'again, from the start' "$tmp/log6" || fail "Again: $(cat "$tmp/log6" "$tmp/err6")"
# Each run says its own steps: the first, from the back, played its one
# step whole; the second was quit at once, in its introduction (the
# short one: the history has the routine by then).
grep -qE '^Stopped (in .* )?at [0-9:]+ of 1:[0-9][0-9]: 0 of 2 steps completed\.$' "$tmp/log6" ||
    fail "after Again, the summary is not the second run's: $(tail -2 "$tmp/log6")"
grep -q "Session complete: 1 of 2 steps, $want\." "$tmp/log1" ||
    fail "expected a $want session: $(tail -2 "$tmp/log1") $(cat "$tmp/err1")"
grep -qE 'Stopped (in .* )?at' "$tmp/log2" || fail "q did not stop: $(cat "$tmp/log2" "$tmp/err2")"
grep -qE 'Stopped (in .* )?at' "$tmp/log3" || fail "SIGTERM: $(cat "$tmp/log3" "$tmp/err3")"
[[ $(cat "$tmp/title") == "rollout - Upper back" ]] || fail "WM_NAME: $(od -c "$tmp/title" | head -3)"
[[ $(cat "$tmp/rc4") == 4 ]] || fail "no font: exit $(cat "$tmp/rc4"), expected 4"
grep -q '^rollout: .*font.*--headless' "$tmp/err4" || fail "no font: $(cat "$tmp/err4")"
! grep -q 'Session\|Stopped' "$tmp/log4" || fail "no font, yet a session played"
grep -q 'Session complete' "$tmp/log5" || fail "--headless: $(cat "$tmp/log5" "$tmp/err5")"
