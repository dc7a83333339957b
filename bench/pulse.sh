# bench/pulse.sh — sourced by the benchmarks that play through a sound
# server of their own.
#
# pulse_start DIR SINK — a private PulseAudio in DIR with one null sink,
# SINK (48 kHz float stereo, so the server converts nothing), and the
# environment that points every client at it; $pulse is its pid.
pulse_start() {
    export PULSE_RUNTIME_PATH=$1/pulse PULSE_SERVER=unix:$1/pulse/native
    export PULSE_STATE_PATH=$1/pulse/state PULSE_CONFIG_PATH=$1/pulse/config
    mkdir -p "$PULSE_STATE_PATH" "$PULSE_CONFIG_PATH" "$1/home"
    HOME=$1/home pulseaudio -D --exit-idle-time=-1 --disallow-exit -n --system=false \
        --use-pid-file=yes --log-target=file:"$1/pulse.log" \
        --load="module-null-sink sink_name=$2 format=float32le rate=48000 channels=2" \
        --load="module-native-protocol-unix auth-anonymous=1"
    for _ in $(seq 50); do
        [[ -s $PULSE_RUNTIME_PATH/pid ]] && pactl info >/dev/null 2>&1 && break
        sleep 0.1
    done
    pulse=$(cat "$PULSE_RUNTIME_PATH/pid")
}
