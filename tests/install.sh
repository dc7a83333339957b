#!/usr/bin/env bash
# install.sh CASE BUILD_DIR SOURCE_DIR — rollout as installed: the files
# `cmake --install` puts in a prefix, run from there; the manual pages; shell
# completion.
set -euo pipefail

case_name=$1
build=$2
src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state XDG_DATA_HOME=$tmp/data
mkdir -p "$HOME"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

rollout=$build/rollout

case $case_name in
installed)
    # Into a scratch prefix, then run from elsewhere with no hint of where
    # the data is: it is found beside the program.
    cmake --install "$build" --prefix "$tmp/p" >/dev/null
    p=$tmp/p
    for f in bin/rollout share/rollout/routines/default.roll share/rollout/audio/calves.hold.flac \
        share/man/man1/rollout.1.gz share/man/man5/rollout-routine.5.gz \
        share/bash-completion/completions/rollout share/fish/vendor_completions.d/rollout.fish; do
        [[ -f $p/$f ]] || fail "not installed: $f"
    done
    cd /
    env -u ROLLOUT_DATA_DIR "$p/bin/rollout" list --tsv >"$tmp/list"
    grep -q $'^default\tbundled\t'"$p/bin/../share/rollout/routines/default.roll$" "$tmp/list" ||
        fail "bundled routines not found in the prefix: $(cat "$tmp/list")"
    env -u ROLLOUT_DATA_DIR "$p/bin/rollout" check default >"$tmp/out" 2>&1 ||
        fail "check of the installed default: $(cat "$tmp/out")"
    # The installed manual page is the one man shows.
    MANPATH=$p/share/man man -w rollout | grep -q "^$p/share/man/man1/rollout.1.gz$" ||
        fail "man does not find the installed page"
    # Without its data an installed program says so; it never falls back to
    # the source tree it was built from.
    mv "$p/share/rollout" "$p/share/rollout.away"
    status=0
    env -u ROLLOUT_DATA_DIR "$p/bin/rollout" list >"$tmp/out" 2>&1 || status=$?
    ((status == 1)) || fail "list with no data: exit $status: $(cat "$tmp/out")"
    ! grep -q "$src" "$tmp/out" || fail "fell back to the source tree: $(cat "$tmp/out")"
    grep -q "no routines found in $p/bin/../share/rollout/routines" "$tmp/out" || fail "$(cat "$tmp/out")"
    # The build tree's program does find the source tree.
    env -u ROLLOUT_DATA_DIR "$rollout" list --tsv | grep -q $'^default\tbundled\t'"$src/routines/default.roll$" ||
        fail "the build tree's program lost the source tree"
    echo "installed: found from the prefix, from anywhere; no fallback to the sources"
    ;;
man)
    for page in rollout.1 rollout-routine.5; do
        warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$src/docs/$page" 2>&1 >/dev/null)
        [[ -z $warnings ]] || fail "$page: $warnings"
    done
    # Every command and every option of --help is in rollout(1).
    page=$(MANWIDTH=200 man -l "$src/docs/rollout.1" 2>/dev/null)
    commands=$("$rollout" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]\+\).*/\1/p')
    [[ $(wc -w <<<"$commands") -ge 12 ]] || fail "commands not read from --help: $commands"
    for c in $commands; do
        grep -qE "^       $c( |$)" <<<"$page" || fail "rollout.1 has no command $c"
    done
    options=$("$rollout" --help | sed -n -E 's/^ +(-[a-zA-Z], )?(--[a-z-]+).*/\2/p')
    for o in $options; do
        grep -q -- "$o" <<<"$page" || fail "rollout.1 has no option $o"
    done
    # And every settings key.
    for k in $("$rollout" config | awk 'NF > 2 { print $1 }'); do
        grep -qE "^       $k( |,|$)" <<<"$page" || fail "rollout.1 has no setting $k"
    done
    echo "man: no warnings; $(wc -w <<<"$commands") commands, $(wc -w <<<"$options") options, every one documented"
    ;;
completion)
    source /usr/share/bash-completion/bash_completion
    source "$src/completion/rollout.bash"
    PATH=$build:$PATH
    # comp LINE — what TAB offers at the end of LINE, sorted, on one line.
    comp() {
        COMP_LINE=$1
        COMP_POINT=${#COMP_LINE}
        read -ra COMP_WORDS <<<"$COMP_LINE"
        [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMPREPLY=()
        _rollout rollout "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
    }
    expect() {
        local got
        got=$(comp "$1")
        [[ $got == "$2" ]] || fail "'$1<TAB>': '$got', expected '$2'"
    }
    expect 'rollout h' 'history '
    expect 'rollout pl' 'plan play '
    expect 'rollout --volume -3 pl' 'plan play '
    expect 'rollout play --mu' '--mute '
    expect 'rollout play --mute ' 'click voice '
    expect 'rollout render --bits ' '16 24 32 '
    expect 'rollout history --format ' 'json text tsv '
    expect 'rollout check --format ' 'json text '
    expect 'rollout play --start-at ' 'calves foot hamstrings hip-flexors '
    expect 'rollout config headless ' 'default no yes '
    expect 'rollout config vo' 'voice-volume voices volume '
    # Routine names from the program: the bundled ones and a new one of yours.
    expect 'rollout play pre' 'pre-run '
    "$rollout" new my-calves >/dev/null
    expect 'rollout play my' 'my-calves '
    # A .roll file in the current folder.
    mkdir "$tmp/w" && cd "$tmp/w" && touch legs.roll notes.txt
    expect 'rollout check le' 'legs.roll '
    echo "completion: commands, options, values, steps, settings and routines"
    ;;
*)
    fail "no case '$case_name'"
    ;;
esac
