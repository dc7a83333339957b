#!/usr/bin/env bash
# cli.sh CASE ROLLOUT AUDIOCHECK — the rollout command end to end, one case
# per ctest test. Each case fails with a message saying what was wrong.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case_name=$1
rollout=$2
audiocheck=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
short=$here/routines/short.roll
tmp=$(mktemp -d)
# Settings, the resume point and the history go to this run's own folders:
# never the real home, and never another test's (a remembered volume would
# change what the next play sounds like).
export XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state
trap 'rm -rf "$tmp"' EXIT

# plan_end ROUTINE [OPTION]... — the session's length in frames, from plan --tsv.
plan_end() {
    "$rollout" plan --tsv "$@" | awk -F'\t' '$3 == "end" { print $1 }'
}

# The clicks plan --tsv lists, against the onsets in a render with the voice
# muted: the same frames, every one.
clicks_match_plan() {
    local routine=$1
    "$rollout" plan --tsv "$routine" | awk -F'\t' '$3 == "click" { print $1 }' >"$tmp/plan"
    "$rollout" render --mute voice --bits 32 -o "$tmp/clicks.wav" "$routine"
    "$audiocheck" onsets "$tmp/clicks.wav" >"$tmp/onsets"
    local n
    n=$(wc -l <"$tmp/plan")
    ((n > 0)) || fail "plan of $routine lists no clicks"
    diff -q "$tmp/plan" "$tmp/onsets" >/dev/null ||
        fail "$routine: click onsets differ from plan: $(diff "$tmp/plan" "$tmp/onsets" | head -5)"
    echo "$routine: $n clicks, every onset at its planned frame"
}

# ---- a real terminal: tmux, read back with capture-pane ----

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
# screen: the window as it is now, wrapped lines joined into one.
screen() { tmux_cmd capture-pane -p -J; }
# wait_screen REGEX [SECONDS]: until the screen shows REGEX, or fail.
wait_screen() {
    local deadline=$((SECONDS + ${2:-20}))
    until screen | grep -qE -- "$1"; do
        ((SECONDS < deadline)) || fail "$cols columns: no '$1' on screen: $(screen)"
        sleep 0.1
    done
}
# wait_gone REGEX: until the screen no longer shows REGEX, or fail.
wait_gone() {
    local deadline=$((SECONDS + 10))
    while screen | grep -qE -- "$1"; do
        ((SECONDS < deadline)) || fail "$cols columns: '$1' still on screen: $(screen)"
        sleep 0.1
    done
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
    printf '#!/bin/sh\nSDL_AUDIODRIVER=dummy exec "%s" play --headless "%s"\n' "$rollout" "$short" >"$tmp/r"
    chmod +x "$tmp/r"
    wait_screen '^\$ $'
    tmux_cmd send-keys "cd '$tmp' && clear && ./r" Enter
    wait_screen '^Test: short.*LISTEN 0:0[0-9]'
    wait_screen '^spc|^space pause'
    fits
    # Esc, F1, Home and Alt+x are not q: the session plays on, and n still works.
    tmux_cmd send-keys Escape
    tmux_cmd send-keys F1 Home M-x
    tmux_cmd send-keys n
    wait_screen '^1/2 Calves, left  '
    ! screen | grep -qE 'Stopped (in .* )?at' || fail "$cols columns: an escape sequence quit"
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
    # A minute on: one status line, updated in place, and the keys still there.
    wait_screen '  (1:0[0-9])(/1:26)?$' 90
    fits
    once '^1/2 Calves'
    once '^spc|^space pause'
    # Narrower: SIGWINCH, and the block fits the new width at once.
    if ((cols > 40)); then
        tmux_cmd resize-window -x 50
        cols=50
        wait_screen '^spc pause n/p step'
        fits
        once '^1/2 Calves'
    fi
    # s on the second side: the next step. The calves were left by a
    # jump, never played to their end, and the back not at all.
    tmux_cmd send-keys s
    wait_screen '^2/2 Upper back'
    tmux_cmd send-keys q
    wait_screen '0 of 2 steps completed\.'
    screen | grep -qE '^Stopped in Upper back at 1:[01][0-9] of 1:26:' || fail "$cols columns: $(screen)"
    fits
    tmux_cmd kill-server
    echo "$cols columns: fits, updates in place, keys after Esc and Ctrl-Z"
}

case $case_name in
terminal)
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
    ;;
usage)
    expect_exit 0 "$rollout" --help
    grep -q '^Usage: rollout' "$tmp/out" || fail "--help prints no usage"
    grep -q 'Exit status' "$tmp/out" || fail "--help does not document exit codes"
    # A command whose name fills its column has its words on the next line,
    # not run into it.
    grep -qx '  voice ROUTINE \[CUE\]\.\.\.' "$tmp/out" || fail "--help: $(grep '^  voice' "$tmp/out")"
    expect_exit 0 "$rollout" --version
    grep -qE '^rollout [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/out" || fail "--version: $(cat "$tmp/out")"
    expect_exit 2 "$rollout"
    expect_exit 2 "$rollout" dance
    grep -q "unknown command 'dance'" "$tmp/err" || fail "unknown command: $(cat "$tmp/err")"
    expect_exit 2 "$rollout" --rate 12 plan "$short"
    expect_exit 2 "$rollout" --mute drums plan "$short"
    expect_exit 2 "$rollout" --pace 0.1 plan "$short"
    expect_exit 2 "$rollout" render "$short"
    expect_exit 2 "$rollout" render -o "$tmp/x.mp4" "$short"
    grep -q "x.mp4" "$tmp/err" || fail "bad extension error does not name the file"
    expect_exit 2 "$rollout" --start-at nowhere render -o "$tmp/x.wav" "$short"
    expect_exit 1 "$rollout" plan "$tmp/none.roll"
    grep -q "none.roll" "$tmp/err" || fail "missing routine error does not name it"
    # Every message starts with rollout:, never the path the program was run by.
    says() { # says REGEX: stderr matches, and each of its lines is rollout's
        grep -qE -- "$1" "$tmp/err" || fail "expected '$1' in: $(cat "$tmp/err")"
        ! grep -qv '^rollout: ' "$tmp/err" || fail "a line not from rollout: $(cat "$tmp/err")"
        ! grep -qF "$rollout" "$tmp/err" || fail "the program's path in a message: $(cat "$tmp/err")"
    }
    # Did you mean, for commands and options.
    expect_exit 2 "$rollout" plya
    says "unknown command 'plya'; did you mean 'play'\?"
    expect_exit 2 "$rollout" --volme 3 plan "$short"
    says "unknown option '--volme'; did you mean '--volume'\?"
    expect_exit 2 "$rollout" plan --tvs "$short"
    says "did you mean '--tsv'\?"
    expect_exit 2 "$rollout" plan --rate
    says "--rate needs a value"
    expect_exit 2 "$rollout" -x plan
    says "unknown option '-x'"
    # No command: every command listed, record among them.
    expect_exit 2 "$rollout"
    head -1 "$tmp/err" | grep -q '^rollout: no command given' || fail "no command: $(cat "$tmp/err")"
    for c in play render shot plan check cues record list new devices; do
        grep -qE "^  $c( |$)" "$tmp/err" || fail "'$c' not listed: $(cat "$tmp/err")"
    done
    # COMMAND --help: that command's usage and options, and only those.
    expect_exit 0 "$rollout" render --help
    grep -q '^Usage: rollout render ' "$tmp/out" || fail "render --help: $(head -3 "$tmp/out")"
    grep -q -- '--bits' "$tmp/out" && ! grep -q -- '--tsv' "$tmp/out" || fail "render --help options"
    expect_exit 0 "$rollout" plan --help
    grep -q -- '--tsv' "$tmp/out" && ! grep -q -- '--bits' "$tmp/out" || fail "plan --help options"
    # The default routine when none is named, as play takes it.
    expect_exit 0 "$rollout" plan
    grep -q "^Runner's roll-out" "$tmp/out" || fail "plan: $(head -2 "$tmp/out")"
    expect_exit 0 "$rollout" cues
    expect_exit 0 "$rollout" shot --at 10 -o "$tmp/d.png"
    expect_exit 0 "$rollout" --fast 20 render -o "$tmp/d.wav"
    # plan --start-at: from that step on.
    "$rollout" plan --tsv --start-at back "$short" >"$tmp/from"
    sed -n 2p "$tmp/from" | grep -q $'\tstep\t2 back Upper back$' || fail "plan --start-at: $(head -3 "$tmp/from")"
    ! grep -q $'\tcalves.next' "$tmp/from" || fail "plan --start-at lists the step before"
    expect_exit 2 "$rollout" plan --start-at nowhere "$short"
    ;;
