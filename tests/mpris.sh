#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# mpris.sh CASE ROLLOUT AUDIOCHECK — rollout as a media player on a private
# session bus, driven by real clients: playerctl (as a headset, a phone
# remote or the desktop's widget would) and busctl. Each case checks the
# engine's real state: the frame it stands on, the title of the part heard,
# the gain in the sound it made.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
case_name=$1
rollout=$2
audiocheck=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
short=$here/routines/short.roll
tmp=$(mktemp -d)
# Settings, the resume point and the history go to this run's own folders:
# never the real home, and never another test's (a remembered volume would
# change what the next play sounds like).
export XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state
pids=()
bus_pid=
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    [[ -z $bus_pid ]] || kill "$bus_pid" 2>/dev/null || true
    [[ -n ${KEEP:-} ]] || rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    for f in "$tmp"/*.err; do [[ -s $f ]] && { echo "--- $f" >&2; tail -5 "$f" >&2; }; done
    exit 1
}

for tool in dbus-daemon playerctl busctl; do
    command -v "$tool" >/dev/null || fail "$tool is missing: scripts/setup installs dbus and playerctl"
done

# A session bus of the test's own: never the machine's.
{ read -r DBUS_SESSION_BUS_ADDRESS; read -r bus_pid; } < <(dbus-daemon --session --fork \
    --print-address=1 --print-pid=1)
export DBUS_SESSION_BUS_ADDRESS
unset XDG_RUNTIME_DIR # so nothing finds another bus

# The remotes' routine: the short routine's steps, each part 40 s or more
# (5 s on the paced clock), so that no command meant for one part lands in
# the next, however busy the machine.
remote=$tmp/remote.roll
cat >"$remote" <<'ROLL'
routine "Test: remote"
pace 1s
say 40s intro.pace "Go slowly. Move no more than one inch with each click."
step calves "Calves" area=calf sides=both
  announce calves.next "Next, your calves."
  roll 40s calves.roll1 "Move your leg so the ball rolls up and down your calf. One inch each click."
step back "Upper back" area=upper-back
  announce intro.pace "Go slowly. Move no more than one inch with each click."
  roll 40s
ROLL

player=org.mpris.MediaPlayer2.rollout
path=/org/mpris/MediaPlayer2

# until_ok WHAT COMMAND... — runs COMMAND until it succeeds, for 20 s at most.
until_ok() {
    local what=$1 deadline=$((SECONDS + 20))
    shift
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || fail "gave up waiting for $what"
        sleep 0.05
    done
}
is() { [[ $("${@:2}" 2>/dev/null) == "$1" ]]; }
own() { busctl --user get-property "$player" "$path" org.rollout.Session1 "$1" | cut -d' ' -f2; }
plan_frame() { # the frame a step begins at, from plan --tsv
    "$rollout" plan --tsv "$remote" | awk -F'\t' -v id="$1" '$3 == "step" && split($4, d, " ") && d[2] == id { print $1 }'
}
frame_past() { (($(own Frame) > $1)); }
# The frame heard, once it has stood still for 0.3 s (paused, it must).
still_frame() {
    local a b deadline=$((SECONDS + 10))
    a=$(own Frame)
    for _ in 1 2 3; do
        sleep 0.1
        b=$(own Frame)
        [[ $a == "$b" ]] || { ((SECONDS < deadline)) || fail "paused, yet the frame moves: $a, $b"; still_frame; return; }
    done
    echo "$a"
}

start_play() { # start_play NAME ARGS... — headless, on the paced clock
    "${PACED[@]}" SDL_DISKAUDIOFILE="$tmp/$1.raw" timeout -k 5 120 \
        "$rollout" play --headless "${@:2}" </dev/null >"$tmp/$1.log" 2>"$tmp/$1.err" &
    pids+=($!)
}

case $case_name in
transport)
    start_play a "$remote"
    pid=${pids[-1]}
    until_ok "rollout on the bus" is Playing playerctl -p rollout status

    # What a remote finds: the interfaces, the verbs, rollout's own Hold.
    busctl --user introspect "$player" "$path" >"$tmp/introspect"
    for want in 'org.mpris.MediaPlayer2 ' 'org.mpris.MediaPlayer2.Player ' 'org.rollout.Session1 ' \
        '.PlayPause ' '.Next ' '.Previous ' '.Hold ' '.Seeked ' '.Metadata '; do
        grep -qF -- "$want" "$tmp/introspect" || fail "introspect lacks '$want'"
    done
    root() { busctl --user get-property "$player" "$path" org.mpris.MediaPlayer2 "$1"; }
    [[ $(root Identity) == 's "rollout"' ]] || fail "Identity: $(root Identity)"
    [[ $(root CanRaise) == "b false" ]] || fail "headless, yet CanRaise: $(root CanRaise)"
    [[ $(root CanQuit) == "b true" && $(root HasTrackList) == "b false" ]] || fail "CanQuit/HasTrackList"
    [[ $(playerctl metadata title) == Introduction ]] || fail "title: $(playerctl metadata title)"
    [[ $(playerctl metadata album) == "Test: remote" ]] || fail "album: $(playerctl metadata album)"

    # Every change a remote shows, as a remote hears of it.
    timeout 60 playerctl --follow metadata --format '{{status}}|{{title}}|{{volume}}' \
        >"$tmp/follow" 2>/dev/null &
    pids+=($!)
    until_ok "the follower" grep -q 'Playing|Introduction' "$tmp/follow"

    # Pause: the session stands at one frame.
    playerctl pause
    until_ok "Paused" is Paused playerctl status
    f1=$(still_frame)
    # Next and previous land on the steps' first frames, exactly.
    calves=$(plan_frame calves) back=$(plan_frame back)
    playerctl next
    until_ok "the calves" is "Calves — left" playerctl metadata title
    [[ $(still_frame) == "$calves" ]] || fail "next: at frame $(own Frame), not $calves"
    [[ $(playerctl position) == 0.000000 ]] || fail "position at a step's start: $(playerctl position)"
    ((calves > f1)) || fail "paused at $f1, after the calves at $calves"
    playerctl next
    until_ok "the upper back" is "Upper back" playerctl metadata title
    [[ $(still_frame) == "$back" ]] || fail "next: at frame $(own Frame), not $back"
    playerctl previous
    until_ok "back to the calves" is "Calves — left" playerctl metadata title
    [[ $(still_frame) == "$calves" ]] || fail "previous: at frame $(own Frame), not $calves"

    # Volume in the keys' 3 dB steps: 0.5 is -6 dB; a nudge down is a step.
    playerctl volume 0.5
    until_ok "-6 dB" is 0.501187 playerctl volume
    playerctl volume 0.05-
    until_ok "-9 dB" is 0.354813 playerctl volume
    playerctl volume 1

    # Hold while getting ready: not now, and said so.
    len=$(own Length)
    mlen=$(playerctl metadata mpris:length)
    ! busctl --user call "$player" "$path" org.rollout.Session1 Hold 2>"$tmp/hold.err" ||
        fail "hold while getting ready was taken"
    grep -q 'cannot do that now' "$tmp/hold.err" || fail "hold refused how? $(cat "$tmp/hold.err")"
    # Hold while rolling: ten seconds more of this side of the calves, and
    # of the session.
    playerctl play
    until_ok "Playing" is Playing playerctl status
    until_ok "the roll" is '"roll"' own Phase
    busctl --user call "$player" "$path" org.rollout.Session1 Hold
    until_ok "a longer session" is $((len + 480000)) own Length
    [[ $(playerctl metadata mpris:length) == $((mlen + 10000000)) ]] ||
        fail "hold: the part is $(playerctl metadata mpris:length) us, not $mlen + 10 s"

    # Stop ends the session as q does.
    playerctl stop
    wait "$pid" || fail "play exited $? after Stop"
    grep -qE '^Stopped (in .* )?at 0:' "$tmp/a.log" || fail "no summary: $(cat "$tmp/a.log")"
    ! playerctl -p rollout status >/dev/null 2>&1 || fail "still on the bus after it ended"
    for want in 'Paused|Introduction|1.0' 'Paused|Calves — left|1.0' 'Paused|Upper back|1.0' \
        'Paused|Calves — left|0.50' 'Paused|Calves — left|0.35' 'Playing|Calves — left|1.0'; do
        grep -qF "$want" "$tmp/follow" || fail "no change to '$want' was announced: $(cat "$tmp/follow")"
    done
    ;;
gain)
    # The volume a remote sets is the gain in the sound: the live output
    # against a render at 0 dB, click for click. Twice real time: the
    # volume must land within the three seconds between two clicks.
    pace 40
    "$rollout" render --mute voice --bits 32 -o "$tmp/ref.wav" "$short"
    "$audiocheck" peaks "$tmp/ref.wav" >"$tmp/ref"
    start_play g --mute voice "$short"
    pid=${pids[-1]}
    until_ok "rollout on the bus" is Playing playerctl -p rollout status
    first=$(head -1 "$tmp/ref" | cut -d' ' -f1)
    # The first roll's six clicks, a second apart: three or so at 0 dB, the
    # rest at -6 dB, then stop in the hold that follows (no clicks there).
    until_ok "the third click" frame_past $((first + 5 * 48000 / 2))
    playerctl volume 0.5
    until_ok "the sixth click" frame_past $((first + 11 * 48000 / 2))
    playerctl stop
    wait "$pid" || fail "play exited $?"
    "$audiocheck" peaks "$tmp/g.raw" >"$tmp/live"
    # Sound for sound from the start: the same routine from the same frame.
    paste -d' ' "$tmp/live" <(head -n "$(wc -l <"$tmp/live")" "$tmp/ref") |
        awk '{ printf "%.4f\n", $2 / $4 }' >"$tmp/ratios"
    n=$(wc -l <"$tmp/ratios")
    ((n >= 6)) || fail "only $n sounds in the live output: $(tr '\n' ' ' <"$tmp/ratios")"
    [[ $(head -1 "$tmp/ratios") == 1.0000 ]] || fail "before: gain $(head -1 "$tmp/ratios")"
    [[ $(tail -1 "$tmp/ratios") == 0.5012 ]] || fail "after: gain $(tail -1 "$tmp/ratios"), not 0.5012"
    # Each sound at one gain or the other, but for one the change fell in.
    odd=$(grep -cvE '^(1\.0000|0\.5012)$' "$tmp/ratios" || true)
    ((odd <= 1)) || fail "$odd sounds at neither gain: $(tr '\n' ' ' <"$tmp/ratios")"
    ;;
instances)
    # A second rollout takes the name with its instance suffix; both answer.
    start_play one "$remote"
    until_ok "the first" is Playing playerctl -p rollout status
    start_play two "$remote"
    second() { playerctl -l | grep -q '^rollout.instance[0-9]'; }
    until_ok "the second" second
    two=$(playerctl -l | grep '^rollout.instance[0-9]')
    [[ $(wc -l <<<"$two") == 1 ]] || fail "more than one instance: $two"
    until_ok "the second" is Playing playerctl -p "$two" status
    playerctl -p "$two" pause
    until_ok "the second paused" is Paused playerctl -p "$two" status
    [[ $(playerctl -p rollout status) == Playing ]] || fail "pausing the second paused the first"
    playerctl -a stop
    for p in "${pids[@]}"; do wait "$p" || fail "play exited $?"; done
    pids=()
    ;;
no_bus)
    # No session bus (ssh, a text console): play as ever, and say nothing,
    # or one line with --verbose.
    export DBUS_SESSION_BUS_ADDRESS=unix:path=$tmp/no-bus
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
        timeout -k 5 60 "$rollout" play --headless "$short" </dev/null >"$tmp/q.log" 2>"$tmp/q.err" ||
        fail "play exited $?"
    # (SDL's disk driver says where it writes: that is SDL, not rollout.)
    grep -v '^CRITICAL: ' "$tmp/q.err" >"$tmp/q.said" || true
    [[ ! -s $tmp/q.said ]] || fail "without a bus, play said: $(cat "$tmp/q.said")"
    grep -q '^Session complete' "$tmp/q.log" || fail "no summary: $(cat "$tmp/q.log")"
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
        timeout -k 5 60 "$rollout" play -v --headless "$short" </dev/null >"$tmp/v.log" 2>"$tmp/v.err" ||
        fail "play -v exited $?"
    grep -v '^CRITICAL: ' "$tmp/v.err" >"$tmp/v.said" || true
    [[ $(wc -l <"$tmp/v.said") == 1 ]] && grep -q '^rollout: no session bus' "$tmp/v.said" ||
        fail "--verbose without a bus: $(cat "$tmp/v.said")"
    ;;
window)
    # The window on a virtual X server: media keys act in it, CanRaise is
    # true, and a press the desktop also sends over MPRIS acts once.
    command -v xvfb-run >/dev/null && command -v xdotool >/dev/null ||
        fail "xvfb-run and xdotool are missing (scripts/setup installs them)"
    cat >"$tmp/x.sh" <<'XSH'
set -euo pipefail
rollout=$1 short=$2 tmp=$3
. "$4"
"${PACED[@]}" "$rollout" play "$short" </dev/null >"$tmp/w.log" 2>"$tmp/w.err" &
pid=$!
wid=$(timeout 20 xdotool search --sync --onlyvisible --name '^rollout' | head -1)
xdotool windowfocus --sync "$wid"
wait_is() { local d=$((SECONDS + 20)); until [[ $("${@:2}" 2>/dev/null) == "$1" ]]; do
    ((SECONDS < d)) || { echo "gave up waiting for $1 from ${*:2}" >&2; kill $pid; exit 1; }; sleep 0.05; done; }
wait_is Playing playerctl -p rollout status
busctl --user get-property org.mpris.MediaPlayer2.rollout /org/mpris/MediaPlayer2 \
    org.mpris.MediaPlayer2 CanRaise >"$tmp/canraise"
xdotool key XF86AudioPlay
wait_is Paused playerctl -p rollout status
xdotool key XF86AudioNext
wait_is "Calves — left" playerctl -p rollout metadata title
# One press, two paths: the key in the window and PlayPause over the bus.
# playerctl returns once rollout has answered, so the bus's press is in;
# the window takes keys in the order sent, so once Next has moved on, the
# key's press is in too.
xdotool key XF86AudioPlay
playerctl -p rollout play-pause
xdotool key XF86AudioNext
wait_is "Upper back" playerctl -p rollout metadata title
playerctl -p rollout status >"$tmp/after-echo"
busctl --user call org.mpris.MediaPlayer2.rollout /org/mpris/MediaPlayer2 org.mpris.MediaPlayer2 Raise
xdotool key XF86AudioStop
wait $pid
XSH
    # With a session bus there, SDL itself opens libdbus and the X libraries
    # with dlopen and closes them at quit, so LeakSanitizer cannot name what
    # they keep: the headless cases check rollout's own leaks on the bus.
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
    env -u SDL_VIDEODRIVER timeout -k 5 90 xvfb-run -a -s "-screen 0 1280x800x24" bash "$tmp/x.sh" "$rollout" "$remote" "$tmp" "$here/lib.sh" ||
        fail "the window session failed: $(cat "$tmp/w.err" 2>/dev/null)"
    [[ $(cat "$tmp/canraise") == "b true" ]] || fail "with a window, CanRaise: $(cat "$tmp/canraise")"
    [[ $(cat "$tmp/after-echo") == Playing ]] ||
        fail "a media key sent both ways toggled twice: $(cat "$tmp/after-echo")"
    grep -qE '^Stopped (in .* )?at' "$tmp/w.log" || fail "the stop key did not end it: $(cat "$tmp/w.log")"
    ;;
*)
    fail "no case $case_name"
    ;;
esac
echo "ok: $case_name"
