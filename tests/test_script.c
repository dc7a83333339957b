/* SPDX-License-Identifier: MIT */
/* test_script.c — the routine parser: valid routines give the right structure,
 * and each broken one gives its error or warning at the exact line and column.
 * Also the diagnostics' printed form (text and JSON), script_load's refusals,
 * and include: files in a temporary folder, each case its own tree. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* mkdtemp, mkfifo, symlink */
#endif

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "area.h"
#include "check.h"
#include "diag.h"
#include "phrase.h"
#include "script.h"

#define HEAD "routine \"T\"\n"
/* A routine that is fine up to line 3, so a case's own line is line 4. */
#define S HEAD "step s \"S\"\n  roll 45s\n"

static struct routine *parse(const char *text, size_t len, struct diags *d)
{
    return script_parse("t.roll", text, len, d);
}

/* ---- valid routines ---- */

static const char example[] =
    "# Calves, both legs, after a run.\n"
    "routine \"Calf reset\"\n"
    "about   \"Two minutes a leg for tight calves.\"\n"
    "ball    lacrosse\n"
    "pace    1s\n"
    "\n"
    "say welcome \"Sit on the floor with the ball beside you.\"\n"
    "\n"
    "step calves \"Calves\"  area=calf  sides=both\n"
    "  announce calves.next \"Next, the calves.\"\n"
    "  say  calves.setup \"Sit with one leg straight.\"\n"
    "  roll 45s calves.roll \"Roll slowly up and down the calf, one inch each click.\"\n"
    "  hold 20s calves.hold \"Found a sore spot? Stay on it.\"\n";

/* The author, a header line like about: the artist of a rendered file. */
static void test_author(void)
{
    static const char text[] = "routine \"Calf reset\"\n"
                               "author  \"Sam Okafor\"\n"
                               "step calves \"Calves\" area=calf\n"
                               "  roll 45s\n";
    struct diags d = {0};
    struct routine *r = parse(text, sizeof text - 1, &d);
    CHECK(r != NULL);
    CHECK_INT(d.errors, 0);
    if (r)
        CHECK_STR(r->author, "Sam Okafor");
    script_free(r);
    diags_free(&d);
}

static void test_example(void)
{
    struct diags d = {0};
    struct routine *r = parse(example, sizeof example - 1, &d);
    CHECK(r != NULL);
    CHECK_INT(d.n, 0);
    if (!r)
        return;
    CHECK_STR(r->path, "t.roll");
    CHECK_STR(r->title, "Calf reset");
    CHECK_STR(r->about, "Two minutes a leg for tight calves.");
    CHECK_STR(r->ball, "lacrosse");
    CHECK_INT(r->pace_ms, 1000);

    CHECK_INT(r->nintro, 1);
    CHECK_INT(r->intro[0].kind, SCRIPT_PHASE_SAY);
    CHECK_INT(r->intro[0].ms, -1);
    CHECK_INT(r->intro[0].cue, 0);
    CHECK_INT(r->intro[0].line, 7);
    CHECK_INT(r->intro[0].col, 1);

    CHECK_INT(r->nsteps, 1);
    const struct script_step *st = &r->steps[0];
    CHECK_STR(st->id, "calves");
    CHECK_STR(st->name, "Calves");
    CHECK_STR(st->area, "calf");
    CHECK(st->ball == NULL);
    CHECK_INT(st->sides, SCRIPT_SIDES_BOTH);
    CHECK_INT(st->pace_ms, 0);
    CHECK_INT(st->line, 9);
    CHECK_INT(st->col, 1);
    CHECK_INT(st->announce, 1);
    CHECK_INT(st->nphases, 3);
    static const struct {
        enum script_phase_kind kind;
        int64_t ms;
        int cue, line, col;
    } want[] = {
        {SCRIPT_PHASE_SAY, -1, 2, 11, 3},
        {SCRIPT_PHASE_ROLL, 45000, 3, 12, 3},
        {SCRIPT_PHASE_HOLD, 20000, 4, 13, 3},
    };
    for (int i = 0; i < 3 && i < st->nphases; i++) {
        CHECK_INT(st->phases[i].kind, want[i].kind);
        CHECK_INT(st->phases[i].ms, want[i].ms);
        CHECK_INT(st->phases[i].cue, want[i].cue);
        CHECK_INT(st->phases[i].line, want[i].line);
        CHECK_INT(st->phases[i].col, want[i].col);
    }

    /* The routine's own cues in order, then every builtin phrase. */
    static const struct {
        const char *id, *text;
        int line, col;
    } cues[] = {
        {"welcome", "Sit on the floor with the ball beside you.", 7, 5},
        {"calves.next", "Next, the calves.", 10, 12},
        {"calves.setup", "Sit with one leg straight.", 11, 8},
        {"calves.roll", "Roll slowly up and down the calf, one inch each click.", 12, 12},
        {"calves.hold", "Found a sore spot? Stay on it.", 13, 12},
    };
    CHECK_INT(r->ncues, 5 + phrase_count);
    for (int i = 0; i < 5 && i < r->ncues; i++) {
        CHECK_STR(r->cues[i].id, cues[i].id);
        CHECK_STR(r->cues[i].text, cues[i].text);
        CHECK_INT(r->cues[i].line, cues[i].line);
        CHECK_INT(r->cues[i].col, cues[i].col);
        CHECK_INT(r->cues[i].builtin, 0);
    }
    for (int i = 0; i < phrase_count && 5 + i < r->ncues; i++) {
        const struct script_cue *c = &r->cues[5 + i];
        CHECK_STR(c->id, phrase_table[i].id);
        CHECK_STR(c->text, phrase_table[i].text);
        CHECK_INT(c->builtin, 1);
        CHECK_INT(c->line, 0);
    }
    CHECK_INT(script_cue_find(r, "calves.roll"), 3);
    CHECK_INT(script_cue_find(r, PHRASE_END), 5 + (int)(phrase_find(PHRASE_END) - phrase_table));
    CHECK_INT(script_cue_find(r, "nope"), -1);
    script_free(r);
    diags_free(&d);
}

static const char defaults[] =
    "routine \"Defaults\"\n"
    "rest 5s\n"
    "say 3s hello \"Hello.\"\n"
    "step quads \"Quads\"\n"
    "  roll 1m\n"
    "  say again \"Again.\"\n"
    "  hold 30s phase.hold\n"
    "  say hello\n"
    "step back-2 \"Upper back?\" ball=\"foam roller\" pace=2s sides=left\n"
    "  say later\n"
    "  rest 1m30.5s later \"Later.\"\n"
    "  say quads.name\n"
    "step last_one \"Last\"\n"
    "  announce done \"All done\"\n"
    "  rest 10s done\n";

static void test_defaults(void)
{
    struct diags d = {0};
    struct routine *r = parse(defaults, sizeof defaults - 1, &d);
    CHECK(r != NULL);
    CHECK_INT(d.n, 0);
    if (!r)
        return;
    CHECK(r->about == NULL);
    CHECK(r->author == NULL);
    CHECK(r->ball == NULL);
    CHECK_INT(r->pace_ms, 1000);

    /* The introduction may hold rest and say. */
    CHECK_INT(r->nintro, 2);
    CHECK_INT(r->intro[0].kind, SCRIPT_PHASE_REST);
    CHECK_INT(r->intro[0].ms, 5000);
    CHECK_INT(r->intro[0].cue, -1);
    CHECK_INT(r->intro[1].ms, 3000);
    CHECK_INT(r->intro[1].cue, 0);

    /* Cues in order of first appearance; an unannounced step gets ID.name
     * at its own line, before the cues of its phases. */
    static const char *const ids[] = {"hello",       "quads.name", "again",
                                      "back-2.name", "later",      "done"};
    static const char *const texts[] = {"Hello.",      "Quads.", "Again.",
                                        "Upper back?", "Later.", "All done"};
    CHECK_INT(r->ncues, 6 + phrase_count);
    for (int i = 0; i < 6; i++) {
        CHECK_STR(r->cues[i].id, ids[i]);
        CHECK_STR(r->cues[i].text, texts[i]);
    }
    CHECK_INT(r->cues[1].line, 4);
    CHECK_INT(r->cues[1].col, 6);
    CHECK_INT(r->cues[4].line, 10); /* named alone first, given its text a line later */
    CHECK_INT(r->cues[4].col, 7);

    CHECK_INT(r->nsteps, 3);
    const struct script_step *q = &r->steps[0], *b = &r->steps[1], *l = &r->steps[2];
    CHECK(q->area == NULL);
    CHECK(q->ball == NULL);
    CHECK_INT(q->sides, SCRIPT_SIDES_NONE);
    CHECK_INT(q->pace_ms, 0);
    CHECK_INT(q->announce, 1);
    CHECK_INT(q->nphases, 4);
    CHECK_INT(q->phases[0].ms, 60000);
    CHECK_INT(q->phases[0].cue, -1); /* rollout's default words, chosen at compile */
    CHECK_INT(q->phases[1].cue, 2);
    CHECK_INT(q->phases[2].cue, script_cue_find(r, PHRASE_HOLD));
    CHECK_INT(q->phases[3].cue, 0);

    CHECK_STR(b->id, "back-2");
    CHECK_STR(b->ball, "foam roller");
    CHECK_INT(b->pace_ms, 2000);
    CHECK_INT(b->sides, SCRIPT_SIDES_LEFT);
    CHECK_INT(b->announce, 3);
    CHECK_INT(b->phases[0].cue, 4);
    CHECK_INT(b->phases[1].ms, 90500);
    CHECK_INT(b->phases[1].cue, 4);
    CHECK_INT(b->phases[2].cue, 1);

    CHECK_INT(l->announce, 5);
    CHECK_INT(l->phases[0].cue, 5);
    CHECK_INT(script_cue_find(r, "last_one.name"), -1);

    CHECK_INT(script_step_find(r, "quads"), 0);
    CHECK_INT(script_step_find(r, "BACK-2"), 1);
    CHECK_INT(script_step_find(r, "upper back?"), 1);
    CHECK_INT(script_step_find(r, "last"), 2);
    CHECK_INT(script_step_find(r, "3"), 2);
    CHECK_INT(script_step_find(r, "1"), 0);
    CHECK_INT(script_step_find(r, "0"), -1);
    CHECK_INT(script_step_find(r, "4"), -1);
    CHECK_INT(script_step_find(r, "99999999999999999999"), -1);
    CHECK_INT(script_step_find(r, ""), -1);
    CHECK_INT(script_step_find(r, "calves"), -1);
    script_free(r);
    diags_free(&d);
}

