#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench/session.sh BUILD OUT — section 10 of docs/benchmarks.md: how soon a
# session is rolling, and the phases' colours. The times are the session's
# own (frames of plan --tsv), not the machine's, so they are the same on
# every machine; tests/cli/intro.sh holds the composed ones to 15 s.
set -euo pipefail
build=$1 out=$2
rollout=$build/rollout
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# first ARGS... — "first click s<TAB>first roll or hold s" of plan --tsv.
first() {
    "$rollout" plan --tsv "$@" 2>/dev/null | awk -F'\t' '
        $3 == "click" && click == "" { click = $2 }
        $3 == "phase" && $4 ~ /^(roll|hold) / && work == "" { work = $2 }
        END { printf "%s\t%s\n", click == "" ? "-" : sprintf("%.1f", click),
                                 work == "" ? "-" : sprintf("%.1f", work) }'
}

{
    echo "## 10. The session as a runner lives it"
    echo
    echo "From Start to the first click and to the first roll or hold (a step of holds"
    echo "alone has no click), in seconds of the session, read from \`plan --tsv\`: the same"
    echo "on any machine. A composed session has the short introduction (one line naming"
    echo "the ball), set-ups of their words and 1.5 s (at least 7 s), and announcements"
    echo "true to their place; the goal is 15 s. \`--minutes\` scales the rolls and holds,"
    echo "not what comes before the first of them: the times are the same with it."
    echo
    echo "| composed session | first click | first roll or hold | with the whole introduction |"
    echo "| --- | --- | --- | --- |"
    for areas in foot calves shins hamstrings quads it-band glutes hip-flexors adductors \
        calves,hamstrings calves,quads foot,calves,hamstrings,hip-flexors glutes,hip-flexors; do
        IFS=$'\t' read -r click work < <(first --areas "$areas")
        IFS=$'\t' read -r _ full < <(first --areas "$areas" --intro full)
        echo "| \`--areas $areas\` | $click | $work | $full |"
    done
    echo
    echo "A bundled routine the first time (its whole introduction) and played again"
    echo "(the short one, as \`play\` chooses it from the history), and with \`--intro none\`:"
    echo
    echo "| routine | first time: first click | played before | --intro none |"
    echo "| --- | --- | --- | --- |"
    for f in "$root"/routines/*.roll; do
        r=$(basename "$f" .roll)
        IFS=$'\t' read -r full _ < <(first "$r")
        IFS=$'\t' read -r short _ < <(first "$r" --intro short)
        IFS=$'\t' read -r none _ < <(first "$r" --intro none)
        echo "| $r | $full | $short | $none |"
    done
    echo
    echo "The phases' colours, as \`test_show\` measures them (WCAG contrast on the"
    echo "window's ground; the least CIELAB distance, ΔE 1976, between any two of them,"
    echo "as is and through Machado's simulation of protanopia and deuteranopia):"
    echo
    echo '```'
    "$build/tests/test_show" 2>/dev/null | grep '^phase colours' || echo "(test_show not built)"
    echo '```'
} >"$out"
