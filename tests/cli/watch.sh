#!/usr/bin/env bash
# --watch: an edit that breaks the routine is reported at its line and
# the old one plays on; an edit that fixes it is taken up, carrying on
# at the same step under its new name.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

cp "$short" "$tmp/w.roll"
SDL_AUDIODRIVER=dummy timeout -k 5 60 "$rollout" play --watch --start-at calves "$tmp/w.roll" \
    </dev/null >"$tmp/log" 2>"$tmp/err" &
pid=$!
# Each edit once the one before it has been taken up. sed -i writes a new
# file, so even an edit within the same second as the last is seen.
wait_line "$tmp/log" 'step 1/2: Calves, left'
sed -i 's/^  roll 6s /  rol 6s /' "$tmp/w.roll"
wait_line "$tmp/err" 'playing on with the routine as it was'
sed -i 's/^  rol 6s /  roll 6s /; s/^step calves "Calves"/step calves "Calf roll"/' "$tmp/w.roll"
wait_line "$tmp/log" 'step 1/2: Calf roll, left'
kill -TERM "$pid"
wait "$pid" || fail "play --watch exited $?"
grep -q "w.roll:10:3: error: unknown statement 'rol'" "$tmp/err" || fail "no error: $(cat "$tmp/err")"
grep -q "playing on with the routine as it was" "$tmp/err" || fail "no fallback: $(cat "$tmp/err")"
grep -q "the routine changed: reloading" "$tmp/err" || fail "no reload: $(cat "$tmp/err")"
grep -q 'step 1/2: Calf roll, left' "$tmp/log" || fail "new name not shown: $(cat "$tmp/log")"