static void test_durations(void)
{
    static const struct {
        const char *text;
        int64_t ms;
    } cases[] = {
        {"45s", 45000},
        {"1m30s", 90000},
        {"2m", 120000},
        {"500ms", 500},
        {"1.5s", 1500},
        {"1h", 3600000},
        {"1h2m3s4ms", 3723004},
        {"0.001h", 3600},
        {"1.125s", 1125},
        {"1.5m", 90000},
        {"1m30.5s", 90500},
        {"007s", 7000},
        {"24h", 86400000},
        {"23h59m59.999s", 86399999},
        {"1ms", 1},
        {"2s500ms", 2500},
        {"90s", 90000},     /* no larger unit before it: as meant */
        {"1h90s", 3690000}, /* less than the hour before it */
        {"1m59.999s", 119999},
        {"1s999ms", 1999},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, HEAD "step s \"S\"\n  rest %s\n", cases[i].text);
        struct diags d = {0};
        struct routine *r = parse(text, strlen(text), &d);
        CHECK(r != NULL);
        if (r && r->nsteps == 1 && r->steps[0].nphases == 1) {
            if (r->steps[0].phases[0].ms != cases[i].ms)
                fprintf(stderr, "duration %s\n", cases[i].text);
            CHECK_INT(r->steps[0].phases[0].ms, cases[i].ms);
        }
        script_free(r);
        diags_free(&d);
    }
}

/* CRLF, a byte order mark, tabs and comments change nothing, and columns
 * still count bytes from the start of the line proper. */
static void test_encoding(void)
{
    static const char text[] = "\xEF\xBB\xBFroutine \"Caf\xC3\xA9\"\r\n"
                               "\tpace 1s # one click a second\r\n"
                               "# a comment \"with quotes\r\n"
                               "\r\n"
                               "step s \"S \\\"quoted\\\" \\\\ #\"\tarea=calf sides=both\r\n"
                               "\troll\t45s\r\n"
                               "\troll 2s";
    struct diags d = {0};
    struct routine *r = parse(text, sizeof text - 1, &d);
    CHECK(r != NULL);
    CHECK_INT(d.errors, 0);
    CHECK_INT(d.warnings, 1);
    if (d.n == 1) {
        CHECK_INT(d.v[0].line, 7);
        CHECK_INT(d.v[0].col, 14); /* the tab takes 8 columns */
        CHECK_STR(d.v[0].src, "\troll 2s");
    }
    if (r) {
        CHECK_STR(r->title, "Caf\xC3\xA9");
        CHECK_STR(r->steps[0].name, "S \"quoted\" \\ #");
        CHECK_STR(r->steps[0].area, "calf");
        CHECK_INT(r->steps[0].nphases, 2);
        CHECK_STR(r->cues[0].text, "S \"quoted\" \\ #.");
    }
    script_free(r);
    diags_free(&d);

    /* A byte order mark does not move line 1's columns. */
    static const char bom[] = "\xEF\xBB\xBFroutin \"T\"\n";
    r = parse(bom, sizeof bom - 1, &d);
    CHECK(r == NULL);
    CHECK(d.n >= 1 && d.v[0].line == 1 && d.v[0].col == 1);
    diags_free(&d);
}

/* ---- broken routines ---- */

struct bad {
    const char *text;
    size_t len; /* 0: strlen(text); set for text with a NUL in it */
    enum diag_severity sev;
    int line, col;
    const char *msg;  /* a substring of the message */
    const char *hint; /* a substring of the hint, or NULL for none to check */
    int n;            /* diagnostics expected in all; 0 means 1 */
};

#define E           DIAG_ERROR
#define W           DIAG_WARNING
#define WITH_NUL(s) s, sizeof s - 1

