#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# layering.sh SRC [OBJECT...] — the boundaries docs/architecture.md draws,
# checked:
#
#  - each folder of SRC is a layer, and includes reach only down:
#      cli → desktop, live → core (core/parse is core's); web → core,
#      the WebAssembly build's door, which nothing includes
#    The build hands each target only the include folders below it, so a
#    wrong include already fails to compile; this also catches one that
#    goes around that with a path ("../live/out_sdl.h").
#  - a library's headers stay in the modules that own it: SDL in the
#    audio devices and the window (and nowhere in core); sndfile.h in the
#    cue loader, the music decoder and the file writer; sd-bus in MPRIS;
#    the recogniser in the listener; ALSA in alsa.c; TagLib, and C++, in
#    tags.cpp; serve's libraries each in its module of cli: libmicrohttpd
#    in serve.c, GnuTLS in cert.c, libqrencode in qr.c. Every spelling of an include counts: <SDL2/SDL.h>, "SDL.h",
#    # include.
#  - given the built objects, the calls between modules (a module is a .c
#    file: core/engine, live/view_sdl...), read from the symbols each object
#    defines and needs (nm): they reach only down, as the includes do, and
#    never in a circle. A call through a header that slipped past the
#    include rules, or two modules that need each other, show here.
set -euo pipefail
src=$1
shift
[[ -d $src/core && -d $src/live && -d $src/desktop && -d $src/cli && -d $src/web ]] ||
    { echo "FAIL: $src has not the folders core, live, desktop, cli and web" >&2; exit 1; }
bad=0
say() { echo "FAIL: $*" >&2; bad=1; }

# includes FILE — each header FILE includes, one a line, as written.
includes() { sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^>"]+)[>"].*/\1/p' "$1"; }

# The layer of each of rollout's own headers, by its name.
declare -A layer_of
for dir in core core/parse live desktop cli web; do
    for h in "$src/$dir"/*.h; do
        [[ -e $h ]] || continue
        name=${h##*/}
        [[ -z ${layer_of[$name]:-} ]] || say "$name is in two layers"
        layer_of[$name]=${dir%%/*}
    done
done
# may LAYER HEADER-LAYER — LAYER may include a header of HEADER-LAYER.
may() {
    case $1:$2 in
    core:core | live:core | live:live | desktop:core | desktop:desktop | web:core | web:web) return 0 ;;
    cli:core | cli:live | cli:desktop | cli:cli) return 0 ;;
    *) return 1 ;;
    esac
}

mapfile -t files < <(find "$src" -type f \( -name '*.[ch]' -o -name '*.cpp' \) | sort)
((${#files[@]} > 0)) || { echo "FAIL: no source files in $src" >&2; exit 1; }
for f in "${files[@]}"; do
    rel=${f#"$src"/}
    layer=${rel%%/*}
    base=${f##*/}
    case $base in *.cpp) [[ $base == tags.cpp ]] || say "$rel is C++; rollout is C but for tags.cpp" ;; esac
    while IFS= read -r inc; do
        name=${inc##*/}
        # rollout's own headers: by name alone, in the layers allowed.
        if [[ -n ${layer_of[$name]:-} && $inc != */* ]]; then
            may "$layer" "${layer_of[$name]}" || say "$rel ($layer) includes $name (${layer_of[$name]})"
            continue
        fi
        [[ -z ${layer_of[$name]:-} ]] || { say "$rel includes $inc by a path: name it alone"; continue; }
        # The libraries, each in the modules that own it.
        case $inc in
        SDL.h | SDL_*.h | SDL2/*)
            [[ $layer == live ]] || say "$rel includes SDL ($inc)" ;;
        sndfile.h | sndfile.hh)
            case $base in cues.c | out_file.c | music.c) ;; *) say "$rel includes $inc" ;; esac ;;
        systemd/*)
            [[ $base == mpris.c ]] || say "$rel includes sd-bus ($inc)" ;;
        pocketsphinx* | sphinxbase/* | pocketsphinx/*)
            [[ $base == listen.c ]] || say "$rel includes the recogniser ($inc)" ;;
        taglib/* | tag.h | fileref.h)
            [[ $base == tags.cpp ]] || say "$rel includes TagLib ($inc)" ;;
        speex/*)
            [[ $base == listen.c ]] || say "$rel includes the echo canceller ($inc)" ;;
        alsa/*)
            [[ $base == alsa.c ]] || say "$rel includes ALSA ($inc)" ;;
        microhttpd.h)
            [[ $rel == cli/serve.c ]] || say "$rel includes libmicrohttpd ($inc)" ;;
        gnutls/*)
            [[ $rel == cli/cert.c ]] || say "$rel includes GnuTLS ($inc)" ;;
        qrencode.h)
            [[ $rel == cli/qr.c ]] || say "$rel includes libqrencode ($inc)" ;;
        esac
    done < <(includes "$f")
done
# The calls, when the objects are given.
if (($# > 0)); then
    command -v nm >/dev/null || { echo "FAIL: nm is missing (binutils)" >&2; exit 1; }
    python3 - "$@" <<'PY' || bad=1
import re, subprocess, sys

def module(obj):
    return re.sub(r"\.(c|cpp)\.o$", "", re.sub(r".*/src/", "", obj))

def nm(args, objs):
    """Each object's lines of nm's answer, from one run over them all."""
    out = {o: [] for o in objs}
    text = subprocess.run(["nm", "-A"] + args + objs, capture_output=True, text=True, check=True).stdout
    for line in text.splitlines():
        obj, _, rest = line.partition(".o:")  # "dir/x.c.o:ADDRESS T name"
        obj += ".o"
        if obj in out and rest.strip():
            out[obj].append(rest)
    return out

objs = [o for o in sys.argv[1:] if o.endswith(".o")]
defined, needs = {}, {}
for o, lines in nm(["-g", "--defined-only"], objs).items():
    for line in lines:
        f = line.split()
        if len(f) == 3 and f[1] in "TDBRVW":
            defined[f[2]] = module(o)
for o, lines in nm(["-u"], objs).items():
    needs[module(o)] = [line.split()[-1] for line in lines]
calls = {m: sorted({defined[s] for s in syms if defined.get(s, m) != m}) for m, syms in needs.items()}

allowed = {"core": {"core"}, "live": {"core", "live"}, "desktop": {"core", "desktop"},
           "cli": {"core", "live", "desktop", "cli"}}
bad = 0
for m, callees in sorted(calls.items()):
    for c in callees:
        if c.split("/")[0] not in allowed[m.split("/")[0]]:
            print(f"FAIL: {m} calls up into {c}", file=sys.stderr)
            bad = 1

# A circle: a module reached again from itself (depth first, three colours).
state, path = {}, []

def visit(m):
    global bad
    state[m] = 1
    path.append(m)
    for c in calls.get(m, []):
        if state.get(c) == 1:
            print("FAIL: modules call each other in a circle: " + " -> ".join(path[path.index(c):] + [c]),
                  file=sys.stderr)
            bad = 1
        elif not state.get(c):
            visit(c)
    path.pop()
    state[m] = 2

for m in sorted(calls):
    if not state.get(m):
        visit(m)
print(f"{len(objs)} objects, {sum(len(c) for c in calls.values())} calls between modules", file=sys.stderr)
sys.exit(bad)
PY
fi
exit $bad
