#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# How a session begins (intro = auto | full | short | none): a session
# composed for sore areas is rolling (or holding) within 15 s of Start, by
# plan --tsv, for every bundled area alone and for mixes; its words are true
# of it (no "feet up to your hips" for calves, "First" only for the first
# step, the ball it needs); a routine played before begins short, one never
# played in full; --intro full and none do as they say.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

# first_work ARGS... — the second at which plan's first roll or hold begins.
first_work() {
    "$rollout" plan --tsv "$@" 2>/dev/null |
        awk -F'\t' '$3 == "phase" && $4 ~ /^(roll|hold) / && !at { at = $2 } END { print at }'
}
# cue_texts ARGS... — plan's cues, "id text" a line, in order.
cue_texts() { "$rollout" plan --tsv "$@" 2>/dev/null | awk -F'\t' '$3 == "cue" { print $4 }'; }

# ---- composed: rolling within 15 s, in true words ----
# One plan a case, read three ways. --minutes scales rolls and holds, not
# what comes before the first: one case with it is enough.
for args in foot calves shins hamstrings quads it-band glutes hip-flexors adductors \
    calves,hamstrings quads,calves foot,calves,hamstrings,hip-flexors "glutes,hip-flexors 20"; do
    read -r areas minutes <<<"$args"
    args=(--areas "$areas" ${minutes:+--minutes "$minutes"})
    "$rollout" plan --tsv "${args[@]}" >"$tmp/plan" 2>/dev/null
    at=$(awk -F'\t' '$3 == "phase" && $4 ~ /^(roll|hold) / && !at { at = $2 } END { print at }' "$tmp/plan")
    [[ -n $at ]] || fail "${args[*]}: no roll or hold in the plan"
    awk -v t="$at" 'BEGIN { exit !(t <= 15.0) }' ||
        fail "${args[*]}: the first roll or hold at $at s, after 15 s"
    awk -F'\t' '$3 == "cue" { print $4 }' "$tmp/plan" >"$tmp/cues"
    ! grep -q 'feet up to your hips' "$tmp/cues" || fail "${args[*]}: the whole introduction"
    sed -n 1p "$tmp/cues" | grep -qE '^start(\.[a-z]+)* Let.s roll' ||
        fail "${args[*]}: begins '$(sed -n 1p "$tmp/cues")'"
    # Each step's announcement: the one after its "step" line.
    awk -F'\t' '$3 == "step" { n++; want = 1; next }
                want && $3 == "cue" { print n "\t" $4; want = 0 }' "$tmp/plan" >"$tmp/announce"
    steps=$(wc -l <"$tmp/announce")
    while IFS=$'\t' read -r n text; do
        words=${text#* }
        case $words in
        First*) [[ $n == 1 && $steps -gt 1 ]] || fail "${args[*]}: step $n says '$words'" ;;
        Next* | Then*) [[ $n -gt 1 && $n -lt $steps ]] || fail "${args[*]}: step $n says '$words'" ;;
        *last* | *Last* | Finally*)
            [[ $n == "$steps" && $steps -gt 1 ]] || fail "${args[*]}: step $n says '$words'" ;;
        esac
    done <"$tmp/announce"
done
# The ball said is the one the steps use, and a second kind with it.
cue_texts --areas calves | sed -n 1p | grep -qx 'start.lacrosse .*lacrosse ball\.' ||
    fail "calves: $(cue_texts --areas calves | sed -n 1p)"
cue_texts --areas quads | sed -n 1p | grep -qx 'start.roller .*foam roller\.' ||
    fail "quads: $(cue_texts --areas quads | sed -n 1p)"
cue_texts --areas calves,quads | sed -n 1p | grep -qx 'start.lacrosse.roller .*lacrosse ball and a foam roller\.' ||
    fail "calves and quads: $(cue_texts --areas calves,quads | sed -n 1p)"
# The calves taken alone from the default routine: "Next, your calves." is
# not true of a first step.
cue_texts --areas calves | grep -q '^area.calf Your calves\.$' ||
    fail "calves alone: $(cue_texts --areas calves | sed -n 2p)"

# Asked for, the whole introduction and none.
at=$(first_work --areas calves --intro full)
awk -v t="$at" 'BEGIN { exit !(t > 40) }' || fail "--intro full: rolling at $at s"
cue_texts --areas calves --intro full | sed -n 1p | grep -q '^intro.welcome ' || fail "--intro full"
cue_texts --areas calves --intro none | sed -n 1p | grep -q '^area.calf ' || fail "--intro none"

# ---- a routine: whole the first time, short after ----
for routine in default pre-run lower-body; do
    full=$(first_work "$routine")
    short=$(first_work "$routine" --intro short)
    none=$(first_work "$routine" --intro none)
    awk -v f="$full" -v s="$short" -v n="$none" 'BEGIN { exit !(n < s && s + 15 < f) }' ||
        fail "$routine: first roll or hold at $full s in full, $short s short, $none s with none"
done
# In play, by the history: never played, the whole one; played, the short.
play=(env SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0
    "$rollout" play --headless)
answers 120 "${play[@]}" pre-run
[[ $status == 0 ]] || fail "play pre-run exited $status: $(cat "$tmp/err")"
grep -q '^\[0:[2-9][0-9]\] step 1/' "$tmp/out" || fail "first play: $(head -3 "$tmp/out")"
answers 120 "${play[@]}" pre-run
grep -q '^\[0:0[0-9]\] step 1/' "$tmp/out" || fail "played before: $(head -3 "$tmp/out")"
answers 120 "${play[@]}" --intro full pre-run
grep -q '^\[0:[2-9][0-9]\] step 1/' "$tmp/out" || fail "--intro full: $(head -3 "$tmp/out")"
# A setting like any other.
expect_exit 0 "$rollout" config intro none
answers 120 "${play[@]}" lower-body
grep -q '^\[0:00\] step 1/' "$tmp/out" || fail "intro = none: $(head -3 "$tmp/out")"
expect_exit 2 "$rollout" plan --intro brief
grep -q "auto, full, short or none\|auto, full, short, none" "$tmp/err" || fail "--intro brief: $(cat "$tmp/err")"
echo PASS
