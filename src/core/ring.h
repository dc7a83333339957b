/* SPDX-License-Identifier: MIT */
/* ring.h — stereo float frames handed from one thread to another: one
 * producer writes, one consumer reads, and neither ever waits for the
 * other. The music bed's decoder fills one (music.h) and the engine reads
 * it on the audio thread; the engine needs nothing else of the bed. */
#ifndef ROLLOUT_RING_H
#define ROLLOUT_RING_H

#include <stdatomic.h>
#include <stdint.h>

/* Used only through the functions below (ring.c draws it). */
struct ring {
    float *buf;            /* size stereo frames, interleaved L R */
    uint64_t mask;         /* size - 1; size is a power of two */
    _Atomic uint64_t w, r; /* frames ever written, ever read */
};

/* Room for at least `frames` (rounded up to a power of two, 1024 at the
 * least). 0, or -1 when out of memory. */
int ring_init(struct ring *g, int64_t frames);
void ring_free(struct ring *g);

/* Frames it holds at most. */
int64_t ring_size(const struct ring *g);

/* Frames in it now, ready to be read (either side may ask). */
int64_t ring_available(const struct ring *g);

/* Producer: copies as many of src's n frames as there is room for, and
 * returns how many. */
int64_t ring_write(struct ring *g, const float *src, int64_t n);

/* Consumer: copies n frames into dst and returns 1 if it holds that many;
 * else copies and takes nothing and returns 0. Never waits. */
int ring_read(struct ring *g, float *dst, int n);

#endif
