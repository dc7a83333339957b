/* SPDX-License-Identifier: MIT */
/* test_show.c — what a person is shown, at exact frames, with no SDL: the
 * labels of every kind of phase, the countdown and what it counts to, the
 * words while they are said and after, what comes next, the pulse on and
 * off at its frames, the clocks, the terminal's status line at every
 * width, and when the picture next changes. Every
 * cue lasts one second, so no audio is needed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "support.h"
#include "control.h"
#include "show.h"
#include "timeline.h"

#define RATE 48000
#define SEC  ((int64_t)RATE)

static const char routine_text[] = "routine \"Legs\"\n"
                                   "ball lacrosse\n"
                                   "pace 1s\n"
                                   "say r.hello \"Welcome.\"\n"
                                   "say r.slow \"Go slowly.\"\n"
                                   "step calves \"Calves\" area=calf sides=both\n"
                                   "  announce r.calves \"Next, your calves.\"\n"
                                   "  say 4s r.sit \"Sit on the floor.\"\n"
                                   "  roll 10s r.roll \"Roll up and down.\"\n"
                                   "  hold 5s\n"
                                   "  say 3s r.after \"Shake it out.\"\n"
                                   "step back \"Upper back\" area=upper-back ball=roller\n"
                                   "  announce r.back \"Your back.\"\n"
                                   "  rest 3s\n"
                                   "  roll 5s\n";

static int fixture_make(struct test_fixture *f, double speed)
{
    return test_fixture_make(f, "legs.roll", routine_text,
                             &(struct timeline_opts){.rate = RATE, .speed = speed});
}

/* The i-th phase of a kind on a side of a step (step -1: the introduction). */
static const struct tl_phase *phase(const struct timeline *tl, int step, enum script_side side,
                                    enum tl_phase_kind kind, int nth)
{
    for (int i = 0; i < tl->nph; i++)
        if (tl->ph[i].step == step && tl->ph[i].side == side && tl->ph[i].kind == kind &&
            nth-- == 0)
            return &tl->ph[i];
    return NULL;
}

static struct show at(const struct test_fixture *f, int64_t now)
{
    struct show s;
    show_make(&s, &(struct show_input){.tl = &f->tl, .cue_frames = f->cue_frames, .now = now});
    return s;
}

/* The first frame of the cue with this id at or after frame. */
static int64_t cue_at(const struct test_fixture *f, const char *id, int64_t from)
{
    int cue = script_cue_find(f->r, id);
    for (int i = 0; i < f->tl.nev; i++)
        if (f->tl.ev[i].kind == TL_CUE && f->tl.ev[i].arg == cue && f->tl.ev[i].frame >= from)
            return f->tl.ev[i].frame;
    return -1;
}

static void test_introduction(const struct test_fixture *f)
{
    const struct tl_phase *p = phase(&f->tl, -1, SCRIPT_SIDE_NONE, TLP_SAY, 0);
    CHECK(p != NULL);
    if (!p)
        return;
    struct show s = at(f, p->start);
    CHECK_STR(s.header, "Introduction");
    CHECK_STR(s.name, "Legs"); /* the title once: as the name, not in the header too */
    CHECK_STR(s.phase_label, "LISTEN");
    CHECK(s.intro && !s.done);
    CHECK_INT(s.step, -1);
    /* The countdown runs to the first step, across both sayings. */
    CHECK_INT(s.count_end, f->tl.steps[0].start);
    CHECK_STR(s.count_to, "until the first step");
    char want[16];
    show_clock(want, sizeof want, (f->tl.steps[0].start / SEC - p->start / SEC) * SEC, RATE);
    CHECK_STR(s.count, want);
    CHECK_STR(s.next, "Next: Calves");
    CHECK_STR(s.words, "Welcome.");
    CHECK(s.speaking);
    CHECK_STR(s.title, "rollout - Legs");
    /* The second saying: the same countdown, the new words. */
    const struct tl_phase *q = phase(&f->tl, -1, SCRIPT_SIDE_NONE, TLP_SAY, 1);
    s = at(f, q->start);
    CHECK_INT(s.count_end, f->tl.steps[0].start);
    CHECK_STR(s.words, "Go slowly.");
    CHECK_STR(s.equipment, "Lacrosse ball");
}

