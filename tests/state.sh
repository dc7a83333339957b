#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# state.sh CASE ROLLOUT — what rollout keeps between runs, end to end:
# settings (rollout config, rollout.conf read by every command), the place
# a stopped session goes on from (play --resume), the history. Each case has
# its own scratch XDG folders; none touches the real home.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case_name=$1
rollout=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state
conf=$XDG_CONFIG_HOME/rollout/rollout.conf
mkdir -p "$HOME"

# A routine to stop in any part of: two sides of calves, then a long back,
# each part 15 s or more (on the paced clock, close to 2 s), so that a
# stop asked for in a part lands in it. Its cues are the voice pack's.
legs=$tmp/r/legs.roll
mkdir -p "$tmp/r"
cat >"$legs" <<'ROLL'
routine "Legs"
step calves "Calves" area=calf sides=both
  announce calves.next "Next, your calves."
  roll 15s
step back "Upper back" area=upper-back
  announce intro.pace "Go slowly. Move no more than one inch with each click."
  roll 60s
ROLL

# play_until LOG PATTERN ROUTINE [OPTION]... — plays (headless, on the
# paced clock) until the log shows PATTERN, then stops it as Ctrl-C does.
play_until() {
    local log=$1 pattern=$2
    shift 2
    "${PACED[@]}" timeout -k 5 60 "$rollout" play --headless "$@" </dev/null >"$log" 2>&1 &
    local pid=$!
    wait_for 30 grep -q "$pattern" "$log" || { kill "$pid"; fail "never reached '$pattern': $(cat "$log")"; }
    kill -INT "$pid"
    wait "$pid" || fail "play exited $?: $(cat "$log")"
}

case $case_name in
config)
    # Nothing set: every key at its default.
    "$rollout" config >"$tmp/out"
    grep -qE '^volume +0 +default$' "$tmp/out" || fail "defaults: $(cat "$tmp/out")"
    [[ ! -e $conf ]] || fail "showing the settings wrote a file"
    # Set one: in the file, and shown with its line. Negative values need no --.
    "$rollout" config volume -6 >/dev/null
    "$rollout" config pace 2 >/dev/null
    grep -qx 'volume = -6' "$conf" || fail "not written: $(cat "$conf")"
    "$rollout" config >"$tmp/out"
    grep -qE "^volume +-6 +$conf:[0-9]+$" "$tmp/out" || fail "source: $(cat "$tmp/out")"
    grep -qE "^pace +2s +$conf:[0-9]+$" "$tmp/out" || fail "pace: $(cat "$tmp/out")"
    # The command line wins, and says so.
    "$rollout" config --volume -3 volume >"$tmp/out"
    grep -qE '^volume +-3 +command line$' "$tmp/out" || fail "command line: $(cat "$tmp/out")"
    # Settings reach the commands: plan's clicks 2 s apart, 1 s with --pace.
    gap() { "$rollout" plan --tsv "$@" "$legs" | awk -F'\t' '$3 == "click" { if (p) { print $1 - p; exit } p = $1 }'; }
    [[ $(gap) == 96000 ]] || fail "pace from the file: clicks $(gap) frames apart"
    [[ $(gap --pace 1) == 48000 ]] || fail "--pace over the file: $(gap --pace 1)"
    # A value the key does not take is refused, the file untouched.
    cp "$conf" "$tmp/before"
    expect_exit 2 "$rollout" config volume loud
    grep -q "volume takes dB from -60 to 12, not 'loud'" "$tmp/err" || fail "$(cat "$tmp/err")"
    expect_exit 2 "$rollout" config voluem 3
    grep -q "did you mean 'volume'" "$tmp/err" || fail "$(cat "$tmp/err")"
    cmp -s "$conf" "$tmp/before" || fail "a refused value changed the file"
    # --format tsv is history's, not check's.
    expect_exit 2 "$rollout" check --format tsv "$legs"
    # default takes a key out again.
    "$rollout" config pace default >/dev/null
    ! grep -q '^pace' "$conf" || fail "pace still set: $(cat "$conf")"
    # A bad line: file:line: error, exit 2, for every command; an unknown
    # key only warns.
    printf 'volume = -6\nbuffer 2048\n' >"$conf"
    expect_exit 2 "$rollout" plan "$legs"
    grep -q "^$conf:2: error: expected 'key = value'" "$tmp/err" || fail "bad line: $(cat "$tmp/err")"
    printf 'volume = -6\ncolour = blue\n' >"$conf"
    expect_exit 0 "$rollout" plan "$legs"
    grep -q "^$conf:2: warning: unknown setting 'colour'" "$tmp/err" || fail "unknown: $(cat "$tmp/err")"
    # --help and --version never read the file.
    printf 'nonsense\n' >"$conf"
    expect_exit 0 "$rollout" --help
    # No temporary file is left beside it.
    ls -A "$XDG_CONFIG_HOME/rollout" | grep -q tmp && fail "a temporary file was left"
    # The README's example file is a good one.
    readme=$(dirname "${BASH_SOURCE[0]}")/../README.md
    awk '/^Settings that stick live in/ { on = 1 } on && /^```$/ { if (inside) exit; inside = 1; next } inside' \
        "$readme" >"$conf"
    grep -q '^volume = -6$' "$conf" || fail "no example found in the README"
    expect_exit 0 "$rollout" config
    [[ ! -s $tmp/err ]] || fail "the README's example: $(cat "$tmp/err")"
    echo "config: set, shown with its source, overridden, refused, read by plan"
    ;;
