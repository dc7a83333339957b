/* SPDX-License-Identifier: MIT */
/* timeline.h — a routine compiled for one output rate: every phase and every
 * event (step, side, phase, cue, click, end) at an integer frame position.
 * Compiling is pure: the same routine, cue lengths and options always give
 * the same timeline. Seconds become frames here, once. */
#ifndef ROLLOUT_TIMELINE_H
#define ROLLOUT_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "script.h"

/* Events at the same frame keep this order: a step begins before its side,
 * its side before its phase, a phase before what sounds in it. */
enum tl_kind { TL_STEP, TL_SIDE, TL_PHASE, TL_CUE, TL_CLICK, TL_END };

enum tl_phase_kind {
    TLP_READY,  /* a step's announcement and side: get ready */
    TLP_SAY,    /* an instruction, no clicks */
    TLP_ROLL,   /* clicks at the pace */
    TLP_HOLD,   /* stay on the knot, no clicks */
    TLP_REST,   /* reposition, no clicks */
    TLP_SWITCH, /* between the sides of a two-sided step */
    TLP_DONE,   /* the end of the session */
};

struct tl_event {
    int64_t frame;
    enum tl_kind kind;
    int arg; /* STEP: step index; SIDE: enum script_side; PHASE: phase index;
                CUE: cue index; CLICK: click number in its phase; END: 0 */
};

/* A phase covers the frames [start, end); phases tile the session. */
struct tl_phase {
    int64_t start, end;
    enum tl_phase_kind kind;
    int step; /* index into routine.steps; -1 in the introduction */
    enum script_side side;
    int cue;                        /* the instruction it shows (and speaks first), or -1 */
    int64_t pace;                   /* frames between clicks, in a roll; 0 otherwise */
    const struct script_phase *src; /* the script line it came from, or NULL */
};

/* Where each step begins, in play order; the introduction is not a step. */
struct tl_step {
    int64_t start, end;
};

struct timeline {
    int rate;
    int64_t length; /* the frame of the END event: the session's length */
    struct tl_event *ev;
    int nev;
    struct tl_phase *ph;
    int nph;
    struct tl_step *steps; /* one per routine step */
    int nsteps;
    const struct routine *routine;
    double speed; /* the routine's times played this much faster (--fast); 1 normally */
};

/* --fast: the routine's times up to this many times shorter. */
#define TIMELINE_SPEED_MAX 20

struct timeline_opts {
    int rate;        /* output frames per second */
    int64_t pace_ms; /* overrides every pace in the routine when > 0 */
    double speed;    /* > 1: the routine's times that much shorter, speech as it is */
};

/* Frame counts every cue needs, at the output rate, in cue-table order. */
int timeline_compile(struct timeline *tl, const struct routine *r, const int64_t *cue_frames,
                     const struct timeline_opts *o);

/* The length in frames the routine would compile to with these options,
 * worked out the same way, without building the timeline. */
int64_t timeline_length(const struct routine *r, const int64_t *cue_frames,
                        const struct timeline_opts *o);

/* Adds a warning for every cue that runs past the end of the phase it was
 * meant for (the author should shorten it or lengthen the phase). */
void timeline_check(const struct timeline *tl, const int64_t *cue_frames, struct diags *d);

void timeline_free(struct timeline *tl);

/* Makes dst a copy of src with `frames` more of holding at frame `at`: a
 * hold playing at `at` lasts longer; any other phase is split there by a new
 * hold and resumes after it. Everything from `at` on moves later by
 * `frames`; nothing before it changes. Returns 0, or -1 out of memory. */
int timeline_insert_hold(const struct timeline *src, struct timeline *dst, int64_t at,
                         int64_t frames);

/* The phase that holds frame (the last one for frames past the end). */
int timeline_phase_at(const struct timeline *tl, int64_t frame);

/* The part of the session that holds frame: one side of a two-sided step,
 * a one-sided step, the introduction or the end; what a player lists as a
 * track. Its frames are [*start, *end); returns the index of its first phase. */
int timeline_part_at(const struct timeline *tl, int64_t frame, int64_t *start, int64_t *end);

/* The title a player shows for the part whose first phase is `part`:
 * "Calves — left", "Foot", "Introduction" or "The end". */
void timeline_part_title(const struct timeline *tl, int part, char *buf, size_t len);

/* The index of the first event at or after frame. */
int timeline_event_at(const struct timeline *tl, int64_t frame);

/* The step playing at frame; -1 in the introduction. */
int timeline_step_at(const struct timeline *tl, int64_t frame);

const char *timeline_kind_name(enum tl_kind k);
const char *timeline_phase_name(enum tl_phase_kind k);

/* Milliseconds to frames at rate, rounded to the nearest frame. */
int64_t timeline_ms_to_frames(int64_t ms, int rate);

#endif
