/* SPDX-License-Identifier: MIT */
/* take.c — speech, silence and loudness of a recorded take. Every level is
 * the mean square of a block of samples in dB; the blocks start at the
 * take's first sample, and a last, shorter block counts with its own mean. */
#include "take.h"

#include <math.h>
#include <stdlib.h>

#include <ebur128.h>
#include <string.h>

#define CHUNK 1024 /* frames high-passed at a time into a buffer on the stack */

static int64_t ms_frames(int rate, int ms)
{
    return (int64_t)rate * ms / 1000;
}

double take_db(double power)
{
    return power > 0.0 ? 10.0 * log10(power) : TAKE_NO_FLOOR;
}

static double max3(double a, double b, double c)
{
    double m = a > b ? a : b;
    return m > c ? m : c;
}

/* The level a block must pass to be speech. */
static double speech_threshold(double loudest, double floor_db)
{
    return max3(loudest - TAKE_SPEECH_RANGE_DB, floor_db + TAKE_SPEECH_FLOOR_DB,
                TAKE_SPEECH_MIN_DB);
}

/* ---- the high-pass ---- */

void take_highpass_init(struct take_highpass *h, int rate)
{
    /* The cookbook biquad (R. Bristow-Johnson) with Q = 1/sqrt(2). */
    const double pi = 3.14159265358979323846;
    double w0 = 2.0 * pi * TAKE_HIGHPASS_HZ / rate;
    double cw = cos(w0), alpha = sin(w0) / (2.0 * sqrt(0.5));
    double a0 = 1.0 + alpha;
    memset(h, 0, sizeof *h);
    h->b0 = (1.0 + cw) / 2.0 / a0;
    h->b1 = -(1.0 + cw) / a0;
    h->b2 = h->b0;
    h->a1 = -2.0 * cw / a0;
    h->a2 = (1.0 - alpha) / a0;
}

void take_highpass_run(struct take_highpass *h, const float *in, float *out, int64_t n)
{
    if (n > 0 && !h->primed) {
        /* The state of a filter that has only ever seen in[0]: b0 + b1 + b2
         * is 0, so a constant gives no output. */
        h->x1 = h->x2 = in[0];
        h->y1 = h->y2 = 0.0;
        h->primed = 1;
    }
    for (int64_t i = 0; i < n; i++) {
        double x = in[i];
        double y = h->b0 * x + h->b1 * h->x1 + h->b2 * h->x2 - h->a1 * h->y1 - h->a2 * h->y2;
        if (fabs(y) < 1e-30)
            y = 0.0; /* no denormals as a tail dies away */
        h->x2 = h->x1;
        h->x1 = x;
        h->y2 = h->y1;
        h->y1 = y;
        out[i] = (float)y;
    }
}

/* ---- the noise floor ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

double take_floor(const float *x, int64_t n, int rate)
{
    const int64_t block = ms_frames(rate, TAKE_BLOCK_MS);
    if (block <= 0 || block > CHUNK || n < block)
        return TAKE_NO_FLOOR;
    double *levels = malloc((size_t)(n / block) * sizeof *levels);
    if (!levels)
        return TAKE_NO_FLOOR;
    struct take_highpass hp;
    take_highpass_init(&hp, rate);
    float buf[CHUNK];
    int64_t k = 0;
    for (int64_t b = 0; b + block <= n; b += block) {
        take_highpass_run(&hp, x + b, buf, block);
        double sum = 0.0;
        int silent = 1;
        for (int64_t i = 0; i < block; i++) {
            sum += (double)buf[i] * buf[i];
            silent &= x[b + i] == 0.0f;
        }
        if (!silent)
            levels[k++] = take_db(sum / (double)block);
    }
    double floor_db = TAKE_NO_FLOOR;
    if (k > 0) {
        qsort(levels, (size_t)k, sizeof *levels, cmp_double);
        floor_db = levels[k / 5];
    }
    free(levels);
    return floor_db;
}

/* ---- listening while recording ---- */

