/* out_file.h — writes a whole session to an audio file by pulling the engine,
 * exactly as the audio device would. The file appears under its name only
 * when it is complete: it is written to a temporary name beside it, synced
 * and renamed, so an old file is never lost to a half-written new one. */
#ifndef ROLLOUT_OUT_FILE_H
#define ROLLOUT_OUT_FILE_H

#include <stddef.h>

#include "engine.h"

enum out_file_result { OUT_FILE_OK, OUT_FILE_FORMAT, OUT_FILE_IO };

struct out_file_opts {
    int rate;
    int bits;          /* 16 or 24 for PCM (WAV, FLAC); 32 means float (WAV) */
    const char *title; /* stored in the file's metadata, or NULL */
};

/* Checks that path's extension (.wav, .flac, .ogg, .opus) and the options
 * make a format libsndfile can write. err gets one sentence when not. */
enum out_file_result out_file_check(const char *path, const struct out_file_opts *o, char *err,
                                    size_t errlen);

/* Renders the engine from where it stands to the end of the session into
 * path. On failure nothing is left at path that was not there before. */
enum out_file_result out_file_render(struct engine *e, const char *path,
                                     const struct out_file_opts *o, char *err, size_t errlen);

#endif
