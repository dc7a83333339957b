/* SPDX-License-Identifier: MIT */
/* report.h — what a session did, told when it is over: the steps rolled
 * whole and their sides, the time played, and the week it makes with the
 * sessions kept before it. The window's end screen draws it; the terminal
 * prints its week under its last line. */
#ifndef ROLLOUT_REPORT_H
#define ROLLOUT_REPORT_H

#include <time.h>

#include "history.h"
#include "timeline.h"

struct report {
    int steps, nsteps; /* steps rolled whole, of the session's */
    char played[16];   /* the time played, "12:08" */
    char rolled[480];  /* "Calves, both sides · Hamstrings, left side"; "" when none */
    char week[400];    /* "This week: 3 sessions, 36 min; calf 3×, hamstring 1×", or
                          "A preview: not kept in the history" */
    /* Per area (area.h index), the sides of it rolled whole: bit 1 << side
     * (enum script_side; SCRIPT_SIDE_NONE for an area rolled once). */
    unsigned char lit[HISTORY_AREAS];
};

/* The report of run h of tl, ended at `now`. past: the sessions kept before
 * it (history_read), counted with it in the week unless it is a preview,
 * which the history does not keep. */
void report_make(struct report *r, const struct history_run *h, const struct timeline *tl,
                 const struct history_entry *past, int npast, int preview, time_t now);

#endif
