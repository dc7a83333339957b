#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# setup_lock.sh SOURCE_DIR — scripts/setup while another apt or dpkg holds
# the package system's lock (a fresh machine's unattended upgrades): it says
# so and waits, then goes on once the lock is free; and it gives up, saying
# why, when the lock outlasts ROLLOUT_APT_WAIT.
#
# apt here is a private one (APT_CONFIG): its status file, lists, cache and
# locks are in the test's folder and it has no sources, so the test never
# holds the machine's own lock or reaches the network, and installs nothing.
# setup is asked for a package no archive has; getting as far as apt-get's
# "Unable to locate package" proves the lock was waited for and taken.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
src=$1
tmp=$(mktemp -d)
holder=
trap '[[ -z $holder ]] || kill "$holder" 2>/dev/null; rm -rf "$tmp"' EXIT
command -v apt-get >/dev/null || { echo "no apt-get: not a Debian machine"; exit 77; }

a=$tmp/apt
mkdir -p "$a"/dpkg/updates "$a"/dpkg/info "$a"/lists/partial "$a"/cache/archives/partial \
    "$a"/etc/sources.list.d "$a"/etc/apt.conf.d "$a"/etc/preferences.d "$a"/log "$tmp/bin"
touch "$a/dpkg/status" "$a/etc/sources.list"
cat >"$a/apt.conf" <<CONF
Dir::State::status "$a/dpkg/status";
Dir::State::Lists "$a/lists/";
Dir::Cache "$a/cache/";
Dir::Etc::sourcelist "$a/etc/sources.list";
Dir::Etc::sourceparts "$a/etc/sources.list.d/";
Dir::Etc::parts "$a/etc/apt.conf.d/";
Dir::Etc::preferencesparts "$a/etc/preferences.d/";
Dir::Log "$a/log/";
Dir::Bin::dpkg "/bin/false";
CONF
export APT_CONFIG=$a/apt.conf
# setup runs apt-get through sudo when not root; sudo would drop APT_CONFIG
# and reach the machine's own apt.
printf '#!/bin/sh\nexec "$@"\n' >"$tmp/bin/sudo"
chmod +x "$tmp/bin/sudo"
export PATH=$tmp/bin:$PATH ROLLOUT_BUILD_DIR=$tmp/build
nothing=rollout-test-no-such-package

# hold FILE... — holds each file's lock as apt and dpkg take it (fcntl),
# until the test kills $holder.
hold() {
    python3 -c '
import fcntl, sys, time
held = [open(p, "a") for p in sys.argv[1:]]
for f in held:
    fcntl.lockf(f, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(3600)' "$@" >"$tmp/held" &
    holder=$!
    wait_line "$tmp/held" '^held$' 60
}
release() {
    kill "$holder"
    wait "$holder" 2>/dev/null || true
    holder=
}

# setup_waits FILE... — the lock on FILE... held: setup says it waits, and
# once the lock is let go, gets past it.
setup_waits() {
    hold "$@"
    "$src/scripts/setup" "$nothing" >"$tmp/out" 2>"$tmp/err" &
    local setup=$!
    wait_line "$tmp/err" "^rollout: apt is busy: process $holder \(python3\) holds its lock; waiting for it, up to 300 s$"
    kill -0 "$setup" 2>/dev/null || fail "setup ended while the lock was held: $(cat "$tmp/err")"
    release
    local status=0
    wait "$setup" || status=$?
    grep -q "Unable to locate package $nothing" "$tmp/err" ||
        fail "setup did not go on once the lock was free (exit $status): $(cat "$tmp/err")"
    ! grep -q 'Could not get lock' "$tmp/err" || fail "the lock's error was shown: $(cat "$tmp/err")"
    [[ $(grep -c 'apt is busy' "$tmp/err") == 1 ]] || fail "said more than once: $(cat "$tmp/err")"
}
# apt-get update's lock, and dpkg's, which apt-get install takes.
setup_waits "$a/lists/lock" "$a/dpkg/lock-frontend"
setup_waits "$a/dpkg/lock-frontend"

# A lock held longer than setup waits: it says so, and fails.
hold "$a/dpkg/lock-frontend"
status=0
ROLLOUT_APT_WAIT=1 "$src/scripts/setup" "$nothing" >"$tmp/out" 2>"$tmp/err" || status=$?
((status != 0)) || fail "setup succeeded with the lock held"
grep -q "^rollout: apt's lock was still held after 1 s; run scripts/setup again when it is free$" \
    "$tmp/err" || fail "gave up without saying why: $(cat "$tmp/err")"
release
echo "setup waits for apt's lock, and says why when it gives up"
