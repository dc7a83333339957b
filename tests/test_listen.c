/* SPDX-License-Identifier: MIT */
/* test_listen.c — how the listener pairs what rollout played with what the
 * microphone heard (struct played), with devices that deliver as real ones
 * do: steadily, late and then all at once, or on a clock of their own.
 *
 * Each played sample is its own index (mod 30000, to fit in int16), so a
 * pairing can be read off what is taken. The device's buffers, B samples,
 * are played before the microphone hears its first: its nth sample is
 * then paired with played sample n. */
#include <stdlib.h>

#include "check.h"
#include "listen.h"

#define B     1600 /* the device's buffers: 100 ms */
#define BLOCK 320  /* the device plays, and the microphone hears, 20 ms at a time */

struct devices {
    struct played p;
    int64_t made, heard; /* samples played, heard */
    int64_t right;       /* heard samples paired with the played of the same index */
};

static struct devices *start(void)
{
    struct devices *d = calloc(1, sizeof *d);
    d->p.buffered = B;
    return d;
}

static void play(struct devices *d, int n)
{
    for (int i = 0; i < n; i++) {
        int16_t x = (int16_t)(d->made++ % 30000);
        played_put(&d->p, &x, 1);
    }
}

static void hear(struct devices *d, int n)
{
    int16_t y[LISTEN_RATE];
    played_take(&d->p, y, n);
    for (int i = 0; i < n; i++, d->heard++)
        d->right += y[i] == d->heard % 30000;
}

/* Both on one clock, a block at a time, for this many seconds. */
static void steady(struct devices *d, int seconds)
{
    for (int i = 0; i < seconds * LISTEN_RATE / BLOCK; i++) {
        play(d, BLOCK);
        hear(d, BLOCK);
    }
}

/* One clock: every sample paired as it should be, for a minute. */
static void test_steady(void)
{
    struct devices *d = start();
    play(d, B);
    steady(d, 60);
    CHECK_INT(d->right, d->heard);
    free(d);
}

/* The microphone is 600 ms late, then delivers all it owes at once, 100 ms
 * a read, as a busy machine makes it do. It owes exactly what was played
 * meanwhile: the pairing must not move. */
static void test_late_microphone(void)
{
    struct devices *d = start();
    play(d, B);
    steady(d, 5);
    play(d, 6 * LISTEN_RATE / 10);
    for (int i = 0; i < 6; i++)
        hear(d, LISTEN_RATE / 10);
    steady(d, 10);
    CHECK_INT(d->right, d->heard);
    CHECK_INT(played_waiting(&d->p), B);
    free(d);
}

/* The output device's clock runs 1 % fast: what waits grows by 10 ms a
 * second. Past the slack, and after a second's patience, the played is
 * brought back to the device's buffers, once in 50 s, and the pairing
 * holds after that as before it, at the new offset. */
static void test_drift(void)
{
    struct devices *d = start();
    int64_t most = 0, jumps = 0, last = -1;
    play(d, B);
    for (int i = 0; i < 50 * LISTEN_RATE / BLOCK; i++) {
        play(d, BLOCK + 3 + (i % 5 == 0)); /* 16 more in 1600 */
        int16_t y[BLOCK];
        played_take(&d->p, y, BLOCK);
        for (int k = 0; k < BLOCK; k++) {
            jumps += last >= 0 && y[k] != (last + 1) % 30000;
            last = y[k];
        }
        if (played_waiting(&d->p) > most)
            most = played_waiting(&d->p);
    }
    CHECK_INT(jumps, 1);
    /* Never more than the slack, the second of patience's growth and a block. */
    CHECK(most <= B + 300 * LISTEN_RATE / 1000 + LISTEN_RATE / 100 + 2 * BLOCK);
    CHECK(played_waiting(&d->p) < B + 300 * LISTEN_RATE / 1000);
    free(d);
}

/* Nobody takes what is played for longer than the ring holds: the oldest
 * go, and the newest are still there to be taken. */
static void test_full(void)
{
    struct devices *d = start();
    play(d, 5 * LISTEN_RATE);
    CHECK_INT(played_waiting(&d->p), 4 * LISTEN_RATE);
    int16_t y[1];
    d->p.buffered = 4 * LISTEN_RATE; /* taken as the device's buffers: no drift */
    played_take(&d->p, y, 1);
    CHECK_INT(y[0], LISTEN_RATE % 30000);
    free(d);
}

int main(void)
{
    test_steady();
    test_late_microphone();
    test_drift();
    test_full();
    return check_done("test_listen");
}
