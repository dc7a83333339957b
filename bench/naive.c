/* SPDX-License-Identifier: MIT */
/* naive.c — the pacing click the way most SDL programs would make it, to
 * measure rollout against: a click sample played with Mix_PlayChannel from
 * the main loop whenever SDL_GetTicks says a second has passed.
 *
 *   naive CLICKS [BUFFER] [LOG]
 *
 * It is given its best chance: the same click as rollout's (click_make, as a
 * float chunk in the device's own format, so SDL_mixer converts nothing), the
 * same device format and buffer, a loop that polls every millisecond, and a
 * schedule kept in absolute ticks (next += 1000) so late wake-ups never
 * accumulate into drift. What is left is what the approach cannot avoid: a
 * sound started from outside the callback begins at the next callback, so
 * its onset is rounded to the device's buffer, plus the loop's own lateness.
 *
 * LOG, when given, gets one line per click: CLOCK_REALTIME nanoseconds at the
 * Mix_PlayChannel call, for the latency from call to sound. */
#include <SDL.h>
#include <SDL_mixer.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "click.h"

#define RATE 48000

static long long realtime_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: naive CLICKS [BUFFER] [LOG]\n");
        return 2;
    }
    int clicks = atoi(argv[1]);
    int buffer = argc > 2 ? atoi(argv[2]) : 1024;
    const char *log = argc > 3 ? argv[3] : NULL;
    if (clicks < 1 || clicks > 100000 || buffer < 64 || buffer > 16384)
        return 2;

    /* The click, stereo float at the device's rate. */
    int len = click_frames(RATE);
    float *mono = malloc((size_t)len * sizeof *mono);
    float *stereo = malloc((size_t)len * 2 * sizeof *stereo);
    long long *called = calloc((size_t)clicks, sizeof *called);
    if (!mono || !stereo || !called)
        return 1;
    click_make(mono, RATE);
    for (int i = 0; i < len; i++)
        stereo[2 * i] = stereo[2 * i + 1] = mono[i];

    if (SDL_Init(SDL_INIT_AUDIO | SDL_INIT_TIMER) != 0) {
        fprintf(stderr, "naive: %s\n", SDL_GetError());
        return 4;
    }
    if (Mix_OpenAudioDevice(RATE, AUDIO_F32SYS, 2, buffer, NULL, 0) != 0) {
        fprintf(stderr, "naive: %s\n", Mix_GetError());
        SDL_Quit();
        return 4;
    }
    Mix_Chunk *chunk = Mix_QuickLoad_RAW((Uint8 *)stereo, (Uint32)(len * 2 * sizeof *stereo));
    if (!chunk) {
        fprintf(stderr, "naive: %s\n", Mix_GetError());
        return 1;
    }

    /* The main loop a game or a metronome app would have. */
    Uint32 next = SDL_GetTicks() + 1000;
    for (int k = 0; k < clicks;) {
        Uint32 now = SDL_GetTicks();
        if ((Sint32)(now - next) >= 0) {
            called[k++] = realtime_ns();
            Mix_PlayChannel(-1, chunk, 0);
            next += 1000;
        }
        SDL_Delay(1);
    }
    SDL_Delay(500); /* let the last click play out */

    Mix_HaltChannel(-1);
    Mix_FreeChunk(chunk);
    Mix_CloseAudio();
    SDL_Quit();
    if (log) {
        FILE *f = fopen(log, "w");
        if (!f)
            return 3;
        for (int k = 0; k < clicks; k++)
            fprintf(f, "%lld\n", called[k]);
        fclose(f);
    }
    free(mono);
    free(stereo);
    free(called);
    return 0;
}
