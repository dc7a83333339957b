/* SPDX-License-Identifier: MIT */
/* cues.h — the voice pack: finds a cue's recording, decodes it with libsndfile
 * and resamples it once, at load, to the output rate with libsoxr. What comes
 * out is 16-bit samples at the output rate, mono or interleaved stereo, ready
 * for the audio thread to scale and add. Only this module and the file writer
 * include sndfile.h. Loading is thread-safe: different cues may be loaded on
 * different threads at once. */
#ifndef ROLLOUT_CUES_H
#define ROLLOUT_CUES_H

#include <stddef.h>
#include <stdint.h>

enum cues_result {
    CUES_OK = 0,
    CUES_NOT_FOUND, /* no recording for the id in any folder, or no file at the path */
    CUES_IO,        /* the file exists but cannot be opened or read */
    CUES_FORMAT,    /* not audio libsndfile can decode, or damaged */
    CUES_EMPTY,     /* decodes to no frames */
    CUES_TOO_LONG,  /* longer than CUES_MAX_SECONDS, or a file over CUES_MAX_BYTES */
    CUES_NOMEM,
};

#define CUES_MAX_SECONDS 120                /* a cue is speech: two minutes is already absurd */
#define CUES_MAX_BYTES   (64 * 1024 * 1024) /* and a 64 MiB file is far more than that */

/* A sample s stands for s / 32768.0: the scale libsndfile reads 16-bit files
 * at, so a 16-bit recording at the output rate is stored as it is, bit for
 * bit. Speech needs no more, and it takes a quarter of the memory that
 * stereo float did (the whole pack is mono). */
struct cue_audio {
    int16_t *data; /* frames * channels samples; stereo interleaved L R L R ... */
    int64_t frames;
    int channels; /* 1 (mono: both sides alike) or 2 */
};

/* Mono and stereo recordings keep their channels. More than two channels
 * are averaged into one: libsndfile reports a channel layout for few
 * formats and the orders differ (WAV puts centre third, Vorbis and Opus
 * second), so any guess at left and right could drop the centre channel,
 * which is where a voice lives. The average keeps every channel, cannot
 * clip, and is the same on both sides, so one channel holds it. */

/* The extensions tried, in order, for a cue id: "flac", "ogg", "opus", "wav",
 * "mp3", "aiff", "aif", then NULL. */
extern const char *const cues_extensions[];

/* Finds dir/<id>.<ext> for the first dir and extension that name a regular
 * file. Writes the path to out and returns CUES_OK. With none, but a FIFO,
 * directory or device under such a name, writes the first of those and
 * returns CUES_IO; else CUES_NOT_FOUND. */
enum cues_result cues_find(const char *const *dirs, int ndirs, const char *id, char *out,
                           size_t outlen);

/* Decodes a file to 16-bit samples at rate: each sample cleaned (a NaN or
 * infinity becomes silence, anything past full scale is held to it),
 * resampled in float when the rates differ, then rounded to the nearest
 * 16-bit step. A file cut short gives the audio before the cut. On failure
 * out is untouched and err holds one plain sentence naming the file. */
enum cues_result cues_load_file(const char *path, int rate, struct cue_audio *out, char *err,
                                size_t errlen);

/* The same for an audio file held in memory (libsndfile virtual I/O). */
enum cues_result cues_load_memory(const void *buf, size_t len, int rate, struct cue_audio *out,
                                  char *err, size_t errlen);

void cues_free(struct cue_audio *a);

/* What made a recording, as far as the file says. rollout record tags its
 * takes, rollout voice its synthetic cues; older synthetic packs were FLAC
 * files with no tags at all. */
enum cues_source {
    CUES_SOURCE_UNKNOWN,   /* tags from other software, not FLAC, or unreadable */
    CUES_SOURCE_RECORDED,  /* made by rollout record: its software tag */
    CUES_SOURCE_SYNTHETIC, /* made by rollout voice, or a FLAC file without a single tag */
};

#define CUES_RECORD_SOFTWARE "rollout record" /* the software tag of a take */
#define CUES_VOICE_SOFTWARE  "rollout voice"  /* ...and of a synthetic cue, then the synthesiser */

enum cues_source cues_file_source(const char *path);

/* Writes mono samples in [-1, 1] as a 16-bit FLAC file at path, with title
 * and software as its tags (either may be NULL). The file is written under
 * a temporary name beside path and renamed into place, so path holds either
 * its old contents or the whole new file; no temporary file is left. */
enum cues_result cues_write_file(const char *path, const float *x, int64_t frames, int rate,
                                 const char *title, const char *software, char *err, size_t errlen);

const char *cues_result_text(enum cues_result r);

#endif
