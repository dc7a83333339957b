#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench/listen.sh BUILD OUT.md — spoken commands, measured: how many are
# acted on, dry and across a room, with and without the hush on the wake
# word; how often something else is taken for one; how late; at what CPU
# and memory. Writes a section of docs/benchmarks.md to OUT.md.
# scripts/bench runs it; `scripts/bench --listen` runs only it. Needs
# festival (kal, ked and the pack's slt voices), flite, espeak-ng, sox and
# asterisk-core-sounds-en-wav, which scripts/bench installs.
# ROLLOUT_BENCH_QUICK=1: two voices a set, one placing, a short CPU run.
# ROLLOUT_BENCH_KEEP=DIR: the microphones and what was heard kept in DIR.
# ROLLOUT_BENCH_PLACINGS=N: N sets of times a voice instead of three.
#
# The commands are spoken by synthetic voices, each command once, at random
# times (fixed seeds, three sets of times a voice), and each microphone's
# sound goes through the recogniser exactly as `play --listen` feeds it
# (tests/hear --room), with what was played given to the echo canceller.
# The session, the first three minutes of the default one, is played as two
# stems, its clicks and its voice, and reaches the microphone through a
# room (room_echo in tests/lib.sh: 120 ms late, reverberant, -6 dB). Two
# conditions:
#   dry   each command peaking at -1 dBFS, as a person right at the
#         microphone;
#   room  each command spoken across the room: 12 dB below the session's
#         level at the microphone, reverberant, with a fan's steady noise
#         under everything, and said 10 % slower or faster.
# Each is heard twice: as before (no hush), and with the hush on the wake
# word that play does (hear --hush).
# False triggers: all three bundled sessions' own output through the room;
# every routine transcript, and sentences that use the verbs, spoken by
# voices other than the pack's; and a real person's voice, Asterisk's
# English prompts (asterisk-core-sounds-en-wav), alone and across the room
# while the session plays.
set -euo pipefail
build=$1
out=$2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rollout=$build/rollout
hear=$build/tests/hear
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -n ${ROLLOUT_BENCH_KEEP:-} ]]; then # its files kept there, to look at or hear again
    rmdir "$work"
    work=$ROLLOUT_BENCH_KEEP
    mkdir -p "$work"
    trap '' EXIT
fi
log() { printf '[listen] %s\n' "$*" >&2; }
# sox dithers with a fresh seed each run unless told to repeat itself:
# every voice, room and mix here is the same bytes from run to run.
sox() { command sox -R "$@"; }
# The room, and a private sound server for the CPU's measure, as the tests have them.
. "$root/tests/lib.sh"
quick=${ROLLOUT_BENCH_QUICK:-0}

verbs=(pause continue next back hold louder quieter stop)
# Voices the thresholds were chosen on; voices never tuned on, but whose
# misses were studied while the recogniser was changed; and voices held
# out: first heard when they were measured, the goal's measure.
tuned=(fest:kal_diphone fest:ked_diphone fest:cmu_us_slt_arctic_hts flite:awb flite:rms
    flite:slt flite:kal16 espeak:en-gb espeak:en-us+f3 espeak:en-us+m3)
studied=(espeak:en-us+f4 espeak:en-029 espeak:en-gb-x-gbclan espeak:en-gb-x-rp espeak:en-us+m7
    vary:fest:ked_diphone:-300:0.9 vary:flite:awb:200:1.1 vary:flite:rms:0:0.85
    vary:fest:kal_diphone:250:1.0 vary:flite:slt:-200:1.15)
held_out=(espeak:en-gb-scotland espeak:en-gb-x-gbcwmd espeak:en-us-nyc espeak:en-us+Annie
    espeak:en-us+Andy espeak:en-us+klatt espeak:en-us+f2 espeak:en-us+m5
    vary:fest:cmu_us_slt_arctic_hts:-150:0.95 vary:flite:rms:150:1.05)
PLACINGS=${ROLLOUT_BENCH_PLACINGS:-3}
if ((quick)); then
    tuned=(fest:kal_diphone espeak:en-gb) studied=(vary:flite:awb:200:1.1 espeak:en-029)
    held_out=(vary:fest:cmu_us_slt_arctic_hts:-150:0.95 espeak:en-us+f2) PLACINGS=1