static const struct bad bad[] = {
    /* statements */
    {S "  hodl 20s\n", 0, E, 4, 3, "unknown statement 'hodl'", "did you mean 'hold'?", 0},
    {S "  Roll 5s\n", 0, E, 4, 3, "unknown statement 'Roll'", "did you mean 'roll'?", 0},
    {S "  annonce a \"A\"\n", 0, E, 4, 3, "unknown statement 'annonce'", "did you mean 'announce'?",
     0},
    {S "  jump 5s\n", 0, E, 4, 3, "unknown statement 'jump'", "a line starts with routine", 0},
    {S "  \"Roll slowly.\"\n", 0, E, 4, 3, "expected a statement, found text", NULL, 0},
    {S "  roll 45s a \"A\" extra\n", 0, E, 4, 18, "unexpected 'extra' after the statement", NULL,
     0},
    {S "  roll 45s a \"A\" \"B\"\n", 0, E, 4, 18, "unexpected text after the statement", NULL, 0},

    /* durations */
    {S "  hold 45sec\n", 0, E, 4, 10, "unknown unit 'sec'", "write seconds as 's', e.g. 45s", 0},
    {S "  hold 45seconds\n", 0, E, 4, 10, "unknown unit 'seconds'", "write seconds as 's'", 0},
    {S "  hold 2mins\n", 0, E, 4, 9, "unknown unit 'mins'", "write minutes as 'm', e.g. 2m", 0},
    {S "  hold 1hr\n", 0, E, 4, 9, "unknown unit 'hr'", "write hours as 'h', e.g. 1h", 0},
    {S "  hold 500msec\n", 0, E, 4, 11, "unknown unit 'msec'", "write milliseconds as 'ms'", 0},
    {S "  hold 45S\n", 0, E, 4, 10, "unknown unit 'S'", "lower case", 0},
    {S "  hold 45x\n", 0, E, 4, 10, "unknown unit 'x'", "units are h, m, s and ms", 0},
    {S "  hold 45\n", 0, E, 4, 8, "duration '45' has no unit", "add a unit: 45s", 0},
    {S "  hold 1m30\n", 0, E, 4, 8, "duration '1m30' has no unit", "add a unit: 1m30s", 0},
    {HEAD "pace 1\n"
          "step s \"S\"\n  roll 45s\n",
     0, E, 2, 6, "duration '1' has no unit", "add a unit: 1s", 0},
    {S "  hold 1s30m\n", 0, E, 4, 10, "from the largest unit to the smallest", NULL, 0},
    {S "  hold 1m1m\n", 0, E, 4, 10, "from the largest unit to the smallest", NULL, 0},
    {S "  hold 1.5m30s\n", 0, E, 4, 8, "only the last part of a duration may have a decimal", NULL,
     0},
    {S "  hold 1.2345s\n", 0, E, 4, 8, "at most three decimals", NULL, 0},
    {S "  hold 1.s\n", 0, E, 4, 9, "expected digits after the decimal point", NULL, 0},
    {S "  hold 1.5ms\n", 0, E, 4, 9, "milliseconds must be whole", NULL, 0},
    {S "  hold 1m-30s\n", 0, E, 4, 10, "expected a number in duration '1m-30s'", NULL, 0},
    {S "  hold 25h\n", 0, E, 4, 8, "duration '25h' is longer than 24 hours", NULL, 0},
    /* One error, not also a missing duration and a bad cue id. */
    {S "  hold -5s\n", 0, E, 4, 8, "duration '-5s' cannot be negative", "e.g. 45s", 0},
    {S "  roll -1m calves.roll \"Roll.\"\n", 0, E, 4, 8, "duration '-1m' cannot be negative", NULL,
     0},
    {S "  say -2s a \"A\"\n", 0, E, 4, 7, "duration '-2s' cannot be negative", NULL, 0},
    {S "  hold 1m75s\n", 0, E, 4, 10, "in duration '1m75s', '75s' is a minute or more",
     "it adds up to 2m15s", 0},
    {S "  hold 1h75m\n", 0, E, 4, 10, "'75m' is an hour or more", "it adds up to 2h15m", 0},
    {S "  hold 1s1500ms\n", 0, E, 4, 10, "'1500ms' is a second or more", "it adds up to 2.5s", 0},
    {S "  hold 1m60.5s\n", 0, E, 4, 10, "'60.5s' is a minute or more", "2m0.5s", 0},
    {S "  hold 1h3600s\n", 0, E, 4, 10, "'3600s' is an hour or more", "2h", 0},
    {S "  hold 24h1ms\n", 0, E, 4, 8, "is longer than 24 hours", NULL, 0},
    {S "  hold 99999999999999999999999999s\n", 0, E, 4, 8, "is longer than 24 hours", NULL, 0},
    {S "  hold 0s\n", 0, E, 4, 8, "'hold' needs a duration longer than zero", NULL, 0},
    {S "  roll 0ms\n", 0, E, 4, 8, "'roll' needs a duration longer than zero", NULL, 0},
    {S "  rest 0.000s\n", 0, E, 4, 8, "'rest' needs a duration longer than zero", NULL, 0},
    {S "  say 0m a \"A\"\n", 0, E, 4, 7, "'say' needs a duration longer than zero", NULL, 0},

    /* phases */
    {S "  roll calves.roll \"Roll.\"\n", 0, E, 4, 8, "'roll' needs a duration", "e.g. roll 45s", 0},
    {S "  hold\n", 0, E, 4, 7, "'hold' needs a duration", NULL, 0},
    {S "  say\n", 0, E, 4, 6, "expected a cue", "e.g. say", 0},
    {S "  say 5s   # no cue\n", 0, E, 4, 9, "expected a cue", NULL, 0},
    {S "  say \"Hello.\"\n", 0, E, 4, 7, "text needs a cue id before it", NULL, 0},
    {S "  roll 45s \"Roll.\"\n", 0, E, 4, 12, "text needs a cue id before it", "e.g. roll 45s", 0},
    {S "  say _x \"A\"\n", 0, E, 4, 7, "invalid cue id '_x'", "starts with a letter", 0},
    {S "  say a/b \"A\"\n", 0, E, 4, 7, "invalid cue id 'a/b'", NULL, 0},
    {HEAD "roll 45s\nstep s \"S\"\n  roll 45s\n", 0, E, 2, 1, "'roll' must be inside a step",
     "only say and rest", 0},
    {HEAD "hold 5s\nstep s \"S\"\n  roll 45s\n", 0, E, 2, 1, "'hold' must be inside a step", NULL,
     0},
    {HEAD "announce a \"A\"\nstep s \"S\"\n  roll 45s\n", 0, E, 2, 1,
     "'announce' must be inside a step", NULL, 0},
    {S "  announce a \"A\"\n  announce b \"B\"\n", 0, E, 5, 3,
     "'announce' is given twice in this step", "first given at line 4", 0},
    {S "  announce\n", 0, E, 4, 11, "expected a cue", "e.g. announce", 0},

    /* cues */
    {S "  say a \"One.\"\n  say a \"Two.\"\n", 0, E, 5, 9, "cue 'a' already has a different text",
     "first defined at line 4: \"One.\"", 0},
    {S "  say a\n  say b \"B\"\n  say a \"One.\"\n  say a \"Two.\"\n", 0, E, 7, 9,
     "cue 'a' already has a different text", "first defined at line 6", 0},
    {S "  say nope\n", 0, E, 4, 7, "cue 'nope' is never given a text",
     "add its words in quotes where it is first used: nope \"...\"", 0},
    /* Words left out are far likelier than a misspelt id: adding them
     * comes first, the near cue only as the other way out. */
    {S "  say abc \"A\"\n  say abd\n", 0, E, 5, 7, "cue 'abd' is never given a text",
     "add its words in quotes where it is first used: abd \"...\", or name a cue that has "
     "words, such as 'abc'",
     0},
    {S "  roll 45s calves.roll1 \"Roll.\"\n  roll 45s calves.roll2\n", 0, E, 5, 12,
     "cue 'calves.roll2' is never given a text",
     "add its words in quotes where it is first used: calves.roll2 \"...\"", 0},
    {S "  roll 45s phase.rol\n", 0, E, 4, 12, "cue 'phase.rol' is never given a text",
     "such as 'phase.roll'", 0},
    {S "  say side.left \"Left!\"\n", 0, E, 4, 7, "cue id 'side.left' is reserved", "alone", 0},
    {S "  say a \"\"\n", 0, E, 4, 9, "a cue's text cannot be empty", NULL, 0},
    {HEAD "say s.name \"Hi.\"\nstep s \"S\"\n  roll 45s\n", 0, E, 3, 6,
     "cue 's.name' already has a different text", "add an announce line", 0},

    /* text */
    {S "  say a \"open\n", 0, E, 4, 9, "text has no closing quote", "on one line", 0},
    {S "  say a \"x\\ty\"\n", 0, E, 4, 11, "unknown escape '\\t'", "\\\" for a quote", 0},
    {WITH_NUL(S "  say a \"x\0y\"\n"), E, 4, 11, "NUL byte", NULL, 0},
    {S "  say a \"caf\xE9\"\n", 0, E, 4, 13, "invalid UTF-8 byte 0xE9", "UTF-8", 0},
    {S "  say a \"\xC0\xAF\"\n", 0, E, 4, 10, "invalid UTF-8 byte 0xC0", NULL, 0},
    {S "  say a \"\xED\xA0\x80\"\n", 0, E, 4, 10, "invalid UTF-8 byte 0xED", NULL, 0},
    {S "  say a \"\xF4\x90\x80\x80\"\n", 0, E, 4, 10, "invalid UTF-8 byte 0xF4", NULL, 0},
    {S "  say a \"\xE2\x82\"\n", 0, E, 4, 10, "invalid UTF-8 byte 0xE2", NULL, 0},
    {S "  say a \"x\x01\"\n", 0, E, 4, 11, "control character 0x01", NULL, 0},
    {S "  roll 45s\r\r\n", 0, E, 4, 11, "control character 0x0D", NULL, 0},
    {S "  say a \"x\xC2\x9B[31m\"\n", 0, E, 4, 11, "control character U+009B", NULL, 0},
    {S "  say a \"x\xC2\x85y\"\n", 0, E, 4, 11, "control character U+0085", NULL, 0},
    {S "  say a \"\xC2\xA0\xC2\x9D\"\n", 0, E, 4, 11, "control character U+009D", NULL, 0},
    /* two files joined: the second's byte-order mark, named, and the line
     * still read (no "unknown statement" as well) */
    {S "\xEF\xBB\xBF  roll 45s\n", 0, E, 4, 1, "byte-order mark in the middle of the file",
     "only the very start", 0},
    {S "  roll 45s \xEF\xBB\xBF\n", 0, E, 4, 12, "byte-order mark in the middle", NULL, 0},

    /* columns as a terminal shows them: wide characters take two, combining
     * marks none, a tab runs to the next multiple of 8, a control character
     * what its visible form takes */
    {S "  say a \"\xE4\xB8\xAD\xE6\x96\x87\" x\n", 0, E, 4, 16, "unexpected 'x'", NULL, 0},
    {S "  say a \"\xF0\x9F\x8E\xBE\" x\n", 0, E, 4, 14, "unexpected 'x'", NULL, 0},
    {S "  say a \"e\xCC\x81\" x\n", 0, E, 4, 13, "unexpected 'x'", NULL, 0},
    {S "\troll 45sec\n", 0, E, 4, 16, "unknown unit 'sec'", NULL, 0},
    {S "  \t roll 45sec\n", 0, E, 4, 17, "unknown unit 'sec'", NULL, 0},
    {S "  say a \"\xE4\xB8\xAD\" \"\xE6\x96\x87\"\n", 0, E, 4, 14, "unexpected text", NULL, 0},

    /* the routine's statements */
    {"step s \"S\"\n  roll 45s\n", 0, E, 0, 0, "the routine has no title", "routine \"TITLE\"", 0},
    {"", 0, E, 0, 0, "the routine has no title", NULL, 2},
    {"routine Calf reset\nstep s \"S\"\n  roll 45s\n", 0, E, 1, 9,
     "the title must be in double quotes", "routine \"Calf reset\"", 0},
    {"routine\nstep s \"S\"\n  roll 45s\n", 0, E, 1, 8, "expected the title in double quotes", NULL,
     0},
    {"routine \"\"\nstep s \"S\"\n  roll 45s\n", 0, E, 1, 9, "the title cannot be empty", NULL, 0},
    {HEAD "routine \"U\"\nstep s \"S\"\n  roll 45s\n", 0, E, 2, 1, "'routine' is given twice",
     "first given at line 1", 0},
    {HEAD "about \"A\"\nabout \"B\"\nstep s \"S\"\n  roll 45s\n", 0, E, 3, 1,
     "'about' is given twice", "first given at line 2", 0},
    {HEAD "about A\nstep s \"S\"\n  roll 45s\n", 0, E, 2, 7,
     "the description must be in double quotes", NULL, 0},
    {HEAD "author \"A\"\nauthor \"B\"\nstep s \"S\"\n  roll 45s\n", 0, E, 3, 1,
     "'author' is given twice", "first given at line 2", 0},
    {HEAD "author A\nstep s \"S\"\n  roll 45s\n", 0, E, 2, 8,
     "who wrote the routine must be in double quotes", NULL, 0},
    {HEAD "ball golf\nball tennis\nstep s \"S\"\n  roll 45s\n", 0, E, 3, 1, "'ball' is given twice",
     NULL, 0},
    {HEAD "ball\nstep s \"S\"\n  roll 45s\n", 0, E, 2, 5, "expected the ball", NULL, 0},
    {HEAD "pace 1s\npace 2s\nstep s \"S\"\n  roll 45s\n", 0, E, 3, 1, "'pace' is given twice",
     "first given at line 2", 0},
    {HEAD "pace\nstep s \"S\"\n  roll 45s\n", 0, E, 2, 5, "expected a duration after 'pace'", NULL,
     0},
    {HEAD "pace 100ms\nstep s \"S\"\n  roll 45s\n", 0, E, 2, 6,
     "pace 100ms is outside 250ms to 10s", NULL, 0},
    {HEAD "pace 11s\nstep s \"S\"\n  roll 1m\n", 0, E, 2, 6, "pace 11s is outside 250ms to 10s",
     NULL, 0},
    {S "pace 2s\n", 0, E, 4, 1, "'pace' must come before the first step", "pace=DURATION", 0},
    {S "ball golf\n", 0, E, 4, 1, "'ball' must come before the first step", "ball=WORD", 0},
    {S "routine \"U\"\n", 0, E, 4, 1, "'routine' must come before the first step", NULL, 0},

    /* steps */
    {HEAD "step\n  roll 45s\n", 0, E, 2, 5, "expected a step id and a name", NULL, 0},
    {HEAD "step \"Calves\"\n  roll 45s\n", 0, E, 2, 6, "expected a step id before the name", NULL,
     0},
    {HEAD "step calves\n  roll 45s\n", 0, E, 2, 12, "expected the step's name in double quotes",
     NULL, 0},
    {HEAD "step calves area=calf sides=both\n  roll 45s\n", 0, E, 2, 13,
     "expected the step's name in double quotes", NULL, 0},
    {HEAD "step calves Calves area=calf sides=both\n  roll 45s\n", 0, E, 2, 13,
     "the step's name must be in double quotes", "step calves \"Calves\"", 0},
    {HEAD "step calves \"\"\n  roll 45s\n", 0, E, 2, 13, "the step's name cannot be empty", NULL,
     0},
    {HEAD "step calf.left \"C\"\n  roll 45s\n", 0, E, 2, 6, "invalid step id 'calf.left'",
     "letters, digits, '_' and '-'", 0},
    {HEAD "step 2 \"C\"\n  roll 45s\n", 0, E, 2, 6, "invalid step id '2'", NULL, 0},
    {HEAD "step s \"S\"\n  roll 45s\nstep S \"T\"\n  roll 45s\n", 0, E, 4, 6,
     "step id 'S' is already used", "first used at line 2", 0},
    {HEAD "step s \"S\" aera=calf\n  roll 45s\n", 0, E, 2, 12, "unknown step setting 'aera'",
     "did you mean 'area'?", 0},
    {HEAD "step s \"S\" colour=red\n  roll 45s\n", 0, E, 2, 12, "unknown step setting 'colour'",
     "step settings are area=, sides=, ball= and pace=", 0},
    {HEAD "step s \"S\" area=calf area=shin sides=both\n  roll 45s\n", 0, E, 2, 22,
     "'area' is given twice", NULL, 0},
    {HEAD "step s \"S\" sides=bth\n  roll 45s\n", 0, E, 2, 18, "unknown sides value 'bth'",
     "did you mean 'both'? sides is one of none, left, right, both", 0},
    {HEAD "step s \"S\" sides=all\n  roll 45s\n", 0, E, 2, 18, "unknown sides value 'all'",
     "sides is one of none, left, right, both", 0},
    {HEAD "step s \"S\" area=\n  roll 45s\n", 0, E, 2, 17, "'area=' needs a value", NULL, 0},
    {HEAD "step s \"S\" ball= \"x\"\n  roll 45s\n", 0, E, 2, 17, "'ball=' needs a value", NULL, 2},
    {HEAD "step s \"S\" area=\"calf\"\n  roll 45s\n", 0, E, 2, 17, "'area=' takes a word", NULL, 0},
    {HEAD "step s \"S\" calf\n  roll 45s\n", 0, E, 2, 12, "expected a setting such as area=calf",
     NULL, 0},
    {HEAD "step s \"S\" pace=20s\n  roll 2m\n", 0, E, 2, 17, "pace 20s is outside 250ms to 10s",
     NULL, 0},

    /* warnings: the routine is still good */
    {HEAD "step s \"S\" area=hamstrings\n  roll 45s\n", 0, W, 2, 17,
     "unknown body area 'hamstrings'", "did you mean 'hamstring'? known areas: foot-arch, calf,",
     0},
    {S "  hold 1.5.3s\n", 0, E, 4, 11, "unexpected character in duration '1.5.3s'", NULL, 0},
    /* a step whose only phase line is wrong has that error, not also "no phases" */
    {HEAD "step s \"S\"\n  roll 45sec\n", 0, E, 3, 10, "unknown unit 'sec'", NULL, 0},
    {HEAD "step s \"S\" area=neck\n  roll 45s\n", 0, W, 2, 17, "unknown body area 'neck'",
     "known areas: foot-arch, calf, shin, hamstring, quadriceps, it-band, glutes, hip-flexor, "
     "adductors, lower-back, upper-back, lats, chest, forearm",
     0},
    {HEAD "pace 500ms\nstep s \"S\"\n  roll 45s\n", 0, W, 2, 6,
     "pace 500ms is faster than one click a second", "at most one inch per second", 0},
    {HEAD "step s \"S\" pace=250ms\n  roll 45s\n", 0, W, 2, 17,
     "pace 250ms is faster than one click", NULL, 0},
    {S "  roll 4s\n", 0, W, 4, 8, "a 4s roll is shorter than five clicks at a 1s pace",
     "roll for at least 5s", 0},
    {HEAD "step s \"S\" pace=2s\n  roll 9.5s\n", 0, W, 3, 8,
     "a 9.5s roll is shorter than five clicks at a 2s pace", "at least 10s", 0},
    {HEAD "pace 3s\nstep s \"S\"\n  roll 14s\n", 0, W, 4, 8, "at a 3s pace", "at least 15s", 0},
    {HEAD "step s \"S\"\nstep t \"T\"\n  roll 45s\n", 0, W, 2, 1, "step 's' has no phases",
     "add roll", 0},
    {S "step t \"T\"   # nothing yet\n", 0, W, 4, 1, "step 't' has no phases", NULL, 0},
    {HEAD "step s \"S\" sides=both\n  roll 31m\n", 0, W, 0, 0,
     "the phases add up to 1h2m, more than an hour", NULL, 0},
    {HEAD "say 30m a \"A\"\nstep s \"S\"\n  roll 30m\n  hold 0.5s\n", 0, W, 0, 0,
     "add up to 1h0.5s", NULL, 0},
    {HEAD "say a \"A\"\n", 0, W, 0, 0, "the routine has no steps", NULL, 0},

    /* sides used inconsistently */
    {HEAD "step s \"S\" area=calf\n  roll 45s\n", 0, W, 2, 17,
     "step 's' has no side, but area 'calf' has a left and a right",
     "add sides=both, or write one step with sides=left and one with sides=right", 0},
    {HEAD "step s \"S\" sides=none area=shin\n  roll 45s\n", 0, W, 2, 18,
     "step 's' has no side, but area 'shin' has a left and a right", NULL, 0},
    {HEAD "step s \"S\" area=chest sides=left\n  roll 45s\n", 0, W, 2, 29,
     "step 's' has sides=left, but area 'chest' is in the middle of the body",
     "leave out sides=: the back and the chest are rolled once, with no side", 0},
    {HEAD "step s \"S\" sides=both area=lower-back\n  roll 45s\n", 0, W, 2, 18,
     "step 's' has sides=both, but area 'lower-back' is in the middle of the body", NULL, 0},
    {HEAD "step s \"S\" area=calf sides=left\n  roll 45s\n", 0, W, 2, 1,
     "area 'calf' is rolled on the left side only",
     "add a step with area=calf sides=right, or make this one sides=both", 0},
    {HEAD "step a \"A\" area=glutes sides=right\n  roll 45s\n"
          "step b \"B\" area=glutes sides=right\n  roll 45s\n",
     0, W, 2, 1, "area 'glutes' is rolled on the right side only", "area=glutes sides=left", 0},

/* music: a path as an include's, at the top; the file need not be there */
#define MUSIC(line) HEAD line "step s \"S\"\n  roll 45s\n"
    {MUSIC("music\n"), 0, E, 2, 6, "expected the music's file or folder, in double quotes",
     "e.g. music \"music/calm.flac\"", 0},
    {MUSIC("music calm.flac\n"), 0, E, 2, 7, "the music's file or folder must be in double quotes",
     NULL, 0},
    {MUSIC("music \"\"\n"), 0, E, 2, 7, "the music's file or folder cannot be empty", NULL, 0},
    {MUSIC("music \"/srv/calm.flac\"\n"), 0, E, 2, 7, "music path '/srv/calm.flac' is absolute",
     "name it relative to this file's folder", 0},
    {MUSIC("music \"a/../../calm.flac\"\n"), 0, E, 2, 7,
     "music path 'a/../../calm.flac' leads outside the routine's folder", NULL, 0},
    {MUSIC("music \"a.flac\"\nmusic \"b.flac\"\n"), 0, E, 3, 1, "'music' is given twice",
     "first given at line 2", 0},
    {MUSIC("music \"a.flac\" loud\n"), 0, E, 2, 16, "unexpected 'loud' after the statement", NULL,
     0},
    {S "music \"a.flac\"\n", 0, E, 4, 1, "'music' must come before the first step", NULL, 0},

    /* include, as text: the files are not there */
    {S "include\n", 0, E, 4, 8, "expected the file to include, in double quotes",
     "e.g. include \"lib/legs.roll\" calves hamstrings", 0},
    {S "include lib.roll\n", 0, E, 4, 9, "the file to include must be in double quotes", NULL, 0},
    {S "include \"\"\n", 0, E, 4, 9, "the file to include cannot be empty", NULL, 0},
    {S "include \"/etc/passwd\"\n", 0, E, 4, 9, "include path '/etc/passwd' is absolute",
     "name it relative to this file's folder, e.g. lib/legs.roll", 0},
    {S "include \"../x.roll\"\n", 0, E, 4, 9,
     "include path '../x.roll' leads outside the routine's folder",
     "an included file must be in the routine's folder (./) or below it", 0},
    {S "include \"a/./b/../../../x.roll\"\n", 0, E, 4, 9,
     "include path 'a/./b/../../../x.roll' leads outside the routine's folder", NULL, 0},
    {S "include \"x.roll\" \"s\"\n", 0, E, 4, 18, "expected a step id, found text",
     "name the steps to include by their ids", 0},
    {S "include \"x.roll\" s 2x\n", 0, E, 4, 20, "invalid step id '2x'", NULL, 0},
    {S "include \"x.roll\" a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a\n", 0, E,
     4, 79, "too many step ids on one include line", "split the list over two include lines", 0},
    {S "include \"no-such-file.roll\"\n", 0, E, 4, 9,
     "cannot include 'no-such-file.roll': No such file or directory", NULL, 0},
    {S "include \"no-such-file.roll\"\n  roll 5s\n", 0, E, 5, 3, "'roll' must be inside a step",
     "an include ends the step above it: start a new step first", 2},
    {S "include \"no-such-file.roll\"\nsay a \"A\"\n", 0, E, 5, 1, "'say' must be inside a step",
     NULL, 2},
    {HEAD "include \"no-such-file.roll\"\npace 2s\nstep s \"S\"\n  roll 45s\n", 0, E, 3, 1,
     "'pace' must come before the first include", NULL, 2},
    {S "inclde \"x.roll\"\n", 0, E, 4, 1, "unknown statement 'inclde'", "did you mean 'include'?",
     0},
};

