/* SPDX-License-Identifier: MIT */
/* test_timeline.c — compiling a routine to frames: phases tile the session,
 * clicks land exactly one pace apart from the start of each roll, cues queue
 * rather than overlap, sides run left then right with a switch between, the
 * count is said only when it can be said on time. Cue lengths are given, so
 * no audio is needed. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "support.h"
#include "phrase.h"
#include "timeline.h"

#define RATE 48000
#define SEC  ((int64_t)RATE)

static struct routine *parse(const char *text)
{
    return test_parse("t.roll", text);
}

/* Every cue lasts `len` frames, except the ones named in `special`. */
static int64_t *lengths(const struct routine *r, int64_t len, const char *special, int64_t slen)
{
    int64_t *f = calloc((size_t)r->ncues, sizeof *f);
    for (int i = 0; i < r->ncues; i++)
        f[i] = special && strcmp(r->cues[i].id, special) == 0 ? slen : len;
    return f;
}

static int count_kind(const struct timeline *tl, enum tl_kind k)
{
    int n = 0;
    for (int i = 0; i < tl->nev; i++)
        n += tl->ev[i].kind == k;
    return n;
}

static void test_phases_and_clicks(void)
{
    struct routine *r = parse("routine \"T\"\n"
                              "step a \"A\"\n"
                              "  roll 45s a.roll \"Roll.\"\n"
                              "  hold 20s\n"
                              "  roll 2500ms\n");
    CHECK(r != NULL);
    if (!r)
        return;
    int64_t *len = lengths(r, SEC / 2, NULL, 0);
    struct timeline tl;
    CHECK_INT(timeline_compile(&tl, r, len, &(struct timeline_opts){RATE, 0, 1.0}), 0);

    /* lead 0.5 s; ready: announce (0.5 s) + 1 s settle */
    CHECK_INT(tl.ph[0].kind, TLP_READY);
    CHECK_INT(tl.ph[0].start, SEC / 2);
    CHECK_INT(tl.ph[0].end, SEC / 2 + SEC / 2 + SEC);
    int64_t roll = tl.ph[0].end;
    CHECK_INT(tl.ph[1].kind, TLP_ROLL);
    CHECK_INT(tl.ph[1].start, roll);
    CHECK_INT(tl.ph[1].end, roll + 45 * SEC);
    CHECK_INT(tl.ph[1].pace, SEC);
    CHECK_INT(tl.ph[2].kind, TLP_HOLD);
    CHECK_INT(tl.ph[2].end, roll + 65 * SEC);
    CHECK_INT(tl.ph[3].kind, TLP_ROLL);
    CHECK_INT(tl.ph[3].end, roll + 67 * SEC + SEC / 2);
    CHECK_INT(tl.ph[4].kind, TLP_DONE);
    CHECK_INT(tl.ph[tl.nph - 1].end, tl.length);
    for (int i = 1; i < tl.nph; i++)
        CHECK_INT(tl.ph[i].start, tl.ph[i - 1].end);

    /* 45 clicks then 3 (at 0, 1 and 2 s of the 2.5 s roll), exactly a pace apart */
    CHECK_INT(count_kind(&tl, TL_CLICK), 48);
    int k = 0;
    for (int i = 0; i < tl.nev; i++) {
        if (tl.ev[i].kind != TL_CLICK)
            continue;
        int64_t want = k < 45 ? roll + k * SEC : tl.ph[3].start + (k - 45) * SEC;
        CHECK_INT(tl.ev[i].frame, want);
        k++;
    }
    /* events sorted by frame */
    for (int i = 1; i < tl.nev; i++)
        CHECK(tl.ev[i].frame >= tl.ev[i - 1].frame);
    CHECK_INT(tl.ev[tl.nev - 1].kind, TL_END);
    CHECK_INT(tl.ev[tl.nev - 1].frame, tl.length);

    /* the 45 s roll and the 20 s hold get "three, two, one" on their last seconds */
    int c3 = script_cue_find(r, PHRASE_COUNT_3), c1 = script_cue_find(r, PHRASE_COUNT_1);
    int n3 = 0, n1 = 0;
    for (int i = 0; i < tl.nev; i++) {
        if (tl.ev[i].kind == TL_CUE && tl.ev[i].arg == c3) {
            CHECK(tl.ev[i].frame == roll + 42 * SEC || tl.ev[i].frame == roll + 62 * SEC);
            n3++;
        }
        if (tl.ev[i].kind == TL_CUE && tl.ev[i].arg == c1)
            n1++;
    }
    CHECK_INT(n3, 2);
    CHECK_INT(n1, 2);
    timeline_free(&tl);

    /* --pace overrides: 1.5 s apart, 30 clicks in 45 s */
    CHECK_INT(timeline_compile(&tl, r, len, &(struct timeline_opts){RATE, 1500, 1.0}), 0);
    CHECK_INT(tl.ph[1].pace, 72000);
    int in_first = 0;
    for (int i = 0; i < tl.nev; i++)
        in_first += tl.ev[i].kind == TL_CLICK && tl.ev[i].frame < tl.ph[1].end;
    CHECK_INT(in_first, 30);
    timeline_free(&tl);

    /* 44.1 kHz: the same seconds, in that rate's frames */
    CHECK_INT(timeline_compile(&tl, r, len, &(struct timeline_opts){44100, 0, 1.0}), 0);
    CHECK_INT(tl.ph[1].pace, 44100);
    CHECK_INT(tl.ph[1].end - tl.ph[1].start, 45 * 44100);
    timeline_free(&tl);
    free(len);
    script_free(r);
}

