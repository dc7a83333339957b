/* SPDX-License-Identifier: MIT */
/* limiter.c — a look-ahead true-peak limiter (limiter.h).
 *
 *   x ──┬──────────────────── delay D ────────────────────── × ──▶ y
 *       │                                                    ▲
 *       └─ peak: |x[m]| and 3 points between x[m] and x[m+1] │
 *            ─▶ need r = min(1, ceiling / peak)              │
 *            ─▶ hold: the least r of the last A + 1          │
 *            ─▶ release: back up toward 1, never above hold  │
 *            ─▶ attack: the mean of the last A ──────────────┘
 *
 * The peak of frame m needs frames up to m + TAP_HALF (the interpolator
 * looks both ways), so it is known TAP_HALF frames late. The hold keeps
 * it for A + 1 frames, and the mean of A values that are all at most r
 * is at most r: A - 1 frames after the hold first sees it, the gain has
 * come all the way down, in a straight line, and stays down for frame
 * m + 1 too (whose way up from m the 3 points between measured). So the
 * signal is delayed by D = TAP_HALF + A - 1 and every frame, and the wave
 * between frames, leaves under the ceiling.
 *
 * Where nothing comes near the ceiling every need is exactly 1, the mean
 * of A ones is exactly 1, and the samples pass unchanged, bit for bit. */
#include "limiter.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PI       3.14159265358979323846
#define OVER     4  /* points per sample period the detector looks at */
#define TAPS     12 /* input samples each point between two is made of */
#define TAP_HALF (TAPS / 2)
#define REST     256 /* frames a block at rest is passed in (limiter_run) */

/* The interpolator: for each point between two samples (1 .. OVER-1),
 * TAPS weights for x[m - TAP_HALF + 1] .. x[m + TAP_HALF]. */
struct phases {
    float w[OVER - 1][TAPS];
};

struct limiter {
    int channels;
    int look;       /* A: frames of look-ahead */
    int delay;      /* D */
    float ceiling;  /* linear */
    float release;  /* per frame, the share of the way back to 1 kept */
    int size, mask; /* the rings' length, a power of two */
    int64_t n;      /* frames taken in */
    float *in;      /* the input: size frames */
    float *need;    /* r for each frame, by detector time */
    float *smooth;  /* after the release, by detector time */
    float depth;    /* how far under 1 the released gain is */
    /* What spares the work where nothing is loud: a frame under `quiet`
     * cannot make a point between samples reach the ceiling, so while the
     * last TAPS frames are all under it the need is 1 without looking;
     * and a hold or a mean of values that are all 1 is 1. */
    float quiet;
    int64_t loud_at;  /* the last frame at or over quiet */
    int64_t needy_at; /* the last detector time whose need was under 1 */
    int64_t under_at; /* the last detector time whose smoothed gain was under 1 */
    float least;      /* the lowest gain so far */
    struct phases ph;
};

/* sin(pi u) / (pi u) under a Hann window that reaches zero TAP_HALF
 * samples each side. */
static double kernel(double u)
{
    if (fabs(u) >= TAP_HALF)
        return 0.0;
    double sinc = u == 0.0 ? 1.0 : sin(PI * u) / (PI * u);
    return sinc * (0.5 + 0.5 * cos(PI * u / TAP_HALF));
}

/* How much louder than the loudest of its samples a point between them
 * can be: the most any phase's weights add up to, by magnitude. */
static float spread(const struct phases *ph)
{
    float most = 1.0f;
    for (int p = 0; p < OVER - 1; p++) {
        float sum = 0.0f;
        for (int j = 0; j < TAPS; j++)
            sum += fabsf(ph->w[p][j]);
        most = sum > most ? sum : most;
    }
    return most;
}

