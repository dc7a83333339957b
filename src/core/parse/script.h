/* SPDX-License-Identifier: MIT */
/* script.h — the routine script: text in, a routine out.
 *
 * A routine is a list of steps (one muscle each), each a list of phases (say,
 * roll, hold, rest). Every spoken line is a cue: an id that names its recorded
 * file and the transcript that is shown and recorded. The parser knows nothing
 * of audio; it collects every error it can and never exits.
 *
 * A routine may include steps from other files (`include "FILE" [STEP...]`);
 * every step, phase and cue records the file it was written in, so later
 * messages (a missing recording, a cue longer than its phase) can point there. */
#ifndef ROLLOUT_SCRIPT_H
#define ROLLOUT_SCRIPT_H

#include <stdint.h>

#include "diag.h"

/* The click's interval: at most four a second, at least one in ten seconds. */
#define SCRIPT_PACE_MIN_MS 250
#define SCRIPT_PACE_MAX_MS 10000

/* A pace given outside a routine, on the command line or in the settings
 * (duration.h; a bare number is seconds), within the limits above: 0, or -1. */
int script_pace_parse(const char *s, int64_t *ms);

enum script_sides { SCRIPT_SIDES_NONE, SCRIPT_SIDES_LEFT, SCRIPT_SIDES_RIGHT, SCRIPT_SIDES_BOTH };
enum script_side { SCRIPT_SIDE_NONE, SCRIPT_SIDE_LEFT, SCRIPT_SIDE_RIGHT };
enum script_phase_kind {
    SCRIPT_PHASE_SAY,
    SCRIPT_PHASE_ROLL,
    SCRIPT_PHASE_HOLD,
    SCRIPT_PHASE_REST
};

/* A cue as the routine knows it. Ids are unique within a routine: the same id
 * used twice must carry the same transcript. */
struct script_cue {
    char *id;
    char *text;
    int line, col;    /* where it was first named; 0 for rollout's own phrases */
    const char *file; /* the file of line and col (one of routine.files); NULL for a phrase */
    int builtin;      /* one of rollout's connecting phrases (see phrase.h) */
};

struct script_phase {
    enum script_phase_kind kind;
    int64_t ms; /* duration in milliseconds; -1 for a say without one */
    int cue;    /* index into routine.cues, or -1 */
    int line, col;
    const char *file; /* the file of line and col: one of routine.files */
};

struct script_step {
    char *id;   /* identifier: --start-at, reuse */
    char *name; /* the muscle, as shown */
    char *area; /* body-area key, or NULL */
    char *ball; /* equipment for this step, or NULL for the routine's */
    enum script_sides sides;
    int64_t pace_ms; /* click interval for this step's rolls; 0: the routine's */
    int announce;    /* cue spoken when the step starts */
    struct script_phase *phases;
    int nphases;
    int line, col;
    const char *file; /* the file it was written in: one of routine.files */
};

struct routine {
    char *path;
    char *title;
    char *about;                /* description, or NULL */
    char *author;               /* who wrote it, or NULL */
    char *ball;                 /* equipment, or NULL */
    int64_t pace_ms;            /* default 1000 */
    char *music;                /* the music line's path, from the folder play runs in; or NULL */
    struct script_phase *intro; /* say phases before the first step */
    int nintro;
    struct script_step *steps;
    int nsteps;
    struct script_cue *cues; /* the routine's own cues, then every builtin phrase */
    int ncues;
    char **files; /* every file it was read from, as named in messages:
                     files[0] is path, then each included file once */
    int nfiles;
};

/* Parses text (len bytes, need not be NUL-terminated). Returns a routine, or
 * NULL when there were errors; every problem found is added to d. path is used
 * in messages and kept in the routine; an include in text is looked up
 * relative to path's folder, and must stay inside it. */
struct routine *script_parse(const char *path, const char *text, size_t len, struct diags *d);

/* Reads and parses a file. A file that cannot be read is one error in d. */
struct routine *script_load(const char *path, struct diags *d);

void script_free(struct routine *r);

/* Index of the cue with this id, or -1. */
int script_cue_find(const struct routine *r, const char *id);

/* Index of the step whose id or name (case-insensitive) matches, or whose
 * 1-based number it is; -1 when none does. */
int script_step_find(const struct routine *r, const char *key);

const char *script_sides_name(enum script_sides s);
const char *script_side_name(enum script_side s);
const char *script_phase_name(enum script_phase_kind k);

#endif