static void test_cues_queue(void)
{
    /* the roll's cue lasts 7.5 s: it starts with the phase; count.3 at 7 s
     * before the end of the 10 s roll cannot be said on time and is left out,
     * while two and one still are; the hold's cue waits for the roll's. */
    struct routine *r = parse("routine \"T\"\n"
                              "step a \"A\"\n"
                              "  roll 10s a.long \"Long.\"\n"
                              "  hold 2s a.hold \"Hold.\"\n");
    CHECK(r != NULL);
    if (!r)
        return;
    int64_t *len = lengths(r, SEC / 4, "a.long", 7 * SEC + SEC / 2);
    struct timeline tl;
    CHECK_INT(timeline_compile(&tl, r, len, &(struct timeline_opts){RATE, 0, 1.0}), 0);
    const struct tl_phase *roll = &tl.ph[1], *hold = &tl.ph[2];
    int along = script_cue_find(r, "a.long"), ahold = script_cue_find(r, "a.hold");
    int c3 = script_cue_find(r, PHRASE_COUNT_3), c2 = script_cue_find(r, PHRASE_COUNT_2);
    int seen3 = 0, seen2 = 0;
    int64_t voice_end = 0;
    for (int i = 0; i < tl.nev; i++) {
        const struct tl_event *e = &tl.ev[i];
        if (e->kind != TL_CUE)
            continue;
        CHECK(e->frame >= voice_end); /* never two at once */
        voice_end = e->frame + len[e->arg];
        if (e->arg == along)
            CHECK_INT(e->frame, roll->start);
        if (e->arg == c3)
            seen3 = 1;
        if (e->arg == c2) {
            seen2 = 1;
            CHECK_INT(e->frame, roll->end - 2 * SEC);
        }
        if (e->arg == ahold)
            CHECK_INT(e->frame, hold->start); /* count.1 ended 0.75 s before */
    }
    CHECK(!seen3);
    CHECK(seen2);

    /* 7.5 s fits in the 10 s roll: no warning. A 12 s cue does not fit. */
    struct diags d = {0};
    timeline_check(&tl, len, &d);
    CHECK_INT(d.warnings, 0);
    diags_free(&d);
    timeline_free(&tl);
    len[along] = 12 * SEC;
    CHECK_INT(timeline_compile(&tl, r, len, &(struct timeline_opts){RATE, 0, 1.0}), 0);
    timeline_check(&tl, len, &d);
    CHECK_INT(d.warnings, 2); /* a.long over its roll; a.hold, pushed back, over its hold */
    CHECK(d.n > 0 && strstr(d.v[0].msg, "a.long") != NULL);
    CHECK(d.n > 0 && d.v[0].line == 3);
    diags_free(&d);
    timeline_free(&tl);
    free(len);
    script_free(r);
}