render_formats)
    # Each format in its default channels: stereo lossless, mono lossy (the
    # session is centred); every one the plan's length, MP3 too.
    end=$(plan_end "$short")
    for f in wav:2 flac:2 ogg:1 opus:1 mp3:1; do
        ext=${f%:*} ch=${f#*:}
        "$rollout" render -o "$tmp/s.$ext" "$short"
        "$audiocheck" info "$tmp/s.$ext" >"$tmp/info"
        grep -q "^rate 48000 channels $ch frames $end " "$tmp/info" || fail "$ext: $(cat "$tmp/info")"
    done
    "$audiocheck" header "$tmp/s.mp3" | grep -q '^container m1a ' || fail "not MPEG: $("$audiocheck" header "$tmp/s.mp3")"
    # --channels: either way in any format; mono is the stereo render's
    # left and right channels, frame for frame.
    "$rollout" render --channels 2 -o "$tmp/s2.mp3" "$short"
    "$audiocheck" info "$tmp/s2.mp3" | grep -q "channels 2 frames $end " || fail "--channels 2 mp3"
    "$rollout" render --channels 1 --bits 32 -o "$tmp/m.wav" "$short"
    "$rollout" render --bits 32 -o "$tmp/st.wav" "$short"
    "$audiocheck" mono "$tmp/m.wav" "$tmp/st.wav" || fail "mono is not the stereo render's channels"
    expect_exit 2 "$rollout" render --channels 3 -o "$tmp/x.wav" "$short"
    grep -q -- "--channels takes 1 or 2" "$tmp/err" || fail "--channels 3: $(cat "$tmp/err")"
    expect_exit 2 "$rollout" --rate 96000 render -o "$tmp/x.mp3" "$short"
    grep -q "MP3 holds" "$tmp/err" || fail "mp3 at 96 kHz: $(cat "$tmp/err")"
    # Lossless formats hold the same samples.
    frames_wav=$(awk '{print $6}' < <("$audiocheck" info "$tmp/s.wav"))
    frames_flac=$(awk '{print $6}' < <("$audiocheck" info "$tmp/s.flac"))
    [[ $frames_wav == "$frames_flac" ]] || fail "wav $frames_wav frames, flac $frames_flac"
    # The length is the plan's.
    end=$("$rollout" plan --tsv "$short" | awk -F'\t' '$3 == "end" { print $1 }')
    [[ $frames_wav == "$end" ]] || fail "render is $frames_wav frames, plan ends at $end"
    "$rollout" --rate 44100 render -o "$tmp/s44.wav" "$short"
    "$audiocheck" info "$tmp/s44.wav" | grep -q 'rate 44100' || fail "--rate 44100 not honoured"
    ;;
render_clicks_match_plan)
    clicks_match_plan "$short"
    for r in "$root"/routines/*.roll; do
        clicks_match_plan "$r"
    done
    # A pace override moves every click, and still exactly.
    "$rollout" --pace 1.5 plan --tsv "$short" | awk -F'\t' '$3 == "click"' >"$tmp/p15"
    grep -q . "$tmp/p15" || fail "no clicks with --pace 1.5"
    ;;
render_atomic)
    # A render that cannot finish leaves the old file as it was.
    echo "old contents" >"$tmp/keep.wav"
    chmod 555 "$tmp"
    if [[ $EUID == 0 ]]; then
        # root writes anywhere; make the folder vanish instead.
        chmod 755 "$tmp"
        expect_exit 3 "$rollout" render -o "$tmp/gone/s.wav" "$short"
    else
        expect_exit 3 "$rollout" render -o "$tmp/keep.wav" "$short"
        chmod 755 "$tmp"
    fi
    grep -q "cannot write" "$tmp/err" || fail "no clear error: $(cat "$tmp/err")"
    [[ $(cat "$tmp/keep.wav") == "old contents" ]] || fail "old file changed"
    leftovers=$(find "$tmp" -name '*.tmp-*' | wc -l)
    ((leftovers == 0)) || fail "temporary files left behind"
    # A render that succeeds replaces the old file in one step.
    "$rollout" render -o "$tmp/keep.wav" "$short"
    "$audiocheck" info "$tmp/keep.wav" >/dev/null || fail "new render unreadable"
    ;;
render_long_wav)
    # A WAV past 4 GiB is RF64, whose sizes are 64-bit, and reads back at its
    # full length; a plain WAV's 32-bit sizes would wrap. Both buses muted:
    # silence renders fast. 192 kHz float: 4 GiB in 47 minutes of session.
    printf 'routine "Long"\nstep a "A"\n  announce calves.next "Next, your calves."\n  hold 47m\n' >"$tmp/long.roll"
    end=$(plan_end "$tmp/long.roll" --rate 192000)
    "$rollout" render --rate 192000 --bits 32 --mute click --mute voice -o "$tmp/long.wav" "$tmp/long.roll"
    [[ $(head -c 4 "$tmp/long.wav") == RF64 ]] || fail "not RF64: $(head -c 4 "$tmp/long.wav" | od -c)"
    # The ds64 chunk's data size: every frame, two channels of four bytes.
    data=$(od -An -tu8 -j28 -N8 "$tmp/long.wav" | tr -d ' ')
    ((data == end * 8)) || fail "ds64 says $data bytes of data, expected $((end * 8))"
    ((data > 4294967295)) || fail "the session is under 4 GiB ($data bytes): it tests nothing"
    "$audiocheck" header "$tmp/long.wav" >"$tmp/h"
    [[ $(cat "$tmp/h") == "container rf64 rate 192000 channels 2 frames $end tail readable" ]] ||
        fail "read back: $(cat "$tmp/h"), expected $end frames"
    echo "RF64: $data bytes of data, $end frames read back"
    rm -f "$tmp/long.wav"
    # Under 4 GiB a WAV stays a plain one, which every program opens.
    "$rollout" render -o "$tmp/s.wav" "$short"
    [[ $(head -c 4 "$tmp/s.wav") == RIFF ]] || fail "a short render is not RIFF"
    ;;
render_interrupted)
    # SIGINT, SIGTERM or SIGHUP mid-render: the temporary file is removed,
    # the old file stays as it was, one line says so, and rollout ends killed
    # by the signal, as a shell expects (status 128 + its number).
    # Under an hour (no warning), at 192 kHz: FLAC takes many seconds of it.
    printf 'routine "Long"\nstep a "A"\n  announce calves.next "Next, your calves."\n  hold 59m\n' >"$tmp/long.roll"
    echo "old contents" >"$tmp/keep.flac"
    writing() { compgen -G "$tmp/keep.flac.tmp-*" >/dev/null; }
    for sig in INT TERM HUP; do
        "$rollout" render --rate 192000 -o "$tmp/keep.flac" "$tmp/long.roll" 2>"$tmp/err" &
        pid=$!
        wait_for 60 writing || { kill -KILL "$pid"; fail "SIG$sig: no temporary file appeared"; }
        kill -"$sig" "$pid"
        # A deadline instead of waiting for ever: a render that ignored the
        # signal would take minutes.
        wait_for 60 bash -c '! kill -0 "$1" 2>/dev/null' _ "$pid" || { kill -KILL "$pid"; fail "SIG$sig did not stop the render"; }
        status=0
        wait "$pid" || status=$?
        ((status == 128 + $(kill -l "$sig"))) || fail "SIG$sig: exit status $status"
        [[ $(cat "$tmp/err") == "rollout: interrupted: '$tmp/keep.flac' was not written." ]] ||
            fail "SIG$sig: $(cat "$tmp/err")"
        ! writing || fail "SIG$sig: the temporary file was left behind"
        [[ $(cat "$tmp/keep.flac") == "old contents" ]] || fail "SIG$sig: the old file changed"
    done
    ;;
render_full_disk)
    # A disk that fills up, in every format: exit 3, one sentence that says
    # "no space left on device", nothing left behind, the old file as it
    # was. The disk is a 256 KiB tmpfs in a mount namespace of our own.
    command -v unshare >/dev/null || fail "unshare (util-linux) is missing"
    mkdir "$tmp/full"
    cat >"$tmp/full.sh" <<'FULL'
set -u
rollout=$1 short=$2 full=$3 out=$4
mount -t tmpfs -o size=256k none "$full" || { echo "cannot mount a tmpfs" >"$out"; exit 1; }
for ext in wav flac ogg opus mp3; do
    echo "old" >"$full/s.$ext"
    rc=0
    "$rollout" render -o "$full/s.$ext" "$short" 2>"$full.err" || rc=$?
    [[ $rc == 3 ]] || echo "$ext: exit $rc, expected 3" >>"$out"
    [[ $(cat "$full.err") == "rollout: cannot write '$full/s.$ext': no space left on device." ]] ||
        echo "$ext: $(cat "$full.err")" >>"$out"
    [[ $(cat "$full/s.$ext") == old ]] || echo "$ext: the old file changed" >>"$out"
    ! compgen -G "$full/*.tmp-*" >/dev/null || echo "$ext: temporary file left" >>"$out"
done
FULL
    : >"$tmp/full.out"
    unshare -rm bash "$tmp/full.sh" "$rollout" "$short" "$tmp/full" "$tmp/full.out" ||
        fail "$(cat "$tmp/full.out")"
    [[ ! -s $tmp/full.out ]] || fail "$(cat "$tmp/full.out")"
    ;;
render_progress)
    # On a terminal: a bar on stderr redrawn in place, then one line saying
    # what was written, its length and size. Not on a terminal, or with
    # --quiet: nothing at all.
    end=$(plan_end "$short")
    timeout -k 5 60 script -qfec "'$rollout' render -o '$tmp/p.flac' '$short'" /dev/null >"$tmp/tty"
    grep -q $'\r\[#*-*\]  *[0-9]*%  ' "$tmp/tty" || fail "no progress bar: $(od -c "$tmp/tty" | head)"
    grep -q '100%' "$tmp/tty" || fail "the bar never reached 100%"
    len=$(printf '%d:%02d' $((end / 48000 / 60)) $((end / 48000 % 60)))
    size=$(awk -v b="$(stat -c %s "$tmp/p.flac")" 'BEGIN { printf "%.1f MB", b / 1e6 }')
    last=$(tr '\r' '\n' <"$tmp/tty" | grep . | tail -1)
    [[ $last == "$(printf '\033[K')wrote $tmp/p.flac: $len, $size" ]] ||
        fail "last line: $(printf '%s' "$last" | od -c | head -3)"
    timeout -k 5 60 script -qfec "'$rollout' render --quiet -o '$tmp/q.flac' '$short'" /dev/null >"$tmp/tty"
    [[ ! -s $tmp/tty ]] || fail "--quiet printed: $(cat "$tmp/tty")"
    "$rollout" render -o "$tmp/n.flac" "$short" 2>"$tmp/err" </dev/null
    [[ ! -s $tmp/err ]] || fail "not a terminal, yet it printed: $(cat "$tmp/err")"
    cmp -s "$tmp/p.flac" "$tmp/n.flac" || fail "the bar changed what was written"
    ;;
music)
    # --music: a bed made here with sox, in render and live.
    command -v sox >/dev/null || fail "sox is missing: install it (scripts/setup)"
    sox -n -r 44100 -c 2 "$tmp/bed.flac" synth 3 sine 220 sine 330 gain -6
    mkdir "$tmp/beds"
    sox -n -r 32000 -c 1 "$tmp/beds/b.wav" synth 2 sine 440 gain -6
    printf 'not audio\n' >"$tmp/beds/a.mp3"
    # 24-bit: a float WAV's PEAK chunk holds the time it was written.
    "$rollout" render --bits 24 -o "$tmp/plain.wav" "$short"
    "$rollout" render --bits 24 --music "$tmp/bed.flac" -o "$tmp/m1.wav" "$short"
    "$rollout" render --bits 24 --music "$tmp/bed.flac" -o "$tmp/m2.wav" "$short"
    cmp -s "$tmp/m1.wav" "$tmp/m2.wav" || fail "two renders with the same music differ"
    ! cmp -s "$tmp/m1.wav" "$tmp/plain.wav" || fail "the music is not in the render"
    "$rollout" render --bits 24 --music "$tmp/bed.flac" --music-volume -60 -o "$tmp/quiet.wav" "$short"
    ! cmp -s "$tmp/m1.wav" "$tmp/quiet.wav" || fail "--music-volume changed nothing"
    # A folder: the file that is not audio is skipped with one line naming it.
    expect_exit 0 "$rollout" render --music "$tmp/beds" -o "$tmp/f.wav" "$short"
    grep -q "^rollout: skipping music '$tmp/beds/a.mp3': .*\.$" "$tmp/err" || fail "no skip line: $(cat "$tmp/err")"
    (($(wc -l <"$tmp/err") == 1)) || fail "more than one line: $(cat "$tmp/err")"
    # Music that cannot be played at all: one sentence, and the session as
    # it is without music.
    expect_exit 0 "$rollout" render --bits 24 --music "$tmp/none.flac" -o "$tmp/none.wav" "$short"
    grep -qx "rollout: cannot find the music '$tmp/none.flac': No such file or directory; playing without music\." "$tmp/err" ||
        fail "missing music: $(cat "$tmp/err")"
    cmp -s "$tmp/none.wav" "$tmp/plain.wav" || fail "missing music changed the session"
    expect_exit 0 "$rollout" render --bits 24 --music "$tmp/beds/a.mp3" -o "$tmp/none.wav" "$short"
    grep -q "none of the music in '$tmp/beds/a.mp3' can be played; playing without it" "$tmp/err" ||
        fail "unplayable music: $(cat "$tmp/err")"
    # A routine's own music line plays the same bed; --music wins over it.
    mkdir -p "$tmp/r/beds"
    cp "$tmp/bed.flac" "$tmp/r/beds/bed.flac"
    awk '{ print } /^routine / { print "music \"beds/bed.flac\"" }' "$short" >"$tmp/r/with.roll"
    grep -q '^music "beds/bed.flac"$' "$tmp/r/with.roll" || fail "no music line made"
    "$rollout" render --bits 24 -o "$tmp/line.wav" "$tmp/r/with.roll"
    cmp -s "$tmp/line.wav" "$tmp/m1.wav" || fail "the routine's music line is not its bed"
    "$rollout" render --bits 24 --music "$tmp/beds/b.wav" -o "$tmp/over.wav" "$tmp/r/with.roll"
    ! cmp -s "$tmp/over.wav" "$tmp/m1.wav" || fail "--music did not win over the music line"
    expect_exit 0 "$rollout" check "$tmp/r/with.roll"
    expect_exit 2 "$rollout" render --music-volume loud -o "$tmp/x.wav" "$short"
    grep -q "volumes are in dB from -60 to 12, not 'loud'" "$tmp/err" || fail "bad --music-volume: $(cat "$tmp/err")"
    # Live, through SDL's disk driver: the session completes with the bed
    # under it, the decoder thread feeding the ring.
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$tmp/live.raw" SDL_DISKAUDIODELAY=0 \
        timeout -k 5 120 "$rollout" play --headless --music "$tmp/bed.flac" "$short" </dev/null >"$tmp/log"
    grep -q "Session complete" "$tmp/log" || fail "no completion line: $(cat "$tmp/log")"
    "$rollout" render --bits 32 -o "$tmp/plain32.wav" "$short"
    ! "$audiocheck" same "$tmp/live.raw" "$tmp/plain32.wav" 2>/dev/null || fail "no music was heard live"
    ;;
live_disk_matches_render)
    # The live path through SDL's disk driver, faster than real time: its
    # bytes are the render's, sample for sample.
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$tmp/live.raw" SDL_DISKAUDIODELAY=0 \
        timeout -k 5 120 "$rollout" play --headless "$short" </dev/null >"$tmp/log"
    "$rollout" render --bits 32 -o "$tmp/render.wav" "$short"
    "$audiocheck" same "$tmp/live.raw" "$tmp/render.wav" || fail "live output differs from render"
    grep -q "Session complete" "$tmp/log" || fail "no completion line: $(cat "$tmp/log")"
    ;;
check_errors)
    expect_exit 0 "$rollout" check "$short" "$root"/routines/*.roll
    expect_exit 1 "$rollout" check "$here/routines/broken.roll"
    # Every error, each at its line and column, the line quoted.
    grep -q 'broken.roll:2:' "$tmp/err" || fail "pace error not at line 2: $(cat "$tmp/err")"
    grep -q 'broken.roll:4:.*error' "$tmp/err" || fail "sides error not at line 4"
    grep -q 'broken.roll:5:3: error' "$tmp/err" || fail "keyword error not at 5:3"
    grep -q "did you mean 'roll'" "$tmp/err" || fail "no hint for 'rol'"
    grep -q 'broken.roll:6:' "$tmp/err" || fail "unit error not at line 6"
    grep -q '^ *hold 20sec$' "$tmp/err" || fail "line not quoted"
    ;;
check_counts)
    # More warnings than are listed, most of them found after parsing (cues
    # not recorded): 100 listed, the rest counted, the true totals in the
    # summary and the JSON, and no summary line counted as a warning.
    { echo 'routine "Many"'; for i in $(seq 1 120); do echo "step s$i \"S\" area=neck"; echo "  roll 45s"; done; } >"$tmp/many.roll"
    expect_exit 5 "$rollout" check --format json "$tmp/many.roll"
    read -r total unlisted listed < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["warnings"], d["unlisted_warnings"], len(d["diagnostics"])); assert d["column_unit"] == "display"' "$tmp/out") ||
        fail "json: $(head -c 300 "$tmp/out")"
    ((total > 200 && listed == 100 && unlisted == total - 100)) || fail "json: $total warnings, $listed listed, $unlisted unlisted"
    expect_exit 5 "$rollout" check "$tmp/many.roll"
    [[ $(grep -c ': warning: ' "$tmp/err") == 100 ]] || fail "$(grep -c ': warning: ' "$tmp/err") warnings listed, not 100"
    grep -q "^$tmp/many.roll: note: $((total - 100)) more warnings not listed ($total in all)$" "$tmp/err" ||
        fail "no count of the rest: $(tail -2 "$tmp/err")"
    grep -q ", with $total warnings$" "$tmp/out" || fail "summary: $(cat "$tmp/out")"
    ;;
hostile_text)
    # What a routine holds reaches a terminal with its control characters
    # made visible: error quotes, messages, file names, plan's names and
    # words. A C1 control is an error at its column like any other control.
    mkdir "$tmp/h"
    printf 'routine "T"\nstep a "A"\n  say x.one "Hi \033]0;owned\007 there\033[2J"\n  say x.two "CSI \302\233 31m"\n' >"$tmp/h/esc.roll"
    expect_exit 1 "$rollout" check "$tmp/h/esc.roll"
    grep -q 'esc.roll:3:17: error: control character 0x1B' "$tmp/err" || fail "ESC: $(cat "$tmp/err")"
    grep -qF 'say x.one "Hi \x1b]0;owned\x07 there\x1b[2J"' "$tmp/err" || fail "quote: $(cat "$tmp/err")"
    grep -q 'esc.roll:4:18: error: control character U+009B' "$tmp/err" || fail "C1: $(cat "$tmp/err")"
    ! grep -q $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' "$tmp/err" "$tmp/out" || fail "raw control bytes reached the terminal"
    # A file name with ESC in it, and a right-to-left override in a name and
    # a transcript (allowed in text, but it reorders what is shown).
    name=$'bad\033[31mname.roll'
    printf 'routine "T \342\200\256rtl"\nstep a "A\342\200\256B" area=back\n  announce calves.next "Next, your calves."\n  roll 10s\n' >"$tmp/h/$name"
    "$rollout" plan "$tmp/h/$name" >"$tmp/plan" 2>&1 || fail "plan: $(cat "$tmp/plan")"
    grep -qF 'Step 1 of 1: A\u202eB' "$tmp/plan" || fail "plan: $(cat "$tmp/plan")"
    grep -qF 'T \u202ertl' "$tmp/plan" || fail "plan title: $(head -1 "$tmp/plan")"
    "$rollout" check "$tmp/h/$name" >"$tmp/out" 2>"$tmp/err" || true
    grep -qF 'bad\x1b[31mname.roll: ok' "$tmp/out" || fail "check: $(cat "$tmp/out" "$tmp/err")"
    ! grep -q $'\033\|\xe2\x80\xae' "$tmp/plan" "$tmp/out" "$tmp/err" || fail "raw ESC or override printed"
    # A byte-order mark in the middle (two files joined) is named as such.
    printf 'routine "T"\nstep a "A"\n  announce calves.next "Next, your calves."\n\357\273\277  roll 10s\n' >"$tmp/h/joined.roll"
    expect_exit 1 "$rollout" check "$tmp/h/joined.roll"
    grep -q 'joined.roll:4:1: error: byte-order mark in the middle of the file' "$tmp/err" || fail "BOM: $(cat "$tmp/err")"
    ! grep -q 'unknown statement' "$tmp/err" || fail "BOM also read as a statement: $(cat "$tmp/err")"
    # Wide characters before an error: the caret under it on a terminal.
    printf 'routine "T"\nstep a "A"\n  say x.a "\344\270\255\346\226\207" extra\n' >"$tmp/h/wide.roll"
    expect_exit 1 "$rollout" check "$tmp/h/wide.roll"
    grep -q "wide.roll:3:18: error: unexpected 'extra'" "$tmp/err" || fail "wide: $(cat "$tmp/err")"
    caret=$(grep -n '\^$' "$tmp/err" | head -1 | cut -d: -f2-)
    [[ $caret == "$(printf "%21s^" "")" ]] || fail "caret at $(printf "%s" "$caret" | wc -c), not under column 18"
    ;;
plan_tsv)
    "$rollout" plan --tsv "$short" >"$tmp/plan"
    head -1 "$tmp/plan" | grep -q $'^frame\tseconds\tkind\tdetail$' || fail "no header"
    for kind in click cue step side phase end; do
        grep -q $'\t'"$kind"$'\t' "$tmp/plan" || fail "no $kind events"
    done
    # Clicks one pace apart within a roll: the calves' first roll, 6 clicks.
    awk -F'\t' '$3 == "click"' "$tmp/plan" | head -6 | awk -F'\t' '
        NR > 1 && $1 - prev != 48000 { bad = 1 } { prev = $1 } END { exit bad }' ||
        fail "clicks are not 48000 frames apart"
    # Frames and seconds agree.
    awk -F'\t' 'NR > 1 && ($1 / 48000 - $2 > 0.000001 || $2 - $1 / 48000 > 0.000001) { bad = 1 }
        END { exit bad }' "$tmp/plan" || fail "seconds do not match frames"
    "$rollout" plan "$short" >"$tmp/human"
    grep -q 'Step 1 of 2: Calves' "$tmp/human" || fail "human plan: $(head "$tmp/human")"
    ;;
cues_tsv)
    "$rollout" cues --tsv "$short" >"$tmp/cues"
    awk -F'\t' 'NF != 4 { bad = 1 } END { exit bad }' "$tmp/cues" || fail "not 4 columns"
    grep -q $'^calves.roll1\t' "$tmp/cues" || fail "routine cue missing"
    grep -q $'^session.end\t' "$tmp/cues" || fail "phrase missing"
    ! grep -q $'\tmissing$' "$tmp/cues" || fail "bundled cues reported missing"
    ;;
list)
    "$rollout" list >"$tmp/list"
    grep -q '^default .*(default)' "$tmp/list" || fail "default not marked: $(cat "$tmp/list")"
    # With each routine's length, as plan tells it.
    len=$("$rollout" plan default | sed -n '1s/.* — \([0-9:]*\),.*/\1/p')
    grep -qE "^default +bundled +$len +Runner's roll-out" "$tmp/list" || fail "no length $len: $(cat "$tmp/list")"
    ;;
