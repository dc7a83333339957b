/* test_listen.c — how the listener pairs what rollout played with what the
 * microphone heard (struct played), with devices that deliver as real ones
 * do: steadily, late and then all at once, or on a clock of their own.
 *
 * Every played sample carries its own index, so a pairing can be read off
 * what is taken: the microphone's mth sample should be given played sample
 * m - B, where B is what the device's buffers hold when both start. */
#include <stdlib.h>

#include "check.h"
#include "listen.h"

#define B     1600 /* the device's buffers: 100 ms */
#define BLOCK 320  /* the device plays, and the microphone hears, 20 ms at a time */

static struct played *played_new(void)
{
    struct played *p = calloc(1, sizeof *p);
    p->buffered = B;
    return p;
}

/* Plays n more samples, each its index (mod 30000, so it fits in int16). */
static void play(struct played *p, int64_t *made, int n)
{
    for (int i = 0; i < n; i++) {
        int16_t x = (int16_t)((*made)++ % 30000);
        played_put(p, &x, 1);
    }
}

/* The microphone hears n samples: the played index each was paired with,
 * or -1 for silence. Returns how many were paired at the offset expected. */
static int hear(struct played *p, int64_t *heard, int n, int64_t offset)
{
    int16_t y[4096];
    played_take(p, y, n);
    int right = 0;
    for (int i = 0; i < n; i++, (*heard)++)
        right += *heard - offset >= 0 && y[i] == (*heard - offset) % 30000;
    return right;
}

/* Both devices on one clock: the nth heard is paired with the nth played,
 * the device's buffers apart, for a minute. */
static void test_steady(void)
{
    struct played *p = played_new();
    int64_t made = 0, heard = 0, right = 0;
    play(p, &made, B);
    for (int i = 0; i < 60 * LISTEN_RATE / BLOCK; i++) {
        play(p, &made, BLOCK);
        right += hear(p, &heard, BLOCK, 0);
    }
    CHECK_INT(right, heard);
    free(p);
}

/* The microphone is 600 ms late, then delivers all it owes at once, 100 ms
 * a read, as a busy machine makes it do. It owes exactly what was played
 * meanwhile: the pairing must not move. */
static void test_late_microphone(void)
{
    struct played *p = played_new();
    int64_t made = 0, heard = 0, right = 0;
    play(p, &made, B);
    for (int i = 0; i < 5 * LISTEN_RATE / BLOCK; i++) {
        play(p, &made, BLOCK);
        right += hear(p, &heard, BLOCK, 0);
    }
    play(p, &made, 6 * LISTEN_RATE / 10);
    for (int i = 0; i < 6; i++)
        right += hear(p, &heard, LISTEN_RATE / 10, 0);
    for (int i = 0; i < 10 * LISTEN_RATE / BLOCK; i++) {
        play(p, &made, BLOCK);
        right += hear(p, &heard, BLOCK, 0);
    }
    CHECK_INT(right, heard);
    CHECK_INT(p->in - p->out, B);
    free(p);
}

/* The output device's clock runs 1 % fast: what waits grows by 10 ms a
 * second. Past the slack, and after a second's patience, the played is
 * brought back to the device's buffers, once, and the pairing holds after
 * that as before it, at the new offset. */
static void test_drift(void)
{
    struct played *p = played_new();
    int64_t made = 0, heard = 0, most = 0, jumps = 0, last = -1;
    play(p, &made, B);
    for (int i = 0; i < 50 * LISTEN_RATE / BLOCK; i++) {
        play(p, &made, BLOCK + 3 + (i % 5 == 0)); /* 16 more in 1600 */
        int16_t y[BLOCK];
        played_take(p, y, BLOCK);
        for (int k = 0; k < BLOCK; k++, heard++) {
            jumps += last >= 0 && y[k] != (last + 1) % 30000;
            last = y[k];
        }
        if (p->in - p->out > most)
            most = p->in - p->out;
    }
    CHECK_INT(jumps, 1);
    /* Never more than the slack, the second of patience's growth and a block. */
    CHECK(most <= B + 300 * LISTEN_RATE / 1000 + LISTEN_RATE / 100 + 2 * BLOCK);
    CHECK(p->in - p->out < B + 300 * LISTEN_RATE / 1000);
    free(p);
}

/* Nobody takes what is played for longer than the ring holds: the oldest
 * go, and the newest are still there to be taken. */
static void test_full(void)
{
    struct played *p = played_new();
    int64_t made = 0;
    play(p, &made, 5 * LISTEN_RATE);
    CHECK_INT(p->in - p->out, 4 * LISTEN_RATE);
    int16_t y[1];
    p->buffered = 4 * LISTEN_RATE; /* taken as the device's buffers: no drift */
    played_take(p, y, 1);
    CHECK_INT(y[0], LISTEN_RATE % 30000);
    free(p);
}

int main(void)
{
    test_steady();
    test_late_microphone();
    test_drift();
    test_full();
    return check_done("test_listen");
}