static void test_sides(void)
{
    struct routine *r = parse("routine \"T\"\n"
                              "say hi \"Hello.\"\n"
                              "step a \"A\" sides=both\n"
                              "  roll 5s\n"
                              "step b \"B\" sides=right\n"
                              "  hold 5s\n");
    CHECK(r != NULL);
    if (!r)
        return;
    int64_t *len = lengths(r, SEC, NULL, 0);
    struct timeline tl;
    CHECK_INT(timeline_compile(&tl, r, len, &(struct timeline_opts){RATE, 0, 1.0}), 0);
    /* intro say, A ready (left), roll, switch (right), roll, B ready (right), hold, done */
    static const enum tl_phase_kind want[] = {TLP_SAY,  TLP_READY, TLP_ROLL, TLP_SWITCH,
                                              TLP_ROLL, TLP_READY, TLP_HOLD, TLP_DONE};
    static const enum script_side sides[] = {
        SCRIPT_SIDE_NONE,  SCRIPT_SIDE_LEFT,  SCRIPT_SIDE_LEFT,  SCRIPT_SIDE_RIGHT,
        SCRIPT_SIDE_RIGHT, SCRIPT_SIDE_RIGHT, SCRIPT_SIDE_RIGHT, SCRIPT_SIDE_NONE};
    CHECK_INT(tl.nph, 8);
    for (int i = 0; i < tl.nph && i < 8; i++) {
        CHECK_INT(tl.ph[i].kind, want[i]);
        CHECK_INT(tl.ph[i].side, sides[i]);
    }
    CHECK_INT(tl.ph[0].step, -1);
    CHECK_INT(tl.ph[3].step, 0);
    /* say: its cue and one second; switch: at least five seconds */
    CHECK_INT(tl.ph[0].end - tl.ph[0].start, 2 * SEC);
    CHECK_INT(tl.ph[3].end - tl.ph[3].start, 5 * SEC);
    CHECK_INT(tl.steps[0].start, tl.ph[1].start);
    CHECK_INT(tl.steps[0].end, tl.ph[5].start);
    CHECK_INT(tl.steps[1].start, tl.ph[5].start);
    CHECK_INT(timeline_step_at(&tl, tl.ph[4].start + 10), 0);
    CHECK_INT(timeline_step_at(&tl, 0), -1);
    CHECK_INT(timeline_phase_at(&tl, tl.ph[6].start), 6);
    CHECK_INT(timeline_phase_at(&tl, tl.ph[6].start - 1), 5);
    /* the side cue follows the announcement */
    int left = script_cue_find(r, PHRASE_SIDE_LEFT), sw = script_cue_find(r, PHRASE_SWITCH_RIGHT);
    int found_left = 0, found_sw = 0;
    for (int i = 0; i < tl.nev; i++) {
        if (tl.ev[i].kind == TL_CUE && tl.ev[i].arg == left) {
            found_left = 1;
            CHECK_INT(tl.ev[i].frame, tl.ph[1].start + SEC + 150 * RATE / 1000);
        }
        if (tl.ev[i].kind == TL_CUE && tl.ev[i].arg == sw) {
            found_sw = 1;
            CHECK_INT(tl.ev[i].frame, tl.ph[3].start);
        }
    }
    CHECK(found_left && found_sw);
    CHECK_INT(count_kind(&tl, TL_STEP), 2);
    CHECK_INT(count_kind(&tl, TL_SIDE), 3);
    timeline_free(&tl);
    free(len);
    script_free(r);
}

/* The same routine compiled twice gives the same timeline. */
static void test_pure(void)
{
    struct routine *r = parse("routine \"T\"\nstep a \"A\" sides=both\n  roll 30s\n  hold 20s\n");
    CHECK(r != NULL);
    if (!r)
        return;
    int64_t *len = lengths(r, 37123, NULL, 0);
    struct timeline a, b;
    timeline_compile(&a, r, len, &(struct timeline_opts){RATE, 0, 1.0});
    timeline_compile(&b, r, len, &(struct timeline_opts){RATE, 0, 1.0});
    CHECK_INT(a.nev, b.nev);
    CHECK(memcmp(a.ev, b.ev, (size_t)a.nev * sizeof *a.ev) == 0);
    CHECK_INT(a.length, b.length);
    timeline_free(&a);
    timeline_free(&b);
    free(len);
    script_free(r);
}

