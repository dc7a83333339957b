#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SIGINT, SIGTERM or SIGHUP mid-render: the temporary file is removed,
# the old file stays as it was, one line says so, and rollout ends killed
# by the signal, as a shell expects (status 128 + its number).
# Under an hour (no warning), at 192 kHz: FLAC takes many seconds of it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cli_case "$@"

printf 'routine "Long"\nstep a "A"\n  announce calves.next "Next, your calves."\n  hold 59m\n' >"$tmp/long.roll"
echo "old contents" >"$tmp/keep.flac"
writing() { compgen -G "$tmp/keep.flac.tmp-*" >/dev/null; }
for sig in INT TERM HUP; do
    "$rollout" render --rate 192000 -o "$tmp/keep.flac" "$tmp/long.roll" 2>"$tmp/err" &
    pid=$!
    wait_for 60 writing || { kill -KILL "$pid"; fail "SIG$sig: no temporary file appeared"; }
    kill -"$sig" "$pid"
    # A deadline instead of waiting for ever: a render that ignored the
    # signal would take minutes.
    wait_for 60 bash -c '! kill -0 "$1" 2>/dev/null' _ "$pid" || { kill -KILL "$pid"; fail "SIG$sig did not stop the render"; }
    status=0
    wait "$pid" || status=$?
    ((status == 128 + $(kill -l "$sig"))) || fail "SIG$sig: exit status $status"
    [[ $(cat "$tmp/err") == "rollout: interrupted: '$tmp/keep.flac' was not written." ]] ||
        fail "SIG$sig: $(cat "$tmp/err")"
    ! writing || fail "SIG$sig: the temporary file was left behind"
    [[ $(cat "$tmp/keep.flac") == "old contents" ]] || fail "SIG$sig: the old file changed"
done
