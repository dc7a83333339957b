/* SPDX-License-Identifier: MIT */
/* render_speed.c — how fast the engine mixes a whole session when nothing is
 * written: the "mix only" row of docs/benchmarks.md.
 *
 *   render_speed ROUTINE [RUNS] [BLOCK]
 *
 * Loads the routine RUNS times (timed apart: parsing, decoding and
 * resampling the cues; the median is reported), then RUNS times makes a
 * fresh engine and pulls engine_render in BLOCK-frame blocks (default 4096,
 * the file writer's) into one buffer until the session ends. Prints one
 * line per run and a summary line:
 *
 *   run N render_s S
 *   session_s S load_s S median_render_s S median_rtf X   (load_s: median)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "session.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: render_speed ROUTINE [RUNS] [BLOCK]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    int block = argc > 3 ? atoi(argv[3]) : 4096;
    if (runs < 1 || runs > 1000 || block < 1 || block > 1 << 20) {
        fprintf(stderr, "render_speed: bad RUNS or BLOCK\n");
        return 2;
    }

    /* Loading is timed RUNS times too (the last load is the one mixed). */
    struct session s;
    struct session_opts o = {.rate = 48000};
    double *t = calloc((size_t)runs, sizeof *t);
    if (!t)
        return 1;
    for (int r = 0; r < runs; r++) {
        struct diags d = {0};
        double t0 = now_s();
        int rc = session_load(&s, argv[1], &o, &d);
        t[r] = now_s() - t0;
        if (r == 0)
            diags_print(&d, stderr);
        diags_free(&d);
        if (rc != 0) {
            session_free(&s);
            return 1;
        }
        if (r + 1 < runs)
            session_free(&s);
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    double load = runs % 2 ? t[runs / 2] : 0.5 * (t[runs / 2 - 1] + t[runs / 2]);

    float *buf = malloc((size_t)block * 2 * sizeof *buf);
    if (!buf)
        return 1;
    struct engine_opts eo = engine_defaults();
    volatile float sink = 0; /* keeps the compiler from dropping the mix */
    for (int r = 0; r < runs; r++) {
        struct engine *e = engine_new(&s.tl, s.cues, &eo);
        if (!e)
            return 1;
        int64_t frames = 0;
        double a = now_s();
        for (;;) {
            int n = engine_render(e, buf, block);
            frames += n;
            sink += buf[0];
            if (n < block)
                break;
        }
        t[r] = now_s() - a;
        engine_free(e);
        if (frames != s.tl.length) {
            fprintf(stderr, "render_speed: rendered %lld frames, the session has %lld\n",
                    (long long)frames, (long long)s.tl.length);
            return 1;
        }
        printf("run %d render_s %.6f\n", r + 1, t[r]);
    }
    double session = (double)s.tl.length / s.tl.rate;
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    double med = runs % 2 ? t[runs / 2] : 0.5 * (t[runs / 2 - 1] + t[runs / 2]);
    printf("session_s %.3f load_s %.6f median_render_s %.6f median_rtf %.1f\n", session, load, med,
           session / med);
    (void)sink;
    free(buf);
    free(t);
    session_free(&s);
    return 0;
}