play_headless_log)
    # Not a terminal: plain log lines at each step and side, no control codes.
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
        timeout -k 5 120 "$rollout" play "$short" </dev/null >"$tmp/log"
    grep -q 'step 1/2: Calves, left' "$tmp/log" || fail "no step line: $(cat "$tmp/log")"
    grep -q 'step 1/2: Calves, right' "$tmp/log" || fail "no side change line"
    grep -q 'step 2/2: Upper back' "$tmp/log" || fail "no second step"
    grep -q '^\[0:00\] introduction$' "$tmp/log" || fail "no introduction line"
    grep -q '^\[0:04\] step 1/2: Calves, left$' "$tmp/log" || fail "step logged at the wrong time"
    ! grep -q $'\033' "$tmp/log" || fail "control characters in a log"
    # SIGINT, SIGTERM, SIGHUP: fade out, say what was done, exit 0.
    for sig in INT TERM HUP; do
        SDL_AUDIODRIVER=dummy "$rollout" play "$short" </dev/null >"$tmp/log2" 2>&1 &
        pid=$!
        sleep 1.5
        kill -"$sig" "$pid"
        status=0
        wait "$pid" || status=$?
        ((status == 0)) || fail "SIG$sig: exit status $status"
        grep -qE 'Stopped (in .* )?at 0:0' "$tmp/log2" || fail "no summary after SIG$sig: $(cat "$tmp/log2")"
    done
    ;;