static void test_bad(void)
{
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const struct bad *b = &bad[i];
        struct diags d = {0};
        struct routine *r = parse(b->text, b->len ? b->len : strlen(b->text), &d);
        int found = 0;
        for (int k = 0; k < d.n; k++) {
            const struct diag *g = &d.v[k];
            if (g->severity == b->sev && g->line == b->line && g->col == b->col &&
                strstr(g->msg, b->msg) && (!b->hint || (g->hint && strstr(g->hint, b->hint))))
                found = 1;
        }
        int ok =
            found && d.n == (b->n ? b->n : 1) && (b->sev == DIAG_ERROR ? r == NULL : r != NULL);
        CHECK(ok);
        if (!ok) {
            fprintf(stderr, "case %zu: want %d:%d %s, got:\n", i, b->line, b->col, b->msg);
            diags_print(&d, stderr);
        }
        script_free(r);
        diags_free(&d);
    }
}

/* A music line keeps its path, from the routine's folder as written. */
static void test_music_line(void)
{
    static const char text[] = MUSIC("music \"beds/calm.flac\"\n");
    struct diags d = {0};
    struct routine *r = script_parse("dir/t.roll", text, sizeof text - 1, &d);
    CHECK(r != NULL);
    if (r)
        CHECK_STR(r->music, "dir/beds/calm.flac");
    script_free(r);
    diags_free(&d);
    r = parse(S, strlen(S), &d);
    CHECK(r && r->music == NULL);
    script_free(r);
    diags_free(&d);
}

/* Errors accumulate, each at its own line, in line order. */
static void test_many(void)
{
    static const char text[] = HEAD "step s \"S\"\n"
                                    "  say nope\n"
                                    "  roll 45\n"
                                    "  hold 5sec\n"
                                    "  rest\n"
                                    "  jump\n";
    struct diags d = {0};
    struct routine *r = parse(text, sizeof text - 1, &d);
    CHECK(r == NULL);
    CHECK_INT(d.errors, 5);
    static const int lines[] = {3, 4, 5, 6, 7};
    for (int i = 0; i < 5 && i < d.n; i++)
        CHECK_INT(d.v[i].line, lines[i]);
    diags_free(&d);

    /* Past a hundred errors the parser gives up. */
    size_t cap = 200 * 8 + 64, len = 0;
    char *big = malloc(cap);
    len += (size_t)snprintf(big, cap, HEAD);
    for (int i = 0; i < 200; i++)
        len += (size_t)snprintf(big + len, cap - len, "jump 1\n");
    r = parse(big, len, &d);
    CHECK(r == NULL);
    CHECK_INT(d.errors, 100); /* the note that says so is not an error */
    CHECK_INT(d.n, 101);
    CHECK(d.n > 0 && d.v[d.n - 1].severity == DIAG_NOTE &&
          strstr(d.v[d.n - 1].msg, "too many errors"));
    diags_free(&d);

    /* Warnings stop being listed, and the routine is still good. */
    len = (size_t)snprintf(big, cap, S);
    for (int i = 0; i < 150; i++)
        len += (size_t)snprintf(big + len, cap - len, "roll 1s\n");
    r = parse(big, len, &d);
    CHECK(r != NULL);
    CHECK_INT(d.n, DIAGS_MAX_WARNINGS);
    CHECK_INT(d.warnings, 150); /* the true total */
    CHECK_INT(d.unlisted, 50);
    /* The list stops at the documented number whoever adds to it: a
     * session's own warnings (its cues, its timing) come on top. */
    diags_add(&d, DIAG_WARNING, "t.roll", 9, 1, NULL, NULL, "one more");
    CHECK_INT(d.n, DIAGS_MAX_WARNINGS);
    CHECK_INT(d.warnings, 151);
    CHECK_INT(d.errors, 0);
    script_free(r);
    diags_free(&d);
    free(big);
}

