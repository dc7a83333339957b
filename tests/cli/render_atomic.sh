#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A render that cannot finish leaves the old file as it was.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

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
