#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# browser.sh ROLLOUT CUE_PCM WEB — the page in headless Chromium
# (browser.mjs): its worklet renders what rollout renders, sample for
# sample, and the page loads, starts on a tap, plays on the wall clock, and
# its Next and Pause act. ROLLOUT_WEB_SHOTS=DIR takes its pictures there.
# Skipped where Chromium or Node is not installed.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
rollout=$1 cue_pcm=$2 web=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for p in node chromium; do
    command -v $p >/dev/null || { echo "SKIP: $p is not installed (scripts/setup installs it)"; exit 77; }
done
tmp=$(mktemp -d)
export XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/cues"
"$rollout" render --bits 32 --quiet -o "$tmp/native.wav" default
"$cue_pcm" default 48000 "$tmp/cues"
TMPDIR=$tmp HOME=$tmp node --no-warnings "$here/browser.mjs" "$web" "$tmp/cues" "$tmp/native.wav" \
    "${ROLLOUT_WEB_SHOTS:-}"