fi

# speak VOICE TEXT OUT — 16 kHz mono 16-bit
speak() {
    local v=$1 text=$2 o=$3 t=$work/t.wav
    case $v in
    fest:*) echo "$text" | text2wave -eval "(voice_${v#fest:})" -o "$t" 2>/dev/null ;;
    flite:*) flite -voice "${v#flite:}" -t "$text" -o "$t" ;;
    espeak:*) espeak-ng -v "${v#espeak:}" -s 150 -w "$t" "$text" 2>/dev/null ;;
    vary:*) # another voice's pitch (cents) and tempo: a speaker it was not tuned on
        local rest=${v#vary:} cents tempo
        tempo=${rest##*:} rest=${rest%:*} cents=${rest##*:} rest=${rest%:*}
        speak "$rest" "$text" "$work/v.wav"
        sox "$work/v.wav" "$t" pitch "$cents" tempo "$tempo" 2>/dev/null ;;
    esac
    sox "$t" -r 16000 -c 1 -b 16 "$o" norm -1 2>/dev/null
}

log "rendering the session, its stems and the other sessions"
"$rollout" render --quiet --rate 16000 --channels 1 -o "$work/session.wav" default
"$rollout" render --quiet --rate 16000 --channels 1 --mute voice -o "$work/clicks.wav" default
"$rollout" render --quiet --rate 16000 --channels 1 --mute click -o "$work/voice.wav" default
for r in pre-run lower-body; do
    "$rollout" render --quiet --rate 16000 --channels 1 -o "$work/$r.wav" "$r"
done
# The commands take about two minutes to say: the first three of each.
for b in session clicks voice; do
    sox "$work/$b.wav" "$work/$b-3min.wav" trim 0 180
    room_echo "$work/$b-3min.wav" "$work/$b-3min-room.wav" 2>/dev/null
done
session_db=$(level "$work/session-3min-room.wav")
say_db=$(python3 -c "print($session_db - 12)")
fan_db=$(python3 -c "print($session_db - 20)")
# A fan: brown noise, its hum low and its rush cut above 1.5 kHz, steady.
sox -n -r 16000 -c 1 -b 16 "$work/fan0.wav" synth 190 brownnoise synth 190 pinknoise mix \
    lowpass 1500 highpass 60 2>/dev/null
sox "$work/fan0.wav" "$work/fan.wav" gain "$(python3 -c "print($fan_db - $(level "$work/fan0.wav"))")"
log "the session at the microphone: $session_db dBFS; room commands at $say_db, the fan at $fan_db"

# commands VOICE DIR — the voice saying each command, DIR/0.wav to 7.wav
commands() {
    local i=0
    mkdir -p "$2"
    for v in "${verbs[@]}"; do
        speak "$1" "rollout $v" "$2/$i.wav"
        i=$((i + 1))
    done
}

# across_all SAID PLACING DIR — the commands SAID as the microphone hears a
# person across the room (across, tests/lib.sh): 10 % slower or faster, by
# turns from the placing, at $say_db dBFS while they sound.
across_all() {
    mkdir -p "$3"
    for i in "${!verbs[@]}"; do
        local tempo=0.9
        (((i + $2) % 2)) && tempo=1.1
        across "$1/$i.wav" "$3/$i.wav" "$say_db" "$tempo"
    done
}

# place SAID SEED FLOOR OUT.wav > TRUTH — each command said (SAID, from
# `commands` or `across`) once, 4 to 8 s apart, over FLOOR (silence, or
# the fan) at times drawn from SEED; TRUTH lists "START END VERB" (END: its
# last sound).
place() {
    python3 - "$1" "$2" "$3" "$4" "${verbs[@]}" <<'PY'
import array, random, sys, wave, zlib
said, seed, floor_path, out, verbs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
def read(p):
    w = wave.open(p); a = array.array('h'); a.frombytes(w.readframes(w.getnframes())); return a
mic = read(floor_path)
random.seed(zlib.crc32(seed.encode()))  # hash() differs from run to run
t = random.uniform(5, 30)
for i, v in enumerate(verbs):
    c = read('%s/%d.wav' % (said, i))
    top = max(abs(x) for x in c)
    last = max(k for k, x in enumerate(c) if abs(x) > top / 30)
    at = int(t * 16000)
    for k, x in enumerate(c):
        mic[at + k] = max(-32768, min(32767, mic[at + k] + x))
    print('%.3f %.3f %s' % (t, t + last / 16000, v))
    t += len(c) / 16000 + random.uniform(4, 8)
w = wave.open(out, 'w'); w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
w.writeframes(mic.tobytes())
PY
}

sox -n -r 16000 -c 1 -b 16 "$work/silence.wav" trim 0 180
log "saying the commands, $PLACINGS placings a voice, dry and across the room"
mkdir -p "$work/mix"
: >"$work/jobs"
: >"$work/runs"
stems=("$work/clicks-3min.wav" "$work/voice-3min.wav" "$work/clicks-3min-room.wav" "$work/voice-3min-room.wav")
for set in tuned studied held_out; do
    declare -n voices=$set
    for voice in "${voices[@]}"; do
        id=${voice//[^a-zA-Z0-9_.-]/_}
        commands "$voice" "$work/said/$id"
        for p in $(seq 1 $PLACINGS); do
            across_all "$work/said/$id" "$p" "$work/across/$id.$p"
            for cond in dry room; do
                m=$work/mix/$cond.$id.$p
                if [[ $cond == dry ]]; then
                    place "$work/said/$id" "$voice#$p" "$work/silence.wav" "$m.wav" >"$m.truth"
                else
                    place "$work/across/$id.$p" "$voice#$p" "$work/fan.wav" "$m.wav" >"$m.truth"
                fi
                for hush in plain hush; do
                    printf '%s\t%s\t%s\t%s\t%s\n' "$set" "$voice" "$cond" "$hush" "$m" >>"$work/runs"
                    printf '%s %s %s %s %s %s %s\n' "$m.$hush.heard" "$hush" "${stems[@]}" "$m.wav" >>"$work/jobs"
                done
            done
        done
    done
done
log "hearing $(wc -l <"$work/jobs") microphones, two at a time"
# shellcheck disable=SC2016 # expanded by the shell xargs starts
xargs -P 2 -L 1 sh -c 'o=$1 h=; [ "$2" = hush ] && h=--hush; shift 2
    "$0" --awake $h --room "$@" >"$o"' "$hear" <"$work/jobs"

log "false triggers: the sessions' own output"
seconds() { python3 -c "import wave,sys; w=wave.open(sys.argv[1]); print(w.getnframes() // 16000)" "$1"; }
own_s=0 own_n=0 own_w=0
for r in session pre-run lower-body; do
    room_echo "$work/$r.wav" "$work/$r-room.wav" 2>/dev/null
    "$hear" --awake --echo "$work/$r.wav" "$work/$r-room.wav" >"$work/own.$r"
    own_n=$((own_n + $(grep -vc 'awake\|asleep' "$work/own.$r" || true)))
    own_w=$((own_w + $(grep -c ' awake' "$work/own.$r" || true)))
    own_s=$((own_s + $(seconds "$work/$r.wav")))
done

# talk NAME FILE — other speech, FILE, alone and across the room while the
# default session plays (the hush on, as play has it): a line "NAME
# SECONDS ALONE WAKES_ALONE OVER WAKES_OVER" in $work/talk.
: >"$work/talk"
talk() {
    local s
    s=$(seconds "$2")
    "$hear" --awake "$2" >"$work/$1.alone"
    across "$2" "$work/$1.g.wav" "$say_db"
    # as long as the talk: the session's stems again and again
    for st in clicks voice; do
        sox "$work/$st.wav" "$work/$1.$st.wav" repeat 9 trim 0 "$s"
        room_echo "$work/$1.$st.wav" "$work/$1.$st-room.wav" 2>/dev/null
    done
    sox "$work/fan.wav" "$work/$1.fan.wav" repeat 99 trim 0 "$s"
    sox -m "$work/$1.g.wav" "$work/$1.fan.wav" "$work/$1.other.wav" trim 0 "$s"
    "$hear" --awake --hush --room "$work/$1.clicks.wav" "$work/$1.voice.wav" "$work/$1.clicks-room.wav" \
        "$work/$1.voice-room.wav" "$work/$1.other.wav" >"$work/$1.over"
    printf '%s %s %s %s %s %s\n' "$1" "$s" "$(grep -vc 'awake\|asleep' "$work/$1.alone" || true)" \
        "$(grep -c ' awake' "$work/$1.alone" || true)" "$(grep -vc 'awake\|asleep' "$work/$1.over" || true)" \
        "$(grep -c ' awake' "$work/$1.over" || true)" >>"$work/talk"
}

log "false triggers: other voices reading the routines, and sentences with the verbs"
grep -h '"' "$root"/routines/*.roll | sed -n 's/.*"\([^"]*\)".*/\1/p' | sort -u >"$work/lines"
# Ordinary speech that uses the verbs, and the wake word's own sounds.
cat >>"$work/lines" <<'EOF'
Roll it back and hold it there for a moment.
Hold on, I need to stop for a second.
Can you turn the music louder? It's too quiet.
Next week we will roll out the new version.
The rollout of the update is on hold until next month.
Go back to the start and continue from there.
Stop rolling and hold the stretch, then roll back.
It was rolling out of control, so I had to stop it.
Pause the video and come back later.
Speak a little louder, the room is noisy.
Let's continue with the next exercise.
I rolled out of bed and went back to sleep.
Hold your breath, then let it out slowly.
She stopped, looked back, and kept going.
If it hurts, stop, and roll a little quieter.
The roll-out plan is ready: hold the launch until next Tuesday.
Keep rolling, hold, and now roll out the other leg.
Please hold the line, the next agent will be with you shortly.
EOF
vo=(fest:kal_diphone flite:awb espeak:en-us)
((quick)) && vo=(fest:kal_diphone)
for voice in "${vo[@]}"; do
    : >"$work/list"
    i=0
    while read -r line; do
        speak "$voice" "$line" "$work/l$i.wav"
        echo "$work/l$i.wav" >>"$work/list"
        i=$((i + 1))
    done <"$work/lines"
    # shellcheck disable=SC2046 # a file name a line
    sox $(cat "$work/list") "$work/talk-${voice//[^a-z0-9]/_}.wav"
    talk "${voice//[^a-z0-9]/_}" "$work/talk-${voice//[^a-z0-9]/_}.wav"
done

log "false triggers: a real person, Asterisk's English prompts"
prompts=/usr/share/asterisk/sounds/en_US_f_Allison
if [[ -d $prompts ]]; then
    find "$prompts" -name '*.wav' | LC_ALL=C sort >"$work/prompts"
    ((quick)) && sed -i -n '1~8p' "$work/prompts"
    # each resampled from the telephone's 8 kHz, a short pause between
    while read -r f; do
        sox "$f" -t raw -r 16000 -c 1 -b 16 -e signed - norm -1 pad 0 0.4 2>/dev/null >>"$work/people.raw"
    done <"$work/prompts"
    sox -t raw -r 16000 -c 1 -b 16 -e signed "$work/people.raw" "$work/people.wav"
    talk people "$work/people.wav"
fi

log "CPU and memory: a minute of play through a sound server, with and without --listen"
# A PulseAudio of its own: rollout plays into a null sink, the room, whose
# monitor is the microphone, and pink noise at -60 dBFS plays into it too:
# the quiet of a room, and of every real microphone. Then again with a
# person speaking in the room all the while (the prompts, or the voices'
# reading).
pulse_start "$work" room
trap 'kill "$pulse" 2>/dev/null || true; [[ -n ${ROLLOUT_BENCH_KEEP:-} ]] || rm -rf "$work"' EXIT
sox -n -r 48000 -c 2 -b 16 "$work/quiet.wav" synth 200 pinknoise gain -60
speech=$work/people.wav
[[ -f $speech ]] || speech=$work/talk-fest_kal_diphone.wav
sox "$speech" -r 48000 -c 2 "$work/speech48.wav" repeat 4 gain -10 trim 0 200
paplay -d room "$work/quiet.wav" &
quiet=$!
secs=60
((quick)) && secs=20
# ticks PID — its user and system clock ticks so far
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
measure() { # "CPU-SECONDS PEAK-RSS-KB" over $secs of play, from 15 s in (the model loaded)
    SDL_AUDIODRIVER=pulseaudio PULSE_SINK=room PULSE_SOURCE=room.monitor \
        "$rollout" play --headless "$@" default </dev/null >/dev/null 2>&1 &
    local pid=$! a b rss
    sleep 15
    a=$(ticks "$pid")
    sleep "$secs"
    b=$(ticks "$pid")
    rss=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
    kill -INT "$pid"
    wait "$pid" || true
    python3 -c "import os, sys; print('%.2f' % ((int(sys.argv[2]) - int(sys.argv[1])) / os.sysconf('SC_CLK_TCK')), sys.argv[3])" "$a" "$b" "$rss"
}
read -r with with_rss <<<"$(measure --listen)"
read -r without without_rss <<<"$(measure)"
paplay -d room "$work/speech48.wav" &
talker=$!
read -r talking talking_rss <<<"$(measure --listen)"
kill "$talker" "$quiet" 2>/dev/null || true

log "writing the page"
python3 - "$work" "$out" "$secs" "$with" "$without" "$talking" "$with_rss" "$without_rss" \
    "$talking_rss" "$own_n" "$own_w" "$own_s" "$session_db" "${ROOM[*]}" "$PLACINGS" "${ACROSS[*]}" <<'PY'
import collections, os, sys
(work, out, secs, with_, without, talking, with_rss, without_rss, talking_rss, own_n, own_w, own_s,
 session_db, room, placings, across) = sys.argv[1:]
secs = float(secs)

def score(truth, heard):
    """Each command said: ('acted', latency ms) | ('wrong',) | ('missed',); and the unsaid taken."""
    t = [l.split(None, 2) for l in open(truth)]
    t = [(float(a), float(b), c.strip()) for a, b, c in t]
    h = []
    for l in open(heard):
        p = l.split()
        if len(p) == 3:
            h.append((float(p[0]), float(p[1]), p[2]))
    used, res = set(), []
    for s, e, v in t:
        r = ('missed', v)
        for i, (he, hd, hv) in enumerate(h):
            if i not in used and s < hd < e + 1.5:
                used.add(i)
                r = ('acted', v, int(round((hd - e) * 1000))) if hv == v else ('wrong', v)
                break
        res.append(r)
    return res, len(h) - len(used)

def formant(voice):
    return voice.startswith('espeak:')

rows = collections.defaultdict(lambda: [0, 0, 0, 0])  # acted, wrong, unsaid, said
lat = collections.defaultdict(list)
for line in open(os.path.join(work, 'runs')):
    group, voice, cond, hush, m = line.rstrip('\n').split('\t')
    res, unsaid = score(m + '.truth', m + '.' + hush + '.heard')
    keys = [('set', group, cond, hush), ('voice', voice, cond, hush)]
    if group != 'tuned':
        keys.append(('goal', 'espeak' if formant(voice) else 'new', cond, hush))
    for r in res:
        keys_v = keys + [('verb', r[1], cond, hush)]
        for k in keys_v:
            rows[k][3] += 1
            rows[k][0] += r[0] == 'acted'
            rows[k][1] += r[0] == 'wrong'
        if r[0] == 'acted' and group != 'tuned':
            lat[(cond, hush)].append(r[2])
    for k in keys:
        rows[k][2] += unsaid

def cell(k):
    a, w, u, n = rows[k]
    return '%d of %d (%d %%)' % (a, n, 100 * a // max(n, 1)) if n else '-'

def pct(k):
    a, w, u, n = rows[k]
    return 100 * a // max(n, 1)

def wrong(k):
    a, w, u, n = rows[k]
    return '%d, %d' % (w, u)

L = []
L.append('## 7. Spoken commands\n')
L.append('''`play --listen`: the recogniser (`src/live/listen.c`) over microphones made here, fed
exactly as the live listener feeds it (`tests/hear --room`), with what rollout played given
to the echo canceller. The session (the default one's first three minutes) is played as
two stems, its clicks and its voice, which reach the microphone through a simulated room
(sox `%s`). Each voice says each of the 8 commands once, at random times, at %s sets of
times (fixed seeds). Acted on: the right verb, decided within 1.5 s of the phrase's end.

- **dry**: each command peaking at -1 dBFS, a person right at the microphone;
- **room**: each command spoken across the room, 12 dB below the session's level at the
  microphone (the session: %s dBFS while it sounds, the RMS of the 20 ms frames within 30 dB
  of its loudest; the command measured alike), reverberant (sox `%s`),
  10 %% slower or faster by turns, with a fan's steady noise (brown and pink, 60 Hz to 1.5 kHz)
  20 dB below the session under everything.
- **hush**: as `play --listen` does, rollout's voice and music step aside by 24 dB from
  100 ms after the wake word is spotted until the verb is decided (or 2.5 s), in what is
  played and, 120 ms later, in what the microphone hears; the clicks do not. **plain**: no hush.
''' % (room, placings, session_db, across))
L.append('| voices | dry, plain | dry, hush | room, plain | room, hush |')
L.append('| --- | --- | --- | --- | --- |')
names = {'tuned': 'tuned on', 'studied': 'studied', 'held_out': 'held out'}
for g in ('tuned', 'studied', 'held_out'):
    L.append('| %s | %s |' % (names[g], ' | '.join(cell(('set', g, c, h)) for c in ('dry', 'room') for h in ('plain', 'hush'))))
L.append('| **not tuned on, espeak\'s formant voices left out** | %s |' % ' | '.join(cell(('goal', 'new', c, h)) for c in ('dry', 'room') for h in ('plain', 'hush')))
L.append('| espeak\'s formant voices, not tuned on | %s |' % ' | '.join(cell(('goal', 'espeak', c, h)) for c in ('dry', 'room') for h in ('plain', 'hush')))
L.append('')
L.append('Wrong verbs and unsaid commands taken, voices not tuned on (all of them):\n')
L.append('| | dry, plain | dry, hush | room, plain | room, hush |')
L.append('| --- | --- | --- | --- | --- |')
for g in ('new', 'espeak'):
    L.append('| %s | %s |' % ('espeak formant' if g == 'espeak' else 'others', ' | '.join(wrong(('goal', g, c, h)) for c in ('dry', 'room') for h in ('plain', 'hush'))))
L.append('')
L.append('Per verb, voices not tuned on:\n')
L.append('| verb | dry, plain | dry, hush | room, plain | room, hush |')
L.append('| --- | --- | --- | --- | --- |')
verbs = ['pause', 'continue', 'next', 'back', 'hold', 'louder', 'quieter', 'stop']
for v in verbs:
    L.append('| %s | %s |' % (v, ' | '.join(cell(('verb', v, c, h)) for c in ('dry', 'room') for h in ('plain', 'hush'))))
L.append('')
L.append('Per voice (acted on, of 8 a placing):\n')
L.append('| voice | dry, plain | dry, hush | room, plain | room, hush |')
L.append('| --- | --- | --- | --- | --- |')
voices = []
for line in open(os.path.join(work, 'runs')):
    v = line.split('\t')[1]
    if v not in voices:
        voices.append(v)
for v in voices:
    L.append('| %s | %s |' % (v, ' | '.join('%d' % rows[('voice', v, c, h)][0] for c in ('dry', 'room') for h in ('plain', 'hush'))))
L.append('')

talk = [l.split() for l in open(os.path.join(work, 'talk'))]
def per_hour(n, s):
    return '%.1f' % (float(n) * 3600 / max(float(s), 1))
L.append('| false triggers | length | commands taken alone | per hour | across the room, over the session | per hour | wake words (hushes) alone, over |')
L.append('| --- | --- | --- | --- | --- | --- | --- |')
L.append('| the three bundled sessions\' own output, through the room | %d min | %s | %s | | | %s |' % (int(own_s) // 60, own_n, per_hour(own_n, own_s), own_w))
what = {'people': 'a real person: Asterisk\'s English prompts (Allison Smith, asterisk-core-sounds-en-wav)'}
tot_s = tot_alone = tot_over = 0
for name, s, alone, wa, over, wo in talk:
    label = what.get(name, 'the routines\' lines and sentences using the verbs, read by ' + name.replace('_', ' ', 1))
    L.append('| %s | %d min | %s | %s | %s | %s | %s, %s |' % (label, int(s) // 60, alone, per_hour(alone, s), over, per_hour(over, s), wa, wo))
    tot_s += float(s); tot_alone += int(alone); tot_over += int(over)
L.append('')

def med_max(a):
    a = sorted(a)
    return (a[len(a) // 2], a[-1]) if a else ('-', '-')
cpu = lambda a: round((float(a) - float(without)) / secs * 100, 1)
lm, lx = med_max(lat[('room', 'hush')])
dm, dx = med_max(lat[('dry', 'hush')])
L.append('''Phrase end to decision, voices not tuned on, with the hush: median %s ms, worst %s ms dry;
median %s ms, worst %s ms across the room. The live listener adds its 20 ms read interval
and the device's capture buffer.

CPU and memory over %d s of the default session in real time, from 15 s in (the model
loaded), played through a PulseAudio of the bench's own whose null sink is the room and its
monitor the microphone, with pink noise at -60 dBFS as the room's quiet: %s s of CPU without
`--listen`, %s s with it in a quiet room, %s s with it while a person speaks in the room
all the while (the prompts above, 10 dB down). Peak RSS (VmHWM): %.1f MB without, %.1f MB
listening in a quiet room, %.1f MB with speech.
''' % (dm, dx, lm, lx, secs, without, with_, talking, int(without_rss) / 1024, int(with_rss) / 1024, int(talking_rss) / 1024))

def met(b):
    return '**met**' if b else 'not met'
new_room = pct(('goal', 'new', 'room', 'hush'))
new_dry = pct(('goal', 'new', 'dry', 'hush'))
wr = rows[('goal', 'new', 'room', 'hush')]
wrong_rate = 100.0 * wr[1] / max(wr[3], 1)
fh = float(per_hour(max(tot_alone, tot_over), tot_s))
L.append('| goal | target | measured | |')
L.append('| --- | --- | --- | --- |')
L.append('| room, voices not tuned on (espeak formant left out) | ≥ 80 %% acted on | %d %% (%d %% without the hush) | %s |' % (new_room, pct(('goal', 'new', 'room', 'plain')), met(new_room >= 80)))
L.append('| ...wrong action | ≤ 1 per 100 commands | %.1f per 100 | %s |' % (wrong_rate, met(wrong_rate <= 1)))
L.append('| dry, the same voices | ≥ 90 %% acted on | %d %% | %s |' % (new_dry, met(new_dry >= 90)))
L.append('| false triggers, the sessions\' own output | 0 per hour | %s in %d min | %s |' % (own_n, int(own_s) // 60, met(int(own_n) == 0)))
L.append('| false triggers, other speech using the verbs | ≤ 1 per hour | %s per hour (%d alone, %d over the session, in %d min) | %s |' % (fh, tot_alone, tot_over, tot_s // 60, met(fh <= 1)))
# Every command acted on counts, dry or across the room: with none acted
# on in the room, its worst is no measure of the goal.
_, wx = med_max(lat[('dry', 'hush')] + lat[('room', 'hush')])
L.append('| phrase end to action | ≤ 500 ms | worst %s ms | %s |' % (wx, met(wx != '-' and wx <= 500)))
L.append('| CPU while listening, speech in the room | ≤ 3 %% of one core | %s %% (%s %% in a quiet room) | %s |' % (cpu(talking), cpu(with_), met(cpu(talking) <= 3)))
open(out, 'w').write('\n'.join(L) + '\n')
PY
log "wrote $out"
