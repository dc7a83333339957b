#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A display named but not there: one line says so, and the session
# plays in the terminal instead.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

n=90
while [[ -e /tmp/.X11-unix/X$n ]]; do n=$((n + 1)); done
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$here/lsan.supp"
env -u SDL_VIDEODRIVER -u WAYLAND_DISPLAY DISPLAY=:$n SDL_AUDIODRIVER=disk \
    SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
    timeout -k 5 60 "$rollout" play --fast 20 "$short" </dev/null >"$tmp/log" 2>"$tmp/err" ||
    fail "exit $?: $(cat "$tmp/err")"
[[ $(grep -c '^rollout:' "$tmp/err") == 1 ]] || fail "not one line: $(cat "$tmp/err")"
grep -q "^rollout: cannot open the display :$n; playing in the terminal\.$" "$tmp/err" ||
    fail "$(cat "$tmp/err")"
grep -q 'Session complete' "$tmp/log" || fail "did not play: $(cat "$tmp/log")"
