/* SPDX-License-Identifier: MIT */
/* safefile.h — a file that appears under its name only when it is complete:
 * written to NAME.tmp-XXXXXX beside it, synced, then renamed over NAME. A
 * failure anywhere leaves NAME as it was and no temporary file behind.
 *
 * A NAME that is a symbolic link (a dotfile manager keeps rollout.conf in
 * its own folder, say) is written through: the new file takes the name of
 * the link's final target, beside that target, and the link stays. */
#ifndef ROLLOUT_SAFEFILE_H
#define ROLLOUT_SAFEFILE_H

#include <stddef.h>

struct safefile {
    const char *path; /* as named: what messages say */
    char *target;     /* what is renamed over: path, or the file its links lead to */
    char *tmp;
    int fd; /* the temporary file, open for writing */
};

/* Creates the temporary file (with the usual permissions, not mkstemp's
 * private ones). 0, or -1 with one sentence in err. */
int safefile_open(struct safefile *f, const char *path, char *err, size_t errlen);

/* Writes n bytes of s to the temporary file, through interruptions. 0, or
 * -1 with errno set. */
int safefile_write(struct safefile *f, const void *s, size_t n);

/* Syncs the temporary file, closes it and renames it over path. 0, or -1
 * with one sentence in err and the temporary file removed. */
int safefile_commit(struct safefile *f, char *err, size_t errlen);

/* The end of a file whose writer has said how it went: committed as
 * safefile_commit does when ok, else removed with err left as the writer
 * set it. 0, or -1. */
int safefile_end(struct safefile *f, int ok, char *err, size_t errlen);

/* The end of a file written whole: committed as safefile_commit does, or,
 * when a write failed (its errno still set), removed with "cannot write
 * 'PATH': why" in err. 0, or -1. */
int safefile_finish(struct safefile *f, int failed, char *err, size_t errlen);

/* Closes and removes the temporary file. */
void safefile_abort(struct safefile *f);

/* Why a write failed, as the end of "cannot write 'x': ...": "no space left
 * on device" for a full disk or a quota (the words a user looks for), else
 * the system's own text for err. */
const char *safefile_reason(int err);

#endif