static void test_labels(const struct test_fixture *f)
{
    const struct tl_phase *ready = phase(&f->tl, 0, SCRIPT_SIDE_LEFT, TLP_READY, 0);
    const struct tl_phase *setup = phase(&f->tl, 0, SCRIPT_SIDE_LEFT, TLP_SAY, 0);
    const struct tl_phase *after = phase(&f->tl, 0, SCRIPT_SIDE_LEFT, TLP_SAY, 1);
    const struct tl_phase *sw = phase(&f->tl, 0, SCRIPT_SIDE_RIGHT, TLP_SWITCH, 0);
    const struct tl_phase *rest = phase(&f->tl, 1, SCRIPT_SIDE_NONE, TLP_REST, 0);
    CHECK(ready && setup && after && sw && rest);
    if (!(ready && setup && after && sw && rest))
        return;
    struct show s = at(f, ready->start);
    CHECK_STR(s.header, "Step 1 of 2");
    CHECK_STR(s.name, "Calves");
    CHECK_STR(s.side_label, "LEFT");
    CHECK_STR(s.phase_label, "GET READY");
    CHECK_STR(s.next, "Next: set up"); /* never "GET READY ... Next: get ready" */
    CHECK_STR(s.title, "rollout - Calves, left");
    s = at(f, setup->start);
    CHECK_STR(s.phase_label, "SET UP");
    CHECK_STR(s.next, "Next: roll 10 s");
    CHECK_STR(s.count, "0:04");
    s = at(f, after->start);
    CHECK_STR(s.phase_label, "LISTEN"); /* said after the rolling: not a setting up */
    CHECK_STR(s.next, "Next: switch to the right side");
    s = at(f, sw->start);
    CHECK_STR(s.phase_label, "SWITCH SIDES");
    CHECK_STR(s.side_label, "RIGHT");
    CHECK_STR(s.next, "Next: set up");
    s = at(f, rest->start);
    CHECK_STR(s.side_label, "");
    CHECK_STR(s.phase_label, "REST");
    CHECK_STR(s.equipment, "Foam roller");
    CHECK_STR(s.next, "Next: roll 5 s");
    const struct tl_phase *last = phase(&f->tl, 1, SCRIPT_SIDE_NONE, TLP_ROLL, 0);
    s = at(f, last->start);
    CHECK_STR(s.next, "Next: the end");
}

static void test_countdown_and_pulse(const struct test_fixture *f)
{
    const struct tl_phase *roll = phase(&f->tl, 0, SCRIPT_SIDE_LEFT, TLP_ROLL, 0);
    CHECK(roll != NULL);
    if (!roll)
        return;
    int64_t lit = SEC * SHOW_PULSE_MS / 1000;
    struct show s = at(f, roll->start);
    CHECK_STR(s.count, "0:10");
    CHECK_INT(s.pulse, 1);
    CHECK_INT(s.changes, roll->start + lit); /* the pulse goes dark next */
    s = at(f, roll->start + lit - 1);
    CHECK_INT(s.pulse, 1);
    s = at(f, roll->start + lit);
    CHECK_INT(s.pulse, 0);
    /* Then the next click (a second of the countdown), or a second of the
     * session's clock, whichever is first. */
    int64_t tick = ((roll->start + lit) / SEC + 1) * SEC;
    CHECK_INT(s.changes, tick < roll->start + SEC ? tick : roll->start + SEC);
    s = at(f, roll->start + 3 * SEC);
    CHECK_INT(s.pulse, 1);
    CHECK_STR(s.count, "0:07");
    /* The countdown turns when the session's clock does, on the same frame,
     * and nowhere between. */
    for (int64_t k = roll->start / SEC + 1; k * SEC < roll->end; k++) {
        struct show a = at(f, k * SEC - 1), b = at(f, k * SEC), c = at(f, k * SEC + SEC / 2);
        CHECK(strcmp(a.count, b.count) != 0);
        CHECK(strcmp(a.elapsed, b.elapsed) != 0);
        CHECK_STR(b.count, c.count);
    }
    s = at(f, roll->end - 1);
    CHECK_STR(s.count, roll->end % SEC ? "0:00" : "0:01");
    /* Paused: no clicks heard, the pulse dark, nothing changes by itself. */
    show_make(&s, &(struct show_input){.tl = &f->tl,
                                       .cue_frames = f->cue_frames,
                                       .now = roll->start,
                                       .paused = 1,
                                       .volume_db = -6,
                                       .click_muted = 1});
    CHECK_INT(s.pulse, 0);
    CHECK(s.paused);
    CHECK_INT(s.changes, INT64_MAX);
    CHECK_STR(s.volume, "volume -6 dB");
    CHECK_STR(s.click, "click off");
    CHECK_STR(s.listening, "");
    /* Listening is shown only while spoken commands are heard. */
    for (int l = CONTROL_LISTEN_OFF; l <= CONTROL_LISTEN_CANNOT; l++) {
        show_make(&s, &(struct show_input){.tl = &f->tl, .now = roll->start, .listen = l});
        CHECK_STR(s.listening, l == CONTROL_LISTEN_ON ? "listening" : "");
        CHECK_INT(s.spoken, l == CONTROL_LISTEN_SOON || l == CONTROL_LISTEN_ON);
    }
    /* Holding: no clicks at all. */
    s = at(f, phase(&f->tl, 0, SCRIPT_SIDE_LEFT, TLP_HOLD, 0)->start);
    CHECK_INT(s.pulse, -1);
}