/* Ten seconds more of holding, inserted into a roll and into a hold. */
static void test_insert_hold(void)
{
    struct routine *r = parse("routine \"T\"\nstep a \"A\"\n  roll 20s\n  hold 20s\n  roll 5s\n");
    CHECK(r != NULL);
    if (!r)
        return;
    int64_t *len = lengths(r, SEC / 2, NULL, 0);
    struct timeline tl, in_roll, in_hold;
    CHECK_INT(timeline_compile(&tl, r, len, &(struct timeline_opts){RATE, 0, 1.0}), 0);
    const struct tl_phase roll = tl.ph[1], hold = tl.ph[2];
    int64_t at = roll.start + 7 * SEC + 123, more = 10 * SEC;

    /* Into the roll: it splits around a new hold, and carries on after it
     * with its clicks still a pace apart. */
    CHECK_INT(timeline_insert_hold(&tl, &in_roll, at, more), 0);
    CHECK_INT(in_roll.nph, tl.nph + 2);
    CHECK_INT(in_roll.ph[1].kind, TLP_ROLL);
    CHECK_INT(in_roll.ph[1].end, at);
    CHECK_INT(in_roll.ph[2].kind, TLP_HOLD);
    CHECK_INT(in_roll.ph[2].start, at);
    CHECK_INT(in_roll.ph[2].end, at + more);
    CHECK_INT(in_roll.ph[3].kind, TLP_ROLL);
    CHECK_INT(in_roll.ph[3].end, roll.end + more);
    CHECK_INT(in_roll.length, tl.length + more);
    for (int i = 1; i < in_roll.nph; i++)
        CHECK_INT(in_roll.ph[i].start, in_roll.ph[i - 1].end);
    int clicks = 0;
    for (int i = 0; i < in_roll.nev; i++) {
        const struct tl_event *e = &in_roll.ev[i];
        if (i > 0)
            CHECK(e->frame >= in_roll.ev[i - 1].frame);
        if (e->kind == TL_CLICK && e->frame < in_roll.ph[3].end) {
            int64_t k = clicks++;
            int64_t want = roll.start + k * SEC;
            CHECK_INT(e->frame, want >= at ? want + more : want);
        }
        if (e->kind == TL_PHASE) /* every phase event names the phase starting there */
            CHECK_INT(in_roll.ph[e->arg].start, e->frame);
    }
    CHECK_INT(clicks, 20);
    CHECK_INT(in_roll.steps[0].end, tl.steps[0].end + more);

    /* Into the hold: it just lasts longer. */
    CHECK_INT(timeline_insert_hold(&tl, &in_hold, hold.start + SEC, more), 0);
    CHECK_INT(in_hold.nph, tl.nph);
    CHECK_INT(in_hold.ph[2].end, hold.end + more);
    CHECK_INT(in_hold.ph[3].start, hold.end + more);
    /* and everything before the insertion is the same */
    int same = 0;
    while (same < tl.nev && tl.ev[same].frame < hold.start + SEC)
        same++;
    CHECK(memcmp(tl.ev, in_hold.ev, (size_t)same * sizeof *tl.ev) == 0);

    timeline_free(&in_roll);
    timeline_free(&in_hold);
    timeline_free(&tl);
    free(len);
    script_free(r);
}

/* Measured without building, a session is as long as compiled: with any
 * cue lengths, pace and speed, intro, counts and sides. */
static void test_length(void)
{
    struct routine *r = parse("routine \"T\"\npace 1s\nsay r.hi \"Hello.\"\n"
                              "step a \"A\" sides=both\n  announce r.a \"A.\"\n  roll 30s\n"
                              "  hold 20s r.h \"Hold.\"\nstep b \"B\"\n  say 4s r.b \"B.\"\n"
                              "  rest 3s\n  roll 12s\n");
    CHECK(r != NULL);
    if (!r)
        return;
    static const int64_t cue_len[] = {1, 4800, 37123, 300000};
    static const struct timeline_opts opts[] = {
        {RATE, 0, 1.0}, {44100, 1500, 1.0}, {RATE, 0, 8.0}, {22050, 250, 20.0}};
    for (size_t i = 0; i < sizeof cue_len / sizeof cue_len[0]; i++)
        for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
            int64_t *len = lengths(r, cue_len[i], NULL, 0);
            struct timeline tl;
            CHECK_INT(timeline_compile(&tl, r, len, &opts[k]), 0);
            CHECK_INT(timeline_length(r, len, &opts[k]), tl.length);
            timeline_free(&tl);
            free(len);
        }
    script_free(r);
}

int main(void)
{
    test_phases_and_clicks();
    test_cues_queue();
    test_sides();
    test_pure();
    test_insert_hold();
    test_length();
    return check_done("test_timeline");
}
