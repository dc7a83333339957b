#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# devices lists the driver; with no device, play says how to go on.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

expect_exit 0 "$rollout" devices
grep -q '^driver: dummy' "$tmp/out" || fail "devices: $(cat "$tmp/out")"
# No device: one sentence naming the ways out, and the device exit code.
SDL_AUDIODRIVER=nosuchdriver expect_exit 4 "$rollout" play "$short"
grep -q "cannot" "$tmp/err" && grep -q -- "--device" "$tmp/err" && grep -q "render" "$tmp/err" ||
    fail "device error: $(cat "$tmp/err")"
expect_exit 4 "$rollout" play --headless --device nosuch "$short" </dev/null
! grep -q '\.\.' "$tmp/err" || fail "two full stops: $(cat "$tmp/err")"
