/* SPDX-License-Identifier: MIT */
/* out_sdl.c — SDL2_mixer's music hook is the audio callback: it hands us the
 * device buffer and we fill it from the engine, nothing else. SDL_mixer 2.6
 * clears the buffer, calls the hook, then mixes its channels (we play none),
 * so what the hook writes is exactly what the device plays. */
#include "out_sdl.h"
#include "limiter.h"

#include "alsa.h"

#include <SDL.h>
#include <SDL_mixer.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct out_sdl {
    struct engine *engine;
    struct limiter *limiter; /* the callback's alone: the mix's last stage */
    int latency;
    int rate;
    char *device; /* as asked for, or NULL: the default */
    int open;
    /* The device plays one buffer while the callback fills the next, so the
     * buffer sounding now is the one filled by the callback before the last.
     * It holds the engine's frames [play_from, play_to): a whole buffer's
     * worth in play, none while paused, a jump's worth after a seek.
     * Written by the callback as a seqlock (seq odd while it writes), read
     * by views; filled_to and filled_before are the callback's own. */
    _Atomic uint32_t seq;
    _Atomic int64_t play_from, play_to;
    _Atomic uint64_t cb_time;         /* SDL's performance counter at the last callback */
    int64_t filled_before, filled_to; /* where the last two renders ended */
    _Atomic int removed;              /* SDL said the device went away */
    /* What the device played, mixed down to mono, for the echo canceller
     * of the spoken commands: the callback writes it and publishes how
     * much it has written; one reader follows, and is overtaken if it
     * falls a whole ring behind. Written only once a reader asks. */
    _Atomic int tapped;
    _Atomic int64_t tap_written;
    float tap[OUT_SDL_TAP];
};

static void publish_playing(struct out_sdl *out, int64_t from, int64_t to, uint64_t now)
{
    uint32_t s = atomic_load_explicit(&out->seq, memory_order_relaxed);
    atomic_store_explicit(&out->seq, s + 1, memory_order_relaxed);
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&out->play_from, from, memory_order_relaxed);
    atomic_store_explicit(&out->play_to, to, memory_order_relaxed);
    atomic_store_explicit(&out->cb_time, now, memory_order_relaxed);
    atomic_store_explicit(&out->seq, s + 2, memory_order_release);
}

static void SDLCALL pull(void *udata, Uint8 *stream, int len)
{
    struct out_sdl *out = udata;
    /* A removed device goes on asking for audio that nobody hears: hold the
     * engine where it is until the device is back. */
    if (atomic_load_explicit(&out->removed, memory_order_relaxed)) {
        memset(stream, 0, (size_t)len);
        return;
    }
    struct engine_status st;
    const float *frames = (const float *)(void *)stream;
    int n = len / (int)(2 * sizeof(float));
    engine_render(out->engine, (float *)(void *)stream, n);
    /* No volume can clip: the limiter holds the sum under its ceiling. */
    limiter_run(out->limiter, (float *)(void *)stream, n);
    if (atomic_load_explicit(&out->tapped, memory_order_relaxed)) {
        int64_t w = atomic_load_explicit(&out->tap_written, memory_order_relaxed);
        for (int i = 0; i < n; i++)
            out->tap[(w + i) % OUT_SDL_TAP] = 0.5f * (frames[2 * i] + frames[2 * i + 1]);
        atomic_store_explicit(&out->tap_written, w + n, memory_order_release);
    }
    engine_status(out->engine, &st);
    publish_playing(out, out->filled_before, out->filled_to, SDL_GetPerformanceCounter());
    out->filled_before = out->filled_to;
    out->filled_to = st.pos;
}

/* SDL tells of a removed device with an event, pushed from its audio thread;
 * an event watch sees it there, before any view's event loop could eat it. */
static int SDLCALL watch_removal(void *udata, SDL_Event *ev)
{
    struct out_sdl *out = udata;
    if (ev->type == SDL_AUDIODEVICEREMOVED && !ev->adevice.iscapture)
        atomic_store(&out->removed, 1);
    return 0;
}

/* Opens the device and starts pulling; the callback's clock starts now. */
static int open_device(struct out_sdl *out, char *err, size_t errlen)
{
    /* allowed_changes 0: SDL converts if the device differs, so the engine
     * always renders at the rate the timeline was compiled for. */
    if (Mix_OpenAudioDevice(out->rate, AUDIO_F32SYS, 2, out->latency, out->device, 0) != 0) {
        snprintf(err, errlen, "cannot open the audio device %s%s%s: %s", out->device ? "'" : "",
                 out->device ? out->device : "(default)", out->device ? "'" : "", Mix_GetError());
        return -1;
    }
    struct engine_status st;
    engine_status(out->engine, &st);
    out->filled_before = out->filled_to = st.pos; /* the callback is not running yet */
    publish_playing(out, st.pos, st.pos, SDL_GetPerformanceCounter());
    atomic_store(&out->removed, 0);
    Mix_HookMusic(pull, out);
    out->open = 1;
    return 0;
}

static void close_device(struct out_sdl *out)
{
    if (!out->open)
        return;
    /* Unhook under SDL's audio lock (Mix_HookMusic takes it), then close the
     * device: once both are done no callback can be reading the engine. */
    Mix_HookMusic(NULL, NULL);
    Mix_CloseAudio();
    out->open = 0;
}

