#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# phone.sh CASE ROLLOUT SOURCE — a rendered session as phone and desktop
# players see it, read back by real clients: ffprobe (FFmpeg) for the
# chapters, tags, cover and words; mediainfo and exiftool must agree. The
# chapters must start within 1 ms of the frames `plan --tsv` gives, and a
# render without chapters must hold the very same audio.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case_name=$1
rollout=$2
src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for tool in ffprobe ffmpeg mediainfo exiftool python3; do
    command -v $tool >/dev/null || fail "$tool is missing (scripts/setup installs it)"
done

# expected_chapters FROM ROUTINE [OPTION]... — "frame<TAB>title" per
# chapter, from the plan: the introduction at 0, a chapter where each step
# or side begins, "The end" where the closing words begin. Frames count from
# the file's start: the session's (FROM 0) or the plan's first event (FROM
# first, for --start-at).
expected_chapters() {
    local from=$1
    shift
    "$rollout" plan "$@" --tsv | python3 -c '
import sys
rows = [l.rstrip("\n").split("\t") for l in sys.stdin][1:]
out, step = [], None
base = int(rows[0][0]) if sys.argv[1] == "first" else 0
for i, (frame, _, kind, detail) in enumerate(rows):
    frame = int(frame)
    if kind == "step":
        step = detail.split(" ", 2)[2]
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if not (nxt and nxt[2] == "side" and int(nxt[0]) == frame):
            out.append((frame, step))
    elif kind == "side":
        out.append((frame, step + " \u2014 " + detail))
    elif kind == "phase" and detail.startswith("done "):
        out.append((frame, "The end"))
if not out or out[0][0] != base:
    out.insert(0, (base, "Introduction"))
for frame, title in out:
    print(frame - base, title, sep="\t")
' "$from"
}

# probe FILE — ffprobe's JSON of the file: streams, format, chapters.
probe() {
    ffprobe -v error -show_format -show_streams -show_chapters -of json "$1"
}

# check_chapters FILE EXPECTED RATE — ffprobe lists exactly the expected
# chapters, each within 1 ms of its frame.
check_chapters() {
    probe "$1" | python3 -c '
import json, sys
got = json.load(sys.stdin)["chapters"]
want = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
rate = int(sys.argv[2])
if len(got) != len(want):
    sys.exit("%d chapters, expected %d: %s" % (len(got), len(want), [c["tags"]["title"] for c in got]))
for c, (frame, title) in zip(got, want):
    start = float(c["start_time"])
    if abs(start - int(frame) / rate) > 0.001:
        sys.exit("chapter %r starts at %.6f s, the plan says %s (frame %s)" % (title, start, int(frame) / rate, frame))
    if c["tags"].get("title") != title:
        sys.exit("chapter at %s is titled %r, expected %r" % (frame, c["tags"].get("title"), title))
' "$2" "$3" || fail "$1: chapters"
}

# tag FILE KEY — a tag as ffprobe reads it, from the file or its audio
# stream (Ogg keeps them on the stream), whatever the case of its key.
tag() {
    probe "$1" | python3 -c '
import json, sys
d = json.load(sys.stdin)
tags = dict(d["format"].get("tags", {}))
tags.update(d["streams"][0].get("tags", {}))
tags = {k.lower(): v for k, v in tags.items()}
print(tags.get(sys.argv[1], ""), end="")
' "$2"
}

# audio_md5 FILE — the compressed audio exactly as stored, packet by packet,
# then as decoded: the same in both means the same sound, byte for byte.
audio_md5() {
    ffmpeg -v error -i "$1" -map 0:a -c copy -f md5 - && ffmpeg -v error -i "$1" -map 0:a -f md5 -
}

routine=$src/routines/default.roll
title=$(sed -n 's/^routine *"\(.*\)"$/\1/p' "$routine")
about=$(sed -n 's/^about *"\(.*\)"$/\1/p' "$routine")