play_keys)
    # Keys on a terminal (script(1) gives rollout a pseudo-terminal): pause
    # and resume, then hold ten seconds longer, which makes the session 10 s
    # longer while it plays.
    total=$("$rollout" plan --tsv "$short" | awk -F'\t' '$3 == "end" { printf "%d", $1 / 48000 }')
    mkfifo "$tmp/keys"
    SDL_AUDIODRIVER=dummy timeout -k 5 60 script -qfec "'$rollout' play --start-at back '$short'" \
        /dev/null <"$tmp/keys" >"$tmp/log" 2>&1 &
    pid=$!
    exec 3>"$tmp/keys"
    sleep 1
    printf ' ' >&3
    sleep 1
    printf ' ' >&3
    sleep 0.5
    printf 'h' >&3
    wait "$pid" || fail "play exited $?: $(tr '\r' '\n' <"$tmp/log" | tail -3)"
    exec 3>&-
    grep -q 'PAUSED' "$tmp/log" || fail "never showed PAUSED"
    want=$(printf '%d:%02d' $(((total + 10) / 60)) $(((total + 10) % 60)))
    grep -q "Session complete: 1 of 2 steps, $want\." "$tmp/log" ||
        fail "expected a $want session: $(tr '\r' '\n' <"$tmp/log" | tail -2)"
    ;;
limits)
    # Paths: a link to a recording outside the routine's folder and the voice
    # pack is refused at the line naming the cue; one into the pack is fine.
    mkdir -p "$tmp/r/audio" "$tmp/elsewhere"
    cp "$root/audio/count.1.flac" "$tmp/elsewhere/x.flac"
    ln -s "$tmp/elsewhere/x.flac" "$tmp/r/audio/mine.out.flac"
    ln -s "$root/audio/count.2.flac" "$tmp/r/audio/mine.in.flac"
    mkfifo "$tmp/r/audio/mine.fifo.flac"
    printf 'routine "L"\nstep a "A"\n  announce calves.next "Next, your calves."\n  say mine.in "In."\n  say mine.out "Out."\n  say mine.fifo "Fifo."\n' >"$tmp/r/l.roll"
    expect_exit 1 timeout 10 "$rollout" check "$tmp/r/l.roll"
    grep -q "l.roll:5:7: error: cue 'mine.out': .* leads outside" "$tmp/err" || fail "link: $(cat "$tmp/err")"
    grep -q "l.roll:6:7: error: cue 'mine.fifo': '$tmp/r/audio/mine.fifo.flac' is not a regular file$" "$tmp/err" ||
        fail "fifo: $(cat "$tmp/err")"
    ! grep -q "mine.in" "$tmp/err" || fail "a link into the pack was refused"
    # A routine that is a link to itself: the system's reason, not "no
    # routine named"; likewise a name ending in .roll that is not there.
    ln -s selfloop.roll "$tmp/selfloop.roll"
    (cd "$tmp" && "$rollout" check selfloop.roll) >"$tmp/out" 2>"$tmp/err" && fail "a link loop checked"
    grep -qx "selfloop.roll: error: cannot read routine 'selfloop.roll': Too many levels of symbolic links" "$tmp/err" ||
        fail "link loop: $(cat "$tmp/err")"
    (cd "$tmp" && "$rollout" check nothere.roll) >"$tmp/out" 2>"$tmp/err" && fail "a missing file checked"
    grep -q "cannot read routine 'nothere.roll': no such file" "$tmp/err" || fail "missing .roll: $(cat "$tmp/err")"
    # A session of more than a day.
    printf 'routine "Long"\nstep a "A"\n  announce calves.next "Next, your calves."\n  hold 13h\n  hold 13h\n' >"$tmp/long.roll"
    expect_exit 1 "$rollout" check "$tmp/long.roll"
    grep -q "long.roll: error: the session is longer than 24 hours" "$tmp/err" || fail "24 h: $(cat "$tmp/err")"
    # Too many steps: one error at the step past the limit.
    { echo 'routine "Many"'; for i in $(seq 1 1001); do echo "step s$i \"S\""; echo "  hold 1s"; done; } >"$tmp/many.roll"
    expect_exit 1 "$rollout" check "$tmp/many.roll"
    grep -q "many.roll:2002:1: error: a routine can have at most 1000 steps" "$tmp/err" || fail "steps: $(head -3 "$tmp/err")"
    # CRLF line endings and a byte-order mark are fine.
    printf '\xef\xbb\xbfroutine "Dos"\r\nstep a "A"\r\n  announce calves.next "Next, your calves."\r\n  roll 5s\r\n' >"$tmp/dos.roll"
    expect_exit 0 "$rollout" check "$tmp/dos.roll"
    ;;
new_routine)
    # 'new' writes a template among your routines that checks with only the
    # warnings of cues not yet recorded; it never overwrites.
    export XDG_DATA_HOME=$tmp/data
    expect_exit 0 "$rollout" new calf-reset
    [[ -f $tmp/data/rollout/routines/calf-reset.roll ]] || fail "no file: $(cat "$tmp/out")"
    expect_exit 3 "$rollout" new calf-reset
    grep -q "already exists" "$tmp/err" || fail "overwrite: $(cat "$tmp/err")"
    expect_exit 5 "$rollout" check calf-reset
    grep -q "calf-reset.roll: ok, 1 step, .*, with 5 warnings$" "$tmp/out" || fail "check: $(cat "$tmp/out")"
    ! grep -q ": error:" "$tmp/err" || fail "template has errors: $(cat "$tmp/err")"
    grep -q "calf-reset.roll:17:5: warning: no recording for cue 'calf-reset.welcome'" "$tmp/err" ||
        fail "missing recording not a warning at its line: $(head -3 "$tmp/err")"
    "$rollout" list >"$tmp/list"
    grep -q '^calf-reset *yours' "$tmp/list" || fail "list: $(cat "$tmp/list")"
    # JSON for tools: one document, every message, and the exit status.
    expect_exit 5 "$rollout" check --format json calf-reset
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["errors"]==0 and d["warnings"]==len(d["diagnostics"])==5, d' "$tmp/out" ||
        fail "json: $(cat "$tmp/out")"
    expect_exit 1 "$rollout" check --format json "$here/routines/broken.roll" calf-reset
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["errors"]==5 and d["diagnostics"][0]["line"]==2, d' "$tmp/out" ||
        fail "json errors: $(cat "$tmp/out")"
    expect_exit 2 "$rollout" check --format yaml "$short"
    # A name with a space makes a file name a shell takes; the hint pastes as it is.
    expect_exit 0 "$rollout" new "My Routine"
    [[ -f $tmp/data/rollout/routines/my-routine.roll ]] || fail "new 'My Routine': $(cat "$tmp/out")"
    grep -q '^routine "My Routine"$' "$tmp/data/rollout/routines/my-routine.roll" || fail "title lost"
    hint=$(tail -1 "$tmp/out")
    [[ $hint == "    rollout check my-routine" ]] || fail "hint: $(cat "$tmp/out")"
    (PATH=$(dirname "$rollout"):$PATH; eval "$hint" >/dev/null 2>&1) || [[ $? == 5 ]] ||
        fail "the hint does not run: $hint"
    # A path instead of a name writes there.
    expect_exit 0 "$rollout" new "$tmp/mine/first"
    [[ -f $tmp/mine/first.roll ]] || fail "no file at the path"
    ;;
shot_interrupted)
    # A signal while the picture is written: the old file stays as it was,
    # no temporary file is left, and rollout ends killed by the signal.
    "$rollout" shot --at 10 -o "$tmp/s.png" "$short"
    before=$(cksum <"$tmp/s.png")
    "$rollout" shot --size 7680x4320 --at 20 -o "$tmp/s.png" "$short" 2>"$tmp/err" &
    pid=$!
    deadline=$((SECONDS + 30))
    until compgen -G "$tmp/s.png.tmp-*" >/dev/null; do
        ((SECONDS < deadline)) || fail "no temporary file appeared"
        sleep 0.01
    done
    kill -TERM "$pid"
    status=0
    wait "$pid" || status=$?
    ((status == 143)) || fail "exit status $status, not 143 (killed by SIGTERM)"
    grep -q "rollout: interrupted: '$tmp/s.png' was not written" "$tmp/err" || fail "said: $(cat "$tmp/err")"
    ! compgen -G "$tmp/s.png.tmp-*" >/dev/null || fail "a temporary file was left"
    [[ $(cksum <"$tmp/s.png") == "$before" ]] || fail "the old picture was changed"
    ;;
valgrind_render)
    # One whole render under valgrind: no memory errors, and nothing leaked.
    command -v valgrind >/dev/null || fail "valgrind is not installed (scripts/setup installs it)"
    valgrind --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect,possible --quiet \
        --suppressions="$(dirname "${BASH_SOURCE[0]}")/valgrind.supp" \
        "$rollout" render "$short" -o "$tmp/v.flac" 2>"$tmp/vg" ||
        fail "valgrind found errors: $(head -30 "$tmp/vg")"
    "$audiocheck" info "$tmp/v.flac" >/dev/null || fail "no render"
    ;;
