/* SPDX-License-Identifier: MIT */
/* support.h — what the test programs share (support.c): a timeline built
 * by hand, of one step rolled over the events given, for the tests of the
 * engine and what drives it; a routine parsed from text with its errors
 * shown; and a routine compiled with every cue one second long and silent,
 * with its teardown. */
#ifndef ROLLOUT_TEST_SUPPORT_H
#define ROLLOUT_TEST_SUPPORT_H

#include <stdint.h>

#include "cues.h"
#include "script.h"
#include "timeline.h"

/* The phase and the step of a timeline built by hand: one roll, one step. */
struct test_roll {
    struct tl_phase ph;
    struct tl_step st;
};

/* A timeline at rate of `length` frames over the events ev[0..nev) (in
 * frame order; the last is TL_END), all one roll of one step held in
 * *roll. It points into ev and roll: they must outlive it. */
struct timeline test_timeline(struct tl_event *ev, int nev, int64_t length, int rate,
                              struct test_roll *roll);

/* Writes n clicks into ev, every `every` frames from `first` (TL_CLICK,
 * numbered from 0). Returns n. */
int test_clicks(struct tl_event *ev, int n, int64_t first, int64_t every);

/* The routine in text, named name in its messages; its errors printed,
 * NULL when it has any. */
struct routine *test_parse(const char *name, const char *text);

/* A routine compiled at o: every cue one second (o->rate frames) long, and
 * silent in the engine. */
struct test_fixture {
    struct routine *r;
    int64_t *cue_frames;
    struct cue_audio *cues;
    struct timeline tl;
};
int test_fixture_make(struct test_fixture *f, const char *name, const char *text,
                      const struct timeline_opts *o);
void test_fixture_free(struct test_fixture *f);

#endif
