/* SPDX-License-Identifier: MIT */
/* test_compose.c — sessions composed for sore areas: names, which steps,
 * their order and sides, fitting to minutes, every cue in its slot, and the
 * printed routine read back to the very same timeline. With the real
 * routines and voice pack ($ROLLOUT_DATA_DIR, set by ctest). */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "compose.h"
#include "phrase.h"
#include "session.h"

static struct session_opts opts = {.rate = 48000, .speed = 1.0};

static void set_of(unsigned char set[], const char *list)
{
    char err[256];
    CHECK(compose_parse_areas(list, set, err, sizeof err) > 0);
}

/* Names as a runner types them; the first column is the area's key. */
static void test_names(void)
{
    static const struct {
        const char *word, *key;
    } cases[] = {
        {"calves", "calf"},
        {"calf", "calf"},
        {"Calves", "calf"},
        {"hamstring", "hamstring"},
        {"hamstrings", "hamstring"},
        {"hip-flexors", "hip-flexor"},
        {"hip flexors", "hip-flexor"},
        {"Hip_Flexor", "hip-flexor"},
        {"quads", "quadriceps"},
        {"quadriceps", "quadriceps"},
        {"feet", "foot-arch"},
        {"foot-arch", "foot-arch"},
        {"arch of the foot", "foot-arch"},
        {"IT band", "it-band"},
        {"it-bands", "it-band"},
        {"glute", "glutes"},
        {"inner thigh", "adductors"},
        {"lower back", "lower-back"},
        {"forearms", "forearm"},
        {"shins", "shin"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int a = compose_area_lookup(cases[i].word);
        CHECK_STR(a >= 0 ? area_keys[a] : "(none)", cases[i].key);
    }
    CHECK_INT(compose_area_lookup("neck"), -1);
    CHECK_INT(compose_area_lookup(""), -1);
    CHECK_STR(compose_area_nearest("hamstrngs"), "hamstrings");
    CHECK_STR(compose_area_nearest("hip-flexrs"), "hip flexors");
    CHECK_STR(compose_area_nearest("clves"), "calves");
    CHECK(compose_area_nearest("xylophone") == NULL);

    unsigned char set[64];
    char err[256];
    CHECK_INT(compose_parse_areas("calves, hamstrings,calf", set, err, sizeof err), 2);
    CHECK(set[area_find("calf")] && set[area_find("hamstring")] && !set[area_find("shin")]);
    CHECK_INT(compose_parse_areas("calves,hamstrngs", set, err, sizeof err), -1);
    CHECK_STR(err, "no body area 'hamstrngs'; did you mean 'hamstrings'?");
    CHECK_INT(compose_parse_areas(" , ", set, err, sizeof err), -1);
}

static int load(struct session *s, const char *routine, const char *areas, int minutes,
                struct diags *d)
{
    unsigned char set[64];
    if (areas)
        set_of(set, areas);
    struct compose_req q = {
        .routine = routine, .areas = areas ? set : NULL, .target_ms = (int64_t)minutes * 60000};
    char err[256] = "";
    int rc = compose_session_load(s, &q, &opts, d, err, sizeof err);
    if (rc != 0) {
        diags_print(d, stderr);
        fprintf(stderr, "compose: %s\n", err);
    }
    return rc;
}

/* The area keys of the steps as they play, "calf:LR hamstring:LR". */
static void played(const struct session *s, char *out, size_t size)
{
    const struct timeline *tl = &s->tl;
    out[0] = 0;
    for (int i = 0; i < tl->nev; i++) {
        const struct tl_event *ev = &tl->ev[i];
        size_t n = strlen(out);
        if (ev->kind == TL_STEP)
            snprintf(out + n, size - n, "%s%s:", n ? " " : "", s->routine->steps[ev->arg].area);
        else if (ev->kind == TL_SIDE && ev->arg != SCRIPT_SIDE_NONE)
            snprintf(out + n, size - n, "%s", ev->arg == SCRIPT_SIDE_LEFT ? "L" : "R");
    }
}

static void test_choice(void)
{
    struct session s;
    struct diags d = {0};
    char got[512];

    /* From the routine named: its steps for those areas, in its order
     * (hip flexors come last there, whatever order they were asked in). */
    CHECK_INT(load(&s, "lower-body", "hip-flexors,calves,glutes", 0, &d), 0);
    played(&s, got, sizeof got);
    CHECK_STR(got, "calf:LR glutes:LR hip-flexor:LR");
    CHECK_STR(s.routine->title, "Lower-body roll-out: calves, glutes and hip flexors");
    /* Its introduction is the short one: a line with the ball. Its whole
     * one, asked for, is the routine's. */
    CHECK(s.routine->nintro == 1 &&
          strcmp(s.routine->cues[s.routine->intro[0].cue].id, "start.lacrosse") == 0);
    CHECK_INT(script_cue_find(s.routine, "lower.welcome"), -1);
    session_free(&s);
    opts.intro = SESSION_INTRO_FULL;
    CHECK_INT(load(&s, "lower-body", "hip-flexors,calves,glutes", 0, &d), 0);
    CHECK(s.routine->nintro == 6 &&
          strcmp(s.routine->cues[s.routine->intro[0].cue].id, "lower.welcome") == 0);
    session_free(&s);
    opts.intro = SESSION_INTRO_AUTO;

    /* From every routine: one step an area, the most complete. default's
     * feet (four phases, 73 s) beat lower-body's (four, 63 s) and pre-run's. */
    CHECK_INT(load(&s, NULL, "glutes,feet", 0, &d), 0);
    played(&s, got, sizeof got);
    CHECK_STR(got, "foot-arch:LR glutes:LR");
    CHECK(script_cue_find(s.routine, "foot.roll2") >= 0);
    CHECK(script_cue_find(s.routine, "glutes.hold") >= 0); /* lower-body's, with a hold */
    CHECK_STR(s.routine->title, "Sore today: feet and glutes");
    session_free(&s);

    /* An area the routine named has no step for. */
    unsigned char set[64];
    set_of(set, "hamstrings");
    struct compose_req q = {.routine = "pre-run", .areas = set};
    char err[256];
    CHECK_INT(compose_session_load(&s, &q, &opts, &d, err, sizeof err), -2);
    CHECK(strstr(err, "has no step for the hamstrings") != NULL);
    CHECK_INT(d.errors, 0);
    diags_free(&d);
}

/* Every phase's own cue ends inside the phase. */
static int cues_fit(const struct session *s)
{
    const struct timeline *tl = &s->tl;
    int bad = 0;
    for (int i = 0; i < tl->nph; i++) {
        const struct tl_phase *p = &tl->ph[i];
        if (p->cue < 0 || !p->src || p->src->ms < 0)
            continue;
        int e = timeline_event_at(tl, p->start);
        while (e < tl->nev && !(tl->ev[e].kind == TL_CUE && tl->ev[e].arg == p->cue))
            e++;
        if (e == tl->nev || tl->ev[e].frame + s->cue_frames[p->cue] > p->end) {
            fprintf(stderr, "cue %s does not fit its phase at %.1f s\n",
                    s->routine->cues[p->cue].id, (double)p->start / tl->rate);
            bad++;
        }
    }
    return bad;
}

static void test_minutes(void)
{
    struct diags d = {0};
    struct session s;
    /* Every length the two areas can take lands within a second of it. */
    for (int m = 4; m <= 16; m += 2) {
        CHECK_INT(load(&s, NULL, "calves,hamstrings", m, &d), 0);
        double len = (double)s.tl.length / s.rate;
        if (len < m * 60 - 1.0 || len > m * 60 + 1.0)
            fprintf(stderr, "%d minutes: %.3f s\n", m, len);
        CHECK(len >= m * 60 - 1.0 && len <= m * 60 + 1.0);
        CHECK(s.fit && s.fit->met);
        CHECK_INT(cues_fit(&s), 0);
        CHECK_INT(d.warnings, 0);
        session_free(&s);
    }
    /* The whole lower body in five minutes cannot be: the nearest, said. */
    CHECK_INT(load(&s, "lower-body", NULL, 5, &d), 0);
    CHECK(s.fit && !s.fit->met);
    CHECK_INT(s.fit->length_ms, s.tl.length * 1000 / s.rate);
    CHECK_INT(s.fit->length_ms, s.fit->min_ms);
    CHECK(s.fit->length_ms > 5 * 60000 + 1000);
    char say[512];
    compose_fit_describe(s.fit, say, sizeof say);
    CHECK(strstr(say, "too short") && strstr(say, "the nearest is"));
    /* At its floors, every cue still fits, with three clicks after it. */
    CHECK_INT(cues_fit(&s), 0);
    CHECK_INT(d.warnings, 0);
    for (int i = 0; i < s.tl.nph; i++) {
        const struct tl_phase *p = &s.tl.ph[i];
        if (p->kind == TLP_ROLL)
            CHECK(p->end - p->start >= s.cue_frames[p->cue] + 3 * p->pace);
    }
    session_free(&s);
    /* Sixty minutes of the default: past three times every roll. */
    CHECK_INT(load(&s, NULL, NULL, 60, &d), 0);
    CHECK(s.fit && !s.fit->met && s.fit->length_ms == s.fit->max_ms);
    session_free(&s);
    diags_free(&d);
}

static int same_timeline(const struct timeline *a, const struct timeline *b)
{
    if (a->length != b->length || a->nev != b->nev || a->nph != b->nph)
        return 0;
    for (int i = 0; i < a->nev; i++)
        if (a->ev[i].frame != b->ev[i].frame || a->ev[i].kind != b->ev[i].kind ||
            a->ev[i].arg != b->ev[i].arg)
            return 0;
    for (int i = 0; i < a->nph; i++)
        if (a->ph[i].start != b->ph[i].start || a->ph[i].end != b->ph[i].end ||
            a->ph[i].kind != b->ph[i].kind || a->ph[i].cue != b->ph[i].cue ||
            a->ph[i].pace != b->ph[i].pace)
            return 0;
    return 1;
}

/* What plan --script prints, parsed as a file is, compiles to the timeline
 * that plays: with steps from three routines, a roller step's own ball, and
 * half-second times from fitting. */
static void test_round_trip(void)
{
    const char *cases[] = {"calves,hamstrings", "feet,quads,shins,hip-flexors", "glutes,adductors"};
    for (int k = 0; k < 3; k++) {
        struct diags d = {0};
        struct session s;
        CHECK_INT(load(&s, NULL, cases[k], 7 + k, &d), 0);
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        CHECK_INT(compose_write(f, s.routine), 0);
        fclose(f);
        struct diags pd = {0};
        struct routine *back = script_parse("composed.roll", text, len, &pd);
        CHECK(back != NULL);
        CHECK_INT(pd.errors + pd.warnings, 0);
        if (back) {
            CHECK_INT(back->ncues, s.routine->ncues);
            for (int i = 0; i < back->ncues && i < s.routine->ncues; i++)
                CHECK_STR(back->cues[i].id, s.routine->cues[i].id);
            struct timeline tl;
            struct timeline_opts to = {.rate = 48000, .speed = 1.0};
            CHECK_INT(timeline_compile(&tl, back, s.cue_frames, &to), 0);
            CHECK(same_timeline(&tl, &s.tl));
            timeline_free(&tl);
        }
        script_free(back);
        diags_free(&pd);
        free(text);
        session_free(&s);
        diags_free(&d);
    }
}

int main(void)
{
    test_names();
    test_choice();
    test_minutes();
    test_round_trip();
    return check_done("test_compose");
}
