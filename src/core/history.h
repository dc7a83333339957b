/* SPDX-License-Identifier: MIT */
/* history.h — every session played, whole or in part, one line each in
 * $XDG_STATE_HOME/rollout/history.tsv, and what a runner wants to know from
 * it: how much this week, which areas, and which one has waited longest.
 *
 * A line: when (local time, ISO 8601), routine, minutes played, steps
 * completed in full, sides completed in full, areas rolled (comma-separated
 * keys, "-" for none), tab-separated. Lines starting with # are comments. */
#ifndef ROLLOUT_HISTORY_H
#define ROLLOUT_HISTORY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "engine.h"
#include "timeline.h"

struct history_entry {
    time_t when;
    char routine[256];
    double minutes;
    int steps, sides; /* completed in full */
    char areas[512];  /* comma-separated area keys, "" for none */
};

/* What a session has played so far, followed while it plays: call
 * history_track at each turn of the play loop. */
struct history_run {
    unsigned char *done; /* per step, bit 1: its first side, bit 2: its second, played whole */
    int nsteps;
    int64_t played; /* frames heard */
    int64_t last_pos, last_from;
    int started;
    int stepped; /* a frame of a step was heard: more than the introduction */
};

void history_track(struct history_run *h, const struct timeline *tl,
                   const struct engine_status *st);

/* The steps of tl played whole in the run: every side of each, each side
 * from its start to its end without a jump. */
int history_run_steps(const struct history_run *h, const struct timeline *tl);

/* The run as an entry. tl is the timeline it ended with. */
void history_entry_make(struct history_entry *e, const struct history_run *h,
                        const struct timeline *tl, const char *routine, time_t when);
void history_run_free(struct history_run *h);

/* The file it is kept in. */
char *history_path(char *buf, size_t len);

/* Adds e at the end of the file: the old lines as they are, then e, written
 * whole beside it and renamed over it. 0, or -1 with one sentence in err
 * (a folder or a FIFO in the file's place is said, never waited on). */
int history_append(const char *path, const struct history_entry *e, char *err, size_t errlen);

/* The name the history keeps a routine's sessions under: its file's name
 * without the folder or ".roll". */
void history_routine_name(char *out, size_t len, const char *routine);

/* Reads the file: *v gets its entries, oldest first; damaged lines are
 * skipped and counted in *bad, the first at *first_bad. Lines may end in
 * CRLF, and the file may begin with a byte-order mark. 0 (no file is
 * none), or -1 with one sentence in err when it cannot be read. */
int history_read(const char *path, struct history_entry **v, int *n, int *bad, int *first_bad,
                 char *err, size_t errlen);

/* The week's totals, entry by entry: the sessions of the last seven days
 * and their minutes, how many of them rolled each area (by area.h index),
 * and when each area was last rolled at all (0: never). */
#define HISTORY_AREAS 64
struct history_week {
    int sessions;
    double minutes;
    int count[HISTORY_AREAS];
    time_t last[HISTORY_AREAS];
};
void history_week_add(struct history_week *w, const struct history_entry *e, time_t now);
/* "this week: 3 sessions, 36 min; calf 3×, hip flexor 1×" */
void history_week_said(char *buf, size_t len, const struct history_week *w);

/* The summary a runner reads: "this week: 3 sessions, 36 min; calf 3×,
 * hip flexor 1×; last rolled hamstring 5 days ago", as of now. */
void history_summary(FILE *f, const struct history_entry *v, int n, time_t now);

/* One entry as the file holds it (no newline), its text fields made
 * visible (visible.h) / as JSON. */
void history_print_tsv(FILE *f, const struct history_entry *e);
void history_print_json(FILE *f, const struct history_entry *e);

#endif
