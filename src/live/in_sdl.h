/* SPDX-License-Identifier: MIT */
/* in_sdl.h — the recorder's sound: the microphone through SDL's audio
 * capture, and a take played back through the output device. Both use SDL's
 * own queues (no callback of ours runs on SDL's audio thread): capture
 * queues what the device gives and the main thread takes it; playback queues
 * the whole take and the device drains it. Mono float throughout. */
#ifndef ROLLOUT_IN_SDL_H
#define ROLLOUT_IN_SDL_H

#include <stddef.h>
#include <stdint.h>

/* Starts SDL's audio, leaving signals to rollout. 0, or -1 with err set. */
int in_sdl_init(char *err, size_t errlen);
void in_sdl_quit(void);

/* Opens the default capture device (or the one named) for mono float at
 * exactly rate (SDL converts), and starts it. NULL with err set. */
struct in_sdl *in_sdl_open(int rate, const char *device, char *err, size_t errlen);

/* Takes up to max frames of what has been captured so far; never waits. */
int64_t in_sdl_read(struct in_sdl *in, float *buf, int64_t max);

void in_sdl_close(struct in_sdl *in);

/* Plays mono samples at rate on the output device (NULL: the default);
 * returns at once. The samples are copied. NULL with err set. */
struct in_sdl_playback *in_sdl_play(const float *x, int64_t frames, int rate, const char *device,
                                    char *err, size_t errlen);

/* Whether it is still sounding: samples queued, or the last of them still
 * in the device's buffer. */
int in_sdl_playing(struct in_sdl_playback *p);

/* Stops it, wherever it is, and closes the device. */
void in_sdl_play_close(struct in_sdl_playback *p);

/* Milliseconds since SDL started, for timeouts. */
uint32_t in_sdl_ticks(void);

#endif
