/* SPDX-License-Identifier: MIT */
/* tags.h — what a player shows of a rendered file besides its sound: the
 * title, album, artist and description, a cover picture, the chapters and
 * the words. Written into a finished file in place, with TagLib; the audio
 * itself is not touched.
 *
 * MP3 gets an ID3v2.3 tag: CTOC and CHAP frames for the chapters, USLT for
 * the words and SYLT for the words in time, APIC for the cover. Ogg Vorbis,
 * Opus and FLAC get Vorbis comments: CHAPTERnnn and CHAPTERnnnNAME, the
 * words as LRC in LYRICS, and the cover as a picture block (FLAC's own, or
 * METADATA_BLOCK_PICTURE in Ogg). WAV gets none of this: libsndfile writes
 * its title, and nothing reads chapters in it.
 *
 * The one C++ file in rollout is behind this header; TagLib has no C
 * interface to chapters or pictures. */
#ifndef ROLLOUT_TAGS_H
#define ROLLOUT_TAGS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#include "chapters.h"

enum tags_kind { TAGS_NONE, TAGS_MP3, TAGS_VORBIS, TAGS_OPUS, TAGS_FLAC };

struct tags {
    const char *title, *album, *artist;
    const char *genre, *year;   /* or NULL */
    const char *comment;        /* the routine's description, or NULL */
    const unsigned char *cover; /* a PNG, or NULL */
    size_t cover_len;
    const struct chapters *chapters; /* the parts and the words, or NULL */
    int with_chapters;               /* 0: the words and the tags only */
};

/* The kind of tags a file's name asks for: by its extension, as the file
 * writer chooses its format. TAGS_NONE for WAV and anything else. */
enum tags_kind tags_kind_of(const char *path);

/* How many of n chapters a file of that kind keeps: all of them in MP3,
 * the first 999 in Vorbis comments (which number them with three digits),
 * none in WAV. */
int tags_chapters_kept(enum tags_kind kind, int n);

/* Writes t into the file at path, a complete file of that kind, in place.
 * Returns 0, or -1 with one sentence in err. */
int tags_write(const char *path, enum tags_kind kind, const struct tags *t, char *err,
               size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
