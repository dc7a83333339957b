/* SPDX-License-Identifier: MIT */
/* limiter.h — the mix's last stage: a look-ahead true-peak limiter. It
 * holds every sample, and the wave between samples as a 4x oversampled
 * detector sees it, under a ceiling, by turning a gain down a little
 * before a peak arrives and back up after it. It changes gain only: its
 * output is its input delayed by limiter_delay frames, times a gain that
 * is exactly 1 wherever nothing comes near the ceiling.
 *
 * One thread runs it (the audio thread live, the writer in a render); it
 * allocates only in limiter_new. Frame by frame, so how the input is cut
 * into blocks cannot change a sample. */
#ifndef ROLLOUT_LIMITER_H
#define ROLLOUT_LIMITER_H

/* The ceiling in dB true peak, and the two times that shape the gain:
 * the look-ahead is how long before a peak the gain starts down (and the
 * delay the limiter adds); the release is the time constant of its way
 * back up. 2 ms is two periods of the click's 950 Hz body, so the gain
 * comes down in a straight line slow enough not to bend the wave, and it
 * is too short to hear as a dip before a peak or as latency. 60 ms is five
 * times the click's 12 ms decay, so the gain does not follow its ringing
 * (which would distort it), and short against the pace, so each click
 * meets a limiter that has recovered from the last and a voice after a
 * loud syllable is back within a syllable. */
#define LIMITER_CEILING_DB   (-1.0f)
#define LIMITER_LOOKAHEAD_MS 2
#define LIMITER_RELEASE_MS   60

struct limiter;

/* A limiter for interleaved float frames of 1 or 2 channels at rate,
 * holding the true peak under ceiling_db (dBTP). NULL when out of memory. */
struct limiter *limiter_new(int rate, int channels, float ceiling_db);
void limiter_free(struct limiter *l);

/* Frames by which the output follows the input. */
int limiter_delay(const struct limiter *l);

/* Limits n frames of buf in place: on return buf holds the n frames that
 * come out, the input of limiter_delay frames ago times the gain. The
 * first limiter_delay frames after limiter_new are silence. */
void limiter_run(struct limiter *l, float *buf, int n);

/* The most the gain has been turned down so far, in dB (0 when never). */
float limiter_reduction_db(const struct limiter *l);

/* The true peak of n interleaved frames, 4x oversampled as the limiter
 * sees it, as a linear amplitude: what the samples reach between them
 * too. A short run's edges are read as silence beyond them. */
float limiter_true_peak(const float *buf, int n, int channels);

#endif
