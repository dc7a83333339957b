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
# ALSA with no card: rollout's sentence alone, not first the lines ALSA
# prints for each step of its configuration that failed. Its configuration
# here names a card no machine has, so the test is the same on one that
# has a sound card.
printf 'pcm.!default { type hw card "rollout_no_such_card" }\nctl.!default { type hw card "rollout_no_such_card" }\n' \
    >"$tmp/alsa.conf"
export ALSA_CONFIG_PATH=$tmp/alsa.conf
SDL_AUDIODRIVER=alsa expect_exit 4 "$rollout" play --headless "$short" </dev/null
[[ $(wc -l <"$tmp/err") == 1 ]] && grep -q '^rollout: cannot open the audio device' "$tmp/err" ||
    fail "no ALSA card: $(cat "$tmp/err")"
SDL_AUDIODRIVER=alsa expect_exit 0 "$rollout" devices
[[ ! -s $tmp/err ]] || fail "devices with no ALSA card: $(cat "$tmp/err")"