fast)
    # --fast N: the routine's times N times shorter, speech at its own
    # length; the clicks still land exactly where the plan says.
    normal=$("$rollout" plan --tsv "$short" | awk -F'\t' '$3 == "end" { print $1 }')
    quick=$("$rollout" --fast 4 plan --tsv "$short" | awk -F'\t' '$3 == "end" { print $1 }')
    ((quick < normal)) || fail "--fast 4 is not shorter: $quick against $normal"
    "$rollout" --fast 4 plan --tsv "$short" | awk -F'\t' '$3 == "click"' | head -2 |
        awk -F'\t' 'NR == 2 && $1 - p != 12000 { exit 1 } { p = $1 }' || fail "clicks not 0.25 s apart"
    "$rollout" --fast 4 plan --tsv "$short" | awk -F'\t' '$3 == "click" { print $1 }' >"$tmp/plan"
    "$rollout" --fast 4 render --mute voice --bits 32 -o "$tmp/f.wav" "$short"
    "$audiocheck" onsets "$tmp/f.wav" >"$tmp/onsets"
    diff -q "$tmp/plan" "$tmp/onsets" >/dev/null || fail "--fast clicks differ from plan"
    expect_exit 2 "$rollout" --fast 50 plan "$short"
    ;;
watch)
    # --watch: an edit that breaks the routine is reported at its line and
    # the old one plays on; an edit that fixes it is taken up, carrying on
    # at the same step under its new name.
    cp "$short" "$tmp/w.roll"
    SDL_AUDIODRIVER=dummy timeout -k 5 60 "$rollout" play --watch --start-at calves "$tmp/w.roll" \
        </dev/null >"$tmp/log" 2>"$tmp/err" &
    pid=$!
    sleep 2
    sed -i 's/^  roll 6s /  rol 6s /' "$tmp/w.roll"
    sleep 1.5
    sed -i 's/^  rol 6s /  roll 6s /; s/^step calves "Calves"/step calves "Calf roll"/' "$tmp/w.roll"
    sleep 1.5
    kill -TERM "$pid"
    wait "$pid" || fail "play --watch exited $?"
    grep -q "w.roll:10:3: error: unknown statement 'rol'" "$tmp/err" || fail "no error: $(cat "$tmp/err")"
    grep -q "playing on with the routine as it was" "$tmp/err" || fail "no fallback: $(cat "$tmp/err")"
    grep -q "the routine changed: reloading" "$tmp/err" || fail "no reload: $(cat "$tmp/err")"
    grep -q 'step 1/2: Calf roll, left' "$tmp/log" || fail "new name not shown: $(cat "$tmp/log")"
    ;;
bad_cues)
    # A cue with no recording, and one whose file is not audio: each error
    # names the routine line that wanted it and the file tried.
    mkdir -p "$tmp/r/audio"
    cat >"$tmp/r/mine.roll" <<'ROLL'
routine "Mine"
step a "A"
  announce calves.next "Next, your calves."
  say mine.nowhere "Not recorded yet."
  say mine.junk "Not audio."
ROLL
    head -c 5000 /dev/urandom >"$tmp/r/audio/mine.junk.wav"
    expect_exit 1 "$rollout" check "$tmp/r/mine.roll"
    grep -q "mine.roll:4:7: warning: no recording for cue 'mine.nowhere': looked for $tmp/r/audio/mine.nowhere.flac" "$tmp/err" ||
        fail "missing cue: $(cat "$tmp/err")"
    grep -q "mine.roll:5:7: error: cue 'mine.junk': .*$tmp/r/audio/mine.junk.wav" "$tmp/err" ||
        fail "undecodable cue: $(cat "$tmp/err")"
    expect_exit 1 "$rollout" render -o "$tmp/x.wav" "$tmp/r/mine.roll"
    grep -q "mine.roll:4:7: error: no recording for cue 'mine.nowhere'" "$tmp/err" ||
        fail "render must refuse a missing cue: $(cat "$tmp/err")"
    [[ ! -e $tmp/x.wav ]] || fail "render of an invalid routine wrote a file"
    # cues' columns line up, whatever the length of the ids.
    printf 'routine "Cols"\nstep a "A"\n  announce calves.next "Next, your calves."\n  say a.really.long.cue.id.for.the.columns "Long."\n' >"$tmp/r/cols.roll"
    "$rollout" cues "$tmp/r/cols.roll" >"$tmp/cols"
    [[ $(awk '{ print index($0, " " $2 " ") }' "$tmp/cols" | sort -u | wc -l) == 1 ]] ||
        fail "cues columns shift: $(cat "$tmp/cols")"
    # --missing with nothing missing says so, to people.
    "$rollout" cues --missing "$short" >"$tmp/none"
    grep -q 'has a recording' "$tmp/none" || fail "cues --missing said nothing"
    # One step, not "1 steps".
    printf 'routine "One"\nstep a "A"\n  announce calves.next "Next, your calves."\n  hold 5s\n' >"$tmp/one.roll"
    "$rollout" plan "$tmp/one.roll" >"$tmp/one.plan"
    grep -q "^One — .*, 1 step, " "$tmp/one.plan" || fail "plan: $(head -1 "$tmp/one.plan")"
    # cues lists them, and --missing only the one with no file
    "$rollout" cues --tsv --missing "$tmp/r/mine.roll" >"$tmp/missing"
    [[ $(cut -f1 "$tmp/missing") == mine.nowhere ]] || fail "--missing: $(cat "$tmp/missing")"
    "$rollout" cues --tsv "$tmp/r/mine.roll" >"$tmp/all"
    grep -q $'^mine.junk\t.*\tunreadable$' "$tmp/all" || fail "cues: $(cat "$tmp/all")"
    ;;
devices)
    expect_exit 0 "$rollout" devices
    grep -q '^driver: dummy' "$tmp/out" || fail "devices: $(cat "$tmp/out")"
    # No device: one sentence naming the ways out, and the device exit code.
    SDL_AUDIODRIVER=nosuchdriver expect_exit 4 "$rollout" play "$short"
    grep -q "cannot" "$tmp/err" && grep -q -- "--device" "$tmp/err" && grep -q "render" "$tmp/err" ||
        fail "device error: $(cat "$tmp/err")"
    expect_exit 4 "$rollout" play --headless --device nosuch "$short" </dev/null
    ! grep -q '\.\.' "$tmp/err" || fail "two full stops: $(cat "$tmp/err")"
    ;;