static void make_phases(struct phases *ph)
{
    for (int p = 1; p < OVER; p++) {
        double t = (double)p / OVER, sum = 0.0, w[TAPS];
        for (int j = 0; j < TAPS; j++) {
            w[j] = kernel(t - (j - TAP_HALF + 1));
            sum += w[j];
        }
        for (int j = 0; j < TAPS; j++)
            ph->w[p - 1][j] = (float)(w[j] / sum); /* a constant passes at 1 */
    }
}

struct limiter *limiter_new(int rate, int channels, float ceiling_db)
{
    struct limiter *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->channels = channels == 1 ? 1 : 2;
    l->look = rate * LIMITER_LOOKAHEAD_MS / 1000;
    if (l->look < 1)
        l->look = 1;
    l->delay = TAP_HALF + l->look - 1;
    l->ceiling = powf(10.0f, ceiling_db / 20.0f);
    l->release = (float)exp(-1000.0 / ((double)rate * LIMITER_RELEASE_MS));
    l->size = 1;
    while (l->size < l->delay + TAPS + 2 + REST)
        l->size *= 2;
    l->mask = l->size - 1;
    l->in = calloc((size_t)l->size * (size_t)l->channels, sizeof *l->in);
    l->need = malloc((size_t)l->size * sizeof *l->need);
    l->smooth = malloc((size_t)l->size * sizeof *l->smooth);
    if (!l->in || !l->need || !l->smooth) {
        limiter_free(l);
        return NULL;
    }
    for (int i = 0; i < l->size; i++)
        l->need[i] = l->smooth[i] = 1.0f;
    l->least = 1.0f;
    make_phases(&l->ph);
    l->quiet = l->ceiling / spread(&l->ph);
    l->loud_at = l->needy_at = l->under_at = -(int64_t)l->size;
    return l;
}

void limiter_free(struct limiter *l)
{
    if (!l)
        return;
    free(l->in);
    free(l->need);
    free(l->smooth);
    free(l);
}

int limiter_delay(const struct limiter *l)
{
    return l->delay;
}

float limiter_reduction_db(const struct limiter *l)
{
    return l->least < 1.0f ? -20.0f * log10f(l->least) : 0.0f;
}

/* The peak around sample m of one channel: |x[m]| and the OVER - 1 points
 * between it and x[m + 1], read from x[m - TAP_HALF + 1 .. m + TAP_HALF]
 * (at x, stride apart). */
static float peak_at(const struct phases *ph, const float *const x[TAPS])
{
    float peak = fabsf(*x[TAP_HALF - 1]);
    for (int p = 0; p < OVER - 1; p++) {
        float v = 0.0f;
        for (int j = 0; j < TAPS; j++)
            v += ph->w[p][j] * *x[j];
        if (fabsf(v) > peak)
            peak = fabsf(v);
    }
    return peak;
}

/* Takes in one frame and gives out the frame of D frames ago, limited. */
static void step(struct limiter *l, float *frame)
{
    const int ch = l->channels, mask = l->mask;
    const int64_t n = l->n++;
    memcpy(l->in + (n & mask) * ch, frame, (size_t)ch * sizeof *frame);

    for (int c = 0; c < ch; c++)
        if (fabsf(frame[c]) >= l->quiet)
            l->loud_at = n;

    /* The peak of frame m = n - TAP_HALF, known now. */
    float need = 1.0f;
    if (n - l->loud_at < TAPS) {
        float peak = 0.0f;
        for (int c = 0; c < ch; c++) {
            const float *x[TAPS];
            for (int j = 0; j < TAPS; j++)
                x[j] = l->in + ((n - TAPS + 1 + j) & mask) * ch + c;
            float p = peak_at(&l->ph, x);
            peak = p > peak ? p : peak;
        }
        if (peak > l->ceiling) {
            /* A ten-thousandth of a dB under: the mean of `look` floats
             * can come out a few steps of the last bit over their least. */
            need = l->ceiling / peak * 0.99999f;
            l->needy_at = n;
        }
    }
    l->need[n & mask] = need;

    float hold = 1.0f;
    if (n - l->needy_at <= l->look)
        for (int k = 0; k <= l->look; k++) {
            float r = l->need[(n - k) & mask];
            hold = r < hold ? r : hold;
        }
    /* The release is kept as the depth under 1, which shrinks in float
     * without stalling as a gain a hair under 1 would; a millionth is
     * there, and the samples pass unchanged again. */
    float depth = l->depth * l->release;
    if (depth < 1.0f - hold)
        depth = 1.0f - hold;
    l->depth = depth < 1e-6f ? 0.0f : depth;
    l->smooth[n & mask] = 1.0f - l->depth;
    if (l->depth > 0.0f)
        l->under_at = n;

    float gain = 1.0f;
    if (n - l->under_at < l->look) {
        float sum = 0.0f;
        for (int k = 0; k < l->look; k++)
            sum += l->smooth[(n - k) & mask];
        gain = sum / (float)l->look;
        if (gain < l->least)
            l->least = gain;
    }

    const float *out = l->in + ((n - l->delay) & mask) * ch;
    for (int c = 0; c < ch; c++)
        frame[c] = out[c] * gain;
}

