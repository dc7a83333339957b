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
};

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
