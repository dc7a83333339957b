/* SPDX-License-Identifier: MIT */
/* out_sdl.h — live output: SDL2_mixer owns the audio device and pulls the
 * engine from its music hook, so every event lands at its exact frame inside
 * the device's callback. */
#ifndef ROLLOUT_OUT_SDL_H
#define ROLLOUT_OUT_SDL_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"

/* The device's buffer, in frames. 4096 (85 ms at 48 kHz) by default: on a
 * busy machine PulseAudio ran dry now and then at 1024 and 2048, shifting
 * every later click; never at 4096 (docs/benchmarks.md). The views subtract
 * the latency, so only pause and volume answer that much later. */
#define OUT_SDL_BUFFER_MIN     64
#define OUT_SDL_BUFFER_MAX     16384
#define OUT_SDL_BUFFER_DEFAULT 4096

struct out_sdl_opts {
    int rate;
    int buffer;         /* frames per device callback */
    const char *device; /* NULL: the default device */
};

/* Starts SDL's audio and events (a removed device is reported as an event)
 * and leaves signals to rollout. 0, or -1 with one sentence in err. */
int out_sdl_init(char *err, size_t errlen);

/* Stops all of SDL: after every device and window is closed. */
void out_sdl_quit(void);

/* The name of the audio driver SDL chose. */
const char *out_sdl_driver(void);

/* Opens the device (after out_sdl_init) at exactly
 * the rate asked for, 2 channels of float, and starts pulling e. NULL on
 * failure, with one sentence in err. */
struct out_sdl *out_sdl_open(struct engine *e, const struct out_sdl_opts *o, char *err,
                             size_t errlen);

/* Lets the last buffer rendered play out, stops the callback, then closes
 * the device. After it returns the engine is no longer touched and may be
 * freed. */
void out_sdl_close(struct out_sdl *out);

/* Whether the device has stopped taking audio: unplugged, or its sound
 * server gone. SDL does not always say so, so this also watches the clock of
 * the callback. */
int out_sdl_lost(const struct out_sdl *out);

/* Closes what is left of the device and opens it (or, if it was named and is
 * gone, tries the same name) again; the engine carries on from the frame it
 * had reached. 0 on success, or -1 with one sentence in err. */
int out_sdl_reopen(struct out_sdl *out, char *err, size_t errlen);

/* The device's sample rate: the engine's. */
int out_sdl_rate(const struct out_sdl *out);

/* The frame being heard now, as well as can be told: the engine's position
 * when the device last took a buffer, less the audio still queued in the
 * device, plus the time since. Never ahead of what has been rendered. */
int64_t out_sdl_heard(const struct out_sdl *out);

/* The frames the device is asked for at a time. */
int out_sdl_latency(const struct out_sdl *out);

/* What the device plays, as it is handed over, mixed down to mono at the
 * device's rate: for taking rollout's own sound out of a microphone. One
 * reader: out_sdl_tap_start starts the copy and sets *from to where it
 * starts; out_sdl_tap_read then copies up to max frames from *from on and
 * moves *from past them. A reader more than the tap's length behind skips
 * to what is still whole. */
#define OUT_SDL_TAP 65536 /* frames: 1.4 s at 48 kHz */
void out_sdl_tap_start(struct out_sdl *out, int64_t *from);
int64_t out_sdl_tap_read(const struct out_sdl *out, int64_t *from, float *dst, int64_t max);

/* Prints the output devices SDL knows, one per line; returns how many. */
int out_sdl_list(void);

#endif
