/* SPDX-License-Identifier: MIT */
/* ring.c — a single-producer, single-consumer ring of stereo frames. `w`
 * counts frames ever written and `r` frames ever read; each has one
 * writer:
 *
 *   ring:  [ .... r ======== w ....... ]   (indices modulo size)
 *                  └ readable ┘└ free ┘
 *
 * The producer writes frames at w, then publishes w (release); the consumer
 * reads frames at r after loading w (acquire), then publishes r (release).
 * Neither ever waits for the other: a full ring takes nothing more, an
 * empty one gives nothing. */
#include "ring.h"

#include <stdlib.h>

int ring_init(struct ring *g, int64_t frames)
{
    uint64_t size = 1024;
    while (size < (uint64_t)frames)
        size *= 2;
    g->mask = size - 1;
    atomic_init(&g->w, 0);
    atomic_init(&g->r, 0);
    g->buf = malloc(size * 2 * sizeof *g->buf);
    return g->buf ? 0 : -1;
}

void ring_free(struct ring *g)
{
    free(g->buf);
    g->buf = NULL;
}

int64_t ring_size(const struct ring *g)
{
    return (int64_t)(g->mask + 1);
}

int64_t ring_available(const struct ring *g)
{
    uint64_t r = atomic_load_explicit(&g->r, memory_order_acquire);
    uint64_t w = atomic_load_explicit(&g->w, memory_order_acquire);
    return (int64_t)(w - r);
}

int64_t ring_write(struct ring *g, const float *src, int64_t n)
{
    uint64_t w = atomic_load_explicit(&g->w, memory_order_relaxed);
    uint64_t r = atomic_load_explicit(&g->r, memory_order_acquire);
    uint64_t k = g->mask + 1 - (w - r);
    if ((int64_t)k > n)
        k = (uint64_t)n;
    for (uint64_t i = 0; i < k; i++) {
        uint64_t at = (w + i) & g->mask;
        g->buf[2 * at] = src[2 * i];
        g->buf[2 * at + 1] = src[2 * i + 1];
    }
    atomic_store_explicit(&g->w, w + k, memory_order_release);
    return (int64_t)k;
}

int ring_read(struct ring *g, float *dst, int n)
{
    uint64_t r = atomic_load_explicit(&g->r, memory_order_relaxed);
    uint64_t w = atomic_load_explicit(&g->w, memory_order_acquire);
    if (w - r < (uint64_t)n)
        return 0;
    for (int i = 0; i < n; i++) {
        uint64_t at = (r + (uint64_t)i) & g->mask;
        dst[2 * i] = g->buf[2 * at];
        dst[2 * i + 1] = g->buf[2 * at + 1];
    }
    atomic_store_explicit(&g->r, r + (uint64_t)n, memory_order_release);
    return 1;
}