void take_detect_init(struct take_detect *d, int rate, double floor_db)
{
    memset(d, 0, sizeof *d);
    take_highpass_init(&d->hp, rate);
    d->rate = rate;
    d->block = (int)ms_frames(rate, TAKE_BLOCK_MS);
    d->floor = floor_db;
    d->loudest = TAKE_NO_FLOOR;
    d->last_speech = -1;
    d->level = TAKE_NO_FLOOR;
}

void take_detect_feed(struct take_detect *d, const float *x, int64_t n)
{
    float buf[CHUNK];
    while (n > 0) {
        int64_t m = n < CHUNK ? n : CHUNK;
        take_highpass_run(&d->hp, x, buf, m);
        for (int64_t i = 0; i < m; i++) {
            d->sum += (double)buf[i] * buf[i];
            if (++d->fill < d->block)
                continue;
            /* A block is judged when it is complete, against the loudest
             * block so far: speech once is speech for good. */
            d->level = take_db(d->sum / d->block);
            if (d->level > d->loudest)
                d->loudest = d->level;
            if (d->level > speech_threshold(d->loudest, d->floor)) {
                d->speech++;
                d->last_speech = d->blocks;
            }
            d->blocks++;
            d->sum = 0.0;
            d->fill = 0;
        }
        d->frames += m;
        x += m;
        n -= m;
    }
}

enum take_stop take_detect_stop(const struct take_detect *d)
{
    int heard = d->speech * TAKE_BLOCK_MS >= TAKE_HEARD_MS;
    if (heard && (d->blocks - 1 - d->last_speech) * TAKE_BLOCK_MS >= TAKE_END_SILENCE_MS)
        return TAKE_DONE;
    if (!heard && d->frames >= (int64_t)TAKE_WAIT_S * d->rate)
        return TAKE_NOTHING;
    if (d->frames >= (int64_t)TAKE_MAX_S * d->rate)
        return TAKE_FULL;
    return TAKE_GO;
}

/* ---- trimming ---- */

/* The mean square of x[from, to). */
static double power(const float *x, int64_t from, int64_t to)
{
    double sum = 0.0;
    for (int64_t i = from; i < to; i++)
        sum += (double)x[i] * x[i];
    return to > from ? sum / (double)(to - from) : 0.0;
}

int take_find_speech(const float *x, int64_t n, int rate, double floor_db, int64_t *start,
                     int64_t *end)
{
    const int64_t block = ms_frames(rate, TAKE_BLOCK_MS);
    if (block <= 0 || n <= 0)
        return -1;
    const int64_t nb = (n + block - 1) / block;
    double loudest = TAKE_NO_FLOOR;
    for (int64_t b = 0; b < nb; b++) {
        double l = take_db(power(x, b * block, b * block + block < n ? b * block + block : n));
        loudest = l > loudest ? l : loudest;
    }
    const double thr = speech_threshold(loudest, floor_db);
    int64_t b0 = -1, b1 = -1;
    for (int64_t b = 0; b < nb; b++) {
        if (take_db(power(x, b * block, b * block + block < n ? b * block + block : n)) > thr) {
            if (b0 < 0)
                b0 = b;
            b1 = b;
        }
    }
    if (b0 < 0)
        return -1;
    /* Within the first and last speech blocks, the first and last samples
     * above the threshold's amplitude: a block above thr holds one (were
     * none above it, its mean square would be lower). Only within them: in
     * the blocks around, noise 10 dB under thr still has peaks over it. */
    const double amp = pow(10.0, thr / 20.0);
    int64_t from = b0 * block;
    int64_t to = (b0 + 1) * block < n ? (b0 + 1) * block : n;
    int64_t s = from;
    while (s < to && !(fabs(x[s]) > amp))
        s++;
    from = b1 * block;
    to = (b1 + 1) * block < n ? (b1 + 1) * block : n;
    int64_t e = to;
    while (e > from && !(fabs(x[e - 1]) > amp))
        e--;
    *start = s;
    *end = e;
    return 0;
}

