/* SPDX-License-Identifier: MIT */
/* out_file.h — writes a whole session to an audio file by pulling the engine,
 * exactly as the audio device would. The file appears under its name only
 * when it is complete: it is written to a temporary name beside it, synced
 * and renamed, so an old file is never lost to a half-written new one. */
#ifndef ROLLOUT_OUT_FILE_H
#define ROLLOUT_OUT_FILE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "limiter.h"

struct music;

enum out_file_result {
    OUT_FILE_OK,
    OUT_FILE_FORMAT,  /* no such format, or not with these options */
    OUT_FILE_IO,      /* the file could not be written; err says why */
    OUT_FILE_STOPPED, /* *stop was set: nothing was written */
};

struct out_file_opts {
    int rate;
    int bits;          /* 16 or 24 for PCM (WAV, FLAC); 32 means float (WAV) */
    int channels;      /* 1 or 2; 0 takes the format's default (out_file_channels) */
    const char *title; /* stored in the file's metadata, or NULL */
    /* Read between blocks; once nonzero (a signal handler's flag), the
     * render stops and its temporary file is removed. May be NULL. */
    const volatile sig_atomic_t *stop;
    /* Called after every block with the frames written so far and the
     * session's total, from the render's own thread. May be NULL. */
    void (*progress)(void *user, int64_t done, int64_t total);
    void *user;
    /* The music bed the engine plays, or NULL. Its ring is filled here, in
     * the render's own thread, ahead of every block, so the music in the
     * file never depends on timing: the same samples every time. */
    struct music *music;
    /* Called with the complete file under its temporary name, before it is
     * synced and renamed into place: to add what libsndfile cannot write
     * (chapters, a picture). Returns 0, or -1 with one sentence in err, and
     * the render fails. May be NULL. */
    int (*finish)(void *user, const char *tmp, char *err, size_t errlen);
    void *finish_user;
    /* The mix's last stage: a gain in dB (the loudness normalisation, from
     * out_file_measure), then the true-peak limiter (limiter.h) with its
     * ceiling in dBTP; 0 takes the format's (OUT_FILE_CEILING_DB, lower
     * for the lossy ones). The limiter's delay is
     * taken back out, so every frame lands where it was planned. */
    float gain_db;
    float ceiling_db;
    /* Lossy formats: the bitrate in kb/s (out_file_bitrate's default when
     * 0). Opus and MP3 take it; Vorbis turns it into a quality. */
    int kbps;
    /* Where the most the limiter turned the gain down goes, in dB; or NULL. */
    float *limited_db;
};

/* The ceiling the limiter holds a file's samples under, in dBTP. The lossy
 * encoders add a little of their own to a peak (a click is all edge), so
 * what they are fed is held lower, by format (out_file.c), and the decoded
 * file comes out under this. */
#define OUT_FILE_CEILING_DB LIMITER_CEILING_DB

/* The integrated loudness a phone's formats are written at, in LUFS
 * (EBU R128, as podcast players and Apple ask: -16 for what is heard in
 * both ears; a mono file is counted as both ears hear it). The range the
 * --loudness option takes. */
#define OUT_FILE_LOUDNESS_LUFS (-16.0)
#define OUT_FILE_LOUDNESS_MIN  (-40.0)
#define OUT_FILE_LOUDNESS_MAX  (-9.0)

/* The bitrates, in kb/s, for speech and a click in one channel. */
#define OUT_FILE_KBPS_MIN 8
#define OUT_FILE_KBPS_MAX 320

/* The bitrate path's format is written at when none is asked for (kb/s),
 * or 0 for a lossless format. */
int out_file_bitrate(const char *path, int channels);

/* The loudness, in LU, that path's encoder takes off what it is fed (as
 * measured on its decoded files): a render aims that much higher. */
float out_file_codec_loss(const char *path);

/* Whether path's format is one a phone plays (MP3, Opus, Ogg Vorbis):
 * those are brought to OUT_FILE_LOUDNESS_LUFS unless told otherwise. */
int out_file_lossy(const char *path);

/* Renders the engine from where it stands to the end as out_file_render
 * would write it (its channels, o->gain_db, the limiter) but writes
 * nothing, and measures the integrated loudness by EBU R128 (libebur128),
 * a mono file as both ears hear it. The mix is the same every time, so an
 * engine made alike renders what was measured: measure, then render with
 * the gain that brings it to the target. *lufs is -HUGE_VAL for silence.
 * Returns 0, or -1 when o->stop was set or memory ran out (err says). */
int out_file_measure(struct engine *e, const char *path, const struct out_file_opts *o,
                     double *lufs, char *err, size_t errlen);

/* Checks that path's extension (.wav, .flac, .ogg, .opus, .mp3) and the
 * options make a format libsndfile can write. err gets one sentence when not. */
enum out_file_result out_file_check(const char *path, const struct out_file_opts *o, char *err,
                                    size_t errlen);

/* The channels path's format gets when none are asked for: 2 for the
 * lossless formats (the device's own samples, for editing and comparing),
 * 1 for the lossy ones (the session is centred, so one channel holds all of
 * it in half the bits a phone has to play). */
int out_file_channels(const char *path);

/* Renders the engine from where it stands to the end of the session into
 * path. A WAV whose data would pass 4 GiB is written as RF64, which has
 * 64-bit sizes. On failure, or when stopped, nothing is left at path that
 * was not there before. */
enum out_file_result out_file_render(struct engine *e, const char *path,
                                     const struct out_file_opts *o, char *err, size_t errlen);

#endif
