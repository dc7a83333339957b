#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# list: the bundled routines with their lengths, the default marked.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

"$rollout" list >"$tmp/list"
grep -q '^default .*(default)' "$tmp/list" || fail "default not marked: $(cat "$tmp/list")"
# With each routine's length, as plan tells it.
len=$("$rollout" plan default | sed -n '1s/.* — \([0-9:]*\),.*/\1/p')
grep -qE "^default +bundled +$len +Runner's roll-out" "$tmp/list" || fail "no length $len: $(cat "$tmp/list")"