static void test_limits(void)
{
    struct diags d = {0};
    size_t cap = 2 * 1024 * 1024;
    char *text = malloc(cap);
    size_t len = (size_t)snprintf(text, cap, S "  say a \"");
    memset(text + len, 'x', 4100);
    len += 4100;
    len += (size_t)snprintf(text + len, cap - len, "\"\n");
    struct routine *r = parse(text, len, &d);
    CHECK(r == NULL);
    CHECK_INT(d.n, 1);
    if (d.n == 1) {
        CHECK_INT(d.v[0].line, 4);
        CHECK_INT(d.v[0].col, 4097);
        CHECK(strstr(d.v[0].msg, "line is longer than 4096 bytes") != NULL);
    }
    diags_free(&d);

    /* Exactly 4096 bytes is fine. */
    len = (size_t)snprintf(text, cap, S "  say a \"");
    memset(text + len, 'x', 4096 - 10);
    len += 4096 - 10;
    len += (size_t)snprintf(text + len, cap - len, "\"\n");
    r = parse(text, len, &d);
    CHECK(r != NULL);
    CHECK_INT(d.n, 0);
    script_free(r);
    diags_free(&d);

    len = (size_t)snprintf(text, cap, S);
    memset(text + len, '#', 1024 * 1024);
    len += 1024 * 1024;
    r = parse(text, len, &d);
    CHECK(r == NULL);
    CHECK(d.n >= 1 && strstr(d.v[0].msg, "larger than 1 MiB") && d.v[0].line == 0);
    diags_free(&d);
    free(text);
}

/* ---- printing ---- */

/* What diags_print wrote. */
static void print_of(const struct diags *d, char *out, size_t size)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    out[0] = '\0';
    if (!f)
        return;
    diags_print(d, f);
    rewind(f);
    size_t n = fread(out, 1, size - 1, f);
    out[n] = '\0';
    fclose(f);
}

static void test_print(void)
{
    struct diags d = {0};
    char out[2048];
    /* Columns are as shown: the tab is expanded in the quote, so the caret
     * lines up under 's' whatever the terminal's tab stops. */
    diags_add(&d, DIAG_ERROR, "a.roll", 3, 16, "\troll 45sec\r\nnext line",
              "write seconds as 's', e.g. 45s", "unknown unit '%s'", "sec");
    diags_add(&d, DIAG_WARNING, "a.roll", 2, 14, "say a \"caf\xC3\xA9\" b", NULL, "here");
    diags_add(&d, DIAG_ERROR, "a.roll", 0, 0, NULL, NULL, "the routine has no title");
    CHECK_INT(d.errors, 2);
    CHECK_INT(d.warnings, 1);
    print_of(&d, out, sizeof out);
    CHECK_STR(out, "a.roll:3:16: error: unknown unit 'sec'\n"
                   "            roll 45sec\n"
                   "                   ^\n"
                   "    hint: write seconds as 's', e.g. 45s\n"
                   "a.roll:2:14: warning: here\n"
                   "    say a \"caf\xC3\xA9\" b\n"
                   "                 ^\n"
                   "a.roll: error: the routine has no title\n");
    diags_free(&d);
    CHECK_INT(d.n, 0);

    /* Nothing a routine or a file name holds can steer the terminal: ESC,
     * BEL, DEL, C1 controls, bidirectional overrides and bytes that are not
     * UTF-8 are shown, not sent. Wide characters keep the caret in line. */
    diags_add(&d, DIAG_ERROR, "e\x1b]0;x\x07.roll", 1, 14,
              "say a \"\xE4\xB8\xAD\x1b[2J\xC2\x9B\x7f\xE2\x80\xAE\xFF\" b", "h\x1b[1m",
              "m\x0c\xC2\x85");
    diags_add(&d, DIAG_NOTE, "n.roll", 0, 0, NULL, NULL, "note");
    print_of(&d, out, sizeof out);
    CHECK_STR(out, "e\\x1b]0;x\\x07.roll:1:14: error: m\\x0c\\u0085\n"
                   "    say a \"\xE4\xB8\xAD\\x1b[2J\\u009b\\x7f\\u202e\\xff\" b\n"
                   "                 ^\n"
                   "    hint: h\\x1b[1m\n"
                   "n.roll: note: note\n");
    for (const char *p = out; *p; p++)
        CHECK(*p == '\n' || ((unsigned char)*p >= 0x20 && *p != 0x7f));
    diags_free(&d);

    /* Warnings past the list: counted, and one note says how many. */
    for (int i = 0; i < DIAGS_MAX_WARNINGS + 2; i++)
        diags_add(&d, DIAG_WARNING, "w.roll", 0, 0, NULL, NULL, "w");
    print_of(&d, out, sizeof out);
    const char *last = strstr(out, "w.roll: note:");
    CHECK_STR(last, "w.roll: note: 2 more warnings not listed (102 in all)\n");
    diags_free(&d);
}

/* ---- files ---- */

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fwrite(text, 1, len, f);
        fclose(f);
    }
}

static int first_says(const struct diags *d, const char *what)
{
    return d->n >= 1 && d->v[0].line == 0 && strstr(d->v[0].msg, what) != NULL;
}

static void test_load(void)
{
    char dir[] = "/tmp/rollout-test-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    struct diags d = {0};

    snprintf(path, sizeof path, "%s/good.roll", dir);
    write_file(path, example, sizeof example - 1);
    struct routine *r = script_load(path, &d);
    CHECK(r != NULL);
    CHECK_INT(d.n, 0);
    if (r) {
        CHECK_STR(r->path, path);
        CHECK_INT(r->nsteps, 1);
    }
    script_free(r);
    unlink(path);

    snprintf(path, sizeof path, "%s/missing.roll", dir);
    CHECK(script_load(path, &d) == NULL);
    CHECK(first_says(&d, "cannot open the routine: "));
    CHECK_STR(d.v[0].file, path);
    diags_free(&d);

    CHECK(script_load(dir, &d) == NULL);
    CHECK(first_says(&d, "this is a directory"));
    diags_free(&d);

    snprintf(path, sizeof path, "%s/fifo", dir);
    if (mkfifo(path, 0600) == 0) {
        CHECK(script_load(path, &d) == NULL);
        CHECK(first_says(&d, "not a regular file"));
        diags_free(&d);
        unlink(path);
    }

    snprintf(path, sizeof path, "%s/big.roll", dir);
    size_t len = 1024 * 1024 + 1;
    char *text = malloc(len);
    memset(text, '\n', len);
    write_file(path, text, len);
    CHECK(script_load(path, &d) == NULL);
    CHECK(first_says(&d, "larger than 1 MiB"));
    diags_free(&d);
    unlink(path);
    free(text);

    snprintf(path, sizeof path, "%s/bad.roll", dir);
    write_file(path, S "  hodl 5s\n", strlen(S "  hodl 5s\n"));
    CHECK(script_load(path, &d) == NULL);
    CHECK(d.n == 1 && d.v[0].line == 4 && d.v[0].col == 3);
    CHECK(d.n == 1 && d.v[0].src && strcmp(d.v[0].src, "  hodl 5s") == 0);
    diags_free(&d);
    unlink(path);
    rmdir(dir);
}

/* Sides that are used consistently give no warning. */
static void test_sides_ok(void)
{
    static const char *const ok[] = {
        HEAD "step l \"L\" area=calf sides=left\n  roll 45s\nstep r \"R\" area=calf sides=right\n"
             "  roll 45s\n",
        HEAD "step r \"R\" area=calf sides=right\n  roll 45s\nstep b \"B\" area=calf sides=both\n"
             "  roll 45s\n",
        HEAD "step b \"B\" area=upper-back\n  roll 45s\n",
        HEAD "step b \"B\" area=lower-back sides=none\n  roll 45s\n",
        HEAD "step n \"N\" area=neck sides=left\n  roll 45s\n", /* unknown: one warning, its own */
        HEAD "step n \"N\" sides=left\n  roll 45s\n",           /* no area, nothing to compare */
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        struct diags d = {0};
        struct routine *r = parse(ok[i], strlen(ok[i]), &d);
        CHECK(r != NULL);
        CHECK_INT(d.n, i == 4 ? 1 : 0);
        if (d.n != (i == 4 ? 1 : 0))
            diags_print(&d, stderr);
        script_free(r);
        diags_free(&d);
    }
    CHECK_INT(area_paired(area_find("calf")), 1);
    CHECK_INT(area_paired(area_find("forearm")), 1);
    CHECK_INT(area_paired(area_find("lower-back")), 0);
    CHECK_INT(area_paired(area_find("upper-back")), 0);
    CHECK_INT(area_paired(area_find("chest")), 0);
    CHECK_INT(area_paired(-1), -1);
    CHECK_INT(area_paired(area_count), -1);
}

/* ---- include ---- */

/* A folder of files for one case: "name" → text, where the text may instead
 * say "@dir", "@fifo" or "@link:TARGET". Everything lives under base/t; the
 * file base/outside.roll is outside that tree, for links to lead to. */
struct tree {
    char base[64], dir[80];
    char made[40][160];
    int nmade;
};

static void tree_path(const struct tree *t, const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s/%s", t->dir, name);
}

static void tree_made(struct tree *t, const char *path)
{
    if (t->nmade < 40)
        snprintf(t->made[t->nmade++], sizeof t->made[0], "%s", path);
}

static void tree_add(struct tree *t, const char *name, const char *text)
{
    char path[160];
    tree_path(t, name, path, sizeof path);
    /* Parent folders first. */
    for (char *p = path + strlen(t->dir) + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        if (mkdir(path, 0700) == 0)
            tree_made(t, path);
        *p = '/';
    }
    if (strcmp(text, "@dir") == 0)
        CHECK(mkdir(path, 0700) == 0);
    else if (strcmp(text, "@fifo") == 0)
        CHECK(mkfifo(path, 0600) == 0);
    else if (strncmp(text, "@link:", 6) == 0)
        CHECK(symlink(text + 6, path) == 0);
    else
        write_file(path, text, strlen(text));
    tree_made(t, path);
}