case $case_name in
mp3 | opus | ogg | flac)
    # The container, not the sound (phone_loudness measures that): the
    # default routine's flow at a twentieth of its times, speech as it is,
    # so every chapter, word and tag is there in a quarter of the audio.
    ext=$case_name
    f=$tmp/s.$ext
    fast=(--fast 20)
    expect_exit 0 "$rollout" render default "${fast[@]}" --lyrics -o "$f"
    expected_chapters 0 default "${fast[@]}" >"$tmp/want"
    (($(wc -l <"$tmp/want") == 10)) || fail "the plan gives $(wc -l <"$tmp/want") chapters, not 10"
    check_chapters "$f" "$tmp/want" 48000
    [[ $(tag "$f" title) == "$title" ]] || fail "title: '$(tag "$f" title)'"
    [[ $(tag "$f" album) == "$title" ]] || fail "album: '$(tag "$f" album)'"
    [[ $(tag "$f" artist) == rollout ]] || fail "artist: '$(tag "$f" artist)'" # no author line
    [[ $(tag "$f" genre) == Fitness ]] || fail "genre: '$(tag "$f" genre)'"
    [[ $(tag "$f" date) == "$(date +%Y)" ]] || fail "date: '$(tag "$f" date)'"
    [[ $(tag "$f" comment) == "$about" ]] || fail "comment: '$(tag "$f" comment)'"
    # The cover: one attached PNG, the body map as the window draws it.
    probe "$f" | python3 -c '
import json, sys
v = [s for s in json.load(sys.stdin)["streams"] if s["codec_type"] == "video"]
assert len(v) == 1 and v[0]["codec_name"] == "png", v
assert v[0]["disposition"]["attached_pic"] == 1, v[0]["disposition"]
assert (v[0]["width"], v[0]["height"]) == (600, 600), (v[0]["width"], v[0]["height"])
' || fail "$f: cover"
    ffmpeg -v error -i "$f" -map 0:v -c copy -f image2 "$tmp/cover.png"
    cmp -s "$tmp/cover.png" /dev/null && fail "the cover is empty"
    # The words: every cue's transcript, in order; in Vorbis comments as LRC.
    "$rollout" plan default "${fast[@]}" --tsv | awk -F'\t' '$3 == "cue" { sub(/^[^ ]* /, "", $4); print $4 }' >"$tmp/words"
    if [[ $ext == mp3 ]]; then
        tag "$f" lyrics-eng >"$tmp/got"
        diff -q "$tmp/words" "$tmp/got" >/dev/null || fail "the words in USLT differ: $(diff "$tmp/words" "$tmp/got" | head -5)"
        # SYLT, the words in time, as exiftool reads it.
        exiftool -s3 -SynchronizedLyricsText "$f" >"$tmp/sylt"
        [[ $(grep -o '\[[0-9][0-9]:[0-9][0-9]\.[0-9][0-9]\]' "$tmp/sylt" | wc -l) == $(wc -l <"$tmp/words") ]] ||
            fail "SYLT holds $(grep -o '\[[0-9:.]*\]' "$tmp/sylt" | wc -l) timed lines, expected $(wc -l <"$tmp/words")"
        # exiftool agrees: one CTOC, a CHAP per chapter.
        [[ $(exiftool -a -u -s3 -ID3:all -b "$f" 2>/dev/null | wc -c) -gt 0 ]] || fail "exiftool reads no ID3 tag"
        n=$(exiftool -a -u -G1 "$f" | grep -c 'ID3 CHAP') || true
        ((n == 10)) || fail "exiftool reads $n CHAP frames"
        [[ $(exiftool -s3 -PictureMIMEType "$f") == image/png ]] || fail "exiftool sees no PNG cover"
    else
        tag "$f" lyrics >"$tmp/got"
        diff -q "$tmp/s.lrc" "$tmp/got" >/dev/null || fail "LYRICS is not the .lrc: $(diff "$tmp/s.lrc" "$tmp/got" | head -5)"
        # mediainfo agrees on every chapter's start and title.
        mediainfo --Output=JSON "$f" | python3 -c '
import json, sys
menu = [t for t in json.load(sys.stdin)["media"]["track"] if t["@type"] == "Menu"]
assert menu, "no chapters"
got = [(k.strip("_").replace("_", ""), v) for k, v in menu[0]["extra"].items()]
want = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
assert len(got) == len(want), (len(got), len(want))
for (stamp, title), (frame, wtitle) in zip(got, want):
    ms = int(stamp[0:2]) * 3600000 + int(stamp[2:4]) * 60000 + int(stamp[4:6]) * 1000 + int(stamp[6:9])
    assert abs(ms - int(frame) / 48) <= 1, (stamp, frame)
    assert title == wtitle, (title, wtitle)
