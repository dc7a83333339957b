#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench/sox_session.sh ROLLOUT ROUTINE OUT.wav WORKDIR — the peer for render
# speed: the same session built the way a user could script it with sox,
# from the same cue files, a synthesised click and rollout's own plan.
#
#   1. every cue the routine uses, converted once to 48 kHz stereo (sox rate)
#   2. the voice track: a silent lead, then each cue padded or trimmed to
#      reach exactly the next cue's frame (one sox per cue event), joined
#      with one concatenating sox
#   3. the click track: a 60 ms click made with synth, padded to each
#      distinct gap between clicks (one sox per gap length, so a minute of
#      one-second clicks is one file used sixty times), joined the same way
#   4. the two tracks mixed at unity gain into 16-bit WAV
#
# It leaves out what sox cannot do simply: ducking the click under speech
# and the soft limiter. Both favour sox. Prints "clicks_at_plan yes|no": the
# click track's onsets against the plan's click frames, so the result is
# known to be the same session and not merely the same length.
set -euo pipefail

rollout=$1
routine=$2
out=$3
work=$4
audiocheck=${AUDIOCHECK:-}
rate=48000
mkdir -p "$work/cues" "$work/seg"

"$rollout" plan --tsv "$routine" >"$work/plan.tsv"
"$rollout" cues --tsv "$routine" >"$work/cues.tsv"
end=$(awk -F'\t' '$3 == "end" { print $1 }' "$work/plan.tsv")

# 1. Cues at the output rate.
declare -A cue_file=()
while IFS=$'\t' read -r id path _text status; do
    [[ $status == found ]] || continue
    sox -V1 "$path" -r "$rate" -c 2 -e float -b 32 "$work/cues/$id.wav"
    cue_file[$id]=$work/cues/$id.wav
done <"$work/cues.tsv"

# 2. Voice track.
voice_list=()
first=$(awk -F'\t' '$3 == "cue" { print $1; exit }' "$work/plan.tsv")
sox -V1 -n -r "$rate" -c 2 -e float -b 32 "$work/seg/voice_lead.wav" trim 0 "${first}s"
voice_list+=("$work/seg/voice_lead.wav")
i=0
while IFS=$'\t' read -r frame next id; do
    len=$((next - frame))
    seg=$work/seg/voice_$i.wav
    sox -V1 "${cue_file[$id]}" "$seg" pad 0 "${len}s" trim 0 "${len}s"
    voice_list+=("$seg")
    i=$((i + 1))
done < <(awk -F'\t' -v end="$end" 'BEGIN { n = 0 }
    $3 == "cue" { split($4, d, " "); f[n] = $1; id[n] = d[1]; n++ }
    END { for (k = 0; k < n; k++) print f[k] "\t" (k + 1 < n ? f[k + 1] : end) "\t" id[k] }' \
    "$work/plan.tsv")
sox -V1 "${voice_list[@]}" "$work/voice.wav"

# 3. Click track.
sox -V1 -n -r "$rate" -c 2 -e float -b 32 "$work/click.wav" synth 2880s sine 950 0 25 \
    fade h 0 2880s 720s vol 0.5
click_list=()
first=$(awk -F'\t' '$3 == "click" { print $1; exit }' "$work/plan.tsv")
sox -V1 -n -r "$rate" -c 2 -e float -b 32 "$work/seg/click_lead.wav" trim 0 "${first}s"
click_list+=("$work/seg/click_lead.wav")
while read -r len; do
    unit=$work/seg/click_$len.wav
    [[ -f $unit ]] || sox -V1 "$work/click.wav" "$unit" pad 0 "${len}s" trim 0 "${len}s"
    click_list+=("$unit")
done < <(awk -F'\t' -v end="$end" 'BEGIN { n = 0 }
    $3 == "click" { f[n++] = $1 }
    END { for (k = 0; k < n; k++) print (k + 1 < n ? f[k + 1] : end) - f[k] }' "$work/plan.tsv")
sox -V1 "${click_list[@]}" "$work/clicks.wav"

# 4. The mix.
sox -V1 -m -v 1 "$work/voice.wav" -v 1 "$work/clicks.wav" -b 16 "$out"

if [[ -n $audiocheck ]]; then
    awk -F'\t' '$3 == "click" { print $1 }' "$work/plan.tsv" >"$work/plan_clicks"
    "$audiocheck" onsets "$work/clicks.wav" >"$work/onsets"
    if cmp -s "$work/plan_clicks" "$work/onsets"; then
        echo "clicks_at_plan yes"
    else
        echo "clicks_at_plan no"
    fi
fi
