# SPDX-License-Identifier: MIT
# lib.sh — what every shell test of rollout uses, sourced first:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# The test's own temporary folder, $tmp, is made by the test before it
# calls expect_exit, which leaves the command's output in $tmp/out and
# $tmp/err.
#
# No test waits a fixed time for the program to do something: on a loaded
# machine any fixed time is too short. It waits for what the program says
# or writes (wait_for, wait_line), with a deadline that only a broken
# program reaches.

# Debian's tools first, as scripts/setup installs them: a python3 found
# earlier in PATH (a version manager's shim, say) can take ten times as
# long to start, and be another Python.
PATH=/usr/bin:/bin:$PATH

# fail MESSAGE... — the test fails, saying why.
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# expect_exit CODE COMMAND... — runs the command, which must exit with CODE.
expect_exit() {
    local want=$1
    shift
    local got=0
    "$@" >"$tmp/out" 2>"$tmp/err" || got=$?
    [[ $got == "$want" ]] || fail "'$*' exited $got, expected $want; stderr: $(cat "$tmp/err")"
}

# wait_for SECONDS COMMAND... — until COMMAND succeeds, looking every 50 ms;
# fails after SECONDS. For waiting on what a program does, never a fixed time.
wait_for() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.05
    done
}

# wait_line FILE REGEX [SECONDS] — until FILE has a line matching REGEX
# (grep -E), or the test fails after SECONDS (30 unless told), showing
# what FILE held. A program's log lines are what a test waits on.
wait_line() {
    wait_for "${3:-30}" grep -qE -- "$2" "$1" 2>/dev/null ||
        fail "no line '$2' in $1 after ${3:-30} s: $(tr '\r' '\n' <"$1" 2>/dev/null | tail -5)"
}

# answers SECONDS COMMAND... — runs COMMAND (its output in $tmp/out and
# $tmp/err, its exit status in $status), which must end by itself within
# SECONDS: for input that once made rollout hang. One that does not is
# killed outright (a hung rollout may ignore gentler signals) and the test
# fails.
answers() {
    local limit=$1
    shift
    "$@" >"$tmp/out" 2>"$tmp/err" </dev/null &
    local pid=$!
    if ! wait_for "$limit" eval "! kill -0 $pid 2>/dev/null"; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null || true
        fail "'$*' still running after $limit s: $(tail -3 "$tmp/err")"
    fi
    status=0
    wait "$pid" || status=$?
}

# stops SIGNAL SECONDS PATTERN COMMAND... — starts COMMAND, waits until
# its output ($tmp/out or $tmp/err) has a line matching PATTERN, sends it
# SIGNAL, and expects it to be gone within SECONDS; $status is how it ended
# (128 + the signal's number when the signal ended it).
stops() {
    local sig=$1 limit=$2 pattern=$3
    shift 3
    "$@" >"$tmp/out" 2>"$tmp/err" </dev/null &
    local pid=$!
    if ! wait_for "$limit" grep -qE -- "$pattern" "$tmp/out" "$tmp/err"; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null || true
        fail "'$*' never said '$pattern' in $limit s: $(tail -3 "$tmp/out" "$tmp/err")"
    fi
    kill "-$sig" "$pid" 2>/dev/null || true
    if ! wait_for "$limit" eval "! kill -0 $pid 2>/dev/null"; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null || true
        fail "'$*' ignored SIG$sig for $limit s: $(tail -3 "$tmp/err")"
    fi
    status=0
    wait "$pid" || status=$?
}

# The paced clock. Most tests of a playing session are about what happens
# in what order, not about the wall clock, and rollout's own clock is its
# frame count: played through SDL's disk driver, which waits
# SDL_DISKAUDIODELAY ms for each device buffer instead of the buffer's own
# length, a session is the same frame for frame, only faster. A test runs
# rollout as
#     "${PACED[@]}" "$rollout" play ...
# (PACED is an env(1) command line, so $! of a command run in the
# background is the command's own, and signals reach it), and its sound
# goes to /dev/null unless it adds SDL_DISKAUDIOFILE=FILE after it.
#
# real_clock: this run is on the wall clock. The realtime tier runs some
# scripts a second time with ROLLOUT_TEST_CLOCK=real, to prove what only
# the wall clock can: that a command is heard within a second, say.
real_clock() { [[ ${ROLLOUT_TEST_CLOCK:-paced} == real ]]; }

