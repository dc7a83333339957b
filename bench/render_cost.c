/* SPDX-License-Identifier: MIT */
/* render_cost.c — what one engine_render call costs, the way the audio
 * callback makes it.
 *
 *   render_cost once BLOCK VOICES SECONDS        one pass, for callgrind
 *   render_cost time BLOCK VOICES SECONDS RUNS   ns per frame, median and best of RUNS
 *   render_cost worst ROUTINE BLOCK              every block of a session, timed
 *
 * once and time render a hand-made timeline like tests/test_engine.c's: a
 * click every second and VOICES cues (0, 1 or 2) sounding from the first
 * frame to the last, so each block mixes exactly that many voices over the
 * click bus. worst loads a real routine and renders all of it block by
 * block, timing each call with clock_gettime, and reports the slowest block
 * against its real-time budget (BLOCK frames at the session's rate). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "session.h"

#define RATE  48000
#define MAX_V 2

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

struct bench_tl {
    struct timeline tl;
    struct tl_event *ev;
    struct tl_phase ph[1];
    struct tl_step steps[1];
    struct cue_audio cues[MAX_V];
};

/* A click every second, and `voices` cues from frame 0 to the end. */
static int make_tl(struct bench_tl *b, int voices, int seconds)
{
    int64_t length = (int64_t)seconds * RATE;
    int n = 0;
    b->ev = calloc((size_t)seconds + MAX_V + 1, sizeof *b->ev);
    if (!b->ev)
        return -1;
    /* At one frame, cues come before clicks (enum tl_kind's order). */
    for (int v = 0; v < voices; v++) {
        /* Mono 16-bit, as the loader keeps the bundled voice pack. */
        b->cues[v].frames = length;
        b->cues[v].channels = 1;
        b->cues[v].data = malloc((size_t)length * sizeof(int16_t));
        if (!b->cues[v].data)
            return -1;
        /* Noise from a cheap generator: filling it costs little even under
         * callgrind, and no sample is zero or out of [-0.3, 0.3]. */
        uint32_t x = 12345u + (uint32_t)v;
        for (int64_t i = 0; i < length; i++) {
            x = x * 1664525u + 1013904223u;
            int s = (int)((x >> 16) % 19661u) - 9830; /* 0.3 of full scale */
            b->cues[v].data[i] = (int16_t)(s == 0 ? 1 : s);
        }
        b->ev[n++] = (struct tl_event){0, TL_CUE, v};
    }
    for (int k = 0; k < seconds; k++)
        b->ev[n++] = (struct tl_event){(int64_t)k * RATE, TL_CLICK, k};
    b->ev[n++] = (struct tl_event){length, TL_END, 0};
    b->ph[0] = (struct tl_phase){
        .start = 0, .end = length, .kind = TLP_ROLL, .step = 0, .cue = -1, .pace = RATE};
    b->steps[0] = (struct tl_step){0, length};
    b->tl = (struct timeline){.rate = RATE,
                              .length = length,
                              .ev = b->ev,
                              .nev = n,
                              .ph = b->ph,
                              .nph = 1,
                              .steps = b->steps,
                              .nsteps = 1};
    return 0;
}

/* Renders the whole timeline in blocks; returns the frames rendered. */
static int64_t render_all(struct engine *e, float *buf, int block)
{
    int64_t frames = 0;
    for (;;) {
        int n = engine_render(e, buf, block);
        frames += n;
        if (n < block)
            return frames;
    }
}

