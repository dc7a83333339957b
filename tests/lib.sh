# lib.sh — what every shell test of rollout uses, sourced first:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# The test's own temporary folder, $tmp, is made by the test before it
# calls expect_exit, which leaves the command's output in $tmp/out and
# $tmp/err.

# fail MESSAGE... — the test fails, saying why.
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# expect_exit CODE COMMAND... — runs the command, which must exit with CODE.
expect_exit() {
    local want=$1
    shift
    local got=0
    "$@" >"$tmp/out" 2>"$tmp/err" || got=$?
    [[ $got == "$want" ]] || fail "'$*' exited $got, expected $want; stderr: $(cat "$tmp/err")"
}

# wait_for SECONDS COMMAND... — until COMMAND succeeds, looking every 50 ms;
# fails after SECONDS. For waiting on what a program does, never a fixed time.
wait_for() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.05
    done
}
