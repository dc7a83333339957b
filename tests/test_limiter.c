/* SPDX-License-Identifier: MIT */
/* test_limiter.c — the true-peak limiter on signals whose answers are known:
 * quiet ones pass bit for bit, loud ones leave under the ceiling between
 * samples too (measured here by a finer interpolator of the test's own),
 * and the gain moves while the timing stays. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "click.h"
#include "limiter.h"

#define RATE 48000
#define PI   3.14159265358979323846

/* The true peak, 16 times oversampled with a long windowed sinc: an
 * independent and finer reading than the limiter's own detector. */
static double fine_peak(const float *x, int n, int ch, int c)
{
    const int over = 16, half = 32;
    double peak = 0.0;
    for (int m = 0; m < n - 1; m++)
        for (int p = 0; p < over; p++) {
            double t = m + (double)p / over, v = 0.0;
            for (int i = m - half + 1; i <= m + half; i++) {
                if (i < 0 || i >= n)
                    continue;
                double u = t - i;
                double s = u == 0.0 ? 1.0 : sin(PI * u) / (PI * u);
                v += x[i * ch + c] * s * (0.5 + 0.5 * cos(PI * u / (half + 1)));
            }
            peak = fabs(v) > peak ? fabs(v) : peak;
        }
    return peak;
}

static double db(double x)
{
    return 20.0 * log10(x);
}

/* Under the ceiling, nothing changes: the output is the input, delayed,
 * bit for bit. */
static void test_transparent(void)
{
    const int n = RATE / 2;
    struct limiter *l = limiter_new(RATE, 2, LIMITER_CEILING_DB);
    int d = limiter_delay(l);
    CHECK(d >= RATE * LIMITER_LOOKAHEAD_MS / 1000);
    CHECK(d < RATE * (LIMITER_LOOKAHEAD_MS + 1) / 1000);
    float *in = calloc((size_t)(n + d) * 2, sizeof *in);
    for (int i = 0; i < n; i++) {
        in[2 * i] = 0.5f * (float)sin(2 * PI * 440.0 * i / RATE);
        in[2 * i + 1] = 0.3f * (float)sin(2 * PI * 1000.0 * i / RATE);
    }
    float *out = malloc((size_t)(n + d) * 2 * sizeof *out);
    memcpy(out, in, (size_t)(n + d) * 2 * sizeof *out);
    limiter_run(l, out, n + d);
    for (int i = 0; i < 2 * d; i++)
        CHECK(out[i] == 0.0f);
    CHECK(memcmp(out + 2 * d, in, (size_t)n * 2 * sizeof *out) == 0);
    CHECK(limiter_reduction_db(l) == 0.0f);
    free(in);
    free(out);
    limiter_free(l);
}

/* A sine at a quarter of the rate, sampled 45 degrees off its crests: every
 * sample is 3 dB under the wave's true peak. Plus 12 dB of volume, it
 * must still leave under the ceiling, measured between the samples. */
static void test_true_peak_held(void)
{
    const int n = RATE / 4;
    struct limiter *l = limiter_new(RATE, 1, LIMITER_CEILING_DB);
    int d = limiter_delay(l);
    float *x = calloc((size_t)(n + d), sizeof *x);
    const float amp = 3.98f; /* +12 dB */
    for (int i = 0; i < n; i++)
        x[i] = amp * (float)sin(PI / 2 * i + PI / 4);
    double in_sample = 0.0;
    for (int i = 0; i < n; i++)
        in_sample = fabs(x[i]) > in_sample ? fabs(x[i]) : in_sample;
    CHECK(db(fine_peak(x, n, 1, 0)) > db(in_sample) + 2.5); /* between samples: 3 dB more */
    limiter_run(l, x, n + d);
    double tp = db(fine_peak(x + d, n, 1, 0));
    CHECK(tp <= LIMITER_CEILING_DB + 0.05);
    CHECK(tp > LIMITER_CEILING_DB - 0.5); /* and reached: no more taken than needed */
    CHECK(limiter_reduction_db(l) > 12.0f);
    free(x);
    limiter_free(l);
}

/* Clicks far over the ceiling in a bed of quiet tone: each click is held,
 * starts on its frame (the gain moves, the timing does not), and between
 * clicks the gain comes back to exactly 1. */
