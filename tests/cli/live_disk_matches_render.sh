#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The live path through SDL's disk driver, faster than real time: its
# bytes are the render's, sample for sample.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$tmp/live.raw" SDL_DISKAUDIODELAY=0 \
    timeout -k 5 120 "$rollout" play --headless "$short" </dev/null >"$tmp/log"
"$rollout" render --bits 32 -o "$tmp/render.wav" "$short"
"$audiocheck" same "$tmp/live.raw" "$tmp/render.wav" || fail "live output differs from render"
grep -q "Session complete" "$tmp/log" || fail "no completion line: $(cat "$tmp/log")"
