#!/usr/bin/env bash
# layering.sh SRC — the boundaries DESIGN.md draws, checked: only the audio
# devices (out_sdl.c, and in_sdl.c, the microphone for record), the window
# and main include SDL; only the cue loader, the music decoder and the file writer include
# sndfile.h; only the MPRIS module speaks D-Bus and only the listener holds
# the recogniser; TagLib, and C++, stay in tags.cpp; the engine includes none.
set -euo pipefail
src=$1
compgen -G "$src/*.c" >/dev/null || { echo "FAIL: no C files in $src" >&2; exit 1; }
bad=0
for f in $(grep -l -E '#include *[<"](SDL|SDL_[a-z]+)\.h[>"]' "$src"/*.[ch] || true); do
    case $(basename "$f") in
    main.c | out_sdl.c | in_sdl.c | view_sdl.c) ;;
    *) echo "FAIL: $f includes SDL" >&2; bad=1 ;;
    esac
done
for f in $(grep -l -E '#include *[<"]sndfile\.h[>"]' "$src"/*.[ch] || true); do
    case $(basename "$f") in
    cues.c | out_file.c | music.c) ;;
    *) echo "FAIL: $f includes sndfile.h" >&2; bad=1 ;;
    esac
done
for f in $(grep -l -E '#include *[<"]systemd/' "$src"/*.[ch] || true); do
    case $(basename "$f") in
    mpris.c) ;;
    *) echo "FAIL: $f includes sd-bus" >&2; bad=1 ;;
    esac
done
for f in $(grep -l -E '#include *[<"](pocketsphinx|sphinxbase)' "$src"/*.[ch] || true); do
    case $(basename "$f") in
    listen.c) ;;
    *) echo "FAIL: $f includes pocketsphinx" >&2; bad=1 ;;
    esac
done
for f in $(grep -l -E '#include *[<"]taglib/' "$src"/*.[ch] "$src"/*.cpp || true); do
    case $(basename "$f") in
    tags.cpp) ;;
    *) echo "FAIL: $f includes TagLib" >&2; bad=1 ;;
    esac
done
for f in $(compgen -G "$src/*.cpp" || true); do
    case $(basename "$f") in
    tags.cpp) ;;
    *) echo "FAIL: $f is C++; rollout is C but for tags.cpp" >&2; bad=1 ;;
    esac
done
exit $bad
