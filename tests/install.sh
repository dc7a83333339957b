#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# install.sh CASE BUILD_DIR SOURCE_DIR — rollout as installed: the files
# `cmake --install` puts in a prefix, run from there; the manual pages; shell
# completion; the desktop's menu entry, file type, icon and metainfo, each
# checked by the tool a desktop or a distribution checks it with.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case_name=$1
build=$2
src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state XDG_DATA_HOME=$tmp/data
mkdir -p "$HOME"

rollout=$build/rollout

case $case_name in
installed)
    # Into a scratch prefix, then run from elsewhere with no hint of where
    # the data is: it is found beside the program.
    cmake --install "$build" --prefix "$tmp/p" >/dev/null
    p=$tmp/p
    for f in bin/rollout share/rollout/routines/default.roll share/rollout/audio/calves.hold.flac \
        share/man/man1/rollout.1.gz share/man/man5/rollout-routine.5.gz \
        share/bash-completion/completions/rollout share/fish/vendor_completions.d/rollout.fish \
        share/mime/packages/rollout.xml share/icons/hicolor/scalable/apps/rollout.svg \
        share/icons/hicolor/48x48/apps/rollout.png; do
        [[ -f $p/$f ]] || fail "not installed: $f"
    done
    ls "$p"/share/applications/*.desktop "$p"/share/metainfo/*.metainfo.xml >/dev/null ||
        fail "no menu entry or metainfo"
    cd /
    env -u ROLLOUT_DATA_DIR "$p/bin/rollout" list --tsv >"$tmp/list"
    # ...and named as a person would write it: PREFIX/share, not PREFIX/bin/../share.
    grep -q $'^default\tbundled\t'"$p/share/rollout/routines/default.roll$" "$tmp/list" ||
        fail "bundled routines not found in the prefix: $(cat "$tmp/list")"
    env -u ROLLOUT_DATA_DIR "$p/bin/rollout" check --format json default >"$tmp/json" || true
    ! grep -q '/\.\./' "$tmp/list" "$tmp/json" || fail "a path through '..': $(cat "$tmp/list" "$tmp/json")"
    env -u ROLLOUT_DATA_DIR "$p/bin/rollout" check default >"$tmp/out" 2>&1 ||
        fail "check of the installed default: $(cat "$tmp/out")"
    # The installed serve finds the installed page, never the build tree's.
    if [[ -f $build/web/rollout.wasm ]]; then
        [[ -f $p/share/rollout/web/rollout.wasm && -f $p/share/rollout/web/index.html ]] ||
            fail "the page is not installed in share/rollout/web"
        XDG_STATE_HOME=$tmp/state env -u ROLLOUT_DATA_DIR "$p/bin/rollout" serve --http --port 0 \
            >"$tmp/serve" 2>&1 &
        pid=$!
        wait_line "$tmp/serve" '^  http://' 10
        url=$(grep -om1 'http://[0-9.:]*/' "$tmp/serve")
        curl -s -o "$tmp/wasm" "${url}rollout.wasm" || fail "serve: no rollout.wasm at $url"
        kill -TERM "$pid"
        wait "$pid" || fail "the installed serve ended $?"
        cmp -s "$tmp/wasm" "$p/share/rollout/web/rollout.wasm" || fail "serve served another rollout.wasm"
    fi
    # The installed manual page is the one man shows.
    MANPATH=$p/share/man man -w rollout | grep -q "^$p/share/man/man1/rollout.1.gz$" ||
        fail "man does not find the installed page"
    # Every page rollout new's template sends a person to is installed.
    XDG_DATA_HOME=$tmp/new env -u ROLLOUT_DATA_DIR "$p/bin/rollout" new mine >/dev/null
    pages=$(grep -o "'man [a-z-]*'" "$tmp/new/rollout/routines/mine.roll" | tr -d "'" | cut -d' ' -f2)
    [[ -n $pages ]] || fail "the template names no manual page"
    for page in $pages; do
        MANPATH=$p/share/man man -w "$page" | grep -q "^$p/share/man/" ||
            fail "the template's 'man $page' is not installed"
    done
    # Without its data an installed program says so; it never falls back to
    # the source tree it was built from.
    mv "$p/share/rollout" "$p/share/rollout.away"
    status=0
    env -u ROLLOUT_DATA_DIR "$p/bin/rollout" list >"$tmp/out" 2>&1 || status=$?
    ((status == 1)) || fail "list with no data: exit $status: $(cat "$tmp/out")"
    ! grep -q "$src" "$tmp/out" || fail "fell back to the source tree: $(cat "$tmp/out")"
    grep -q "no routines found in $p/share/rollout/routines" "$tmp/out" || fail "$(cat "$tmp/out")"
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
    options=$("$rollout" --help | sed -n -E 's/^ {2,6}(-[a-zA-Z], )?(--[a-z-]+).*/\2/p')
    for o in $options; do
        grep -q -- "$o" <<<"$page" || fail "rollout.1 has no option $o"
    done
    # Both ways, command by command: each option rollout.1's OPTIONS lists
    # is one the option table has (each command's --help is drawn from it),
    # for exactly the commands the page names with it, and the other way.
    # (config takes the settings' options: the settings are compared below.)
    commands=$(sed 's/\bconfig\b//' <<<"$commands")
    for c in $commands; do
        "$rollout" "$c" --help | sed -n -E 's/^ {2,6}(-[a-zA-Z], )?(--[a-z-]+).*/\2/p' |
            sed "s/^/$c /"
    done | sort -u >"$tmp/table"
    awk '/^\.SH OPTIONS/ { on = 1; next } /^\.SH/ { on = 0 } on' "$src/docs/rollout.1" |
        python3 -c '
