/* SPDX-License-Identifier: MIT */
/* request.h — which session to play, and how, as every way of starting one
 * asks for it: the command line, the window's start screen, --ask, Again,
 * --watch reloading an edited routine and --resume all fill a request, and
 * one loader makes the session: a routine as written (session.c), or one
 * composed for the areas and minutes asked for (compose.c). Reloading runs
 * the same request again, so nothing it asked for is lost. */
#ifndef ROLLOUT_REQUEST_H
#define ROLLOUT_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "session.h"

struct request {
    const char *routine;      /* a routine's name or path; NULL: the default routine, or,
                                 composed for areas, every routine */
    const char *areas;        /* the sore areas as typed ("calves,hamstrings"), or NULL */
    double minutes;           /* > 0: the session fitted to this many */
    const char *start_at;     /* the step to begin at: its number, id or name; or NULL */
    int start_side;           /* with start_at: the side to begin on (enum script_side), or 0 */
    int resume;               /* start_at is where a session was stopped */
    struct session_opts opts; /* rate, pace, speed, voices, and a cue with no recording */
};

enum request_result {
    REQUEST_OK,
    REQUEST_INVALID,   /* the routine or its cues are not valid: d says where */
    REQUEST_CANNOT,    /* it asks for what cannot be (an area no routine has, a step
                          there is not): err says what, in one clause */
    REQUEST_STEP_GONE, /* the step a session was stopped in is not in the routine now */
};

/* Loads what q asks for into s, and the frame to begin at into *start.
 * On anything but REQUEST_OK, s is freed. */
enum request_result request_load(struct session *s, const struct request *q, int64_t *start,
                                 struct diags *d, char *err, size_t errlen);

#endif
