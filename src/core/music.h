/* SPDX-License-Identifier: MIT */
/* music.h — the music bed: a playlist of a person's own audio files, decoded
 * and resampled ahead (libsndfile, libsoxr in streaming mode) into a ring
 * that the engine only copies from. Tracks follow each other with no gap and
 * the list loops; a file that cannot be played is skipped with one line.
 *
 * Threads: one producer fills the ring (the decoder thread music_start
 * makes, or the render's own thread calling music_fill), one consumer reads
 * it (engine_render, through ring.h). The consumer never waits, allocates
 * or reads a file. */
#ifndef ROLLOUT_MUSIC_H
#define ROLLOUT_MUSIC_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#define MUSIC_RING_FRAMES (1 << 17) /* 2.7 s at 48 kHz, 1 MiB of stereo float */

/* The files played: 1 to 8 channels (7.1), at 8 kHz (telephone speech) to
 * 768 kHz (the highest rate studio converters and DSD-to-PCM files use).
 * Anything else is skipped with its line: a header outside these is
 * damaged or hostile, and resampling from it could take the decoder longer
 * than the session. */
#define MUSIC_MAX_CHANNELS 8
#define MUSIC_RATE_MIN     8000
#define MUSIC_RATE_MAX     768000

/* The files PATH names: an audio file; a folder's audio files (by extension:
 * flac ogg oga opus wav mp3 aiff aif), in name order, or shuffled when
 * shuffle is set (the same seed, the same order); or an .m3u playlist, its
 * relative paths taken from its own folder. 0 with *paths (n of them, each
 * and the array malloc'd), or -1 with one sentence in err. */
int music_playlist(const char *path, int shuffle, uint32_t seed, char ***paths, int *n, char *err,
                   size_t errlen);
void music_playlist_free(char **paths, int n);

/* Called from the producer's thread, once per file skipped, with a line
 * naming it and why ("skipping music 'x.flac': it holds no audio"). */
typedef void music_skip_fn(void *user, const char *line);

/* A bed playing paths (copied) at rate. ring_frames is rounded up to a
 * power of two. NULL when out of memory. */
struct music *music_new(char *const *paths, int n, int rate, int ring_frames, music_skip_fn *skip,
                        void *user);
/* Stops the decoder thread if there is one. The consumer must be done. */
void music_free(struct music *m);

/* Producer: decodes until the ring holds at least `want` frames (at most
 * its size) or the list has nothing playable, or a stop is asked for.
 * Returns the frames it holds. The samples decoded never depend on when or
 * how often this is called. */
int64_t music_fill(struct music *m, int64_t want);

/* Makes music_fill return early once *flag is nonzero (a signal handler's
 * flag), between two chunks of decoding: a long playlist or a slow file
 * never keeps a signal waiting. */
void music_stop_on(struct music *m, const volatile sig_atomic_t *flag);

/* Starts a decoder thread that keeps the ring full. 0 or -1. */
int music_start(struct music *m);

/* While held, the decoder thread decodes nothing (tests: the ring runs dry
 * on purpose, as on a stalled disk). */
void music_hold(struct music *m, int held);

/* Whether no file in the list could be played: the bed is silent for good. */
int music_exhausted(const struct music *m);

/* The ring the bed is decoded into, for the engine to read
 * (engine_set_music): the consumer's side, ring_read and ring_available,
 * is all of the bed the audio thread touches. */
struct ring *music_ring(struct music *m);

#endif