import re, sys
commands = sys.argv[1].split()
for block in sys.stdin.read().split(".TP\n")[1:]:
    lines = block.rstrip("\n").split("\n")
    names = re.findall(r"\\-\\-([a-z][a-z\\-]*)", lines[0])
    last = lines[-1]
    said = re.fullmatch(r"([a-z]+(, [a-z]+)*)\.", last)
    for name in names:
        for c in (said.group(1).split(", ") if said else commands):
            print(c, "--" + name.replace("\\-", "-"))
' "$commands" | sort -u >"$tmp/page"
    diff "$tmp/table" "$tmp/page" >"$tmp/differ" ||
        fail "the option table (<) and rollout.1 (>) differ: $(cat "$tmp/differ")"
    # Every key of the action table (as play --help lists them) is in
    # rollout.1's KEYS.
    keys_page=$(awk '/^\.SH KEYS/ { on = 1; next } /^\.SH/ { on = 0 } on' "$src/docs/rollout.1" |
        sed 's/\\(->/→/g; s/\\(<-/←/g; s/\\(ua/↑/g; s/\\(da/↓/g; s/\\-/-/g')
    "$rollout" play --help | sed -n '/^Keys while playing/,/^$/p' | tail -n +3 | cut -c3-16 |
        tr -s ' ' '\n' | grep . | sort -u >"$tmp/keys-help"
    [[ $(wc -l <"$tmp/keys-help") -ge 15 ]] || fail "keys not read from --help: $(cat "$tmp/keys-help")"
    while read -r k; do
        grep -qE -- "^\.(B|BR) (.* )?\"?$(sed 's/[][\.*^$?+]/\\&/g' <<<"$k")\"?( |$)" <<<"$keys_page" ||
            fail "rollout.1's KEYS has no key $k"
    done <"$tmp/keys-help"
    # And the settings, both ways: the keys config shows are the ones
    # rollout.1's SETTINGS lists.
    "$rollout" config | awk 'NF > 2 && $1 != "Settings" { print $1 }' | sort >"$tmp/keys"
    awk '/^\.SH SETTINGS/ { on = 1; next } /^\.SH/ { on = 0 } on && tp { print $2; tp = 0 }
        /^\.TP/ { tp = on }' "$src/docs/rollout.1" | sed 's/\\-/-/g' | sort >"$tmp/page-keys"
    [[ $(wc -l <"$tmp/keys") -ge 16 ]] || fail "settings not read from config: $(cat "$tmp/keys")"
    diff "$tmp/keys" "$tmp/page-keys" >"$tmp/differ" ||
        fail "the settings (<) and rollout.1's SETTINGS (>) differ: $(cat "$tmp/differ")"
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
    expect 'rollout play --mut' '--mute '
    expect 'rollout play --mus' '--music --music-volume '
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
    # fish, asked as it asks when TAB is pressed.
    fish_comp() {
        fish --no-config -c "source '$src/completion/rollout.fish'; complete -C '$1'" | cut -f1 | sort | tr '\n' ' '
    }
    [[ $(fish_comp 'rollout pl') == 'plan play ' ]] || fail "fish: $(fish_comp 'rollout pl')"
    [[ $(fish_comp 'rollout play my') == 'my-calves ' ]] || fail "fish: $(fish_comp 'rollout play my')"
    [[ $(fish_comp 'rollout play --mute ') == 'click voice ' ]] || fail "fish: $(fish_comp 'rollout play --mute ')"
    [[ $(fish_comp 'rollout config vol') == 'volume ' ]] || fail "fish: $(fish_comp 'rollout config vol')"
    # Every command's options as its --help lists them (the option table),
    # and only those, offered in both shells.
    for c in $("$rollout" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]\+\).*/\1/p'); do
        want=$("$rollout" "$c" --help | sed -n -E 's/^ {2,6}(-[a-zA-Z], )?(--[a-z-]+).*/\2/p' | sort | tr '\n' ' ')
        [[ $(comp "rollout $c --") == "$want" ]] || fail "bash, $c: '$(comp "rollout $c --")', expected '$want'"
        [[ $(fish_comp "rollout $c --") == "$want" ]] ||
            fail "fish, $c: '$(fish_comp "rollout $c --")', expected '$want'"
    done
    [[ $(fish_comp 'rollout render --bits ') == '16 24 32 ' ]] || fail "fish: $(fish_comp 'rollout render --bits ')"
    [[ $(fish_comp 'rollout check --format ') == 'json text ' ]] || fail "fish: $(fish_comp 'rollout check --format ')"
    expect 'rollout config shuffle ' 'default no yes '
    echo "completion: commands, options, values, steps, settings and routines, in bash and fish"
    ;;
