/* SPDX-License-Identifier: MIT */
/* in_sdl.c — capture and playback for the recorder on SDL's queued audio:
 * devices opened with no callback, so SDL's own thread fills (or drains) a
 * queue and the main thread takes from it (or fills it) at its own pace. */
#include "in_sdl.h"

#include "alsa.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>

#define DEVICE_FRAMES 1024 /* the device buffer: 21 ms at 48 kHz */

struct in_sdl {
    SDL_AudioDeviceID dev;
};

struct in_sdl_playback {
    SDL_AudioDeviceID dev;
    Uint32 tail_ms; /* how long the device's own buffer takes to play */
    Uint32 drained; /* SDL_GetTicks() when the queue was first empty, or 0 */
};

int in_sdl_init(char *err, size_t errlen)
{
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    alsa_hush();
    if (SDL_Init(SDL_INIT_AUDIO) != 0) {
        snprintf(err, errlen, "cannot start SDL's audio: %s", SDL_GetError());
        return -1;
    }
    return 0;
}

void in_sdl_quit(void)
{
    SDL_Quit();
}

uint32_t in_sdl_ticks(void)
{
    return SDL_GetTicks();
}

/* Opens a queued mono float device at exactly rate: allowed_changes 0, so
 * SDL converts whatever the hardware does. 0 when it cannot. */
static SDL_AudioDeviceID open_queued(int capture, int rate, const char *device, char *err,
                                     size_t errlen)
{
    SDL_AudioSpec want, have;
    SDL_zero(want);
    want.freq = rate;
    want.format = AUDIO_F32SYS;
    want.channels = 1;
    want.samples = DEVICE_FRAMES;
    want.callback = NULL;
    SDL_AudioDeviceID dev = SDL_OpenAudioDevice(device, capture, &want, &have, 0);
    if (dev == 0)
        snprintf(err, errlen, "cannot open the %s %s%s%s: %s",
                 capture ? "microphone" : "audio device", device ? "'" : "",
                 device ? device : "(default)", device ? "'" : "", SDL_GetError());
    return dev;
}

struct in_sdl *in_sdl_open(int rate, const char *device, char *err, size_t errlen)
{
    struct in_sdl *in = calloc(1, sizeof *in);
    if (!in) {
        snprintf(err, errlen, "out of memory opening the microphone");
        return NULL;
    }
    in->dev = open_queued(1, rate, device, err, errlen);
    if (!in->dev) {
        free(in);
        return NULL;
    }
    SDL_PauseAudioDevice(in->dev, 0);
    return in;
}

int64_t in_sdl_read(struct in_sdl *in, float *buf, int64_t max)
{
    if (max <= 0)
        return 0;
    if (max > (int64_t)(UINT32_MAX / sizeof *buf))
        max = (int64_t)(UINT32_MAX / sizeof *buf);
    Uint32 got = SDL_DequeueAudio(in->dev, buf, (Uint32)((size_t)max * sizeof *buf));
    return (int64_t)(got / sizeof *buf);
}

void in_sdl_close(struct in_sdl *in)
{
    if (!in)
        return;
    SDL_CloseAudioDevice(in->dev);
    free(in);
}

struct in_sdl_playback *in_sdl_play(const float *x, int64_t frames, int rate, const char *device,
                                    char *err, size_t errlen)
{
    if (frames < 0 || (uint64_t)frames > UINT32_MAX / sizeof *x) {
        snprintf(err, errlen, "the take is too long to play back");
        return NULL;
    }
    struct in_sdl_playback *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory playing the take");
        return NULL;
    }
    p->dev = open_queued(0, rate, device, err, errlen);
    if (!p->dev) {
        free(p);
        return NULL;
    }
    /* Two device buffers: the one playing and the one SDL has ready. */
    p->tail_ms = (Uint32)(2000 * (int64_t)DEVICE_FRAMES / rate + 20);
    if (SDL_QueueAudio(p->dev, x, (Uint32)((size_t)frames * sizeof *x)) != 0) {
        snprintf(err, errlen, "cannot play the take: %s", SDL_GetError());
        SDL_CloseAudioDevice(p->dev);
        free(p);
        return NULL;
    }
    SDL_PauseAudioDevice(p->dev, 0);
    return p;
}

int in_sdl_playing(struct in_sdl_playback *p)
{
    if (SDL_GetAudioDeviceStatus(p->dev) != SDL_AUDIO_PLAYING)
        return 0; /* the device is gone: nothing more will be heard */
    if (SDL_GetQueuedAudioSize(p->dev) > 0)
        return 1;
    if (!p->drained)
        p->drained = SDL_GetTicks() | 1;
    return SDL_GetTicks() - p->drained < p->tail_ms;
}

void in_sdl_play_close(struct in_sdl_playback *p)
{
    if (!p)
        return;
    SDL_CloseAudioDevice(p->dev);
    free(p);
}
