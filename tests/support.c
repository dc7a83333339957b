/* SPDX-License-Identifier: MIT */
/* support.c — what the test programs share. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct timeline test_timeline(struct tl_event *ev, int nev, int64_t length, int rate,
                              struct test_roll *roll)
{
    roll->ph = (struct tl_phase){.start = 0, .end = length, .kind = TLP_ROLL, .step = 0};
    roll->st = (struct tl_step){0, length};
    return (struct timeline){.rate = rate,
                             .length = length,
                             .ev = ev,
                             .nev = nev,
                             .ph = &roll->ph,
                             .nph = 1,
                             .steps = &roll->st,
                             .nsteps = 1};
}

int test_clicks(struct tl_event *ev, int n, int64_t first, int64_t every)
{
    for (int k = 0; k < n; k++)
        ev[k] = (struct tl_event){first + (int64_t)k * every, TL_CLICK, k};
    return n;
}

struct routine *test_parse(const char *name, const char *text)
{
    struct diags d = {0};
    struct routine *r = script_parse(name, text, strlen(text), &d);
    if (!r)
        diags_print(&d, stderr);
    diags_free(&d);
    return r;
}

int test_fixture_make(struct test_fixture *f, const char *name, const char *text,
                      const struct timeline_opts *o)
{
    memset(f, 0, sizeof *f);
    struct diags d = {0};
    f->r = script_parse(name, text, strlen(text), &d);
    diags_print(&d, stderr);
    diags_free(&d);
    if (!f->r)
        return -1;
    f->cue_frames = calloc((size_t)f->r->ncues + 1, sizeof *f->cue_frames);
    f->cues = calloc((size_t)f->r->ncues + 1, sizeof *f->cues);
    if (!f->cue_frames || !f->cues)
        return -1;
    for (int i = 0; i < f->r->ncues; i++) {
        f->cue_frames[i] = o->rate;
        f->cues[i] = (struct cue_audio){NULL, o->rate, 1};
    }
    return timeline_compile(&f->tl, f->r, f->cue_frames, o);
}

void test_fixture_free(struct test_fixture *f)
{
    timeline_free(&f->tl);
    script_free(f->r);
    free(f->cue_frames);
    free(f->cues);
    memset(f, 0, sizeof *f);
}