# pace MS — each device buffer takes MS milliseconds on the paced clock
# (on the real clock, its own length). rollout's 4096-frame buffer is 85 ms
# at 48 kHz, so the 10 set here play it about 8.5 times as fast.
pace() {
    if real_clock; then
        PACED=(env -u SDL_DISKAUDIODELAY SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null)
    else
        PACED=(env SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY="$1")
    fi
}
pace 10

# cli_case ROLLOUT AUDIOCHECK — the start of every case in tests/cli/:
# names the programs and the test routines, and makes $tmp, the case's
# own folder, removed at exit. Settings, the resume point and the history
# go to folders in it: never the real home, and never another test's (a
# remembered volume would change what the next play sounds like).
cli_case() {
    rollout=$1
    audiocheck=$2
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    root=$(cd "$here/.." && pwd)
    short=$here/routines/short.roll
    tmp=$(mktemp -d)
    export XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state
    trap 'rm -rf "$tmp"' EXIT
}

# plan_end [ROUTINE] [OPTION]... — the session's length in frames, from
# plan --tsv.
plan_end() {
    "$rollout" plan --tsv "$@" | awk -F'\t' '$3 == "end" { print $1 }'
}

# pulse_start DIR SINK — a private PulseAudio in DIR with one null sink,
# SINK (48 kHz float stereo, so the server converts nothing), and the
# environment that points every client at it; $pulse is its pid. Again
# after `pulseaudio --kill`, it comes back as it was.
pulse_start() {
    export PULSE_RUNTIME_PATH=$1/pulse PULSE_SERVER=unix:$1/pulse/native
    export PULSE_STATE_PATH=$1/pulse/state PULSE_CONFIG_PATH=$1/pulse/config
    mkdir -p "$PULSE_STATE_PATH" "$PULSE_CONFIG_PATH" "$1/home"
    command -v pulseaudio >/dev/null || fail "pulseaudio is not installed (scripts/setup installs it)"
    HOME=$1/home pulseaudio -D --exit-idle-time=-1 --disallow-exit -n --system=false \
        --use-pid-file=yes --log-target=file:"$1/pulse.log" \
        --load="module-null-sink sink_name=$2 format=float32le rate=48000 channels=2" \
        --load="module-native-protocol-unix auth-anonymous=1"
    wait_for 10 pulse_ready || fail "PulseAudio did not start: $(tail -3 "$1/pulse.log")"
    pulse=$(cat "$PULSE_RUNTIME_PATH/pid")
}
pulse_ready() { [[ -s $PULSE_RUNTIME_PATH/pid ]] && pactl info >/dev/null 2>&1; }

# room_echo IN OUT — IN as a microphone across the room hears rollout's
# speakers play it: 120 ms after it was handed to the device (its buffers
# and the air), with reverberation, 6 dB down; as long as IN, and the same
# bytes every time (-R: sox's dither repeats itself). The spoken commands'
# tests and their benchmark hear the same room.
ROOM=(delay 0.12 reverb 30 50 40 100 0 0 gain -6)
room_echo() { command sox -R "$1" "$2" "${ROOM[@]}" trim 0 "$(soxi -D "$1")"; }

# level FILE — a 16-bit file's level in dBFS while it sounds: the RMS of
# its 20 ms frames that are no more than 30 dB below its loudest, so that
# the pauses between words and clicks do not count.
level() {
    python3 - "$1" <<'PY'
import array, math, sys, wave
w = wave.open(sys.argv[1]); a = array.array('h'); a.frombytes(w.readframes(w.getnframes()))
f = [sum(x * x for x in a[i:i + 320]) / 320 for i in range(0, len(a) - 320, 320)]
top = max(f)
on = [p for p in f if p > top / 1000]
print('%.1f' % (10 * math.log10(max(sum(on) / len(on), 1) / 32768 ** 2)))
PY
}

# across IN OUT DB [TEMPO] — IN (16-bit) as a microphone hears a person
# say it across the room: TEMPO times as fast (1: as said), reverberant,
# at DB dBFS while it sounds (level). The spoken commands' tests and their
# benchmark's room condition say their commands so.
ACROSS=(reverb 60 40 80 100 10 0)
across() {
    command sox -R "$1" "$2.r.wav" tempo "${4:-1}" pad 0 0.6 "${ACROSS[@]}" 2>/dev/null
    command sox -R "$2.r.wav" "$2" gain "$(python3 -c "print($3 - $(level "$2.r.wav"))")"
    rm -f "$2.r.wav"
}
