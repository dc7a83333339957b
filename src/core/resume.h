/* SPDX-License-Identifier: MIT */
/* resume.h — where a stopped session can be taken up again: the routine,
 * and the step and side it was stopped in. By step id and side rather than
 * by time, so a small edit of the routine (a longer hold, a new line)
 * keeps the place. Kept in $XDG_STATE_HOME/rollout/resume. */
#ifndef ROLLOUT_RESUME_H
#define ROLLOUT_RESUME_H

#include <stddef.h>
#include <stdint.h>

#include "timeline.h"

struct resume_point {
    char routine[4096];    /* the routine file, as an absolute path */
    char step[256];        /* its id */
    char name[256];        /* its name, and the routine's title, for people; "" in a */
    char title[256];       /* file kept before they were */
    enum script_side side; /* SCRIPT_SIDE_NONE for a step with one side */
    int64_t at_ms;         /* where play was stopped, for people */
    int64_t length_ms;     /* the session's length then, for people */
};

/* The file it is kept in. */
char *resume_path(char *buf, size_t len);

/* The place in tl at frame pos: 0, or -1 when pos is not in a step (the
 * introduction, the end). routine is the routine's file. */
int resume_place(struct resume_point *p, const struct timeline *tl, int64_t pos,
                 const char *routine);

/* Writes p to path through safefile.h. 0, or -1 with one sentence in err. */
int resume_save(const char *path, const struct resume_point *p, char *err, size_t errlen);

/* 0 with p filled; 1 when there is nothing to resume; -1 when the file is
 * damaged or cannot be read (a folder, a FIFO: refused without waiting on
 * it); it is then as good as none. */
int resume_load(const char *path, struct resume_point *p);

/* Forgets the place, as after a session played to its end. */
void resume_clear(const char *path);

/* The frame where p's step and side begin in tl: the step's start for its
 * first side or one side, the side's start for the second. -1 when the
 * routine no longer has that step. */
int64_t resume_frame(const struct timeline *tl, const struct resume_point *p);

#endif
