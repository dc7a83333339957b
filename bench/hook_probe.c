/* SPDX-License-Identifier: MIT */
/* hook_probe.c — an LD_PRELOAD shim that watches rollout's audio callback
 * from outside, so the benchmarks need nothing added to src/.
 *
 * rollout hands SDL_mixer its callback with Mix_HookMusic. This library
 * defines Mix_HookMusic too; preloaded, it is the one rollout calls: it keeps
 * rollout's function and installs a wrapper that calls it and then notes, in
 * a preallocated table (no allocation, no I/O in the callback):
 *
 *   - the CLOCK_REALTIME time each callback began and how long it took,
 *   - how many frames the engine had rendered when it returned,
 *   - the first callback, and the first whose buffer is not all zeros.
 *
 * At exit (rollout returns from main, also after SIGTERM, which it handles
 * by fading out) it writes them to $BENCH_PROBE_LOG:
 *
 *   first_cb SEC.NSEC
 *   first_sound SEC.NSEC FRAME      the callback's start, the first non-zero frame
 *   cb SEC.NSEC POS DUR_NS          one per callback; POS after it
 *
 * Times are seconds since the epoch, comparable with bash's $EPOCHREALTIME
 * and with pulse_probe's. */
#define _GNU_SOURCE
#include <SDL_mixer.h>
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef void(SDLCALL *hook_fn)(void *udata, Uint8 *stream, int len);
typedef void (*real_hook_music_fn)(hook_fn mix_func, void *arg);

#define MAX_CB (1 << 18) /* 4096 frames a callback: 6 hours; 512: 45 min */

static hook_fn user_hook;
static int64_t pos;
static struct timespec first_cb, first_sound;
static int64_t first_sound_frame = -1;
static struct {
    struct timespec t;
    int64_t pos;
    int32_t dur_ns;
} cb[MAX_CB];
static int ncb;

static void SDLCALL wrap(void *udata, Uint8 *stream, int len)
{
    struct timespec a, b;
    clock_gettime(CLOCK_REALTIME, &a);
    user_hook(udata, stream, len);
    clock_gettime(CLOCK_REALTIME, &b);
    int frames = len / (int)(2 * sizeof(float));
    if (!first_cb.tv_sec)
        first_cb = a;
    if (first_sound_frame < 0) {
        const float *f = (const float *)(const void *)stream;
        for (int i = 0; i < 2 * frames; i++) {
            if (f[i] != 0.0f) {
                first_sound = a;
                first_sound_frame = pos + i / 2;
                break;
            }
        }
    }
    pos += frames;
    if (ncb < MAX_CB) {
        cb[ncb].t = a;
        cb[ncb].pos = pos;
        cb[ncb].dur_ns = (int32_t)((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec));
        ncb++;
    }
}

void Mix_HookMusic(hook_fn mix_func, void *arg)
{
    /* POSIX's way to turn dlsym's object pointer into a function pointer. */
    real_hook_music_fn real;
    *(void **)&real = dlsym(RTLD_NEXT, "Mix_HookMusic");
    if (!real) {
        fprintf(stderr, "hook_probe: no Mix_HookMusic to wrap\n");
        abort();
    }
    if (mix_func) {
        user_hook = mix_func;
        real(wrap, arg);
    } else {
        real(NULL, arg);
    }
}

__attribute__((destructor)) static void dump(void)
{
    const char *path = getenv("BENCH_PROBE_LOG");
    if (!path || !*path)
        return;
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    if (first_cb.tv_sec)
        fprintf(f, "first_cb %lld.%09ld\n", (long long)first_cb.tv_sec, first_cb.tv_nsec);
    if (first_sound_frame >= 0)
        fprintf(f, "first_sound %lld.%09ld %lld\n", (long long)first_sound.tv_sec,
                first_sound.tv_nsec, (long long)first_sound_frame);
    for (int i = 0; i < ncb; i++)
        fprintf(f, "cb %lld.%09ld %lld %d\n", (long long)cb[i].t.tv_sec, cb[i].t.tv_nsec,
                (long long)cb[i].pos, (int)cb[i].dur_ns);
    fclose(f);
}