shot)
    # The window as a picture, no display needed: PNG and BMP at the size asked.
    "$rollout" shot "$short" --at 10 -o "$tmp/a.png"
    [[ $(head -c 8 "$tmp/a.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] ||
        fail "not a PNG"
    dims=$(od -An -tu1 -j16 -N8 "$tmp/a.png" | tr -s ' ' | sed 's/^ //')
    [[ $dims == "0 0 5 0 0 0 2 208" ]] || fail "PNG is not 1280x720: $dims"
    "$rollout" shot "$short" --at 0:30 --size 800x600 --paused -o "$tmp/b.bmp"
    [[ $(head -c 2 "$tmp/b.bmp") == BM ]] || fail "not a BMP"
    w=$(od -An -tu4 -j18 -N4 "$tmp/b.bmp" | tr -d ' ')
    h=$(od -An -tu4 -j22 -N4 "$tmp/b.bmp" | tr -d ' ')
    [[ $w == 800 && $h == 600 ]] || fail "BMP is ${w}x$h, not 800x600"
    # --at from a --start-at step, and in the forms the help names.
    "$rollout" shot "$short" --start-at back --at 1m2s -o "$tmp/c.png" && fail "1m2s past the end"
    for t in 50 1m5s 1:05 1500ms; do
        "$rollout" shot "$short" --at "$t" -o "$tmp/t.png" || fail "--at $t refused"
    done
    # Wrong moments, sizes and files: usage errors, nothing written.
    expect_exit 2 "$rollout" shot "$short" -o "$tmp/x.png"
    expect_exit 2 "$rollout" shot "$short" --at 10 -o "$tmp/x.jpg"
    grep -q "x.jpg" "$tmp/err" || fail "bad extension error does not name the file"
    expect_exit 2 "$rollout" shot "$short" --at soon -o "$tmp/x.png"
    expect_exit 2 "$rollout" shot "$short" --at 1:75 -o "$tmp/x.png"
    expect_exit 2 "$rollout" shot "$short" --at 2h -o "$tmp/x.png"
    grep -q "past the end" "$tmp/err" || fail "no 'past the end': $(cat "$tmp/err")"
    expect_exit 2 "$rollout" shot "$short" --at 10 --size 10x10 -o "$tmp/x.png"
    expect_exit 2 "$rollout" shot "$short" --at 10 --size big -o "$tmp/x.png"
    [[ ! -e $tmp/x.png ]] || fail "a refused shot wrote a file"
    # A file that cannot be written; no font: each its own exit status.
    expect_exit 3 "$rollout" shot "$short" --at 10 -o "$tmp/none/x.png"
    [[ -z $(find "$tmp" -name '*.tmp-*') ]] || fail "temporary files left behind"
    ROLLOUT_FONT=$tmp/none.ttf expect_exit 4 "$rollout" shot "$short" --at 10 -o "$tmp/x.png"
    grep -q "font" "$tmp/err" && grep -q "fonts-dejavu-core" "$tmp/err" ||
        fail "no-font error: $(cat "$tmp/err")"
    [[ $(grep -c '^rollout:' "$tmp/err") == 1 ]] || fail "no-font error is not one line: $(cat "$tmp/err")"
    ;;
play_window_xvfb)
    # The real window on a virtual X server, with the real event loop: it
    # opens, real key presses reach it through X (pause, resume, hold 10 s
    # longer: the session ends 10 s longer), full screen and back leaves it as
    # it was, q quits it and SIGTERM ends it.
    command -v xvfb-run >/dev/null || fail "xvfb-run is missing: install xvfb and xauth (scripts/setup)"
    command -v xdotool >/dev/null || fail "xdotool is missing: install it (scripts/setup)"
    command -v xwd >/dev/null && command -v pamcut >/dev/null ||
        fail "xwd and pamcut are missing: install x11-apps and netpbm (scripts/setup)"
    total=$("$rollout" plan --tsv "$short" | awk -F'\t' '$3 == "end" { printf "%d", $1 / 48000 }')
    want=$(printf '%d:%02d' $(((total + 10) / 60)) $(((total + 10) % 60)))
    cat >"$tmp/x.sh" <<'XSH'
set -euo pipefail
rollout=$1 short=$2 tmp=$3
# window: waits for rollout's window to be on screen and gives it the keyboard.
window() {
    local wid
    wid=$(timeout 20 xdotool search --sync --onlyvisible --name '^rollout' | head -1)
    [[ -n $wid ]] || { echo "no window appeared" >&2; return 1; }
    xdotool windowfocus --sync "$wid"
    sleep 0.3
}
"$rollout" play --start-at back "$short" </dev/null >"$tmp/log1" 2>"$tmp/err1" &
pid=$!
window
# The title as WM_NAME holds it (a Latin-1 property): readable as it is.
xdotool getwindowname "$(xdotool search --onlyvisible --name '^rollout' | head -1)" >"$tmp/title"
xdotool key space
sleep 1
xdotool key space
sleep 0.3
xdotool key h
# Over, the window stays: q closes it.
until grep -q '\] over: ' "$tmp/log1"; do sleep 0.05; done
xdotool key q
wait $pid
"$rollout" play "$short" </dev/null >"$tmp/log2" 2>"$tmp/err2" &
pid=$!
window
# Full screen and back, with no window manager to put the window back: the
# row of buttons is drawn again exactly where it was, at the window's size.
wid=$(xdotool search --onlyvisible --name '^rollout' | head -1)
buttons() { xwd -id "$wid" -silent | xwdtopnm 2>/dev/null | pamcut -bottom -1 -height 90 | md5sum; }
size() { xwininfo -id "$wid" | awk '/Width|Height/ { printf "%s ", $2 }'; }
before="$(size)$(buttons)"
xdotool key f
sleep 0.5
xdotool key f
sleep 0.5
after="$(size)$(buttons)"
[[ $after == "$before" ]] || { echo "left full screen: $after, was $before" >&2; exit 1; }
xdotool key q
wait $pid
"$rollout" play "$short" </dev/null >"$tmp/log3" 2>"$tmp/err3" &
pid=$!
window
kill -TERM $pid
wait $pid
# Over, the window stays and offers Again (space) and Quit (q): space plays
# the session again from its start, q ends it.
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
    "$rollout" play --start-at back "$short" </dev/null >"$tmp/log6" 2>"$tmp/err6" &
pid=$!
window
until grep -q '\] over: ' "$tmp/log6"; do sleep 0.05; done
kill -0 $pid # the session is over; the window stays
xdotool key space
until grep -q 'again, from the start' "$tmp/log6"; do sleep 0.05; done
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
        xvfb-run -a -s "-screen 0 1280x800x24" bash "$tmp/x.sh" "$rollout" "$short" "$tmp" ||
        fail "the window session failed: $(cat "$tmp"/err* 2>/dev/null)"
    grep -q 'again, from the start' "$tmp/log6" || fail "Again: $(cat "$tmp/log6" "$tmp/err6")"
    grep -q "Session complete: 1 of 2 steps, $want\." "$tmp/log1" ||
        fail "expected a $want session: $(tail -2 "$tmp/log1") $(cat "$tmp/err1")"
    grep -qE 'Stopped (in .* )?at' "$tmp/log2" || fail "q did not stop: $(cat "$tmp/log2" "$tmp/err2")"
    grep -qE 'Stopped (in .* )?at' "$tmp/log3" || fail "SIGTERM: $(cat "$tmp/log3" "$tmp/err3")"
    [[ $(cat "$tmp/title") == "rollout - Upper back" ]] || fail "WM_NAME: $(od -c "$tmp/title" | head -3)"
    [[ $(cat "$tmp/rc4") == 4 ]] || fail "no font: exit $(cat "$tmp/rc4"), expected 4"
    grep -q '^rollout: .*font.*--headless' "$tmp/err4" || fail "no font: $(cat "$tmp/err4")"
    ! grep -q 'Session\|Stopped' "$tmp/log4" || fail "no font, yet a session played"
    grep -q 'Session complete' "$tmp/log5" || fail "--headless: $(cat "$tmp/log5" "$tmp/err5")"
    ;;
display_unopenable)
    # A display named but not there: one line says so, and the session
    # plays in the terminal instead.
    n=90
    while [[ -e /tmp/.X11-unix/X$n ]]; do n=$((n + 1)); done
    export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$here/lsan.supp"
    env -u SDL_VIDEODRIVER -u WAYLAND_DISPLAY DISPLAY=:$n SDL_AUDIODRIVER=disk \
        SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
        timeout -k 5 60 "$rollout" play --fast 20 "$short" </dev/null >"$tmp/log" 2>"$tmp/err" ||
        fail "exit $?: $(cat "$tmp/err")"
    [[ $(grep -c '^rollout:' "$tmp/err") == 1 ]] || fail "not one line: $(cat "$tmp/err")"
    grep -q "^rollout: cannot open the display :$n; playing in the terminal\.$" "$tmp/err" ||
        fail "$(cat "$tmp/err")"
    grep -q 'Session complete' "$tmp/log" || fail "did not play: $(cat "$tmp/log")"
    ;;
record)
    # rollout record through SDL's disk driver, faster than real time: the
    # microphone reads a file (a quiet room, then 1.5 s of two tones, then
    # the room), the playback goes to another. Answers come one a line.
    take=$(dirname "$audiocheck")/test_take
    "$take" burst "$tmp/mic.raw"
    mkdir -p "$tmp/r/audio"
    printf 'routine "Mine"\nstep a "A"\n  announce calves.next "Next, your calves."\n  say mine.one "Roll slowly."\n  say mine.two "Breathe out."\n' >"$tmp/r/mine.roll"
    cp "$root/audio/count.1.flac" "$tmp/r/audio/mine.two.flac"
    record() { # record ANSWERS ARGS...: runs rollout record with the answers on stdin
        local answers=$1
        shift
        printf "$answers" | SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILEIN="$tmp/mic.raw" \
            SDL_DISKAUDIOFILE="$tmp/played.raw" SDL_DISKAUDIODELAY=0 \
            timeout -k 5 60 "$rollout" record "$@" >"$tmp/out" 2>"$tmp/err"
    }
    # The missing cue only; retake, then skip: nothing written.
    record 'r\ns\n' "$tmp/r/mine.roll" || fail "record exited $?: $(cat "$tmp/err")"
    grep -q '^Recording 1 cue of .* into '"$tmp"'/r/audio\.$' "$tmp/out" || fail "$(cat "$tmp/out")"
    grep -q '"Roll slowly\."' "$tmp/out" || fail "transcript not shown: $(cat "$tmp/out")"
    [[ $(grep -c 'Stopped after 1.5 s without speech' "$tmp/out") == 2 ]] || fail "two takes: $(cat "$tmp/out")"
    [[ ! -e $tmp/r/audio/mine.one.flac ]] || fail "a skipped take was written"
    # A recording discarded is left alone; one kept replaces it.
    record 'r\ns\n' "$tmp/r/mine.roll" mine.two || fail "record mine.two: $(cat "$tmp/err")"
    cmp -s "$tmp/r/audio/mine.two.flac" "$root/audio/count.1.flac" || fail "old recording changed"
    record 'k\n' "$tmp/r/mine.roll" mine.two || fail "keep mine.two: $(cat "$tmp/err")"
    grep -q "Saved $tmp/r/audio/mine.two.flac" "$tmp/out" || fail "not saved: $(cat "$tmp/out")"
    # Trimmed to the 1.5 s burst, 20 ms either side, 30 ms and 50 ms of
    # silence (77760 frames), within 2 ms; the pack's loudness, -20 LUFS
    # with the true peak under -1 dBTP, within what 16 bits keep.
    "$take" measure "$tmp/r/audio/mine.two.flac" >"$tmp/m"
    read -r _ frames _ lufs _ peak <"$tmp/m"
    ((frames > 77760 - 96 && frames <= 77760 + 96)) || fail "trimmed to $frames frames: $(cat "$tmp/out")"
    awk -v s="$lufs" -v p="$peak" 'BEGIN { exit !(s > -20.05 && s < -19.95 && p <= -0.99) }' ||
        fail "loudness: $(cat "$tmp/m")"
    "$take" played "$tmp/played.raw" "$tmp/r/audio/mine.two.flac" >/dev/null ||
        fail "the take played back is not the take kept"
    "$audiocheck" info "$tmp/r/audio/mine.two.flac" | grep -q '^rate 48000 channels 1 ' ||
        fail "not 48 kHz mono: $("$audiocheck" info "$tmp/r/audio/mine.two.flac")"
    # Now the missing one, kept, without playback; then nothing is missing.
    rm -f "$tmp/played.raw"
    record 'k\n' --no-playback "$tmp/r/mine.roll" || fail "keep mine.one: $(cat "$tmp/err")"
    [[ -e $tmp/r/audio/mine.one.flac ]] || fail "mine.one not written"
    [[ ! -e $tmp/played.raw ]] || fail "--no-playback played"
    record '' "$tmp/r/mine.roll" || fail "nothing to record: exit $?"
    grep -q 'Every cue of .* has a recording' "$tmp/out" || fail "$(cat "$tmp/out")"
    [[ -z $(find "$tmp" -name '*.tmp-*') ]] || fail "temporary files left behind"
    # cues tells the takes from the synthetic pack; its TSV keeps 4 columns.
    "$rollout" cues "$tmp/r/mine.roll" >"$tmp/cues"
    grep -q '^mine.two  *found (recorded) ' "$tmp/cues" || fail "cues: $(cat "$tmp/cues")"
    grep -q '^calves.next  *found (synthetic) ' "$tmp/cues" || fail "cues: $(cat "$tmp/cues")"
    "$rollout" cues --tsv "$tmp/r/mine.roll" | awk -F'\t' 'NF != 4 { bad = 1 } END { exit bad }' ||
        fail "cues --tsv is no longer 4 columns"
    # --voices DIR: the takes go there, the folder made if need be.
    record 'k\n' --voices "$tmp/mine" "$tmp/r/mine.roll" mine.one || fail "--voices: $(cat "$tmp/err")"
    [[ -e $tmp/mine/mine.one.flac ]] || fail "--voices: $(cat "$tmp/out")"
    # Quit, or the end of the answers, at the first prompt: nothing written.
    record '' "$tmp/r/mine.roll" calves.next || fail "end of input: exit $?"
    [[ ! -e $tmp/r/audio/calves.next.flac ]] || fail "a take was kept with no answer"
    # A silent microphone: no speech, said so; a cue not in the routine; no audio.
    head -c 4000000 /dev/zero >"$tmp/mic.raw"
    record 's\n' "$tmp/r/mine.roll" mine.one || fail "silence: exit $?"
    grep -q 'No speech in that take' "$tmp/out" || fail "silence: $(cat "$tmp/out")"
    expect_exit 2 "$rollout" record "$tmp/r/mine.roll" mine.none </dev/null
    grep -q "no cue 'mine.none'" "$tmp/err" || fail "unknown cue: $(cat "$tmp/err")"
    SDL_AUDIODRIVER=nosuchdriver expect_exit 4 "$rollout" record "$tmp/r/mine.roll" mine.one </dev/null
    ;;
