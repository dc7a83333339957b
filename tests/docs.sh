#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs.sh ROLLOUT — every example in docs/routines.md still works.
#
# A block fenced ```roll is a complete routine: `rollout check` must accept it
# with no error and no warning. A block fenced ```roll-error is a mistake on
# purpose: check must refuse it, and the first line of the next fenced block
# (its expected output) must be one of the lines check prints.
#
# All blocks are written into one folder, so one can include another: a block
# whose first line is `# file: NAME` is written as NAME (lib/legs.roll, say),
# any other as example-N.roll. Check runs inside that folder, so the names in
# its messages are the ones the document shows.
set -uo pipefail

rollout=$(realpath "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
doc=$root/docs/routines.md
export ROLLOUT_DATA_DIR=${ROLLOUT_DATA_DIR:-$root}
tmp=$(mktemp -d)
# Settings, the resume point and the history go to this run's own folders:
# never the real home, and never another test's (a remembered volume would
# change what the next play sounds like).
export XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state
trap 'rm -rf "$tmp"' EXIT

# One record per block: kind, name, start line, expected line (roll-error);
# the block's text goes to its file.
awk -v dir="$tmp" '
    function flush() {
        if (name == "") name = sprintf("example-%d.roll", n)
        if (name in seen) { printf "docs.sh: %s is written twice (line %d)\n", name, start > "/dev/stderr"; bad = 1 }
        seen[name] = 1
        path = dir "/" name
        sub(/\/[^\/]*$/, "", path)
        system("mkdir -p \"" path "\"")
        printf "%s", text > (dir "/" name)
        close(dir "/" name)
        kinds[n] = kind; names[n] = name; starts[n] = start
    }
    !inblock && /^```roll(-error)?[ \t]*$/ {
        inblock = 1; n++; kind = ($0 ~ /error/) ? "error" : "ok"
        name = ""; text = ""; start = NR; first = 1
        next
    }
    inblock && /^```[ \t]*$/ { inblock = 0; flush(); if (kind == "error") want = n; next }
    inblock {
        if (first && match($0, /^# file: */)) name = substr($0, RLENGTH + 1)
        first = 0; text = text $0 "\n"; next
    }
    # The line after a roll-error block: the next fence opens its expected output.
    want && /^```/ { getline line; expect[want] = line; want = 0; next }
    END {
        if (inblock) { print "docs.sh: unclosed block at line " start > "/dev/stderr"; bad = 1 }
        for (i = 1; i <= n; i++) printf "%s\t%s\t%d\t%s\n", kinds[i], names[i], starts[i], expect[i]
        exit bad
    }
' "$doc" >"$tmp/.blocks" || { echo "FAIL: could not read the blocks of $doc" >&2; exit 1; }

count=0
fails=0
while IFS=$'\t' read -r kind name start expect; do
    count=$((count + 1))
    out=$(cd "$tmp" && "$rollout" check "$name" 2>&1)
    rc=$?
    where="docs/routines.md:$start ($name)"
    if [ "$kind" = ok ]; then
        if [ $rc -ne 0 ] || grep -qE '(error|warning):' <<<"$out"; then
            echo "FAIL: $where: rollout check did not accept it cleanly (exit $rc):" >&2
            echo "$out" >&2
            fails=$((fails + 1))
        fi
    else
        if [ $rc -ne 1 ]; then
            echo "FAIL: $where: meant as an error, but check exited $rc:" >&2
            echo "$out" >&2
            fails=$((fails + 1))
        elif [ -z "$expect" ] || ! grep -qxF -- "$expect" <<<"$out"; then
            echo "FAIL: $where: expected the line" >&2
            echo "  $expect" >&2
            echo "got:" >&2
            echo "$out" >&2
            fails=$((fails + 1))
        fi
    fi
done <"$tmp/.blocks"

if [ "$count" -eq 0 ]; then
    echo "FAIL: no examples found in $doc" >&2
    exit 1
fi

# The README's map of src/ names every source file there is, in its folder,
# and no other.
awk '/^src\/core\/ +no SDL/ { on = 1 } on && /^```/ { exit } on' "$root/README.md" |
    awk '/^src\// { dir = $1; next } { for (i = 1; i <= NF; i++) if ($i ~ /\.(c|cpp)$/) print dir $i }' |
    sort >"$tmp/mapped"
(cd "$root" && find src -name '*.c' -o -name '*.cpp') | sort >"$tmp/files"
if ! diff "$tmp/mapped" "$tmp/files" >"$tmp/map.diff"; then
    echo "FAIL: the README's map of src/ (<) and the tree (>) differ:" >&2
    cat "$tmp/map.diff" >&2
    fails=$((fails + 1))
fi
echo "docs.sh: $count examples, $fails failed"
[ "$fails" -eq 0 ]