/* Whether the k frames at buf would all pass through step() at gain 1
 * with nothing to remember: every sample under quiet, and nothing loud,
 * needy or turned down close enough behind them to reach them. */
static bool at_rest(const struct limiter *l, const float *buf, int k)
{
    const int64_t n = l->n;
    if (n - l->loud_at < TAPS || n - l->needy_at <= l->look || n - l->under_at < l->look ||
        l->depth > 0.0f)
        return false;
    for (int i = 0; i < k * l->channels; i++)
        if (fabsf(buf[i]) >= l->quiet)
            return false;
    return true;
}

/* k frames at rest, as step() would pass them, a block at a time: into
 * the ring, and the frames of D ago out of it, times exactly 1; the
 * needs and gains they leave behind are all 1. The ring holds D + k
 * frames (limiter_new sizes it for REST frames), so no frame is written
 * over before it is read. Each copy is one run up to the ring's end and
 * one from its start. */
static void pass(struct limiter *l, float *buf, int k)
{
    const int ch = l->channels;
    int64_t m = l->n;
    for (int done = 0; done < k;) {
        int at = (int)(m & l->mask), run = l->size - at < k - done ? l->size - at : k - done;
        memcpy(l->in + at * ch, buf + done * ch, (size_t)(run * ch) * sizeof *buf);
        for (int i = at; i < at + run; i++)
            l->need[i] = l->smooth[i] = 1.0f;
        done += run;
        m += run;
    }
    m = l->n - l->delay;
    for (int done = 0; done < k;) {
        int at = (int)(m & l->mask), run = l->size - at < k - done ? l->size - at : k - done;
        memcpy(buf + done * ch, l->in + at * ch, (size_t)(run * ch) * sizeof *buf);
        done += run;
        m += run;
    }
    l->n += k;
}

void limiter_run(struct limiter *l, float *buf, int n)
{
    for (int i = 0; i < n;) {
        int k = n - i < REST ? n - i : REST;
        float *block = buf + i * l->channels;
        if (at_rest(l, block, k))
            pass(l, block, k);
        else /* frame by frame, up to the next block, which may be at rest again */
            for (int j = 0; j < k; j++)
                step(l, block + j * l->channels);
        i += k;
    }
}

float limiter_true_peak(const float *buf, int n, int channels)
{
    struct phases ph;
    make_phases(&ph);
    const float zero = 0.0f;
    float peak = 0.0f;
    for (int c = 0; c < channels; c++)
        for (int m = 0; m < n; m++) {
            const float *x[TAPS];
            for (int j = 0; j < TAPS; j++) {
                int i = m - TAP_HALF + 1 + j;
                x[j] = i >= 0 && i < n ? buf + i * channels + c : &zero;
            }
            float p = peak_at(&ph, x);
            peak = p > peak ? p : peak;
        }
    return peak;
}
