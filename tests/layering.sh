# layering.sh SRC — the boundaries DESIGN.md draws, checked: only the audio
bad=0
for f in $(grep -l -E '#include *[<"](SDL|SDL_[a-z]+)\.h[>"]' "$src"/*.[ch] || true); do
    case $(basename "$f") in
    main.c | out_sdl.c | in_sdl.c | view_sdl.c) ;;
    *) echo "FAIL: $f includes SDL" >&2; bad=1 ;;
    esac
done
for f in $(grep -l -E '#include *[<"]sndfile\.h[>"]' "$src"/*.[ch] || true); do
    case $(basename "$f") in
    cues.c | out_file.c) ;;
    *) echo "FAIL: $f includes sndfile.h" >&2; bad=1 ;;
    esac
done
exit $bad