int64_t take_trim(const float *x, int64_t n, int rate, int64_t start, int64_t end, float *out)
{
    const int64_t margin = ms_frames(rate, TAKE_MARGIN_MS);
    const int64_t pad_start = ms_frames(rate, TAKE_PAD_START_MS);
    const int64_t pad_end = ms_frames(rate, TAKE_PAD_END_MS);
    int64_t s = start - margin > 0 ? start - margin : 0;
    int64_t e = end + margin < n ? end + margin : n;
    if (e < s)
        e = s;
    const int64_t len = e - s, total = pad_start + len + pad_end;
    if (!out)
        return total;
    int64_t fade = ms_frames(rate, TAKE_FADE_MS);
    if (fade > len / 2)
        fade = len / 2;
    memset(out, 0, (size_t)total * sizeof *out);
    float *seg = out + pad_start;
    memcpy(seg, x + s, (size_t)len * sizeof *seg);
    /* Linear fades, each starting from exactly zero at the cut. */
    for (int64_t j = 0; j < fade; j++) {
        double g = (double)j / (double)fade;
        seg[j] = (float)(seg[j] * g);
        seg[len - 1 - j] = (float)(seg[len - 1 - j] * g);
    }
    return total;
}

/* ---- loudness ---- */

int take_measure(const float *x, int64_t n, int rate, struct take_loudness *out)
{
    out->lufs = out->true_peak = TAKE_NO_FLOOR;
    if (n <= 0 || rate <= 0)
        return 0;
    ebur128_state *st =
        ebur128_init(1, (unsigned long)rate, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
    if (!st)
        return -1;
    /* At least one 400 ms block: a short sound again and again. */
    const int64_t block = (int64_t)rate * 4 / 10;
    int64_t fed = 0;
    do {
        ebur128_add_frames_float(st, x, (size_t)n);
        fed += n;
    } while (fed < block);
    double lufs, tp;
    if (ebur128_loudness_global(st, &lufs) == EBUR128_SUCCESS && isfinite(lufs))
        out->lufs = lufs;
    if (ebur128_true_peak(st, 0, &tp) == EBUR128_SUCCESS && tp > 0.0)
        out->true_peak = 20.0 * log10(tp);
    ebur128_destroy(&st);
    return 0;
}

double take_gain_db(const struct take_loudness *l)
{
    if (l->lufs <= TAKE_NO_FLOOR)
        return 0.0;
    double g = TAKE_TARGET_LUFS - l->lufs;
    if (l->true_peak + g > TAKE_CEILING_DBTP)
        g = TAKE_CEILING_DBTP - l->true_peak;
    return g;
}

void take_apply_gain(float *x, int64_t n, double gain_db)
{
    double g = pow(10.0, gain_db / 20.0);
    for (int64_t i = 0; i < n; i++)
        x[i] = (float)(x[i] * g);
}

/* ---- the whole way ---- */

enum take_result take_process(const float *raw, int64_t n, int rate, double floor_db,
                              struct take *out)
{
    memset(out, 0, sizeof *out);
    if (n <= 0)
        return TAKE_SILENT;
    float *hp = malloc((size_t)n * sizeof *hp);
    if (!hp)
        return TAKE_NOMEM;
    struct take_highpass h;
    take_highpass_init(&h, rate);
    take_highpass_run(&h, raw, hp, n);
    for (int64_t i = 0; i < n; i++)
        out->clipped |= fabsf(raw[i]) >= 0.999f;

    int64_t start, end;
    if (take_find_speech(hp, n, rate, floor_db, &start, &end) != 0) {
        free(hp);
        return TAKE_SILENT;
    }
    int64_t len = take_trim(hp, n, rate, start, end, NULL);
    out->data = malloc((size_t)len * sizeof *out->data);
    if (!out->data) {
        free(hp);
        return TAKE_NOMEM;
    }
    out->frames = take_trim(hp, n, rate, start, end, out->data);
    free(hp);

    struct take_loudness l;
    if (take_measure(out->data, out->frames, rate, &l) != 0) {
        take_free(out);
        return TAKE_NOMEM;
    }
    out->lufs = l.lufs;
    out->gain_db = take_gain_db(&l);
    take_apply_gain(out->data, out->frames, out->gain_db);
    return TAKE_OK;
}

void take_free(struct take *t)
{
    if (!t)
        return;
    free(t->data);
    t->data = NULL;
    t->frames = 0;
}