volume)
    # The volume changed with the keys is the volume next time.
    mkfifo "$tmp/keys"
    "${PACED[@]}" timeout -k 5 60 script -qfec "'$rollout' play --headless '$legs'" \
        /dev/null <"$tmp/keys" >"$tmp/log" 2>&1 &
    pid=$!
    exec 3>"$tmp/keys"
    wait_for 20 grep -q 'Calves' "$tmp/log" || fail "never started: $(cat "$tmp/log")"
    printf '+' >&3
    wait_for 10 grep -q '+3 dB' "$tmp/log" || fail "+ did nothing: $(tr '\r' '\n' <"$tmp/log" | tail -5)"
    printf 'q' >&3
    wait "$pid" || fail "play exited $?"
    exec 3>&-
    grep -qx 'volume = 3' "$conf" || fail "not remembered: $(cat "$conf" 2>&1)"
    "$rollout" config volume >"$tmp/out"
    grep -qE "^volume +3 +$conf:" "$tmp/out" || fail "$(cat "$tmp/out")"
    # The file's volume is where play starts: -6, and + makes it -3.
    "$rollout" config volume -6 >/dev/null
    "${PACED[@]}" timeout -k 5 60 script -qfec "'$rollout' play --headless '$legs'" \
        /dev/null <"$tmp/keys" >"$tmp/log2" 2>&1 &
    pid=$!
    exec 3>"$tmp/keys"
    wait_for 20 grep -q 'Calves' "$tmp/log2" || fail "never started: $(cat "$tmp/log2")"
    printf '+' >&3
    wait_for 10 grep -q -- '-3 dB' "$tmp/log2" || fail "+ from -6: $(tr '\r' '\n' <"$tmp/log2" | tail -5)"
    printf 'q' >&3
    wait "$pid" || fail "play exited $?"
    exec 3>&-
    grep -qx 'volume = -3' "$conf" || fail "not remembered: $(cat "$conf")"
    # The keys step within the range the file takes: from 10 dB, louder is
    # 12 (the most there is), never less; from -50, quieter is -53. What is
    # saved is what was played.
    step_from() { # step_from DB KEY SAYS — plays from DB, presses KEY, expects SAYS
        "$rollout" config volume "$1" >/dev/null
        "${PACED[@]}" timeout -k 5 60 script -qfec "'$rollout' play --headless '$legs'" \
            /dev/null <"$tmp/keys" >"$tmp/log3" 2>&1 &
        pid=$!
        exec 3>"$tmp/keys"
        wait_for 20 grep -q 'Calves' "$tmp/log3" || fail "never started: $(cat "$tmp/log3")"
        printf '%s' "$2" >&3
        wait_for 10 grep -q -- "volume $3 dB" "$tmp/log3" ||
            fail "$2 from $1: $(tr '\r' '\n' <"$tmp/log3" | tail -5)"
        printf 'q' >&3
        wait "$pid" || fail "play exited $?"
        exec 3>&-
        grep -qx "volume = ${3#+}" "$conf" || fail "from $1, not remembered as $3: $(cat "$conf")"
    }
    step_from 10 + +12
    step_from -50 - -53
    echo "volume: a key press remembered in rollout.conf, and the next play starts there"
    ;;