static void test_words(const struct test_fixture *f)
{
    /* While a cue sounds its words, and not a frame longer; the 3-2-1
     * count leaves the phase's words up. */
    int64_t t = cue_at(f, "r.sit", 0);
    CHECK(t > 0);
    struct show s = at(f, t);
    CHECK_STR(s.words, "Sit on the floor.");
    CHECK(s.speaking);
    s = at(f, t + SEC - 1);
    CHECK(s.speaking);
    CHECK_INT(s.changes, t + SEC);
    s = at(f, t + SEC);
    CHECK(!s.speaking);
    CHECK_STR(s.words, "Sit on the floor."); /* the phase's own words stay up */
    const struct tl_phase *hold = phase(&f->tl, 0, SCRIPT_SIDE_LEFT, TLP_HOLD, 0);
    s = at(f, hold->start);
    CHECK_STR(s.words, "Stop on the sore spot and hold.");
    int64_t three = cue_at(f, "count.3", hold->start);
    if (three > 0 && three < hold->end) {
        s = at(f, three);
        CHECK(s.speaking);
        CHECK_STR(s.words, "Stop on the sore spot and hold.");
    }
}

static void test_end_and_clocks(const struct test_fixture *f)
{
    const struct tl_phase *done = phase(&f->tl, -1, SCRIPT_SIDE_NONE, TLP_DONE, 0);
    CHECK(done != NULL);
    if (!done)
        return;
    struct show s = at(f, done->start);
    CHECK(s.done && !s.intro);
    CHECK_STR(s.header, "Finished");
    CHECK_STR(s.name, "Session complete");
    CHECK_STR(s.phase_label, "DONE");
    CHECK_STR(s.count, "");
    CHECK_STR(s.next, "");
    s = at(f, f->tl.length);
    CHECK(s.done);
    char tot[16];
    CHECK_STR(s.elapsed, show_clock(tot, sizeof tot, f->tl.length, RATE));
    CHECK_STR(s.total, tot);
    /* The clock: cut to whole seconds; hours when there are. */
    CHECK_STR(show_clock(tot, sizeof tot, 59 * SEC + SEC - 1, RATE), "0:59");
    CHECK_STR(show_clock(tot, sizeof tot, 3600 * SEC + 62 * SEC, RATE), "1:01:02");
    CHECK_STR(show_clock(tot, sizeof tot, -5, RATE), "0:00");
    s = at(f, 61 * SEC);
    CHECK_STR(s.elapsed, "1:01");
    CHECK_STR(s.fast, "");
}

/* ends_with: s ends with the text end. */
static int ends_with(const char *s, const char *end)
{
    size_t a = strlen(s), b = strlen(end);
    return a >= b && strcmp(s + a - b, end) == 0;
}

/* The terminal's status line: its clock is the frame's, cut to whole
 * seconds, at every width a terminal has, and the line never wider than
 * the terminal; the clock turns on exactly the frame a second begins. */
static void test_status_line(const struct test_fixture *f)
{
    char line[512], el[16], tot[16], want[40];
    show_clock(tot, sizeof tot, f->tl.length, RATE);
    static const int widths[] = {79, 49, 39, 29, 24};
    for (int64_t t = 0; t <= f->tl.length; t += SEC / 4) {
        struct show s = at(f, t);
        show_clock(el, sizeof el, t, RATE);
        snprintf(want, sizeof want, "  %s/%s", el, tot);
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
            show_status_line(line, sizeof line, &s, widths[w], "\u2026");
            CHECK(show_columns(line) <= widths[w]);
            if (widths[w] == 79)
                CHECK(ends_with(line, want));
            /* The total gives way before the clock, the clock before the
             * muscle and its side, which stay whole while they fit. */
            if (!ends_with(line, want) && !ends_with(line, el) && s.step >= 0 &&
                widths[w] >= 4 + show_columns(s.name) + 2 + 6 + 2 + (int)strlen(s.phase_label) + 5)
                CHECK(strstr(line, s.name) != NULL);
            /* With room for all of it, the clock is there. */
            if (show_columns(line) + 2 + show_columns(el) <= widths[w])
                CHECK(ends_with(line, want) || ends_with(line, el));
        }
    }
    struct show s = at(f, 60 * SEC - 1);
    show_status_line(line, sizeof line, &s, 79, "...");
    snprintf(want, sizeof want, "  0:59/%s", tot);
    CHECK(ends_with(line, want));
    s = at(f, 60 * SEC);
    show_status_line(line, sizeof line, &s, 79, "...");
    snprintf(want, sizeof want, "  1:00/%s", tot);
    CHECK(ends_with(line, want));
    s = at(f, 62 * SEC + SEC / 2);
    show_status_line(line, sizeof line, &s, 39, "...");
    CHECK(strstr(line, "  1:02") != NULL);
}

