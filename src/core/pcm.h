/* SPDX-License-Identifier: MIT */
/* pcm.h — a float sample made into what a cue holds (cues.h: 16 bits, s
 * standing for s / 32768), one way: the cue loader rounds what libsndfile
 * and libsoxr give it here, and the web build what the browser decoded. */
#ifndef ROLLOUT_PCM_H
#define ROLLOUT_PCM_H

#include <math.h>
#include <stdint.h>

/* Non-finite samples (a damaged float file) become silence, and nothing
 * leaves the loader louder than full scale. */
static inline float pcm_clean(float x)
{
    if (!isfinite(x))
        return 0.0f;
    return x > 1.0f ? 1.0f : x < -1.0f ? -1.0f : x;
}

/* A sample, cleaned, to the nearest 16-bit step at 32768 a unit (ties to
 * even, as lrintf); +1.0, one step past the top, is held to it. Scaling by
 * 32768 is exact, and adding then taking away 1.5 * 2^23 rounds a float
 * below 2^22 to an integer: lrintf without a library call per sample. */
static inline int16_t pcm_s16(float x)
{
    const float magic = 12582912.0f;
    int v = (int)((pcm_clean(x) * 32768.0f + magic) - magic);
    return (int16_t)(v > 32767 ? 32767 : v);
}

#endif
