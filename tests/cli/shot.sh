#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The window as a picture, no display needed: PNG and BMP at the size asked.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

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
for t in 50 1m5s 1:05 1500ms end; do
    "$rollout" shot "$short" --at "$t" -o "$tmp/t.png" || fail "--at $t refused"
done
# The end screen differs from the last moment before it, and a shot reads
# the history without adding to it.
end=$("$rollout" plan --tsv "$short" | awk -F'\t' '$3 == "end" { printf "%.3f", $1 / 48000 - 0.001 }')
"$rollout" shot "$short" --at "$end" -o "$tmp/before.png"
"$rollout" shot "$short" --at end -o "$tmp/end.png"
cmp -s "$tmp/before.png" "$tmp/end.png" && fail "--at end draws what the last moment does"
[[ ! -e $XDG_STATE_HOME/rollout/history.tsv ]] || fail "a shot was added to the history"
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
