/* SPDX-License-Identifier: MIT */
/* chapters.h — a rendered session as a player lists it: one chapter per part
 * (the introduction, each side of each step, the end) and the words, each
 * line at the frame its cue begins. Times are frames counted from the file's
 * first frame, so a render that begins at a later step (--start-at) gets
 * chapters of its own. Pure: no library, no file. */
#ifndef ROLLOUT_CHAPTERS_H
#define ROLLOUT_CHAPTERS_H

#include <stddef.h>
#include <stdint.h>

#include "timeline.h"

struct chapter {
    int64_t start, end; /* frames [start, end) of the file */
    char *title;        /* "Calves — left", "Introduction", "The end" */
};

struct lyric {
    int64_t frame;    /* where the cue begins in the file */
    const char *text; /* its transcript, borrowed from the routine */
};

struct chapters {
    int rate;
    int64_t length; /* the file's frames */
    struct chapter *ch;
    int nch;
    struct lyric *ly;
    int nly;
};

/* The chapters and words of the timeline from frame `from` to its end.
 * Returns 0, or -1 out of memory (c is then empty). */
int chapters_make(struct chapters *c, const struct timeline *tl, int64_t from);

void chapters_free(struct chapters *c);

/* A frame of the file in milliseconds, rounded to the nearest. */
int64_t chapters_ms(const struct chapters *c, int64_t frame);

/* The words as an LRC file: a header naming title, artist and album (each
 * may be NULL) and the length, then one "[mm:ss.xx]words" line per cue, at
 * the centisecond nearest its first frame. A NUL-terminated string to free,
 * its length in *len; NULL out of memory. */
char *chapters_lrc(const struct chapters *c, const char *title, const char *artist,
                   const char *album, size_t *len);

/* The words alone, one cue to a line: what a player shows as plain lyrics.
 * As chapters_lrc. */
char *chapters_words(const struct chapters *c, size_t *len);

#endif
