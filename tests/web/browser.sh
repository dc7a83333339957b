#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# browser.sh WEB — the page plays in headless Chromium (browser.mjs): it
# loads, starts on a tap, plays on the wall clock, and its Next and Pause
# act. Skipped where Chromium or Node is not installed.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
web=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for p in node chromium; do
    command -v $p >/dev/null || { echo "SKIP: $p is not installed (scripts/setup installs it)"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TMPDIR=$tmp HOME=$tmp node --no-warnings "$here/browser.mjs" "$web" "${ROLLOUT_WEB_SHOTS:-}"