static void tree_new(struct tree *t)
{
    snprintf(t->base, sizeof t->base, "/tmp/rollout-inc-XXXXXX");
    CHECK(mkdtemp(t->base) != NULL);
    snprintf(t->dir, sizeof t->dir, "%s/t", t->base);
    CHECK(mkdir(t->dir, 0700) == 0);
    char out[128];
    snprintf(out, sizeof out, "%s/outside.roll", t->base);
    write_file(out, "step o \"O\"\n  roll 45s\n", 22);
    t->nmade = 0;
}

static void tree_free(struct tree *t)
{
    for (int i = t->nmade - 1; i >= 0; i--)
        if (unlink(t->made[i]) != 0)
            rmdir(t->made[i]);
    char out[128];
    snprintf(out, sizeof out, "%s/outside.roll", t->base);
    unlink(out);
    rmdir(t->dir);
    rmdir(t->base);
}

/* s with every '@' replaced by the tree's folder and a slash. */
static const char *at_dir(const struct tree *t, const char *s, char *out, size_t size)
{
    size_t n = 0;
    for (; *s && n + 100 < size; s++)
        if (*s == '@')
            n += (size_t)snprintf(out + n, size - n, "%s/", t->dir);
        else
            out[n++] = *s;
    out[n] = '\0';
    return out;
}

#define TOP "routine \"A\"\n"
/* A library: steps on lines 2 and 5, cues named on lines 3 and 4. */
#define LEGS                                                                                       \
    "routine \"Legs\"\n"                                                                           \
    "step calves \"Calves\" area=calf sides=both\n"                                                \
    "  announce calves.next \"Next, your calves.\"\n"                                              \
    "  roll 40s calves.roll1 \"Roll.\"\n"                                                          \
    "step hamstrings \"Hamstrings\" area=hamstring sides=both\n"                                   \
    "  roll 40s\n"                                                                                 \
    "step extra \"Extra\"\n"                                                                       \
    "  rest 10s\n"
#define LOCAL "step s \"S\"\n  roll 45s\n"

struct inc_case {
    const char *files[12][2]; /* name, text; a.roll is the routine */
    enum diag_severity sev;
    const char *file; /* where the diagnostic is, '@' for the folder */
    int line, col;
    const char *msg, *hint; /* substrings, '@' for the folder; hint NULL: not checked */
    int n;                  /* diagnostics in all; 0 means 1 */
};

static const struct inc_case inc_cases[] = {
    /* steps named */
    {{{"a.roll", TOP "include \"lib/legs.roll\" calfs\n"}, {"lib/legs.roll", LEGS}},
     E,
     "@a.roll",
     2,
     25,
     "no step 'calfs' in @lib/legs.roll",
     "did you mean 'calves'?",
     2},
    {{{"a.roll", TOP "include \"lib/legs.roll\" neck\n"}, {"lib/legs.roll", LEGS}},
     E,
     "@a.roll",
     2,
     25,
     "no step 'neck' in @lib/legs.roll",
     "its steps are calves, hamstrings, extra",
     2},
    /* step ids unique across files */
    {{{"a.roll", TOP "step calves \"Mine\" area=calf sides=both\n  roll 40s\n"
                     "include \"lib/legs.roll\"\n"},
      {"lib/legs.roll", LEGS}},
     E,
     "@a.roll",
     4,
     9,
     "step id 'calves' is already used",
     "first used at line 2",
     0},
    {{{"a.roll", TOP "include \"lib/legs.roll\"\nstep Calves \"Mine\" area=calf sides=both\n"
                     "  roll 40s\n"},
      {"lib/legs.roll", LEGS}},
     E,
     "@a.roll",
     3,
     6,
     "step id 'Calves' is already used",
     "first used at @lib/legs.roll:2",
     0},
    {{{"a.roll", TOP "include \"lib/legs.roll\" calves calves\n"}, {"lib/legs.roll", LEGS}},
     E,
     "@a.roll",
     2,
     32,
     "step id 'calves' is already used",
     "first used at @lib/legs.roll:2",
     0},
    /* one cue table: the second text is the error, where it was written */
    {{{"a.roll", TOP "say calves.next \"Calves now.\"\ninclude \"lib/legs.roll\"\n"},
      {"lib/legs.roll", LEGS}},
     E,
     "@lib/legs.roll",
     3,
     12,
     "cue 'calves.next' already has a different text",
     "first defined at @a.roll:2: \"Calves now.\"",
     0},
    {{{"a.roll", TOP "include \"lib/legs.roll\" calves\nstep s \"S\"\n"
                     "  roll 40s calves.roll1 \"Roll!\"\n"},
      {"lib/legs.roll", LEGS}},
     E,
     "@a.roll",
     4,
     25,
     "cue 'calves.roll1' already has a different text",
     "first defined at @lib/legs.roll:4: \"Roll.\"",
     0},
    /* an included file's own errors, at its own lines */
    {{{"a.roll", TOP "include \"lib/bad.roll\"\n" LOCAL},
      {"lib/bad.roll", "step b \"B\"\n  hodl 5s\n"}},
     E,
     "@lib/bad.roll",
     2,
     3,
     "unknown statement 'hodl'",
     "did you mean 'hold'?",
     2},
    {{{"a.roll", TOP "include \"lib/c.roll\"\n" LOCAL},
      {"lib/c.roll", "step c \"C\"\n  say nope\n"}},
     E,
     "@lib/c.roll",
     2,
     7,
     "cue 'nope' is never given a text",
     NULL,
     0},
    {{{"a.roll", TOP "pace 2s\ninclude \"lib/p.roll\"\n"},
      {"lib/p.roll", "routine \"P\"\npace 1s\nstep p \"P\"\n  roll 8s\n"}},
     W,
     "@lib/p.roll",
     4,
     8,
     "a 8s roll is shorter than five clicks at a 2s pace",
     NULL,
     0},
    {{{"a.roll", TOP "include \"lib/w.roll\"\n"},
      {"lib/w.roll", "step r \"R\" area=calf sides=right\n  roll 45s\n"}},
     W,
     "@lib/w.roll",
     1,
     1,
     "area 'calf' is rolled on the right side only",
     NULL,
     0},
    {{{"a.roll", TOP "include \"lib/empty.roll\"\n" LOCAL}, {"lib/empty.roll", "# nothing yet\n"}},
     W,
     "@a.roll",
     2,
     9,
     "@lib/empty.roll has no steps to include",
     NULL,
     0},
    /* cycles and depth */
    {{{"a.roll", TOP "include \"b.roll\"\n"}, {"b.roll", "include \"a.roll\"\n"}},
     E,
     "@b.roll",
     1,
     9,
     "include cycle: @a.roll -> @b.roll -> @a.roll",
     NULL,
     2},
    {{{"a.roll", TOP "include \"./a.roll\"\n"}},
     E,
     "@a.roll",
     2,
     9,
     "include cycle: @a.roll -> @a.roll",
     NULL,
     2},
    {{{"a.roll", TOP "include \"lib/x.roll\"\n"}, {"lib/x.roll", "include \"../a.roll\"\n"}},
     E,
     "@lib/x.roll",
     1,
     9,
     "include cycle: @a.roll -> @lib/x.roll -> @a.roll",
     NULL,
     2},
    {{{"a.roll", TOP "include \"l1.roll\"\n"},
      {"l1.roll", "include \"l2.roll\"\n"},
      {"l2.roll", "include \"l3.roll\"\n"},
      {"l3.roll", "include \"l4.roll\"\n"},
      {"l4.roll", "include \"l5.roll\"\n"},
      {"l5.roll", "include \"l6.roll\"\n"},
      {"l6.roll", "include \"l7.roll\"\n"},
      {"l7.roll", "include \"l8.roll\"\n"},
      {"l8.roll", "include \"l9.roll\"\n"},
      {"l9.roll", LOCAL}},
     E,
     "@l8.roll",
     1,
     9,
     "includes are nested more than 8 deep",
     "@a.roll -> @l1.roll -> @l2.roll -> @l3.roll -> @l4.roll -> @l5.roll -> @l6.roll -> "
     "@l7.roll -> @l8.roll -> @l9.roll",
     2},
    /* read once, but its depth still counts where it is met again */
    {{{"a.roll", TOP "include \"l1.roll\"\ninclude \"b.roll\"\n"},
      {"b.roll", "include \"l1.roll\"\n"},
      {"l1.roll", "include \"l2.roll\"\n"},
      {"l2.roll", "include \"l3.roll\"\n"},
      {"l3.roll", "include \"l4.roll\"\n"},
      {"l4.roll", "include \"l5.roll\"\n"},
      {"l5.roll", "include \"l6.roll\"\n"},
      {"l6.roll", "include \"l7.roll\"\n"},
      {"l7.roll", "include \"l8.roll\"\n"},
      {"l8.roll", LOCAL}},
     E,
     "@b.roll",
     1,
     9,
     "includes are nested more than 8 deep",
     "@a.roll -> @b.roll -> @l1.roll",
     0},
    /* paths */
    {{{"a.roll", TOP "include \"lib/x.roll\"\n" LOCAL},
      {"lib/x.roll", "include \"../../y.roll\"\n"}},
     E,
     "@lib/x.roll",
     1,
     9,
     "include path '../../y.roll' leads outside the routine's folder",
     "an included file must be in the routine's folder (@) or below it",
     0},
    {{{"a.roll", TOP "include \"lib/out.roll\"\n" LOCAL},
      {"lib/out.roll", "@link:../../outside.roll"}},
     E,
     "@a.roll",
     2,
     9,
     "include path 'lib/out.roll' leads outside the routine's folder",
     "outside.roll; copy the file into the folder instead",
     0},
    {{{"a.roll", TOP "include \"lib/fifo.roll\"\n" LOCAL}, {"lib/fifo.roll", "@fifo"}},
     E,
     "@a.roll",
     2,
     9,
     "cannot include '@lib/fifo.roll': it is not a regular file",
     NULL,
     0},
    {{{"a.roll", TOP "include \"lib\"\n" LOCAL}, {"lib/x.roll", LOCAL}},
     E,
     "@a.roll",
     2,
     9,
     "cannot include '@lib': it is a directory",
     NULL,
     0},
    {{{"a.roll", TOP "include \"lib/./none.roll\"\n" LOCAL}},
     E,
     "@a.roll",
     2,
     9,
     "cannot include '@lib/none.roll': No such file or directory",
     NULL,
     0},
};