desktop)
    desktop=$(ls "$build"/data/*.desktop)
    metainfo=$(ls "$build"/data/*.metainfo.xml)
    # Not even a hint: desktop-file-validate exits 0 on those, so its words count.
    out=$(desktop-file-validate "$desktop" 2>&1) || fail "desktop-file-validate: $out"
    [[ -z $out ]] || fail "desktop-file-validate: $out"
    appstreamcli validate --no-net "$metainfo" >"$tmp/out" 2>&1 || fail "appstreamcli: $(cat "$tmp/out")"
    # The launchable is the menu entry installed beside it.
    id=$(sed -n 's:.*<launchable type="desktop-id">\(.*\)</launchable>.*:\1:p' "$metainfo")
    [[ $id == "$(basename "$desktop")" ]] || fail "launchable '$id', desktop file $(basename "$desktop")"
    # The screenshots are the README's pictures.
    for shot in $(sed -n 's:.*<image>.*/\(docs/window-[a-z]*\.png\)</image>.*:\1:p' "$metainfo"); do
        [[ -f $src/$shot ]] || fail "screenshot $shot is not in the sources"
        grep -q "$shot" "$src/README.md" || fail "screenshot $shot is not in the README"
    done
    [[ $(grep -c '<image>' "$metainfo") == 3 ]] || fail "not three screenshots"
    # A file manager's view: with the type installed, *.roll is a routine,
    # and rollout's menu entry opens that type.
    mkdir -p "$tmp/mime/packages"
    cp "$src/data/rollout.xml" "$tmp/mime/packages/"
    update-mime-database "$tmp/mime"
    grep -q '^50:application/x-rollout-routine:\*\.roll$' "$tmp/mime/globs2" ||
        fail "no glob for .roll: $(cat "$tmp/mime/globs2")"
    grep -q '^MimeType=application/x-rollout-routine;$' "$desktop" || fail "the entry does not open routines"
    # Each PNG is the size its folder says.
    for png in "$src"/data/icons/hicolor/*/apps/rollout.png; do
        size=$(basename "$(dirname "$(dirname "$png")")")
        got=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); assert d[:8]==b"\x89PNG\r\n\x1a\n"; print("%dx%d" % struct.unpack(">II", d[16:24]))' "$png")
        [[ $got == "$size" ]] || fail "$png is $got"
    done
    # The entry's command, as a desktop runs it: with a .roll file, that
    # routine; with none, the default. (No display here: the terminal plays.)
    exec_line=$(sed -n 's/^Exec=//p' "$desktop")
    [[ $exec_line == 'rollout play %f' ]] || fail "Exec=$exec_line"
    export PATH=$build:$PATH SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0
    ${exec_line/\%f/$src/tests/routines/short.roll} </dev/null >"$tmp/log" 2>"$tmp/err" ||
        fail "with a file: $(cat "$tmp/err")"
    grep -q 'Session complete: 2 of 2 steps' "$tmp/log" || fail "with a file: $(cat "$tmp/log")"
    ${exec_line/\%f/} </dev/null >"$tmp/log" 2>"$tmp/err" || fail "with no file: $(cat "$tmp/err")"
    grep -q 'step 4/4: Hip flexors' "$tmp/log" || fail "not the default routine: $(cat "$tmp/log")"
    echo "desktop: entry, metainfo, MIME type, icons valid; the entry plays a file or the default"
    ;;
*)
    fail "no case '$case_name'"
    ;;
esac
