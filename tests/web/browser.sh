#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# browser.sh ROLLOUT CUE_PCM WEB — the page in headless Chromium
# (browser.mjs), as a runner uses it: calves tapped on the start screen's
# body map, 5 minutes, Start; the module composes what `rollout plan
# --areas calves --minutes 5` plans, the muscle changes at the planned
# frame, Pause and Next act, and its worklet renders what `rollout render`
# renders, sample for sample. ROLLOUT_WEB_SHOTS=DIR takes its pictures
# there.
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
export XDG_DATA_HOME=$tmp/data # no routines of a person's own: the bundled ones, as the page has
"$rollout" render --areas calves --minutes 5 --bits 32 --quiet -o "$tmp/native.wav"
"$cue_pcm" default 48000 "$tmp/cues" calves 5
TMPDIR=$tmp HOME=$tmp node --no-warnings "$here/browser.mjs" "$web" "$tmp/cues" "$tmp/native.wav" \
    "$rollout" "${ROLLOUT_WEB_SHOTS:-}"