static void test_include_cases(void)
{
    for (size_t i = 0; i < sizeof inc_cases / sizeof inc_cases[0]; i++) {
        const struct inc_case *c = &inc_cases[i];
        struct tree t;
        tree_new(&t);
        for (int k = 0; k < 12 && c->files[k][0]; k++)
            tree_add(&t, c->files[k][0], c->files[k][1]);
        char path[160], file[256], msg[1024], hint[1024];
        tree_path(&t, "a.roll", path, sizeof path);
        at_dir(&t, c->file, file, sizeof file);
        at_dir(&t, c->msg, msg, sizeof msg);
        if (c->hint)
            at_dir(&t, c->hint, hint, sizeof hint);
        struct diags d = {0};
        struct routine *r = script_load(path, &d);
        int found = 0;
        for (int k = 0; k < d.n; k++) {
            const struct diag *g = &d.v[k];
            if (g->severity == c->sev && g->line == c->line && g->col == c->col && g->file &&
                strcmp(g->file, file) == 0 && strstr(g->msg, msg) &&
                (!c->hint || (g->hint && strstr(g->hint, hint))))
                found = 1;
        }
        int ok =
            found && d.n == (c->n ? c->n : 1) && (c->sev == DIAG_ERROR ? r == NULL : r != NULL);
        CHECK(ok);
        if (!ok) {
            fprintf(stderr, "include case %zu: want %s:%d:%d %s, got:\n", i, file, c->line, c->col,
                    msg);
            diags_print(&d, stderr);
        }
        script_free(r);
        diags_free(&d);
        tree_free(&t);
    }
}

/* Steps come in where the include stands, in the order named; every step,
 * phase and cue knows its file; cues keep the order they are first heard. */
static void test_include_good(void)
{
    struct tree t;
    tree_new(&t);
    tree_add(&t, "a.roll",
             TOP "pace 1s\n"
                 "say intro.welcome \"Welcome.\"\n"
                 "include \"lib/legs.roll\" hamstrings calves\n"
                 "step hips \"Hips\" area=hip-flexor sides=both\n"
                 "  roll 30s calves.roll1\n"
                 "include \"lib/feet.roll\"\n"
                 "include \"lib/alias.roll\" extra\n"
                 "include \"lib/up.roll\"\n");
    tree_add(&t, "lib/legs.roll", LEGS);
    tree_add(&t, "lib/alias.roll", "@link:legs.roll"); /* the same file: read once */
    tree_add(&t, "lib/feet.roll",
             "step foot \"Foot\" area=foot-arch sides=both\n"
             "  roll 30s foot.roll1 \"Roll the arch.\"\n");
    tree_add(&t, "lib/up.roll", "include \"../c.roll\"\n");
    tree_add(&t, "c.roll",
             "routine \"C\"\nball golf\nstep back \"Back\" area=upper-back\n"
             "  rest 10s\n");
    char path[160], buf[5][256];
    tree_path(&t, "a.roll", path, sizeof path);
    struct diags d = {0};
    struct routine *r = script_load(path, &d);
    CHECK(r != NULL);
    CHECK_INT(d.n, 0);
    diags_print(&d, stderr);
    if (r) {
        static const char *const files[] = {"@a.roll", "@lib/legs.roll", "@lib/feet.roll",
                                            "@lib/up.roll", "@c.roll"};
        CHECK_INT(r->nfiles, 5);
        for (int i = 0; i < 5 && i < r->nfiles; i++)
            CHECK_STR(r->files[i], at_dir(&t, files[i], buf[i], sizeof buf[i]));
        static const struct {
            const char *id;
            int file, line, col, nphases;
        } steps[] = {
            {"hamstrings", 1, 5, 1, 1}, {"calves", 1, 2, 1, 1}, {"hips", 0, 5, 1, 1},
            {"foot", 2, 1, 1, 1},       {"extra", 1, 7, 1, 1},  {"back", 4, 3, 1, 1},
        };
        CHECK_INT(r->nsteps, 6);
        for (int i = 0; i < 6 && i < r->nsteps; i++) {
            const struct script_step *st = &r->steps[i];
            CHECK_STR(st->id, steps[i].id);
            CHECK(st->file == r->files[steps[i].file]);
            CHECK_INT(st->line, steps[i].line);
            CHECK_INT(st->col, steps[i].col);
            CHECK_INT(st->nphases, steps[i].nphases);
            for (int k = 0; k < st->nphases; k++)
                CHECK(st->phases[k].file == st->file);
        }
        CHECK(r->steps[5].ball == NULL); /* an included file's header is not used */
        CHECK_STR(r->title, "A");
        CHECK_INT(r->nintro, 1);
        static const struct {
            const char *id;
            int file, line, col;
        } cues[] = {
            {"intro.welcome", 0, 3, 5}, {"hamstrings.name", 1, 5, 6}, {"calves.next", 1, 3, 12},
            {"calves.roll1", 1, 4, 12}, {"hips.name", 0, 5, 6},       {"foot.name", 2, 1, 6},
            {"foot.roll1", 2, 2, 12},   {"extra.name", 1, 7, 6},      {"back.name", 4, 3, 6},
        };
        CHECK_INT(r->ncues, 9 + phrase_count);
        for (int i = 0; i < 9 && i < r->ncues; i++) {
            CHECK_STR(r->cues[i].id, cues[i].id);
            CHECK(r->cues[i].file == r->files[cues[i].file]);
            CHECK_INT(r->cues[i].line, cues[i].line);
            CHECK_INT(r->cues[i].col, cues[i].col);
        }
        CHECK(r->ncues > 9 && r->cues[9].builtin && r->cues[9].file == NULL);
        /* The included cue, named alone in the routine, is the same cue. */
        CHECK_INT(r->steps[2].phases[0].cue, 3);
        CHECK_INT(r->steps[1].announce, 2);
        CHECK_INT(r->steps[1].phases[0].cue, 3);
        CHECK_INT(r->steps[0].phases[0].cue, -1);
        CHECK_INT(script_step_find(r, "back"), 5);
    }
    script_free(r);
    diags_free(&d);
    tree_free(&t);

    /* Many files, some read while others are being read. */
    tree_new(&t);
    char many[1024];
    size_t len = (size_t)snprintf(many, sizeof many, TOP);
    for (int i = 0; i < 20; i++) {
        char name[16], step[64];
        snprintf(name, sizeof name, "x%d.roll", i);
        if (i % 7 == 0 && i > 0) /* when 7 and 15 files are known: the array is full */
            snprintf(step, sizeof step, "include \"x%d.roll\"\n", i + 100);
        else
            snprintf(step, sizeof step, "step x%d \"X\"\n  roll 45s\n", i);
        tree_add(&t, name, step);
        if (i % 7 == 0 && i > 0) {
            snprintf(name, sizeof name, "x%d.roll", i + 100);
            snprintf(step, sizeof step, "step x%d \"X\"\n  roll 45s\n", i + 100);
            tree_add(&t, name, step);
        }
        len += (size_t)snprintf(many + len, sizeof many - len, "include \"x%d.roll\"\n", i);
    }
    tree_add(&t, "a.roll", many);
    tree_path(&t, "a.roll", path, sizeof path);
    r = script_load(path, &d);
    CHECK(r != NULL && r->nsteps == 20 && r->nfiles == 23);
    CHECK_INT(d.n, 0);
    if (r && r->nsteps == 20) {
        CHECK_STR(r->steps[7].id, "x107");
        CHECK_STR(r->steps[7].file + strlen(t.dir), "/x107.roll");
    }
    script_free(r);
    diags_free(&d);
    tree_free(&t);

    /* Eight files deep is allowed. */
    tree_new(&t);
    tree_add(&t, "a.roll", TOP "include \"l1.roll\"\n");
    for (int i = 1; i <= 8; i++) {
        char name[16], text[64];
        snprintf(name, sizeof name, "l%d.roll", i);
        if (i < 8)
            snprintf(text, sizeof text, "include \"l%d.roll\"\n", i + 1);
        else
            snprintf(text, sizeof text, LOCAL);
        tree_add(&t, name, text);
    }
    tree_path(&t, "a.roll", path, sizeof path);
    r = script_load(path, &d);
    CHECK(r != NULL && r->nsteps == 1 && r->nfiles == 9);
    CHECK_INT(d.n, 0);
    script_free(r);
    diags_free(&d);
    tree_free(&t);
}

/* Messages from an included file sort at its include; a library included
 * twice is read once, so its own messages appear once. */
static void test_include_order(void)
{
    struct tree t;
    tree_new(&t);
    tree_add(&t, "a.roll",
             TOP "pace 1\n"
                 "include \"lib/w.roll\" one\n"
                 "  jump\n"
                 "step s \"S\"\n"
                 "  say never\n"
                 "include \"lib/w.roll\" two\n");
    tree_add(&t, "lib/w.roll", "step one \"One\"\n  roll 2s\nstep two \"Two\"\n  roll 45s\n");
    char path[160], a[200], w[200];
    tree_path(&t, "a.roll", path, sizeof path);
    at_dir(&t, "@a.roll", a, sizeof a);
    at_dir(&t, "@lib/w.roll", w, sizeof w);
    struct diags d = {0};
    struct routine *r = script_load(path, &d);
    CHECK(r == NULL);
    static const struct {
        int w, line, col;
    } want[] = {{0, 2, 6}, {1, 2, 8}, {0, 4, 3}, {0, 6, 7}};
    CHECK_INT(d.n, 4);
    for (int i = 0; i < 4 && i < d.n; i++) {
        CHECK_STR(d.v[i].file, want[i].w ? w : a);
        CHECK_INT(d.v[i].line, want[i].line);
        CHECK_INT(d.v[i].col, want[i].col);
    }
    diags_free(&d);
    tree_free(&t);

    /* A hundred includes at most; and a file too big to include. */
    tree_new(&t);
    size_t cap = 101 * 32 + 64, len = 0;
    char *text = malloc(cap);
    len += (size_t)snprintf(text, cap, TOP LOCAL);
    for (int i = 0; i < 101; i++)
        len += (size_t)snprintf(text + len, cap - len, "include \"e.roll\"\n");
    tree_add(&t, "a.roll", text);
    tree_add(&t, "e.roll", "# empty\n");
    tree_path(&t, "a.roll", path, sizeof path);
    r = script_load(path, &d);
    CHECK(r == NULL);
    CHECK(d.n > 0 && d.errors == 1 && d.v[d.n - 1].line == 104 &&
          strstr(d.v[d.n - 1].msg, "a routine can have at most 100 includes"));
    diags_free(&d);
    free(text);
    text = malloc(1024 * 1024 + 2);
    memset(text, '\n', 1024 * 1024 + 1);
    text[1024 * 1024 + 1] = '\0';
    tree_add(&t, "big.roll", text);
    free(text);
    tree_add(&t, "b.roll", TOP "include \"big.roll\"\n" LOCAL);
    tree_path(&t, "b.roll", path, sizeof path);
    at_dir(&t, "cannot include '@big.roll': it is larger than 1 MiB", a, sizeof a);
    r = script_load(path, &d);
    CHECK(r == NULL);
    CHECK(d.n == 1 && d.v[0].line == 2 && d.v[0].col == 9 && strcmp(d.v[0].msg, a) == 0);
    diags_free(&d);
    tree_free(&t);
}