/* ---- the phases' colours ---- */

static double linear(uint32_t rgb, int shift)
{
    double c = (double)((rgb >> shift) & 0xff) / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/* WCAG's contrast ratio of two colours. */
static double contrast(uint32_t a, uint32_t b)
{
    double la = 0.2126 * linear(a, 16) + 0.7152 * linear(a, 8) + 0.0722 * linear(a, 0);
    double lb = 0.2126 * linear(b, 16) + 0.7152 * linear(b, 8) + 0.0722 * linear(b, 0);
    return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

/* CIELAB of a colour as seen with a colour-vision deficiency: Machado,
 * Oliveira and Fernandes (2009), severity 1, on linear RGB; NULL: as is. */
static void seen(uint32_t rgb, const double m[3][3], double lab[3])
{
    double v[3] = {linear(rgb, 16), linear(rgb, 8), linear(rgb, 0)}, w[3];
    for (int i = 0; i < 3; i++) {
        w[i] = m ? m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2] : v[i];
        w[i] = fmin(1.0, fmax(0.0, w[i]));
    }
    double x = (0.4124 * w[0] + 0.3576 * w[1] + 0.1805 * w[2]) / 0.95047;
    double y = 0.2126 * w[0] + 0.7152 * w[1] + 0.0722 * w[2];
    double z = (0.0193 * w[0] + 0.1192 * w[1] + 0.9505 * w[2]) / 1.08883;
    double f[3] = {x, y, z};
    for (int i = 0; i < 3; i++)
        f[i] = f[i] > 0.008856 ? cbrt(f[i]) : 7.787 * f[i] + 16.0 / 116.0;
    lab[0] = 116 * f[1] - 16;
    lab[1] = 500 * (f[0] - f[1]);
    lab[2] = 200 * (f[1] - f[2]);
}

/* Each phase's colour reads on the window's ground (WCAG AA for text,
 * 4.5:1) and stays apart from every other (CIE76 distance 20 or more) as
 * anyone sees it, and as people with protanopia and deuteranopia do. */
static void test_colours(void)
{
    static const double protan[3][3] = {{0.152286, 1.052583, -0.204868},
                                        {0.114503, 0.786281, 0.099216},
                                        {-0.003882, -0.048116, 1.051998}};
    static const double deutan[3][3] = {{0.367322, 0.860646, -0.227968},
                                        {0.280085, 0.672501, 0.047413},
                                        {-0.011820, 0.042940, 0.968881}};
    static const uint32_t colour[] = {SHOW_COLOUR_LISTEN, SHOW_COLOUR_READY,  SHOW_COLOUR_ROLL,
                                      SHOW_COLOUR_HOLD,   SHOW_COLOUR_SWITCH, SHOW_COLOUR_REST};
    const double(*sight[3])[3] = {NULL, protan, deutan};
    static const char *const named[3] = {"as is", "protanopia", "deuteranopia"};
    int n = (int)(sizeof colour / sizeof colour[0]);
    double least_contrast = 99;
    for (int i = 0; i < n; i++)
        least_contrast = fmin(least_contrast, contrast(colour[i], SHOW_GROUND));
    CHECK(least_contrast >= 4.5);
    printf("phase colours: contrast on the ground %.1f:1 at least;", least_contrast);
    for (int k = 0; k < 3; k++) {
        double least = 1e9;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                double a[3], b[3];
                seen(colour[i], sight[k], a);
                seen(colour[j], sight[k], b);
                least = fmin(least,
                             sqrt(pow(a[0] - b[0], 2) + pow(a[1] - b[1], 2) + pow(a[2] - b[2], 2)));
            }
        CHECK(least >= 20.0);
        printf(" %s, pairs %.1f apart at least%s", named[k], least, k < 2 ? ";" : "\n");
    }
}

int main(void)
{
    struct test_fixture f;
    if (fixture_make(&f, 1.0) != 0) {
        fprintf(stderr, "cannot make the test routine\n");
        return 1;
    }
    test_introduction(&f);
    test_labels(&f);
    test_countdown_and_pulse(&f);
    test_words(&f);
    test_end_and_clocks(&f);
    test_status_line(&f);
    test_colours();
    test_fixture_free(&f);

    /* --fast: said so. */
    if (fixture_make(&f, 8.0) == 0) {
        struct show s = at(&f, 0);
        CHECK_STR(s.fast, "fast \u00D78");
    } else {
        CHECK(0);
    }
    test_fixture_free(&f);
    return check_done("test_show");
}