static int cmd_once_or_time(int timed, int block, int voices, int seconds, int runs)
{
    struct bench_tl b;
    memset(&b, 0, sizeof b);
    if (make_tl(&b, voices, seconds) != 0)
        return 1;
    float *buf = malloc((size_t)block * 2 * sizeof *buf);
    int64_t *t = calloc((size_t)runs, sizeof *t);
    if (!buf || !t)
        return 1;
    struct engine_opts o = engine_defaults();
    int64_t frames = 0;
    for (int r = 0; r < runs; r++) {
        struct engine *e = engine_new(&b.tl, b.cues, &o);
        if (!e)
            return 1;
        int64_t a = now_ns();
        frames = render_all(e, buf, block);
        t[r] = now_ns() - a;
        engine_free(e);
    }
    if (frames != b.tl.length) {
        fprintf(stderr, "render_cost: rendered %lld of %lld frames\n", (long long)frames,
                (long long)b.tl.length);
        return 1;
    }
    if (timed) {
        qsort(t, (size_t)runs, sizeof *t, cmp_i64);
        int64_t med = t[runs / 2];
        printf("block %d voices %d seconds %d ns_per_frame %.3f best %.3f\n", block, voices,
               seconds, (double)med / (double)frames, (double)t[0] / (double)frames);
    } else {
        printf("block %d voices %d seconds %d frames %lld\n", block, voices, seconds,
               (long long)frames);
    }
    for (int v = 0; v < MAX_V; v++)
        free(b.cues[v].data);
    free(b.ev);
    free(buf);
    free(t);
    return 0;
}

static int cmd_worst(const char *routine, int block)
{
    struct session s;
    struct diags d = {0};
    struct session_opts so = {.rate = RATE};
    int rc = session_load(&s, routine, &so, &d);
    diags_print(&d, stderr);
    diags_free(&d);
    if (rc != 0) {
        session_free(&s);
        return 1;
    }
    int64_t nblocks = s.tl.length / block + 2;
    int64_t *t = malloc((size_t)nblocks * sizeof *t);
    float *buf = malloc((size_t)block * 2 * sizeof *buf);
    struct engine_opts o = engine_defaults();
    struct engine *e = engine_new(&s.tl, s.cues, &o);
    if (!t || !buf || !e)
        return 1;
    /* Touch the buffer and the cues once, as a device that has been playing
     * would have: the first block should not pay for page faults. */
    memset(buf, 0, (size_t)block * 2 * sizeof *buf);
    int64_t nb = 0;
    for (;;) {
        int64_t a = now_ns();
        int n = engine_render(e, buf, block);
        t[nb++] = now_ns() - a;
        if (n < block || nb == nblocks)
            break;
    }
    int64_t budget = (int64_t)block * 1000000000 / RATE;
    int64_t over = 0;
    for (int64_t i = 0; i < nb; i++)
        over += t[i] > budget;
    qsort(t, (size_t)nb, sizeof *t, cmp_i64);
    printf("block %d blocks %lld median_ns %lld p999_ns %lld worst_ns %lld budget_ns %lld "
           "over_budget %lld\n",
           block, (long long)nb, (long long)t[nb / 2], (long long)t[nb * 999 / 1000],
           (long long)t[nb - 1], (long long)budget, (long long)over);
    engine_free(e);
    free(t);
    free(buf);
    session_free(&s);
    return 0;
}

static int bad_args(int block, int voices, int seconds)
{
    if (block < 1 || block > 1 << 20 || voices < 0 || voices > MAX_V || seconds < 1 ||
        seconds > 3600) {
        fprintf(stderr, "render_cost: BLOCK 1..1048576, VOICES 0..%d, SECONDS 1..3600\n", MAX_V);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if ((argc == 5 || argc == 6) && strcmp(argv[1], "worst") != 0 &&
        bad_args(atoi(argv[2]), atoi(argv[3]), atoi(argv[4])))
        return 2;
    if (argc == 4 && strcmp(argv[1], "worst") == 0 && bad_args(atoi(argv[3]), 0, 1))
        return 2;
    if (argc == 5 && strcmp(argv[1], "once") == 0)
        return cmd_once_or_time(0, atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), 1);
    if (argc == 6 && strcmp(argv[1], "time") == 0 && atoi(argv[5]) > 0)
        return cmd_once_or_time(1, atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), atoi(argv[5]));
    if (argc == 4 && strcmp(argv[1], "worst") == 0)
        return cmd_worst(argv[2], atoi(argv[3]));
    fprintf(stderr, "usage: render_cost once BLOCK VOICES SECONDS\n"
                    "       render_cost time BLOCK VOICES SECONDS RUNS\n"
                    "       render_cost worst ROUTINE BLOCK\n");
    return 2;
}