sore)
    # Roll what is sore today: --areas and --minutes, end to end.
    expect_exit 2 "$rollout" plan --areas calves,hamstrngs
    grep -q "no body area 'hamstrngs'; did you mean 'hamstrings'?" "$tmp/err" ||
        fail "no did you mean: $(cat "$tmp/err")"
    expect_exit 2 "$rollout" plan pre-run --areas hamstrings
    grep -q 'has no step for the hamstrings' "$tmp/err" || fail "$(cat "$tmp/err")"
    expect_exit 2 "$rollout" play --areas
    "$rollout" list --areas >"$tmp/areas"
    grep -qE '^hamstrings +hamstring +default, lower-body$' "$tmp/areas" ||
        fail "list --areas: $(cat "$tmp/areas")"
    # The issue's example: eight minutes of calves and hamstrings, and what
    # was scaled.
    "$rollout" plan --areas calves,hamstrings --minutes 8 >"$tmp/plan"
    head -1 "$tmp/plan" | grep -qE '^Sore today: calves and hamstrings — (7:59|8:00),' ||
        fail "not 8:00: $(head -2 "$tmp/plan")"
    grep -qE '^Fitted to 8:00: (7:59|8:00), rolls and holds x1\.' "$tmp/plan" || fail "$(head -2 "$tmp/plan")"
    grep -q 'roll .*(was 40 s)' "$tmp/plan" || fail "the plan does not show what was scaled"
    len=$(plan_end --areas calves,hamstrings --minutes 8)
    ((len >= 479 * 48000 && len <= 481 * 48000)) || fail "8 minutes is $len frames"
    # Too short to be: said, with the nearest length, and played at that.
    expect_exit 0 "$rollout" plan --areas calves,hamstrings --minutes 1
    grep -q '^rollout: --minutes: 1:00 is too short for these steps: the nearest is ' "$tmp/err" ||
        fail "too short: $(cat "$tmp/err")"
    # --script prints a routine that checks clean and plays the same frames.
    "$rollout" plan --areas feet,quads,hip-flexors --minutes 9 --script >"$tmp/today.roll"
    "$rollout" check "$tmp/today.roll" >"$tmp/check" || fail "check: $(cat "$tmp/check")"
    "$rollout" plan --tsv "$tmp/today.roll" >"$tmp/a.tsv"
    "$rollout" plan --tsv --areas feet,quads,hip-flexors --minutes 9 >"$tmp/b.tsv"
    cmp -s "$tmp/a.tsv" "$tmp/b.tsv" || fail "--script plays otherwise: $(diff "$tmp/a.tsv" "$tmp/b.tsv" | head -5)"
    # Only the chosen areas, both sides, in the routine's order, as played.
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
        timeout -k 5 120 "$rollout" play lower-body --areas hip-flexors,calves --minutes 4 \
        </dev/null >"$tmp/log" 2>"$tmp/err" || fail "play: $(cat "$tmp/err")"
    grep -o 'step [0-9]/[0-9]: [A-Za-z ]*, [a-z]*' "$tmp/log" >"$tmp/steps"
    printf '%s\n' 'step 1/2: Calves, left' 'step 1/2: Calves, right' \
        'step 2/2: Hip flexors, left' 'step 2/2: Hip flexors, right' | diff - "$tmp/steps" ||
        fail "played: $(cat "$tmp/log")"
    grep -qE '^rollout: Lower-body roll-out: calves and hip flexors, (3:59|4:00) \(fitted to 4:00' "$tmp/err" ||
        fail "not announced: $(cat "$tmp/err")"
    # The clicks of a composed render are where its plan puts them.
    "$rollout" plan --tsv pre-run --areas calves --minutes 2 |
        awk -F'\t' '$3 == "click" { print $1 }' >"$tmp/planned"
    "$rollout" render pre-run --areas calves --minutes 2 --mute voice --bits 32 -o "$tmp/c.wav"
    "$audiocheck" onsets "$tmp/c.wav" >"$tmp/onsets"
    (($(wc -l <"$tmp/planned") > 50)) || fail "too few clicks planned"
    cmp -s "$tmp/planned" "$tmp/onsets" || fail "clicks off the plan: $(diff "$tmp/planned" "$tmp/onsets" | head -3)"
    ;;
ask)
    # --ask on a terminal: the list of areas, a slip answered, then play.
    mkfifo "$tmp/keys"
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 timeout -k 5 90 \
        script -qfec "'$rollout' play --headless --ask --minutes 3" /dev/null <"$tmp/keys" \
        >"$tmp/log" 2>&1 &
    pid=$!
    exec 3>"$tmp/keys"
    wait_for 20 grep -q 'areas> ' "$tmp/log" || fail "no prompt: $(cat "$tmp/log")"
    grep -q 'hip flexors' "$tmp/log" || fail "the prompt lists no areas: $(cat "$tmp/log")"
    printf 'hamstrngs\r' >&3
    wait_for 20 grep -q "did you mean 'hamstrings'" "$tmp/log" || fail "no did you mean: $(cat "$tmp/log")"
    printf 'calves\r' >&3
    wait "$pid" || fail "play exited $?: $(tr '\r' '\n' <"$tmp/log" | tail -3)"
    exec 3>&-
    grep -q 'Sore today: calves, 3:00' "$tmp/log" || fail "not calves in 3:00: $(tr '\r' '\n' <"$tmp/log" | tail -5)"
    expect_exit 2 "$rollout" play --ask </dev/null
    grep -q 'needs a terminal' "$tmp/err" || fail "$(cat "$tmp/err")"
    ;;
start_screen_xvfb)
    # play with no routine named, the real window on a virtual X server: the
    # start screen first, nothing played; keys mark the calves and the
    # hamstrings and choose 8 minutes; Start plays exactly those, both sides;
    # Again comes back to the start screen, and Start plays them again. The
    # choice is kept in rollout.conf: the next play's start screen opens with
    # it, and Start alone plays the same.
    command -v xvfb-run >/dev/null || fail "xvfb-run is missing: install xvfb and xauth (scripts/setup)"
    command -v xdotool >/dev/null || fail "xdotool is missing: install it (scripts/setup)"
    cat >"$tmp/x.sh" <<'XSH'
set -euo pipefail
rollout=$1 tmp=$2
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
    "$rollout" play </dev/null >"$tmp/log" 2>"$tmp/err" &
pid=$!
wid=$(timeout 20 xdotool search --sync --onlyvisible --name '^rollout' | head -1)
[[ -n $wid ]] || { echo "no window appeared" >&2; exit 1; }
xdotool windowfocus --sync "$wid"
sleep 1
[[ ! -s $tmp/log ]] || { echo "played before Start: $(cat "$tmp/log")" >&2; exit 1; }
xdotool key Down Down space Down Down space Right Right Return
until grep -q '\] over: ' "$tmp/log"; do sleep 0.05; done
cp "$tmp/log" "$tmp/first"
xdotool key space
sleep 0.5
xdotool key Return
until (($(grep -c '\] over: ' "$tmp/log") >= 2)); do sleep 0.05; done
xdotool key q
wait $pid
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
    "$rollout" play </dev/null >"$tmp/log2" 2>"$tmp/err2" &
pid=$!
wid=$(timeout 20 xdotool search --sync --onlyvisible --name '^rollout' | head -1)
xdotool windowfocus --sync "$wid"
sleep 1
xdotool key Return
until grep -q '\] over: ' "$tmp/log2"; do sleep 0.05; done
xdotool key q
wait $pid
XSH
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
    env -u SDL_VIDEODRIVER timeout -k 5 200 \
        xvfb-run -a -s "-screen 0 1280x800x24" bash "$tmp/x.sh" "$rollout" "$tmp" ||
        fail "the start screen session failed: $(cat "$tmp/err" 2>/dev/null)"
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
    ;;
voice_festival | voice_flite | voice_espeak-ng)
    # rollout voice with one synthesiser on a routine of five new cues: each
    # made, tagged synthetic, trimmed, at the pack's loudness; then again
    # with nothing to do.
    tts=${case_name#voice_}
    case $tts in
    festival) program=text2wave package=festvox-us-slt-hts ;;
    flite) program=flite package=flite ;;
    espeak-ng) program=espeak-ng package=espeak-ng ;;
    esac
    if ! command -v "$program" >/dev/null; then
        # ctest reports 77 as skipped, never as passed.
        if ! apt-cache show "$package" >/dev/null 2>&1; then
            echo "SKIP: $package is not installable here, so rollout voice --tts $tts is untested" >&2
            exit 77
        fi
        fail "$program is missing: scripts/setup installs $package"
    fi
    take=$(dirname "$audiocheck")/test_take
    mkdir -p "$tmp/r"
    {
        echo 'routine "Five"'
        echo 'say five.one "Sit on the floor, with the ball beside you."'
        echo 'step s "Calves" area=calf'
        echo '  announce five.two "Next, your calves."'
        echo '  roll 10s five.three "Roll slowly up and down the calf, one inch each click."'
        echo '  hold 10s five.four "Found a sore spot? Stay on it."'
        echo '  rest 5s five.five "Two."'
    } >"$tmp/r/five.roll"
    expect_exit 0 "$rollout" voice --tts "$tts" "$tmp/r/five.roll"
    grep -q "^Made 5 of 5 synthetic cues for $tmp/r/five.roll in $tmp/r/audio, with $tts " "$tmp/out" ||
        fail "summary: $(cat "$tmp/out" "$tmp/err")"
    ! grep -q $'\033' "$tmp/out" || fail "terminal progress in a log: $(cat "$tmp/out")"
    "$rollout" cues "$tmp/r/five.roll" >"$tmp/cues"
    for id in five.one five.two five.three five.four five.five; do
        f=$tmp/r/audio/$id.flac
        [[ -f $f ]] || fail "$id.flac not made"
        grep -q "^$id  *found (synthetic) " "$tmp/cues" || fail "cues: $(cat "$tmp/cues")"
        "$take" measure "$f" >"$tmp/m"
        read -r _ frames _ lufs _ peak <"$tmp/m"
        # The synthetic cue's loudness: within the pack's 1 LU of -20 LUFS,
        # the true peak at most -1 dBTP (and what 16 bits round).
        awk -v s="$lufs" -v p="$peak" 'BEGIN { exit !(s > -21 && s < -19 && p <= -0.99) }' ||
            fail "$id loudness: $(cat "$tmp/m")"
        # Trimmed: at least "Two." long, at most 8 s, and starting with the
        # 30 ms of padding (plus the margin) before any sound.
        ((frames > 14400 && frames < 8 * 48000)) || fail "$id is $frames frames"
        first=$("$audiocheck" onsets "$f" | head -1)
        ((first >= 1440 && first < 1440 + 960 + 480)) || fail "$id sound starts at $first"
    done
    grep -q '!' "$tmp/cues" && fail "a cue flagged off the pack's loudness: $(cat "$tmp/cues")"
    # Every cue made: nothing to do, nothing written.
    expect_exit 0 "$rollout" voice --tts "$tts" "$tmp/r/five.roll"
    grep -q "^Every cue of .* has a recording" "$tmp/out" || fail "again: $(cat "$tmp/out")"
    [[ -z $(find "$tmp" -name '*.tmp-*') ]] || fail "temporary files left behind"
    # It plays: render finds every cue.
    expect_exit 0 "$rollout" render --quiet -o "$tmp/five.wav" "$tmp/r/five.roll"
    ;;