resume)
    # Stopped on the calves' right side: said, and kept.
    play_until "$tmp/log" 'Calves, right' "$legs"
    grep -qE '^Stopped in Calves, right side, at 0:[0-9]{2} of [0-9]:[0-9]{2}:' "$tmp/log" ||
        fail "summary: $(cat "$tmp/log")"
    grep -q "^'rollout play --resume' goes on from there\.$" "$tmp/log" || fail "no hint: $(cat "$tmp/log")"
    grep -qx 'step	calves' "$XDG_STATE_HOME/rollout/resume" || fail "not kept"
    # Played again from its start, the place is offered: r goes there.
    mkfifo "$tmp/keys"
    "${PACED[@]}" timeout -k 5 60 script -qfec "'$rollout' play --headless '$legs'" \
        /dev/null <"$tmp/keys" >"$tmp/live" 2>&1 &
    pid=$!
    exec 3>"$tmp/keys"
    wait_for 20 grep -q 'r goes on from Calves, right side, where you stopped' "$tmp/live" ||
        fail "no offer: $(tr '\r' '\n' <"$tmp/live" | tail -5)"
    printf 'r' >&3
    wait_for 20 grep -q '1/2 Calves, right' "$tmp/live" || fail "r did not go there: $(tr '\r' '\n' <"$tmp/live" | tail -5)"
    printf 'q' >&3
    wait "$pid" || fail "play exited $?"
    exec 3>&-
    grep -q 'Stopped in Calves, right side' "$tmp/live" || fail "$(tr '\r' '\n' <"$tmp/live" | tail -3)"
    # Edited (a longer roll, a new first step): the same step and side.
    sed -i 's/^  roll 15s$/  roll 16s/; s/^step calves/step warmup "Warm-up"\n  announce foot.next "First, the arch of your foot."\n  roll 15s\nstep calves/' "$legs"
    play_until "$tmp/log2" 'Calves' --resume
    grep -qE '^\[0:[0-9]{2}\] step 2/3: Calves, right$' "$tmp/log2" || fail "not resumed: $(cat "$tmp/log2")"
    ! grep -qE 'Warm-up|Calves, left' "$tmp/log2" || fail "resumed elsewhere: $(cat "$tmp/log2")"
    # The back this time; then the back gone: said, with the start offered.
    play_until "$tmp/log3" 'Upper back' --start-at back "$legs"
    sed -i '/^step back/,$d' "$legs"
    expect_exit 1 "$rollout" play --headless --resume
    grep -q "has changed since you stopped: it has no step 'back' now. 'rollout play .*legs.roll' plays it from the start" \
        "$tmp/err" || fail "gone: $(cat "$tmp/err")"
    # --resume with a routine named is a usage error.
    expect_exit 2 "$rollout" play --resume "$legs"
    # Played to the end: nothing left to resume.
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
        timeout -k 5 60 "$rollout" play --headless "$legs" </dev/null >"$tmp/log4"
    grep -q 'Session complete' "$tmp/log4" || fail "$(cat "$tmp/log4")"
    [[ ! -e $XDG_STATE_HOME/rollout/resume ]] || fail "a finished session left a place to resume"
    expect_exit 1 "$rollout" play --headless --resume
    grep -q 'nothing to resume' "$tmp/err" || fail "$(cat "$tmp/err")"
    echo "resume: kept by step and side, found in an edited routine, a lost step said"
    ;;