/* ---- JSON ---- */

/* Just enough of a JSON reader to say whether a document is well formed. */
struct json {
    const char *p, *end;
};

static void json_ws(struct json *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\t' || *j->p == '\r'))
        j->p++;
}

static int json_value(struct json *j, int depth);

static int json_string(struct json *j)
{
    if (j->p >= j->end || *j->p != '"')
        return 0;
    for (j->p++; j->p < j->end; j->p++) {
        unsigned char c = (unsigned char)*j->p;
        if (c == '"') {
            j->p++;
            return 1;
        }
        if (c < 0x20)
            return 0;
        if (c != '\\')
            continue;
        if (++j->p >= j->end)
            return 0;
        if (*j->p == 'u') {
            for (int i = 1; i <= 4; i++)
                if (j->p + i >= j->end || !strchr("0123456789abcdefABCDEF", j->p[i]) || !j->p[i])
                    return 0;
            j->p += 4;
        } else if (!*j->p || !strchr("\"\\/bfnrt", *j->p))
            return 0;
    }
    return 0;
}

static int json_list(struct json *j, int depth, char close, int object)
{
    j->p++;
    json_ws(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        return 1;
    }
    for (;;) {
        json_ws(j);
        if (object) {
            if (!json_string(j))
                return 0;
            json_ws(j);
            if (j->p >= j->end || *j->p++ != ':')
                return 0;
        }
        if (!json_value(j, depth + 1))
            return 0;
        json_ws(j);
        if (j->p >= j->end)
            return 0;
        char c = *j->p++;
        if (c == close)
            return 1;
        if (c != ',')
            return 0;
    }
}

static int json_value(struct json *j, int depth)
{
    json_ws(j);
    if (j->p >= j->end || depth > 16)
        return 0;
    char c = *j->p;
    if (c == '{' || c == '[')
        return json_list(j, depth, c == '{' ? '}' : ']', c == '{');
    if (c == '"')
        return json_string(j);
    if (c == '-' || (c >= '0' && c <= '9')) {
        for (j->p++; j->p < j->end && *j->p >= '0' && *j->p <= '9'; j->p++)
            ;
        return 1;
    }
    for (int i = 0; i < 3; i++) {
        static const char *const words[] = {"null", "true", "false"};
        size_t n = strlen(words[i]);
        if ((size_t)(j->end - j->p) >= n && memcmp(j->p, words[i], n) == 0) {
            j->p += n;
            return 1;
        }
    }
    return 0;
}

/* One whole document, and only UTF-8 in it. */
static int json_valid(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        int len = u[i] < 0x80             ? 1
                  : (u[i] & 0xE0) == 0xC0 ? 2
                  : (u[i] & 0xF0) == 0xE0 ? 3
                  : (u[i] & 0xF8) == 0xF0 ? 4
                                          : 0;
        if (len == 0 || (len == 2 && u[i] < 0xC2) || i + (size_t)len > n)
            return 0;
        for (int k = 1; k < len; k++)
            if ((u[i + (size_t)k] & 0xC0) != 0x80)
                return 0;
        i += (size_t)len - 1;
    }
    struct json j = {s, s + n};
    if (!json_value(&j, 0))
        return 0;
    json_ws(&j);
    return j.p == j.end;
}

static size_t json_of(const struct diags *d, char *out, size_t size)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (!f)
        return 0;
    diags_print_json(d, f);
    rewind(f);
    size_t n = fread(out, 1, size - 1, f);
    out[n] = '\0';
    fclose(f);
    return n;
}

static void test_json(void)
{
    struct diags d = {0};
    char out[4096];
    json_of(&d, out, sizeof out);
    CHECK_STR(out, "{\"errors\":0,\"warnings\":0,\"unlisted_warnings\":0,"
                   "\"column_unit\":\"display\",\"diagnostics\":[]}\n");

    diags_add(&d, DIAG_ERROR, "a.roll", 3, 9, "\troll 45sec\r\n", "write seconds as 's', e.g. 45s",
              "unknown unit '%s'", "sec");
    diags_add(&d, DIAG_WARNING, "dir/\"q\"\\.roll", 2, 0, "say a \"caf\xC3\xA9\" \x01\x1f\x7f",
              NULL, "bad \xE9 byte, \xED\xA0\x80, \xF0\x9F\x8E\xBE");
    diags_add(&d, DIAG_ERROR, NULL, 0, 0, NULL, NULL, "the routine has no title");
    size_t n = json_of(&d, out, sizeof out);
    CHECK_STR(out, "{\"errors\":2,\"warnings\":1,\"unlisted_warnings\":0,"
                   "\"column_unit\":\"display\",\"diagnostics\":["
                   "{\"file\":\"a.roll\",\"line\":3,\"column\":9,\"severity\":\"error\","
                   "\"message\":\"unknown unit 'sec'\",\"hint\":\"write seconds as 's', e.g. 45s\","
                   "\"source\":\"\\troll 45sec\"},"
                   "{\"file\":\"dir/\\\"q\\\"\\\\.roll\",\"line\":2,\"column\":null,"
                   "\"severity\":\"warning\",\"message\":\"bad \\ufffd byte, "
                   "\\ufffd\\ufffd\\ufffd, \xF0\x9F\x8E\xBE\",\"hint\":null,"
                   "\"source\":\"say a \\\"caf\xC3\xA9\\\" \\u0001\\u001f\\u007f\"},"
                   "{\"file\":null,\"line\":null,\"column\":null,\"severity\":\"error\","
                   "\"message\":\"the routine has no title\",\"hint\":null,\"source\":null}]}\n");
    CHECK(json_valid(out, n));
    diags_free(&d);

    /* C1 controls are escaped as C0 ones are; a note is neither error nor
     * warning; warnings past the list are counted, and said to be. */
    diags_add(&d, DIAG_NOTE, "a.roll", 0, 0, NULL, NULL, "x\xC2\x9B[2Jy");
    for (int i = 0; i < DIAGS_MAX_WARNINGS + 3; i++)
        diags_add(&d, DIAG_WARNING, "a.roll", 1, 1, NULL, NULL, "w");
    n = json_of(&d, out, sizeof out);
    static const char head[] = "{\"errors\":0,\"warnings\":103,\"unlisted_warnings\":3,";
    CHECK(strncmp(out, head, sizeof head - 1) == 0);
    CHECK(strstr(out, "\"severity\":\"note\",\"message\":\"x\\u009b[2Jy\"") != NULL);
    diags_free(&d);

    /* Every byte value, in every string, still gives a valid document. */
    char all[256];
    for (int i = 0; i < 255; i++)
        all[i] = (char)(i + 1);
    all[255] = '\0';
    diags_add(&d, DIAG_WARNING, all, 1, 1, all, all, "%s", all);
    diags_add(&d, DIAG_WARNING, "x", 1, 1, "\xC3", "\xE2\x82", "\xF4\x90\x80\x80");
    n = json_of(&d, out, sizeof out);
    CHECK(json_valid(out, n));
    diags_free(&d);

    /* And so do the parser's own messages, about the worst text. */
    static const char worst[] = S "  say a \"x\x01\xE9\"\n  hodl \"\\q\"\n";
    struct routine *r = parse(worst, sizeof worst - 1, &d);
    CHECK(r == NULL);
    n = json_of(&d, out, sizeof out);
    CHECK(d.n >= 3 && json_valid(out, n));
    diags_free(&d);

    /* The validator itself refuses what is not JSON. */
    static const char *const not_json[] = {"",        "{",          "{\"a\":}", "[1,]", "\"\x01\"",
                                           "\"\\x\"", "{\"a\":1}x", "\"\xE9\"", "nul"};
    for (size_t i = 0; i < sizeof not_json / sizeof not_json[0]; i++)
        CHECK(!json_valid(not_json[i], strlen(not_json[i])));
}

static void test_names(void)
{
    CHECK_STR(script_sides_name(SCRIPT_SIDES_NONE), "none");
    CHECK_STR(script_sides_name(SCRIPT_SIDES_BOTH), "both");
    CHECK_STR(script_side_name(SCRIPT_SIDE_LEFT), "left");
    CHECK_STR(script_side_name(SCRIPT_SIDE_RIGHT), "right");
    CHECK_STR(script_phase_name(SCRIPT_PHASE_SAY), "say");
    CHECK_STR(script_phase_name(SCRIPT_PHASE_REST), "rest");
    CHECK_INT(area_count, 14);
    CHECK_INT(area_find("calf"), 1);
    CHECK_INT(area_find("forearm"), area_count - 1);
    CHECK_INT(area_find("Calf"), -1);
    CHECK_INT(area_find(NULL), -1);
    CHECK_STR(area_label(area_find("foot-arch")), "Arch of the foot");
    CHECK(area_label(-1) == NULL);
    CHECK(area_label(area_count) == NULL);
    for (int i = 0; i < area_count; i++)
        CHECK(area_label(i) != NULL && area_find(area_keys[i]) == i);
}

/* rollout's phrases: every area has its plain announcement, and a short
 * introduction for the kinds of ball the session_intro knows. */
static void test_phrases(void)
{
    char id[64];
    for (int a = 0; a < area_count; a++) {
        snprintf(id, sizeof id, "area.%s", area_keys[a]);
        CHECK(phrase_find(id) != NULL);
    }
    static const char *const kinds[] = {"lacrosse", "tennis", "golf", "baseball", "roller"};
    for (int k = 0; k < 5; k++) {
        snprintf(id, sizeof id, "start.%s", kinds[k]);
        CHECK(phrase_find(id) != NULL);
        snprintf(id, sizeof id, "also.%s", kinds[k]);
        CHECK(phrase_find(id) != NULL);
    }
    CHECK(phrase_find("start") != NULL);
    for (int i = 0; i < phrase_count; i++)
        for (int j = i + 1; j < phrase_count; j++)
            CHECK(strcmp(phrase_table[i].id, phrase_table[j].id) != 0);
}

int main(void)
{
    test_music_line();
    test_example();
    test_author();
    test_defaults();
    test_durations();
    test_encoding();
    test_bad();
    test_many();
    test_limits();
    test_print();
    test_load();
    test_sides_ok();
    test_include_cases();
    test_include_good();
    test_include_order();
    test_json();
    test_names();
    test_phrases();
    return check_done("test_script");
}
