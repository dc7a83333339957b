#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# play --draft: a cue with no recording is a silent slot as long as its
# words take (0.4 s a word and 80 ms), and the timeline is the one a
# recording of that length gives, click for click.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

mkdir -p "$tmp/r"
printf 'routine "Draft"\nsay mine.one "One two three four five."\nstep s "Calves" area=calf sides=left\n  announce calves.next "Next, your calves."\n  roll 6s mine.two "Roll slowly."\n  hold 5s\n' >"$tmp/r/d.roll"
# Without --draft: the error names both ways out, and --draft.
for cmd in "play --headless" "render -o $tmp/x.wav"; do
    expect_exit 1 "$rollout" $cmd "$tmp/r/d.roll"
    cmd=${cmd%% *}
    grep -q "d.roll:2:5: error: no recording for cue 'mine.one'" "$tmp/err" || fail "$cmd: $(cat "$tmp/err")"
    grep -q "hint: make them with 'rollout voice $tmp/r/d.roll' (a speech synthesiser) or 'rollout record $tmp/r/d.roll' (your voice), or play it without: 'rollout play --draft $tmp/r/d.roll'" "$tmp/err" ||
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