' "$tmp/want" || fail "mediainfo disagrees"
    fi
    # Without chapters: no chapters, the same tags, and the same audio to
    # the byte, packet by packet and decoded.
    expect_exit 0 "$rollout" render default "${fast[@]}" --no-chapters -o "$tmp/n.$ext"
    [[ $(probe "$tmp/n.$ext" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["chapters"]))') == 0 ]] ||
        fail "--no-chapters wrote chapters"
    [[ $(tag "$tmp/n.$ext" title) == "$title" ]] || fail "--no-chapters lost the title"
    [[ $(audio_md5 "$f") == $(audio_md5 "$tmp/n.$ext") ]] || fail "the audio differs with and without chapters"
    ;;
lyrics)
    # --lyrics: an .lrc beside the file, a line per cue at the centisecond
    # nearest its frame, for any format (WAV too), whatever the rate.
    expect_exit 0 "$rollout" render default --rate 44100 --lyrics -o "$tmp/s.wav"
    [[ -f $tmp/s.lrc ]] || fail "no s.lrc beside s.wav"
    head -5 "$tmp/s.lrc" >"$tmp/head"
    printf '[ti:%s]\n[ar:rollout]\n[al:%s]\n[length:12:09]\n[re:rollout]\n' "$title" "$title" | diff - "$tmp/head" ||
        fail "the .lrc's header"
    "$rollout" plan default --rate 44100 --tsv | awk -F'\t' '$3 == "cue"' >"$tmp/cues"
    python3 - "$tmp/cues" "$tmp/s.lrc" <<'PY' || fail "the .lrc's lines are not at the cues"
import re, sys
cues = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
lines = [l.rstrip("\n") for l in open(sys.argv[2]) if re.match(r"\[\d\d:\d\d\.\d\d\]", l)]
assert len(lines) == len(cues), (len(lines), len(cues))
for (frame, _, _, detail), line in zip(cues, lines):
    m = re.match(r"\[(\d\d):(\d\d)\.(\d\d)\](.*)", line)
    cs = int(m.group(1)) * 6000 + int(m.group(2)) * 100 + int(m.group(3))
    assert cs == (int(frame) * 100 + 22050) // 44100, (line, frame)
    assert m.group(4) == detail.split(" ", 1)[1], (line, detail)
PY
    # The setting does what the option does.
    XDG_CONFIG_HOME=$tmp/config "$rollout" config lyrics yes >/dev/null
    XDG_CONFIG_HOME=$tmp/config "$rollout" render default --rate 44100 -o "$tmp/c.flac"
    cmp -s "$tmp/s.lrc" "$tmp/c.lrc" || fail "'lyrics = yes' wrote no .lrc, or another one"
    # A WAV carries no chapters: asking for them is a usage error, and
    # nothing is written.
    expect_exit 2 "$rollout" render default --chapters -o "$tmp/c.wav"
    grep -q "cannot carry chapters" "$tmp/err" || fail "$(cat "$tmp/err")"
    [[ ! -e $tmp/c.wav ]] || fail "c.wav was written"
    ;;
start_at)
    # From the third step, and with text a player must keep exactly: the
    # chapters are the file's own, from 0.
    cat >"$tmp/odd.roll" <<'ROLL'
routine "Ünïcödé «test» — 10% [x]"
about "Quotes \"inside\", a tab-free line; ✓ and 日本語."
step one "Plantar «fascia»" area=foot sides=both
  announce a.one "First [one]."
  roll 3s
step two "Calf & soleus" area=calf
  announce a.two "Then — two."
  roll 4s
step three "Hip flexors ✓" area=hip-flexor sides=both
  announce a.three "Last: three!"
  hold 5s
ROLL
    expect_exit 0 "$rollout" render "$tmp/odd.roll" --draft --start-at 2 -o "$tmp/o.opus"
    expected_chapters first "$tmp/odd.roll" --draft --start-at 2 >"$tmp/want"
    (($(wc -l <"$tmp/want") == 4)) || fail "the plan gives $(cat "$tmp/want")"
    check_chapters "$tmp/o.opus" "$tmp/want" 48000
    [[ $(tag "$tmp/o.opus" title) == 'Ünïcödé «test» — 10% [x]' ]] || fail "title: $(tag "$tmp/o.opus" title)"
    [[ $(tag "$tmp/o.opus" comment) == 'Quotes "inside", a tab-free line; ✓ and 日本語.' ]] ||
        fail "comment: $(tag "$tmp/o.opus" comment)"
    expect_exit 0 "$rollout" render "$tmp/odd.roll" --draft --start-at 2 -o "$tmp/o.mp3"
    check_chapters "$tmp/o.mp3" "$tmp/want" 48000
    [[ $(tag "$tmp/o.mp3" title) == 'Ünïcödé «test» — 10% [x]' ]] || fail "mp3 title: $(tag "$tmp/o.mp3" title)"
    ;;
