/* SPDX-License-Identifier: MIT */
/* click.c — a woodblock is a few damped modes ringing at once: a strong low
 * one that gives the pitch and two higher, quicker ones that give the knock.
 *
 *   level
 *     |\
 *     | \___                 attack: 0.25 ms, starting above zero
 *     |     \_____           body: modes at 950, 2450, 4100 Hz
 *     |           \_______   tail: raised-cosine taper over the last 15 ms
 *     +-------------------> 60 ms
 */
#include "click.h"

#include <math.h>
#include <stdint.h>

#define PI 3.14159265358979323846

static const struct {
    double freq, amp, decay_s;
} modes[] = {
    {950.0, 1.00, 0.0120},
    {2450.0, 0.45, 0.0050},
    {4100.0, 0.20, 0.0025},
};

int click_frames(int rate)
{
    return (int)((int64_t)rate * CLICK_MS / 1000);
}

/* Attack and taper, the parts of the shape that the modes' decay lacks. */
static double shape(int n, int len, int rate)
{
    int attack = rate / 4000;
    int taper = rate * 15 / 1000;
    double g = 1.0;
    if (n < attack)
        g *= (double)(n + 1) / (attack + 1);
    if (n >= len - taper)
        g *= 0.5 + 0.5 * cos(PI * (n - (len - taper) + 1) / (taper + 1));
    return g;
}

void click_make(float *buf, int rate)
{
    int len = click_frames(rate);
    double sum = 0, wsum = 0, peak = 0;
    for (int n = 0; n < len; n++) {
        double t = (double)n / rate;
        double x = 0;
        for (unsigned m = 0; m < sizeof modes / sizeof modes[0]; m++)
            x += modes[m].amp * exp(-t / modes[m].decay_s) * cos(2 * PI * modes[m].freq * t);
        buf[n] = (float)(x * shape(n, len, rate));
        sum += buf[n];
        wsum += shape(n, len, rate) * exp(-t / modes[0].decay_s);
    }
    /* Take the DC out in proportion to the click's own envelope, so the
     * correction is spread where the click is loud and adds no step. */
    for (int n = 0; n < len; n++) {
        double t = (double)n / rate;
        buf[n] -= (float)(sum * shape(n, len, rate) * exp(-t / modes[0].decay_s) / wsum);
        if (fabs(buf[n]) > peak)
            peak = fabs(buf[n]);
    }
    for (int n = 0; n < len; n++)
        buf[n] = (float)(buf[n] * CLICK_PEAK / peak);
}

int click_earcon_frames(int rate)
{
    return (int)((int64_t)rate * CLICK_EARCON_MS / 1000);
}

/* Two sine notes a fifth apart, each under a raised-cosine window, so it
 * starts and ends in silence and has no edge to click on its own. */
void click_earcon(float *buf, int rate)
{
    int n = click_earcon_frames(rate), half = n / 2;
    for (int i = 0; i < n; i++) {
        int note = i >= half, j = note ? i - half : i, len = note ? n - half : half;
        double f = note ? 990.0 : 660.0;
        double w = 0.5 - 0.5 * cos(2.0 * M_PI * (j + 0.5) / len);
        buf[i] = (float)(0.2 * w * sin(2.0 * M_PI * f * j / rate));
    }
}