int out_sdl_init(char *err, size_t errlen)
{
    /* rollout's own handlers set a flag; SDL's would turn SIGINT into an
     * event that only a window's loop would see. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    alsa_hush(); /* with no device, what SDL says is said once, below */
    if (SDL_Init(SDL_INIT_AUDIO | SDL_INIT_EVENTS) != 0) {
        snprintf(err, errlen, "cannot start SDL's audio: %s", SDL_GetError());
        return -1;
    }
    return 0;
}

void out_sdl_quit(void)
{
    SDL_Quit();
}

const char *out_sdl_driver(void)
{
    const char *d = SDL_GetCurrentAudioDriver();
    return d ? d : "(none)";
}

struct out_sdl *out_sdl_open(struct engine *e, const struct out_sdl_opts *o, char *err,
                             size_t errlen)
{
    struct out_sdl *out = calloc(1, sizeof *out);
    if (!out || (o->device && !(out->device = strdup(o->device)))) {
        snprintf(err, errlen, "out of memory opening the audio device");
        free(out);
        return NULL;
    }
    out->engine = e;
    out->latency = o->buffer;
    out->rate = o->rate;
    out->limiter = limiter_new(o->rate, 2, LIMITER_CEILING_DB);
    if (!out->limiter) {
        snprintf(err, errlen, "out of memory opening the audio device");
        free(out->device);
        free(out);
        return NULL;
    }
    if (open_device(out, err, errlen) != 0) {
        limiter_free(out->limiter);
        free(out->device);
        free(out);
        return NULL;
    }
    SDL_AddEventWatch(watch_removal, out);
    return out;
}

void out_sdl_close(struct out_sdl *out)
{
    if (!out)
        return;
    SDL_DelEventWatch(watch_removal, out);
    if (out->open && !atomic_load(&out->removed))
        SDL_Delay((Uint32)(1000 * (int64_t)out->latency / out->rate + 50));
    close_device(out);
    limiter_free(out->limiter); /* the device is closed: no callback reads it */
    free(out->device);
    free(out);
}

int out_sdl_lost(const struct out_sdl *out)
{
    if (!out->open || atomic_load(&out->removed))
        return 1;
    /* Some sound servers vanish without a word: a callback that has not run
     * for three seconds (or eight buffers, if longer) means the device is
     * gone. Shorter would misfire: an idle PulseAudio null sink was seen to
     * hold the first callbacks back for 1.5 s. */
    uint64_t then = atomic_load_explicit(&out->cb_time, memory_order_relaxed);
    double since =
        (double)(SDL_GetPerformanceCounter() - then) / (double)SDL_GetPerformanceFrequency();
    double limit = 8.0 * out->latency / out->rate;
    return since > (limit > 3.0 ? limit : 3.0);
}

int out_sdl_reopen(struct out_sdl *out, char *err, size_t errlen)
{
    close_device(out);
    return open_device(out, err, errlen);
}

int out_sdl_rate(const struct out_sdl *out)
{
    return out->rate;
}

int64_t out_sdl_heard(const struct out_sdl *out)
{
    int64_t from, to;
    uint64_t then;
    uint32_t a, b;
    do {
        a = atomic_load_explicit(&out->seq, memory_order_acquire);
        from = atomic_load_explicit(&out->play_from, memory_order_relaxed);
        to = atomic_load_explicit(&out->play_to, memory_order_relaxed);
        then = atomic_load_explicit(&out->cb_time, memory_order_relaxed);
        atomic_thread_fence(memory_order_acquire);
        b = atomic_load_explicit(&out->seq, memory_order_relaxed);
    } while ((a & 1) || a != b);
    double since =
        (double)(SDL_GetPerformanceCounter() - then) / (double)SDL_GetPerformanceFrequency();
    /* The buffer's last frames are its newest: a whole buffer of play runs
     * from `from` to `to` as it sounds, the limiter's delay after the
     * engine made it; paused, it stands at `to`. */
    int64_t heard = to - out->latency - limiter_delay(out->limiter) + (int64_t)(since * out->rate);
    if (heard < from)
        heard = from;
    if (heard > to)
        heard = to; /* the device stalled: do not run ahead */
    return heard < 0 ? 0 : heard;
}

void out_sdl_tap_start(struct out_sdl *out, int64_t *from)
{
    atomic_store(&out->tapped, 1);
    *from = atomic_load_explicit(&out->tap_written, memory_order_acquire);
}

int64_t out_sdl_tap_read(const struct out_sdl *out, int64_t *from, float *dst, int64_t max)
{
    /* The callback writes at most a buffer while this reads: reading what
     * is at least two buffers from being written over is safe, and if the
     * callback still went further meanwhile, what was read is let go. */
    int64_t room = OUT_SDL_TAP - 2 * (int64_t)out->latency;
    int64_t w = atomic_load_explicit(&out->tap_written, memory_order_acquire);
    if (w - *from > room)
        *from = w - room; /* overtaken: skip to what is still whole */
    int64_t n = w - *from < max ? w - *from : max;
    for (int64_t i = 0; i < n; i++)
        dst[i] = out->tap[(*from + i) % OUT_SDL_TAP];
    int64_t w2 = atomic_load_explicit(&out->tap_written, memory_order_acquire);
    if (w2 - *from > OUT_SDL_TAP - (int64_t)out->latency) {
        *from = w2;
        return 0;
    }
    *from += n;
    return n;
}

int out_sdl_latency(const struct out_sdl *out)
{
    return out->latency;
}

int out_sdl_list(void)
{
    int n = SDL_GetNumAudioDevices(0);
    for (int i = 0; i < n; i++)
        printf("%s\n", SDL_GetAudioDeviceName(i, 0));
    return n < 0 ? 0 : n;
}
