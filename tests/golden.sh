#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# golden.sh ROLLOUT AUDIOCHECK — the sound of a bundled routine, pinned: each
# line of golden.sha256 names a routine and a rate, and the sha256 of its
# 16-bit render as `audiocheck samples` gives it (the rate, the channels, the
# frames and every sample; no tags, no header layout). A click a little
# louder, a cue a frame late, a limiter that moved: the hash changes and
# this test fails, saying which render.
#
# When the change is meant, write the new hashes into golden.sha256 and
# commit them with the change that made them:
#   ROLLOUT_GOLDEN_UPDATE=1 ctest --test-dir build -R '^golden$' --output-on-failure
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_case "$@"

file=$here/golden.sha256
[[ -f $file ]] || fail "no $file"
update=${ROLLOUT_GOLDEN_UPDATE:-}

# hash ROUTINE RATE — the sha256 of the routine's 16-bit render at RATE.
hash() {
    "$rollout" --rate "$2" render --bits 16 --quiet -o "$tmp/g.wav" "$root/routines/$1.roll"
    "$audiocheck" samples "$tmp/g.wav" >"$tmp/g.samples"
    sha256sum <"$tmp/g.samples" | cut -d' ' -f1
}

changed=0 checked=0
: >"$tmp/new"
while IFS= read -r line; do
    if [[ $line == '#'* || -z $line ]]; then
        echo "$line" >>"$tmp/new"
        continue
    fi
    read -r routine rate want <<<"$line"
    got=$(hash "$routine" "$rate")
    echo "$routine $rate $got" >>"$tmp/new"
    checked=$((checked + 1))
    if [[ $got == "$want" ]]; then
        echo "$routine at $rate Hz: as pinned"
    else
        changed=$((changed + 1))
        echo "$routine at $rate Hz: was $want, now $got ($(head -1 "$tmp/g.samples"))"
    fi
done <"$file"
((checked >= 2)) || fail "$file pins $checked renders: it should pin at least two"
if ((changed)) && [[ -n $update ]]; then
    cp "$tmp/new" "$file"
    echo "wrote $changed new hashes into $file: commit them with the change that made them"
elif ((changed)); then
    fail "the sound of $changed of $checked renders changed. If that is meant, write the new hashes with ROLLOUT_GOLDEN_UPDATE=1 (see $0) and commit them."
fi