history)
    history=$XDG_STATE_HOME/rollout/history.tsv
    "$rollout" history >"$tmp/out"
    grep -q '^No sessions yet' "$tmp/out" || fail "empty: $(cat "$tmp/out")"
    # One whole session, one stopped on the calves' right side.
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
        timeout -k 5 60 "$rollout" play --headless "$legs" </dev/null >"$tmp/whole"
    # Its end says what it did and the week it makes, itself included.
    tail -2 "$tmp/whole" | head -1 | grep -qE '^Session complete: 2 of 2 steps, [0-9:]+\.$' ||
        fail "the end: $(tail -2 "$tmp/whole")"
    tail -1 "$tmp/whole" | grep -qx 'This week: 1 session, [0-9]* min; calf 1×, upper back 1×\.' ||
        fail "the week at the end: $(tail -2 "$tmp/whole")"
    play_until "$tmp/log" 'Calves, right' "$legs"
    [[ $(grep -vc '^#' "$history") == 2 ]] || fail "not two lines: $(cat "$history")"
    # The whole one: 2 steps, 3 sides, calves and back; the other none in full.
    grep -qE $'^[0-9-]{10}T[0-9:]{8}[+-][0-9]{4}\tlegs\t1\\.[0-9]\t2\t3\tcalf,upper-back$' "$history" ||
        fail "whole session: $(cat "$history")"
    grep -qE $'\tlegs\t0\\.[0-9]\t0\t1\tcalf$' "$history" || fail "stopped session: $(cat "$history")"
    "$rollout" history >"$tmp/out"
    grep -q '^this week: 2 sessions, [0-9]* min; calf 2×, upper back 1×; last rolled' "$tmp/out" ||
        fail "summary: $(cat "$tmp/out")"
    "$rollout" history --format json | python3 -c '
import json, sys
v = json.load(sys.stdin)
assert len(v) == 2 and v[0]["steps"] == 2 and v[0]["areas"] == ["calf", "upper-back"], v' ||
        fail "json"
    [[ $("$rollout" history --format tsv | wc -l) == 2 ]] || fail "tsv"
    # Damaged: sessions still play and are added; the bad lines are skipped
    # with one warning.
    printf 'garbage\n\0\001\tmore\n' >>"$history"
    SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
        timeout -k 5 60 "$rollout" play --headless "$legs" </dev/null >"$tmp/log2" 2>&1 ||
        fail "a damaged history stopped a session: $(cat "$tmp/log2")"
    expect_exit 0 "$rollout" history --format tsv
    [[ $(wc -l <"$tmp/out") == 3 ]] || fail "not three sessions: $(cat "$tmp/out")"
    [[ $(wc -l <"$tmp/err") == 1 ]] || fail "not one warning: $(cat "$tmp/err")"
    grep -q '2 damaged lines skipped (the first is line 4)' "$tmp/err" || fail "$(cat "$tmp/err")"
    grep -qx 'This week: 3 sessions, [0-9]* min; calf 3×, upper back 2×\.' "$tmp/log2" ||
        fail "the week at the end, with a damaged history: $(tail -2 "$tmp/log2")"
    # What did not happen is not history: a preview (--fast, --draft), and
    # a session stopped in its introduction, before any step.
    before=$(grep -vc '^#' "$history")
    for preview in "--fast 20" --draft; do
        SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
            timeout -k 5 60 "$rollout" play --headless $preview "$legs" </dev/null >"$tmp/preview" 2>&1
        grep -qx 'A preview: not kept in the history\.' "$tmp/preview" ||
            fail "$preview: $(tail -2 "$tmp/preview")"
    done
    printf 'routine "Long intro"\nsay 40s intro.pace "Go slowly. Move no more than one inch with each click."\nstep a "Calves" area=calf sides=both\n  announce calves.next "Next, your calves."\n  roll 5s\n' >"$tmp/r/intro.roll"
    play_until "$tmp/log5" 'introduction' "$tmp/r/intro.roll"
    [[ $(grep -vc '^#' "$history") == "$before" ]] || fail "logged what did not happen: $(tail -3 "$history")"
    echo "history: every session a line, summed up, damage skipped with one warning; no previews"
    ;;
*)
    fail "no case '$case_name'"
    ;;
esac