voice_person)
    # A person's recording is never replaced by a synthetic one, unless its
    # cue is named with --force; a synthetic cue is made again when named.
    mkdir -p "$tmp/r/audio"
    printf 'routine "Mine"\nsay mine.one "Roll slowly."\nsay mine.two "Breathe out."\nstep calves "Calves" area=calf sides=both\n  announce calves.next "Next, your calves."\n  roll 5s\n' >"$tmp/r/mine.roll"
    # 0.6 s of a 440 Hz tone, louder than the pack: a person's WAV.
    python3 - "$tmp/r/audio/mine.two.wav" <<'PY'
import math, struct, sys, wave
w = wave.open(sys.argv[1], "wb")
w.setnchannels(1); w.setsampwidth(2); w.setframerate(48000)
w.writeframes(b"".join(struct.pack("<h", int(16000 * math.sin(2 * math.pi * 440 * i / 48000))) for i in range(28800)))
w.close()
PY
    cp "$tmp/r/audio/mine.two.wav" "$tmp/keep.wav"
    # The cues missing only: the person's left alone.
    expect_exit 0 "$rollout" voice --tts flite "$tmp/r/mine.roll"
    grep -q '^Made 1 of 1 synthetic cue ' "$tmp/out" || fail "$(cat "$tmp/out" "$tmp/err")"
    [[ -f $tmp/r/audio/mine.one.flac && ! -e $tmp/r/audio/mine.two.flac ]] || fail "made: $(ls "$tmp/r/audio")"
    # Named: refused, in one sentence, before anything is made.
    cp "$tmp/r/audio/mine.one.flac" "$tmp/one.flac"
    expect_exit 2 "$rollout" voice --tts flite "$tmp/r/mine.roll" mine.one mine.two
    grep -q "^rollout: $tmp/r/audio/mine.two.wav is a person's recording, and voice does not replace it (add --force to replace it all the same)\.$" "$tmp/err" ||
        fail "refusal: $(cat "$tmp/err")"
    [[ ! -e $tmp/r/audio/mine.two.flac ]] || fail "a synthetic cue hides the person's recording"
    cmp -s "$tmp/r/audio/mine.one.flac" "$tmp/one.flac" || fail "something was made before the refusal"
    cmp -s "$tmp/r/audio/mine.two.wav" "$tmp/keep.wav" || fail "the person's recording changed"
    # cues marks the person's loud recording as off the pack's loudness.
    "$rollout" cues "$tmp/r/mine.roll" >"$tmp/cues"
    grep -q '^mine.two  *found  .*LUFS! ' "$tmp/cues" || fail "not flagged: $(cat "$tmp/cues")"
    grep -q '^1 cue marked ! is more than 2 LU from' "$tmp/cues" || fail "no note: $(cat "$tmp/cues")"
    # A synthetic cue, named, is made again (here by another synthesiser).
    expect_exit 0 "$rollout" voice --tts espeak-ng "$tmp/r/mine.roll" mine.one
    ! cmp -s "$tmp/r/audio/mine.one.flac" "$tmp/one.flac" || fail "mine.one not made again"
    # --force, named: made, the person's file kept beside it and mentioned.
    expect_exit 0 "$rollout" voice --tts flite --force "$tmp/r/mine.roll" mine.two
    [[ -f $tmp/r/audio/mine.two.flac ]] || fail "--force made nothing"
    grep -q "Note: $tmp/r/audio/mine.two.wav is there too" "$tmp/out" || fail "$(cat "$tmp/out")"
    cmp -s "$tmp/r/audio/mine.two.wav" "$tmp/keep.wav" || fail "--force touched the WAV"
    # Bad input: one sentence and a documented status each.
    expect_exit 2 "$rollout" voice --tts say "$tmp/r/mine.roll"
    grep -q "^rollout: --tts takes festival, flite or espeak-ng, not 'say'\.$" "$tmp/err" || fail "$(cat "$tmp/err")"
    expect_exit 2 "$rollout" voice --tts flite --voice nobody "$tmp/r/mine.roll" mine.one
    grep -q "^rollout: flite has no voice 'nobody'\.$" "$tmp/err" || fail "$(cat "$tmp/err")"
    expect_exit 2 "$rollout" voice --tts flite "$tmp/r/mine.roll" mine.three
    # No synthesiser on the PATH: the Debian packages named, status 6.
    mkdir "$tmp/empty"
    expect_exit 6 env PATH="$tmp/empty" "$rollout" voice "$tmp/r/mine.roll"
    [[ $(cat "$tmp/err") == "rollout: no speech synthesiser is installed; install the Debian packages festival and festvox-us-slt-hts (or flite, or espeak-ng)." ]] ||
        fail "no synthesiser: $(cat "$tmp/err")"
    expect_exit 6 env PATH="$tmp/empty" "$rollout" voice --tts flite "$tmp/r/mine.roll"
    grep -q "install the Debian package flite\.$" "$tmp/err" || fail "$(cat "$tmp/err")"
    ;;
draft)
    # play --draft: a cue with no recording is a silent slot as long as its
    # words take (0.4 s a word and 80 ms), and the timeline is the one a
    # recording of that length gives, click for click.
    mkdir -p "$tmp/r"
    printf 'routine "Draft"\nsay mine.one "One two three four five."\nstep s "Calves" area=calf sides=left\n  announce calves.next "Next, your calves."\n  roll 6s mine.two "Roll slowly."\n  hold 5s\n' >"$tmp/r/d.roll"
    # Without --draft: the error names both ways out, and --draft.
    for cmd in play render; do
        expect_exit 1 "$rollout" "$cmd" --headless -o "$tmp/x.wav" "$tmp/r/d.roll"
        grep -q "d.roll:2:5: error: no recording for cue 'mine.one'" "$tmp/err" || fail "$cmd: $(cat "$tmp/err")"
        grep -q "hint: make one with 'rollout voice $tmp/r/d.roll' (a speech synthesiser) or 'rollout record $tmp/r/d.roll' (your voice), or play it without: 'rollout play --draft $tmp/r/d.roll'" "$tmp/err" ||
            fail "$cmd hint: $(cat "$tmp/err")"
    done
    [[ ! -e $tmp/x.wav ]] || fail "render wrote a file"
    # shot needs no recording.
    expect_exit 0 "$rollout" shot --at 3 -o "$tmp/d.png" "$tmp/r/d.roll"
    "$rollout" plan --draft --tsv "$tmp/r/d.roll" >"$tmp/draft.tsv" 2>/dev/null
    # Recordings of exactly those lengths: 5 words, 2.08 s; 2 words, 0.88 s.
    mkdir -p "$tmp/rec/audio"
    cp "$tmp/r/d.roll" "$tmp/rec/d.roll"
    python3 - "$tmp/rec/audio" <<'PY'
import struct, sys, wave
for name, frames in (("mine.one", 99840), ("mine.two", 42240)):
    w = wave.open(f"{sys.argv[1]}/{name}.wav", "wb")
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(48000)
    w.writeframes(struct.pack("<h", 1000) * frames)
    w.close()
PY
    "$rollout" plan --tsv "$tmp/rec/d.roll" >"$tmp/rec.tsv"
    diff "$tmp/rec.tsv" "$tmp/draft.tsv" >&2 || fail "the draft's timeline is not the recorded one's"
    # Rendered: every click at its planned frame, and the slots silent.
    expect_exit 0 "$rollout" render --draft --mute voice --bits 32 -o "$tmp/clicks.wav" "$tmp/r/d.roll"
    grep -q "^rollout: a draft: 2 of .* cues have no recording" "$tmp/err" || fail "no count: $(cat "$tmp/err")"
    awk -F'\t' '$3 == "click" { print $1 }' "$tmp/draft.tsv" >"$tmp/plan"
    (($(wc -l <"$tmp/plan") == 6)) || fail "clicks planned: $(cat "$tmp/plan")"
    "$audiocheck" onsets "$tmp/clicks.wav" | diff "$tmp/plan" - >&2 || fail "clicks moved"
    expect_exit 0 "$rollout" render --draft --mute click --bits 32 -o "$tmp/voice.wav" "$tmp/r/d.roll"
    "$audiocheck" onsets "$tmp/voice.wav" >"$tmp/on"
    for id in mine.one mine.two; do
        at=$(awk -F'\t' -v id="$id" '$3 == "cue" && index($4, id " ") == 1 { print $1 }' "$tmp/draft.tsv")
        len=$([[ $id == mine.one ]] && echo 99840 || echo 42240)
        [[ -n $at ]] || fail "$id not planned"
        awk -v a="$at" -v l="$len" '$1 >= a && $1 < a + l { bad = 1 } END { exit bad }' "$tmp/on" ||
            fail "sound in $id's silent slot: $(cat "$tmp/on")"
    done
    # The pack's cue in the same render is heard.
    at=$(awk -F'\t' '$3 == "cue" && index($4, "calves.next ") == 1 { print $1 }' "$tmp/draft.tsv")
    # (after its 30 ms of padding and the 20 ms margin before the speech)
    awk -v a="$at" '$1 >= a && $1 < a + 2400 { ok = 1 } END { exit !ok }' "$tmp/on" ||
        fail "calves.next not heard at $at: $(cat "$tmp/on")"
    ;;
pack_loudness)
    # Every bundled cue within 1 LU of -20 LUFS, its true peak at most -1 dBTP.
    take=$(dirname "$audiocheck")/test_take
    n=0
    for f in "$root"/audio/*.flac; do
        read -r _ _ _ lufs _ peak < <("$take" measure "$f")
        awk -v s="$lufs" -v p="$peak" 'BEGIN { exit !(s >= -21 && s <= -19 && p <= -0.99) }' ||
            fail "$(basename "$f"): $lufs LUFS, $peak dBTP"
        n=$((n + 1))
    done
    ((n >= 78)) || fail "only $n cues in the pack"
    "$rollout" cues default >"$tmp/cues"
    ! grep -q 'LUFS!' "$tmp/cues" || fail "cues flags a bundled cue: $(grep 'LUFS!' "$tmp/cues")"
    ;;
*)
    fail "no such case: $case_name"
    ;;
esac
echo "ok: $case_name"
