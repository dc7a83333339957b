/* SPDX-License-Identifier: MIT */
/* limiter_speech.c — what the limiter does to the voice of a routine
 * brought to -16 LUFS, as render does it for a phone: mono, the gain the
 * loudness target asks for, the limiter under Opus's -2 dBTP.
 *
 *   limiter_speech ROUTINE
 *
 * The mix is rendered twice, with the click and without it, and each
 * through a limiter of its own. Where a voice sounds, the gain each
 * limiter gave a frame is read back (output over input, the delay taken
 * out): how often and how far the voice is turned down, and how much more
 * of that the click is to blame for, which is the pumping a look-ahead
 * and release are chosen against. */
#include <ebur128.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "limiter.h"
#include "session.h"

#define RATE    48000
#define BLOCK   4096
#define CEILING (-2.0f) /* what the Opus encoder is fed under */
#define AUDIBLE 0.05    /* dB of gain reduction counted */

/* The whole session from a fresh engine, in mono. */
static float *render_mono(const struct session *s, int mute_click, int64_t len)
{
    struct engine_opts o = engine_defaults();
    o.mute[ENGINE_CLICK] = mute_click;
    struct engine *e = engine_new(&s->tl, s->cues, &o);
    float *x = calloc((size_t)len, sizeof *x);
    float buf[2 * BLOCK];
    if (!e || !x)
        exit(1);
    int64_t at = 0;
    for (int n = BLOCK; n == BLOCK; at += n) {
        n = engine_render(e, buf, BLOCK);
        for (int i = 0; i < n; i++)
            x[at + i] = (buf[2 * i] + buf[2 * i + 1]) * 0.5f;
    }
    engine_free(e);
    return x;
}

/* The gain reduction, in dB, the limiter gave frame k of x times gain (y
 * is its output). */
static double reduction(const float *x, const float *y, float gain, int delay, int64_t k)
{
    double r = -20.0 * log10(fabs((double)y[k + delay] / ((double)x[k] * gain)));
    return r > 0.0 ? r : 0.0;
}

static float *limited(const float *x, int64_t len, float gain, int *delay)
{
    struct limiter *l = limiter_new(RATE, 1, CEILING);
    float *y = malloc((size_t)len * sizeof *y);
    if (!l || !y)
        exit(1);
    for (int64_t i = 0; i < len; i++)
        y[i] = x[i] * gain;
    limiter_run(l, y, (int)len);
    *delay = limiter_delay(l);
    limiter_free(l);
    return y;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: limiter_speech ROUTINE\n");
        return 2;
    }
    struct session s;
    struct diags d = {0};
    struct session_opts so = {.rate = RATE};
    if (session_load(&s, argv[1], &so, &d) != 0) {
        diags_print(&d, stderr);
        return 1;
    }
    diags_free(&d);
    const int64_t len = s.tl.length + RATE; /* room for the limiter's delay */
    float *mix = render_mono(&s, 0, len), *voice = render_mono(&s, 1, len);

    ebur128_state *st = ebur128_init(1, RATE, EBUR128_MODE_I);
    ebur128_set_channel(st, 0, EBUR128_DUAL_MONO);
    ebur128_add_frames_float(st, mix, (size_t)s.tl.length);
    double lufs;
    ebur128_loudness_global(st, &lufs);
    ebur128_destroy(&st);
    float gain = powf(10.0f, (float)(-16.0 - lufs) / 20.0f);

    int dm, dv;
    float *ym = limited(mix, len, gain, &dm), *yv = limited(voice, len, gain, &dv);
    int64_t voiced = 0, down = 0, blamed = 0;
    double most = 0.0, most_blamed = 0.0;
    for (int64_t k = 0; k < s.tl.length; k++) {
        if (fabsf(voice[k]) * gain < 1e-3f || fabsf(mix[k]) * gain < 1e-3f)
            continue;
        double rm = reduction(mix, ym, gain, dm, k), rv = reduction(voice, yv, gain, dv, k);
        voiced++;
        down += rm > AUDIBLE;
        blamed += rm - rv > AUDIBLE;
        most = rm > most ? rm : most;
        most_blamed = rm - rv > most_blamed ? rm - rv : most_blamed;
    }
    printf("%s\t%+.1f\t%.2f\t%.1f\t%.2f\t%.2f\n", argv[1], -16.0 - lufs,
           100.0 * (double)down / (double)voiced, most, 100.0 * (double)blamed / (double)voiced,
           most_blamed);
    free(mix);
    free(voice);
    free(ym);
    free(yv);
    session_free(&s);
    return 0;
}