static void test_clicks_keep_their_frames(void)
{
    const int n = 3 * RATE, clen = click_frames(RATE);
    struct limiter *l = limiter_new(RATE, 1, LIMITER_CEILING_DB);
    int d = limiter_delay(l);
    float *click = malloc((size_t)clen * sizeof *click);
    click_make(click, RATE);
    float *in = calloc((size_t)(n + d), sizeof *in);
    for (int i = 0; i < n; i++)
        in[i] = 0.05f * (float)sin(2 * PI * 300.0 * i / RATE);
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < clen; i++)
            in[k * RATE + 1000 + i] += 4.0f * click[i];
    float *out = malloc((size_t)(n + d) * sizeof *out);
    memcpy(out, in, (size_t)(n + d) * sizeof *out);
    limiter_run(l, out, n + d);
    float *y = out + d;
    CHECK(db(fine_peak(y, n, 1, 0)) <= LIMITER_CEILING_DB + 0.05);
    for (int k = 0; k < 3; k++) {
        int at = k * RATE + 1000;
        /* Gain only: the output has the input's sign everywhere, and the
         * click is as much louder than the bed as before at its start. */
        int flipped = 0;
        for (int i = at; i < at + clen; i++)
            flipped += (y[i] > 0) != (in[i] > 0) && in[i] != 0.0f;
        CHECK_INT(flipped, 0);
        CHECK(fabsf(y[at + clen / 2]) < fabsf(in[at + clen / 2]));
        /* Nine tenths of a second on, the gain is back to 1: the same samples. */
        int back = at + RATE * 9 / 10;
        CHECK(memcmp(y + back, in + back, 1000 * sizeof *y) == 0);
    }
    free(click);
    free(in);
    free(out);
    limiter_free(l);
}

/* How the input is cut into blocks changes no sample: quiet stretches,
 * which pass a block at a time, and loud ones, which go frame by frame,
 * meet at every offset a block can start at. */
static void test_any_blocks(void)
{
    const int n = 2 * RATE, clen = click_frames(RATE);
    float *click = malloc((size_t)clen * sizeof *click);
    click_make(click, RATE);
    float *in = calloc((size_t)n * 2, sizeof *in);
    for (int i = 0; i < n; i++) {
        in[2 * i] = 0.05f * (float)sin(2 * PI * 300.0 * i / RATE);
        in[2 * i + 1] = 0.02f * (float)sin(2 * PI * 500.0 * i / RATE);
    }
    for (int k = 0; k < 7; k++) /* loud clicks at uneven places, one per channel in turn */
        for (int i = 0; i < clen; i++)
            in[2 * (k * RATE / 4 + 37 * k + 11 + i) + k % 2] += 4.0f * click[i];
    float *whole = malloc((size_t)n * 2 * sizeof *whole);
    memcpy(whole, in, (size_t)n * 2 * sizeof *whole);
    struct limiter *l = limiter_new(RATE, 2, LIMITER_CEILING_DB);
    limiter_run(l, whole, n);
    CHECK(limiter_reduction_db(l) > 3.0f); /* the loud parts were limited */
    limiter_free(l);
    const int sizes[] = {1, 3, 255, 256, 257, 1000, 4096};
    float *cut = malloc((size_t)n * 2 * sizeof *cut);
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        memcpy(cut, in, (size_t)n * 2 * sizeof *cut);
        l = limiter_new(RATE, 2, LIMITER_CEILING_DB);
        for (int i = 0; i < n; i += sizes[s])
            limiter_run(l, cut + 2 * i, n - i < sizes[s] ? n - i : sizes[s]);
        limiter_free(l);
        int differ = -1;
        for (int i = 0; i < 2 * n && differ < 0; i++)
            if (memcmp(&cut[i], &whole[i], sizeof *cut) != 0)
                differ = i / 2;
        CHECK_INT(differ, -1);
    }
    free(click);
    free(in);
    free(whole);
    free(cut);
}

/* The detector's reading of a full-scale sine at a quarter of the rate,
 * 45 degrees off: its samples reach 0.707, its wave 1. */
static void test_true_peak_reading(void)
{
    float x[4800];
    for (int i = 0; i < 4800; i++)
        x[i] = (float)sin(PI / 2 * i + PI / 4);
    float tp = limiter_true_peak(x + 100, 4600, 1);
    CHECK(tp > 0.97f && tp < 1.03f);
}

int main(void)
{
    test_transparent();
    test_true_peak_held();
    test_clicks_keep_their_frames();
    test_true_peak_reading();
    test_any_blocks();
    return check_done("test_limiter");
}
