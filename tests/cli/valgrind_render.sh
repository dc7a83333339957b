#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One whole render under valgrind: no memory errors, and nothing leaked.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

command -v valgrind >/dev/null || fail "valgrind is not installed (scripts/setup installs it)"
valgrind --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect,possible --quiet \
    --suppressions="$(dirname "${BASH_SOURCE[0]}")/../valgrind.supp" \
    "$rollout" render "$short" -o "$tmp/v.flac" 2>"$tmp/vg" ||
    fail "valgrind found errors: $(head -30 "$tmp/vg")"
"$audiocheck" info "$tmp/v.flac" >/dev/null || fail "no render"
