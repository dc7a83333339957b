/* SPDX-License-Identifier: MIT */
/* compose.h — a session made for what is sore today: the steps for a few
 * body areas, taken from one routine or from every routine a person has,
 * and fitted to a number of minutes. The result is an ordinary routine in
 * memory: written out as routine text it is checked by the parser's own
 * checks, and the timeline compiler lays it out as it would a file, so a
 * composed session sounds exactly as its printed routine would.
 *
 * Fitting scales every roll and hold together, each kept between a floor
 * and a ceiling (COMPOSE_* below); the introduction, the announcements, the
 * say and rest phases and the switches between sides keep their length.
 * A composed session has the short introduction (session.h) unless asked
 * otherwise, its setups no longer than they need be (COMPOSE_SETUP_*), and
 * each step's announcement true to its place: "First" only for the first. */
#ifndef ROLLOUT_COMPOSE_H
#define ROLLOUT_COMPOSE_H

#include <stdint.h>
#include <stdio.h>

#include "area.h"
#include "diag.h"
#include "script.h"
#include "session.h"

/* The floors and ceilings of fitting. A roll is never shorter than its
 * spoken cue plus COMPOSE_ROLL_CLICKS clicks, nor than COMPOSE_ROLL_MIN_CLICKS
 * clicks (a shorter roll is hardly worth lying down for: check warns about
 * it); a hold never shorter than its cue plus COMPOSE_HOLD_AFTER_S seconds,
 * nor than COMPOSE_HOLD_MIN_S. Neither grows past COMPOSE_MAX_TIMES times
 * what the routine wrote. Floors are whole seconds; fitted times whole
 * half-seconds. */
#define COMPOSE_ROLL_CLICKS     3
#define COMPOSE_ROLL_MIN_CLICKS 5
#define COMPOSE_HOLD_AFTER_S    3
#define COMPOSE_HOLD_MIN_S      8
#define COMPOSE_MAX_TIMES       3

/* A setup (a step's say phase) lasts its words and COMPOSE_SETUP_AFTER_MS,
 * or COMPOSE_SETUP_MS if that is longer, at most what the routine wrote:
 * a composed session is rolling within 15 s of Start. */
#define COMPOSE_SETUP_MS       7000
#define COMPOSE_SETUP_AFTER_MS 1500

/* --minutes takes this range. */
#define COMPOSE_MIN_MINUTES 1
#define COMPOSE_MAX_MINUTES 60

/* The area (an area.h index) a person's word names: a key ("hip-flexor"),
 * a muscle's name ("hip flexors", "quads", "calves"), in any case, singular
 * or plural, with spaces, '-' or '_' between words; -1 for none. */
int compose_area_lookup(const char *word);

/* The name closest to a mistyped word, for "did you mean"; NULL if none is
 * close. */
const char *compose_area_nearest(const char *word);

/* The area's name for people in a list: "calves", "hip flexors". */
const char *compose_area_plural(int area);

/* The areas set in areas (area_count flags) as people say them: "calves,
 * hamstrings and hip flexors". */
void compose_area_list(const unsigned char *areas, char *out, size_t size);

/* Reads a comma-separated list of area names into areas (set[i] = 1 for
 * each area named). Returns how many areas, or -1 with one sentence in err
 * (an unknown name, with a "did you mean" when one is close). */
int compose_parse_areas(const char *list, unsigned char set[], char *err, size_t errlen);

/* What fitting did, for the plan to show. */
struct compose_fit {
    int64_t target_ms;      /* asked for */
    int64_t before_ms;      /* the session's length as written */
    int64_t length_ms;      /* as fitted */
    int64_t min_ms, max_ms; /* the shortest and longest it can be */
    int met;                /* within COMPOSE_FIT_SLACK_MS of the target */
    double factor;          /* the rolls' and holds' time now, over as written */
    int scaled;             /* rolls and holds whose time changed */
    int at_floor, at_ceiling;
    /* Each scalable phase of the routine and its time as written. */
    const struct script_phase **phase;
    int64_t *was_ms;
    int n;
};

#define COMPOSE_FIT_SLACK_MS 1000

/* The time a phase had before fitting, or -1 if fitting left it alone. */
int64_t compose_fit_was(const struct compose_fit *f, const struct script_phase *p);

void compose_fit_free(struct compose_fit *f);

/* One sentence on what fitting did: "fitted to 8:00: 7:59, every roll and
 * hold x1.12 (was 7:45)"; or, when the target cannot be met, that and the
 * nearest length it can be. */
void compose_fit_describe(const struct compose_fit *f, char *buf, size_t size);

/* What to compose. */
struct compose_req {
    const char *routine;        /* a routine's name or path, or NULL: every routine */
    const unsigned char *areas; /* area_count flags, or NULL: every step of the routine */
    int64_t target_ms;          /* > 0: fit to this length */
};

/* Composing is two halves with the cues decoded between them, as their
 * lengths set the fitting: compose_session_load reads the files for both;
 * the web build holds its routines and decodes its cues itself.
 *
 * compose_routine: the routine q asks for, taken from src (src[0] the
 * routine q names, or the default one; with areas and no routine named, all
 * of src is searched), with the introduction `intro` asks for (AUTO: the
 * short one). Returns it, or NULL with one sentence in err (an area no
 * routine has; out of memory). q->target_ms is compose_finish's. */
struct routine *compose_routine(const struct routine *const *src, int nsrc,
                                const struct compose_req *q, enum session_intro intro, char *err,
                                size_t errlen);

/* compose_finish: once r's cues are at o->rate (cue_frames), trims its
 * setups, fits it to target_ms when that is > 0 (*fit says how: free it
 * with compose_fit_free), and checks its text as the parser checks a file,
 * path naming it in d. 0, or -1 with d saying why. */
int compose_finish(struct routine *r, const int64_t *cue_frames, const struct session_opts *o,
                   int64_t target_ms, const char *path, struct compose_fit **fit, struct diags *d);

/* Loads the routine(s), composes, loads the cues, fits, checks and
 * compiles into s. Returns 0; -1 when a routine or its cues are invalid (d
 * says where); -2 when the request cannot be met (an area no routine has),
 * with one sentence in err. s->fit is set when fitting was asked for. On
 * failure s is freed. */
int compose_session_load(struct session *s, const struct compose_req *q,
                         const struct session_opts *o, struct diags *d, char *err, size_t errlen);

/* The routine as routine text: what `rollout plan --script` prints, and
 * what the parser checks a composed routine with. Returns 0, or -1 on a
 * write error. */
int compose_write(FILE *f, const struct routine *r);

/* Every area a routine covers, for `rollout list --areas`: set[i] = 1. */
void compose_routine_areas(const struct routine *r, unsigned char set[]);

#endif
