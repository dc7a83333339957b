#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# play with no routine named, the real window on a virtual X server: the
# start screen first, nothing played; keys mark the calves and the
# hamstrings and choose 8 minutes; Start plays exactly those, both sides;
# Again comes back to the start screen, and Start plays them again. The
# choice is kept in rollout.conf: the next play's start screen opens with
# it, and Start alone plays the same.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

command -v xvfb-run >/dev/null || fail "xvfb-run is missing: install xvfb and xauth (scripts/setup)"
command -v xdotool >/dev/null || fail "xdotool is missing: install it (scripts/setup)"
cat >"$tmp/x.sh" <<'XSH'
set -euo pipefail
rollout=$1 tmp=$2
. "$3"
# window: waits for rollout's window to be on screen, and gives it the
# keyboard. Keys sent before the start screen is drawn wait in the queue.
window() {
    wid=$(timeout 20 xdotool search --sync --onlyvisible --name '^rollout' | head -1)
    [[ -n $wid ]] || fail "no window appeared"
    xdotool windowfocus --sync "$wid"
}
# The start screen's title is rollout alone; a session's names its step.
choosing() { [[ $(xdotool getwindowname "$wid") == rollout ]]; }
overs() { (($(grep -c '\] over: ' "$1") >= $2)); }
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
    "$rollout" play </dev/null >"$tmp/log" 2>"$tmp/err" &
pid=$!
window
xdotool key Down Down space Down Down space Right Right Return
wait_line "$tmp/log" '\] over: ' 60
cp "$tmp/log" "$tmp/first"
# Again, and Start once the start screen is back.
xdotool key space
wait_for 20 choosing || fail "Again did not open the start screen: '$(xdotool getwindowname "$wid")'"
xdotool key Return
wait_for 60 overs "$tmp/log" 2 || fail "Start played no second session: $(cat "$tmp/log")"
xdotool key q
wait $pid
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
    "$rollout" play </dev/null >"$tmp/log2" 2>"$tmp/err2" &
pid=$!
window
xdotool key Return
wait_line "$tmp/log2" '\] over: ' 60
xdotool key q
wait $pid
XSH
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
env -u SDL_VIDEODRIVER timeout -k 5 200 \
    xvfb-run -a -s "-screen 0 1280x800x24" bash "$tmp/x.sh" "$rollout" "$tmp" "$here/lib.sh" ||
    fail "the start screen session failed: $(cat "$tmp/err" 2>/dev/null)"
# Nothing played before Start: the first session's log is the chosen
# session's alone, from its introduction on.
[[ $(head -1 "$tmp/first") == "[0:00] introduction" && $(grep -c introduction "$tmp/first") == 1 ]] ||
    fail "played before Start: $(cat "$tmp/first")"
grep -o 'step [0-9]/[0-9]: [A-Za-z ]*, [a-z]*' "$tmp/first" >"$tmp/steps"
printf '%s\n' 'step 1/2: Calves, left' 'step 1/2: Calves, right' \
    'step 2/2: Hamstrings, left' 'step 2/2: Hamstrings, right' | diff - "$tmp/steps" ||
    fail "played: $(cat "$tmp/first")"
n=$(grep -cE '^rollout: Sore today: calves and hamstrings, (7:59|8:00) \(fitted to 8:00' "$tmp/err" || true)
((n == 2)) || fail "not announced twice: $(cat "$tmp/err")"
(($(grep -o 'step [0-9]/[0-9]: [A-Za-z ]*, [a-z]*' "$tmp/log" | sort -u | wc -l) == 4)) ||
    fail "Again played other steps: $(cat "$tmp/log")"
conf=${XDG_CONFIG_HOME:?}/rollout/rollout.conf
grep -qx 'start-areas = calf,hamstring' "$conf" && grep -qx 'start-minutes = 8' "$conf" ||
    fail "the choice was not kept: $(cat "$conf" 2>&1)"
grep -o 'step [0-9]/[0-9]: [A-Za-z ]*, [a-z]*' "$tmp/log2" | diff - "$tmp/steps" ||
    fail "the kept choice played: $(cat "$tmp/log2" "$tmp/err2")"