full_disk)
    # Tags that do not fit on the disk: exit 3, "no space left on device",
    # nothing left behind, the old file as it was. The disk is a tmpfs in a
    # mount namespace of our own, a page smaller than the whole file: room
    # for the audio (the cover alone is more than a page) but not the tags.
    command -v unshare >/dev/null || fail "unshare (util-linux) is missing"
    short=$src/tests/routines/short.roll
    expect_exit 0 "$rollout" render "$short" -o "$tmp/probe.flac"
    cover=$(ffprobe -v error -select_streams v -show_entries packet=size -of csv=p=0 "$tmp/probe.flac")
    ((cover > 4096)) || fail "the cover is only $cover bytes"
    mkdir "$tmp/full"
    cat >"$tmp/full.sh" <<'FULL'
set -u
rollout=$1 short=$2 full=$3 out=$4 size=$5
mount -t tmpfs -o size=$size none "$full" || { echo "cannot mount a tmpfs" >"$out"; exit 1; }
echo old >"$full/s.flac"
rc=0
"$rollout" render -o "$full/s.flac" "$short" 2>"$full.err" || rc=$?
[[ $rc == 3 ]] || echo "exit $rc, expected 3: $(cat "$full.err")" >>"$out"
[[ $(cat "$full.err") == "rollout: cannot write '$full/s.flac': no space left on device." ]] ||
    echo "$(cat "$full.err")" >>"$out"
[[ $(cat "$full/s.flac") == old ]] || echo "the old file changed" >>"$out"
! compgen -G "$full/*.tmp-*" >/dev/null || echo "temporary file left" >>"$out"
FULL
    : >"$tmp/full.out"
    size=$(($(stat -c %s "$tmp/probe.flac") / 4096 * 4096))
    unshare -rm bash "$tmp/full.sh" "$rollout" "$short" "$tmp/full" "$tmp/full.out" "$size" ||
        fail "$(cat "$tmp/full.out")"
    [[ ! -s $tmp/full.out ]] || fail "$(cat "$tmp/full.out")"
    ;;
covers)
    # Each routine's cover is its own: the three bundled routines' differ,
    # and a routine that differs only in its title and author differs only
    # in the title's band across the top, and names its author as artist.
    # FLAC, the quickest to encode: each format carries the same picture
    # (the cases above check it is there in each).
    cover() { # ROUTINE NAME [OPTION]...: the cover of ROUTINE, as NAME.png
        local r=$1 name=$2
        shift 2
        "$rollout" render "$r" --fast 20 --quiet -o "$tmp/$name.flac" "$@"
        ffmpeg -v error -i "$tmp/$name.flac" -map 0:v -c copy -f image2 "$tmp/$name.png"
    }
    band() { # PNG Y H: the md5 of the picture's rows Y to Y+H, decoded
        ffmpeg -v error -i "$1" -vf "crop=600:$3:0:$2" -f md5 -
    }
    for r in default pre-run lower-body; do
        cover "$r" "$r"
    done
    sums=$(md5sum "$tmp"/{default,pre-run,lower-body}.png | cut -d' ' -f1 | sort -u | wc -l)
    ((sums == 3)) || fail "the three routines' covers are not all different"
    sed 's/^routine .*/routine "Calves before a long run"\nauthor  "Sam Okafor"/' "$routine" >"$tmp/mine.roll"
    cover "$tmp/mine.roll" mine
    [[ $(tag "$tmp/mine.flac" artist) == "Sam Okafor" ]] || fail "artist: '$(tag "$tmp/mine.flac" artist)'"
    [[ $(tag "$tmp/mine.flac" album) == "Calves before a long run" ]] ||
        fail "album: '$(tag "$tmp/mine.flac" album)'"
    [[ $(band "$tmp/mine.png" 0 110) != $(band "$tmp/default.png" 0 110) ]] ||
        fail "a new title left the cover's title band as it was"
    [[ $(band "$tmp/mine.png" 130 470) == $(band "$tmp/default.png" 130 470) ]] ||
        fail "a new title changed the body map under it"
    ;;
*)
    fail "no case '$case_name'"
    ;;
esac
