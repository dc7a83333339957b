#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# render.sh ROLLOUT CUE_PCM WEB [RATE] — the core built as WebAssembly
# renders the default routine as rollout does, every sample of the whole
# session (issue 35). rollout renders it to float WAV; cue_pcm writes the
# cue PCM rollout's loader made for it; Node loads WEB/rollout.wasm with the
# page's own scripts, hands it the same routine and PCM, renders in an
# AudioWorklet's 128-frame blocks and compares (render.mjs): with the PCM
# as 16-bit samples; as floats, as a page hands them over; and through the
# page's AudioWorkletProcessor itself. Then once more with the module's
# output a frame late, which must fail: the comparison can tell.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
rollout=$1 cue_pcm=$2 web=$3 rate=${4:-48000}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
routine=$(cd "$here/../.." && pwd)/routines/default.roll
command -v node >/dev/null || { echo "SKIP: node is not installed (scripts/setup installs nodejs)"; exit 77; }
tmp=$(mktemp -d)
export XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/cues"

t0=$(date +%s%N)
"$rollout" render --rate "$rate" --bits 32 --quiet -o "$tmp/native.wav" default
t1=$(date +%s%N)
echo "rollout render: $(((t1 - t0) / 1000000)) ms, the file written too"
"$cue_pcm" default "$rate" "$tmp/cues"

# compare [OPTION]... — render.mjs, which must find the two renders identical.
compare() {
    node --no-warnings "$here/render.mjs" "$web" "$routine" "$tmp/cues" "$tmp/native.wav" "$@" |
        tee "$tmp/same"
    grep -q '^identical' "$tmp/same" || fail "the module's render ($*) is not rollout's"
}
compare
compare --float --seconds 120
compare --worklet --seconds 120

expect_exit 1 node --no-warnings "$here/render.mjs" "$web" "$routine" "$tmp/cues" \
    "$tmp/native.wav" --shift 1 --seconds 60
grep -q '^differs at frame ' "$tmp/out" || fail "a frame's shift went unseen: $(cat "$tmp/out" "$tmp/err")"
echo "a frame late: $(cat "$tmp/out")"
