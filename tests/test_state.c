/* SPDX-License-Identifier: MIT */
/* test_state.c — what rollout keeps between runs: rollout.conf read line by
 * line (errors and warnings at their lines, the table's kinds and limits),
 * a setting rewritten in place with the rest of the file kept; the resume
 * point found again by step and side in an edited routine, and lost when
 * its step is gone; the history read past damaged lines, and its summary
 * at a fixed "now". Everything in a scratch folder of its own. */
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "area.h"
#include "report.h"
#include "support.h"
#include "history.h"
#include "resume.h"
#include "settings.h"
#include "timeline.h"
#include "visible.h"
#include "xdg.h"

#define RATE 48000

static char dir[256];

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static char *read_text(const char *path)
{
    static char buf[8192];
    FILE *f = fopen(path, "r");
    buf[0] = 0;
    if (f) {
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = 0;
        fclose(f);
    }
    return buf;
}

/* The shape of the program's own table: a struct of options and its rows. */
struct opts {
    float volume;
    int buffer;
    int64_t pace_ms;
    const char *device;
    int headless;
};

static const struct settings_key rows[] = {
    {"volume", SETTINGS_DB, -60, 12, .offset = offsetof(struct opts, volume)},
    {"buffer", SETTINGS_INT, 64, 16384, .offset = offsetof(struct opts, buffer)},
    {"pace", SETTINGS_PACE, 0.25, 10, .offset = offsetof(struct opts, pace_ms)},
    {"device", SETTINGS_TEXT, .offset = offsetof(struct opts, device)},
    {"headless", SETTINGS_BOOL, .offset = offsetof(struct opts, headless)},
};
static const struct settings_key *const keys[] = {&rows[0], &rows[1], &rows[2], &rows[3], &rows[4]};
#define NKEYS 5

static void test_settings_load(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/good.conf", dir);
    write_text(path, "# mine\n\nvolume = -6 dB\n  buffer=2048  \npace = 1500ms\n"
                     "device = USB Audio #2\nheadless = yes\nvolume = -9\n");
    struct settings s;
    struct diags d = {0};
    CHECK_INT(settings_load(&s, keys, NKEYS, path, &d), 0);
    CHECK_INT(d.n, 0);
    struct opts o = {0};
    char err[256];
    for (int i = 0; i < NKEYS; i++)
        if (s.text[i])
            CHECK_INT(settings_parse(keys[i], keys[i]->name, s.text[i], &o, err, sizeof err), 0);
    CHECK(o.volume == -9.0f); /* the last line of a key wins */
    CHECK_INT(s.line[0], 8);
    CHECK_INT(o.buffer, 2048);
    CHECK_INT(o.pace_ms, 1500);
    CHECK_STR(o.device, "USB Audio #2");
    CHECK_INT(o.headless, 1);
    char buf[64];
    CHECK_STR(settings_format(keys[2], &o, buf, sizeof buf), "1.5s");
    CHECK_STR(settings_format(keys[4], &o, buf, sizeof buf), "yes");
    settings_free(&s);
    diags_free(&d);

    /* Errors and a warning, each at its line; every one, not the first. */
    snprintf(path, sizeof path, "%s/bad.conf", dir);
    write_text(path, "volume = -6\nvolum = -3\nbuffer 2048\nbuffer = 20.5\npace = 11\n"
                     "headless = maybe\nvolume = loud\n");
    d = (struct diags){0};
    CHECK_INT(settings_load(&s, keys, NKEYS, path, &d), -1);
    CHECK_INT(d.errors, 5);
    CHECK_INT(d.warnings, 1);
    static const int lines[] = {2, 3, 4, 5, 6, 7};
    for (int i = 0; i < d.n && i < 6; i++)
        CHECK_INT(d.v[i].line, lines[i]);
    CHECK(d.n > 0 && d.v[0].severity == DIAG_WARNING && d.v[0].hint &&
          strstr(d.v[0].hint, "'volume'"));
    CHECK(d.n > 1 && strstr(d.v[1].msg, "key = value"));
    CHECK(d.n > 4 && strstr(d.v[4].msg, "yes or no"));
    settings_free(&s);
    diags_free(&d);

    /* No file is no settings, and no error. */
    snprintf(path, sizeof path, "%s/none.conf", dir);
    d = (struct diags){0};
    CHECK_INT(settings_load(&s, keys, NKEYS, path, &d), 0);
    CHECK(s.text[0] == NULL);
    settings_free(&s);
    diags_free(&d);
}

static void test_settings_write(void)
{
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/deep/er/rollout.conf", dir);
    /* A new file, its folders made; then one key rewritten in its place. */
    CHECK_INT(settings_write(path, "volume", "-6", err, sizeof err), 0);
    CHECK(strstr(read_text(path), "\nvolume = -6\n") != NULL);
    write_text(path, "# keep me\nvolume = -6\ndevice = X\n  volume=-9\nnot a line\n");
    CHECK_INT(settings_write(path, "volume", "-3", err, sizeof err), 0);
    CHECK_STR(read_text(path), "# keep me\nvolume = -3\ndevice = X\nnot a line\n");
    CHECK_INT(settings_write(path, "buffer", "2048", err, sizeof err), 0);
    CHECK_STR(read_text(path), "# keep me\nvolume = -3\ndevice = X\nnot a line\nbuffer = 2048\n");
    CHECK_INT(settings_write(path, "device", NULL, err, sizeof err), 0);
    CHECK_STR(read_text(path), "# keep me\nvolume = -3\nnot a line\nbuffer = 2048\n");
    /* A folder in the way: an error, the file as it was. */
    snprintf(path, sizeof path, "%s/blocked", dir);
    write_text(path, "");
    char inside[600];
    snprintf(inside, sizeof inside, "%s/rollout.conf", path);
    CHECK_INT(settings_write(inside, "volume", "-3", err, sizeof err), -1);
    CHECK(strstr(err, "folder") != NULL);
}

static struct routine *parse(const char *text)
{
    return test_parse("t.roll", text);
}

static int compile(struct timeline *tl, const struct routine *r)
{
    int64_t *len = calloc((size_t)r->ncues, sizeof *len);
    for (int i = 0; i < r->ncues; i++)
        len[i] = RATE / 2;
    int rc = timeline_compile(tl, r, len, &(struct timeline_opts){RATE, 0, 1.0});
    free(len);
    return rc;
}

static const char routine_v1[] = "routine \"T\"\n"
                                 "step feet \"Feet\" sides=both\n  roll 20s\n"
                                 "step calves \"Calves\" sides=both\n  roll 30s\n  hold 10s\n"
                                 "step back \"Back\"\n  roll 20s\n";
/* Edited: a new first step, the calves longer. */
static const char routine_v2[] = "routine \"T\"\n"
                                 "step shins \"Shins\" sides=both\n  roll 15s\n"
                                 "step feet \"Feet\" sides=both\n  roll 20s\n"
                                 "step calves \"Calves\" sides=both\n  roll 45s\n  hold 10s\n"
                                 "step back \"Back\"\n  roll 20s\n";
/* Edited more: the calves gone. */
static const char routine_v3[] = "routine \"T\"\n"
                                 "step feet \"Feet\" sides=both\n  roll 20s\n"
                                 "step back \"Back\"\n  roll 20s\n";

/* The first frame of step k's side. */
static int64_t side_start(const struct timeline *tl, int k, enum script_side side)
{
    for (int i = 0; i < tl->nph; i++)
        if (tl->ph[i].step == k && tl->ph[i].side == side)
            return tl->ph[i].start;
    return -1;
}

static void test_resume(void)
{
    struct routine *r1 = parse(routine_v1), *r2 = parse(routine_v2), *r3 = parse(routine_v3);
    CHECK(r1 && r2 && r3);
    if (!r1 || !r2 || !r3)
        return;
    struct timeline t1, t2, t3;
    CHECK_INT(compile(&t1, r1), 0);
    CHECK_INT(compile(&t2, r2), 0);
    CHECK_INT(compile(&t3, r3), 0);

    /* Stopped 5 s into the calves' right side. */
    int64_t right = side_start(&t1, 1, SCRIPT_SIDE_RIGHT);
    CHECK(right > t1.steps[1].start);
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/routine.roll", dir);
    write_text(path, routine_v1);
    struct resume_point p, q;
    CHECK_INT(resume_place(&p, &t1, right + 5 * RATE, path), 0);
    CHECK_STR(p.step, "calves");
    CHECK_INT(p.side, SCRIPT_SIDE_RIGHT);
    CHECK(p.routine[0] == '/');

    /* Kept and read back whole; a damaged file is as good as none. */
    char kept[512];
    snprintf(kept, sizeof kept, "%s/state/rollout/resume", dir);
    CHECK_INT(resume_save(kept, &p, err, sizeof err), 0);
    CHECK_INT(resume_load(kept, &q), 0);
    CHECK_STR(q.routine, p.routine);
    CHECK_STR(q.step, "calves");
    CHECK_INT(q.side, SCRIPT_SIDE_RIGHT);
    CHECK_INT(q.at_ms, p.at_ms);
    /* With the step's name and the routine's title, to offer it by. */
    CHECK_STR(q.name, "Calves");
    CHECK_STR(q.title, "T");

    /* The same routine: the side's start. The edited one: the same step
     * and side where they are now. The left side: the step's start, its
     * announcement with it. */
    CHECK_INT(resume_frame(&t1, &q), right);
    CHECK_INT(resume_frame(&t2, &q), side_start(&t2, 2, SCRIPT_SIDE_RIGHT));
    CHECK(side_start(&t2, 2, SCRIPT_SIDE_RIGHT) != right);
    q.side = SCRIPT_SIDE_LEFT;
    CHECK_INT(resume_frame(&t2, &q), t2.steps[2].start);
    /* The calves gone: no place. A step name is not an id. */
    CHECK_INT(resume_frame(&t3, &q), -1);
    snprintf(q.step, sizeof q.step, "Back");
    CHECK_INT(resume_frame(&t3, &q), -1);

    /* At the end there is no place to keep. */
    CHECK_INT(resume_place(&p, &t1, t1.length, path), -1);

    write_text(kept, "routine\t/x.roll\nsi");
    CHECK_INT(resume_load(kept, &q), -1);
    resume_clear(kept);
    CHECK_INT(resume_load(kept, &q), 1);

    timeline_free(&t1);
    timeline_free(&t2);
    timeline_free(&t3);
    script_free(r1);
    script_free(r2);
    script_free(r3);
}

static void test_history_run(void)
{
    struct routine *r = parse("routine \"T\"\n"
                              "step calves \"Calves\" area=calf sides=both\n  roll 20s\n"
                              "step back \"Back\" area=upper-back\n  roll 20s\n");
    CHECK(r != NULL);
    if (!r)
        return;
    struct timeline tl;
    CHECK_INT(compile(&tl, r), 0);
    struct history_run h = {0};
    /* Play from the start through the calves' left side, then a jump to
     * the back, played to the end. */
    int64_t right = side_start(&tl, 0, SCRIPT_SIDE_RIGHT);
    struct engine_status st = {.pos = 0, .run_from = 0};
    for (int64_t pos = 0; pos <= right + RATE; pos += RATE / 10) {
        st.pos = pos;
        history_track(&h, &tl, &st);
    }
    st.run_from = tl.steps[1].start;
    for (int64_t pos = st.run_from; pos <= tl.length; pos += RATE / 10) {
        st.pos = pos;
        history_track(&h, &tl, &st);
    }
    struct history_entry e;
    history_entry_make(&e, &h, &tl, "/somewhere/my legs.roll", 1000);
    CHECK_STR(e.routine, "my legs");
    CHECK_INT(e.steps, 1); /* the back; the calves only in half */
    CHECK_INT(e.sides, 2); /* the calves' left, the back's one */
    CHECK_STR(e.areas, "calf,upper-back");
    double heard = (double)(right + RATE + (tl.length - tl.steps[1].start)) / RATE / 60.0;
    CHECK(e.minutes > heard - 0.01 && e.minutes < heard + 0.01);
    history_run_free(&h);
    timeline_free(&tl);
    script_free(r);
}

/* What a run did, told at its end: the steps rolled whole said together
 * by the sides they had, each area lit on its sides, and the week with the
 * sessions before it; a preview is not counted. */
static void test_report(void)
{
    struct routine *r = parse("routine \"T\"\n"
                              "step calves \"Calves\" area=calf sides=both\n  roll 20s\n"
                              "step ham \"Hamstrings\" area=hamstring sides=both\n  roll 20s\n"
                              "step it \"IT band\" area=it-band sides=both\n  roll 20s\n"
                              "step back \"Upper back\" area=upper-back\n  roll 20s\n");
    CHECK(r != NULL);
    if (!r)
        return;
    struct timeline tl;
    CHECK_INT(compile(&tl, r), 0);
    time_t now = 1764500000;
    struct history_entry past[2] = {{.when = now - 2 * 86400, .minutes = 10.4},
                                    {.when = now - 9 * 86400, .minutes = 30.0}};
    snprintf(past[0].areas, sizeof past[0].areas, "calf");
    snprintf(past[1].areas, sizeof past[1].areas, "glutes");

    /* Played through: every step whole. */
    struct history_run h = {0};
    struct report rp;
    history_track(&h, &tl, &(struct engine_status){.pos = tl.length, .run_from = 0});
    report_make(&rp, &h, &tl, past, 2, 0, now);
    CHECK_INT(rp.steps, 4);
    CHECK_INT(rp.nsteps, 4);
    CHECK_STR(rp.rolled, "Calves, hamstrings and IT band, both sides; upper back");
    int calf = area_find("calf"), back = area_find("upper-back");
    CHECK_INT(rp.lit[calf], 1 << SCRIPT_SIDE_LEFT | 1 << SCRIPT_SIDE_RIGHT);
    CHECK_INT(rp.lit[back], 1 << SCRIPT_SIDE_NONE);
    CHECK_INT(rp.lit[area_find("glutes")], 0);
    char want[400];
    snprintf(want, sizeof want,
             "This week: 2 sessions, %.0f min; calf 2\u00d7, hamstring 1\u00d7, "
             "IT band 1\u00d7, upper back 1\u00d7",
             10.4 + (double)h.played / RATE / 60.0);
    CHECK_STR(rp.week, want);
    /* The same as a preview: told, not counted. */
    report_make(&rp, &h, &tl, past, 2, 1, now);
    CHECK_STR(rp.week, "A preview: not kept in the history");
    history_run_free(&h);

    /* Stopped after the calves' left side and the hamstrings' first: one
     * side each, none of the steps whole. */
    int64_t right = side_start(&tl, 1, SCRIPT_SIDE_RIGHT);
    history_track(&h, &tl, &(struct engine_status){.pos = right, .run_from = 0});
    report_make(&rp, &h, &tl, past, 2, 0, now);
    CHECK_INT(rp.steps, 1);
    CHECK_STR(rp.rolled, "Calves, both sides; hamstrings, left side");
    history_run_free(&h);

    /* Nothing rolled: nothing said, and the week without it. */
    history_track(&h, &tl, &(struct engine_status){.pos = 0, .run_from = 0});
    report_make(&rp, &h, &tl, past, 2, 0, now);
    CHECK_INT(rp.steps, 0);
    CHECK_STR(rp.rolled, "");
    CHECK_STR(rp.week, "This week: 1 session, 10 min; calf 1\u00d7");
    history_run_free(&h);
    timeline_free(&tl);
    script_free(r);
}

static void test_history_file(void)
{
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/state/rollout/history.tsv", dir);
    time_t now = 1764500000; /* a Sunday in November 2025, afternoon */
    struct history_entry e = {.when = now - 5 * 86400, .minutes = 12.1, .steps = 4, .sides = 8};
    snprintf(e.routine, sizeof e.routine, "default");
    snprintf(e.areas, sizeof e.areas, "foot-arch,calf,hamstring,hip-flexor");
    CHECK_INT(history_append(path, &e, err, sizeof err), 0);
    e.when = now - 2 * 86400;
    e.minutes = 5.0;
    snprintf(e.areas, sizeof e.areas, "calf,quadriceps");
    CHECK_INT(history_append(path, &e, err, sizeof err), 0);
    /* Damage: a torn line, a bad date, a NUL, no newline at the end. */
    FILE *f = fopen(path, "a");
    CHECK(f != NULL);
    if (f) {
        fputs("2025-11-29T10:00:00+0000\tdefault\t3\n", f);
        fputs("yesterday\tdefault\t3.0\t1\t2\tcalf\n", f);
        static const char nul[] = "2025-11-29T10:00:00+0000\tdef\0ault\t3.0\t1\t2\tcalf\n";
        fwrite(nul, 1, sizeof nul - 1, f);
        fputs("2025-11-29T10:00:00+0000\tpre-run\t5.0\t1\t2\tcalf", f);
        fclose(f);
    }
    e.when = now - 60 * 86400; /* long ago: not this week */
    e.minutes = 20.0;
    snprintf(e.areas, sizeof e.areas, "glutes");
    CHECK_INT(history_append(path, &e, err, sizeof err), 0);

    struct history_entry *v;
    int n, bad, first;
    CHECK_INT(history_read(path, &v, &n, &bad, &first, err, sizeof err), 0);
    CHECK_INT(n, 4);
    CHECK_INT(bad, 3);
    CHECK_INT(first, 4); /* after the header and two good lines */
    if (n == 4) {
        CHECK_STR(v[2].routine, "pre-run"); /* the line with no newline, mended */
        CHECK_INT(v[0].when, now - 5 * 86400);
        CHECK_STR(v[1].areas, "calf,quadriceps");
    }
    char out[1024] = "";
    FILE *m = fmemopen(out, sizeof out, "w");
    history_summary(m, v, n, now);
    fclose(m);
    /* 12.1 + 5 + 5: three sessions this week; the glutes waited longest. */
    CHECK_STR(out, "this week: 3 sessions, 22 min; arch of the foot 1\u00d7, calf 3\u00d7, "
                   "hamstring 1\u00d7, quadriceps 1\u00d7, hip flexor 1\u00d7; "
                   "last rolled glutes 60 days ago\n");
    free(v);

    /* A file that is not there is no history. */
    snprintf(path, sizeof path, "%s/none.tsv", dir);
    CHECK_INT(history_read(path, &v, &n, &bad, &first, err, sizeof err), 0);
    CHECK_INT(n, 0);
    free(v);
}

static void test_xdg(void)
{
    char buf[512];
    setenv("XDG_STATE_HOME", "relative/ignored", 1);
    setenv("HOME", "/home/someone", 1);
    CHECK_STR(xdg_path(XDG_STATE, "rollout/history.tsv", buf, sizeof buf),
              "/home/someone/.local/state/rollout/history.tsv");
    setenv("XDG_CONFIG_HOME", "/cfg", 1);
    CHECK_STR(xdg_path(XDG_CONFIG, "rollout/rollout.conf", buf, sizeof buf),
              "/cfg/rollout/rollout.conf");
}

/* Every kind of value, as the command line and the file both take it:
 * stored where its key says, refused with what it takes. */
static void test_settings_kinds(void)
{
    struct all {
        double number;
        const char *choice;
        int pick[2];
        int size[2];
        int bits;
    } v = {0};
    static const char *const formats[] = {"text", "tsv", "json", NULL};
    static const char *const buses[] = {"click", "voice", NULL};
    static const char *const bits[] = {"16", "24", "32", NULL};
    const struct settings_key
        number = {"fast", SETTINGS_NUMBER, 1, 20, .offset = offsetof(struct all, number)},
        choice = {"format", SETTINGS_CHOICE, .choices = formats,
                  .offset = offsetof(struct all, choice)},
        pick = {"mute", SETTINGS_PICK, .choices = buses, .offset = offsetof(struct all, pick)},
        size = {"size", SETTINGS_SIZE, 320, 7680, 200, 4320, .offset = offsetof(struct all, size)},
        whole = {"bits", SETTINGS_INT,    16,
                 32,     .choices = bits, .offset = offsetof(struct all, bits)};
    char err[256], buf[64];
    CHECK_INT(settings_parse(&number, "--fast", "2.5", &v, err, sizeof err), 0);
    CHECK(v.number == 2.5);
    CHECK_INT(settings_parse(&number, "--fast", "21", &v, err, sizeof err), -1);
    CHECK_STR(err, "--fast takes a number from 1 to 20, not '21'");
    CHECK_INT(settings_parse(&choice, "--format", "tsv", &v, err, sizeof err), 0);
    CHECK_STR(v.choice, "tsv");
    CHECK(v.choice == formats[1]); /* the table's own string */
    CHECK_INT(settings_parse(&choice, "--format", "xml", &v, err, sizeof err), -1);
    CHECK_STR(err, "--format takes text, tsv or json, not 'xml'");
    CHECK_INT(settings_parse(&pick, "--mute", "voice", &v, err, sizeof err), 0);
    CHECK_INT(v.pick[0], 0);
    CHECK_INT(v.pick[1], 1);
    CHECK_STR(settings_format(&pick, &v, buf, sizeof buf), "voice");
    CHECK_INT(settings_parse(&pick, "--mute", "drums", &v, err, sizeof err), -1);
    CHECK_STR(err, "--mute takes click or voice, not 'drums'");
    CHECK_INT(settings_parse(&size, "--size", "640x480", &v, err, sizeof err), 0);
    CHECK_INT(v.size[0], 640);
    CHECK_INT(v.size[1], 480);
    CHECK_STR(settings_format(&size, &v, buf, sizeof buf), "640x480");
    CHECK_INT(settings_parse(&size, "--size", "640x100", &v, err, sizeof err), -1);
    CHECK_INT(settings_parse(&size, "--size", "640x480x2", &v, err, sizeof err), -1);
    CHECK_STR(err, "--size takes WIDTHxHEIGHT from 320x200 to 7680x4320, not '640x480x2'");
    CHECK_INT(settings_parse(&whole, "--bits", "24", &v, err, sizeof err), 0);
    CHECK_INT(v.bits, 24);
    CHECK_INT(settings_parse(&whole, "--bits", "20", &v, err, sizeof err), -1);
    CHECK_STR(err, "--bits takes 16, 24 or 32, not '20'");
}

/* A FIFO in the place of each file rollout keeps: read at once, refused
 * with the words for it, never waited on (alarm turns a wait into a failed
 * run rather than a hung one). A folder there is said as a folder. */
static void test_not_files(void)
{
    char conf[512], hist[512], place[512], err[512];
    snprintf(conf, sizeof conf, "%s/fifo.conf", dir);
    snprintf(hist, sizeof hist, "%s/fifo.tsv", dir);
    snprintf(place, sizeof place, "%s/fifo.resume", dir);
    CHECK_INT(mkfifo(conf, 0644), 0);
    CHECK_INT(mkfifo(hist, 0644), 0);
    CHECK_INT(mkfifo(place, 0644), 0);
    alarm(10);
    struct settings s;
    struct diags d = {0};
    CHECK_INT(settings_load(&s, keys, NKEYS, conf, &d), -1);
    CHECK(d.n == 1 &&
          strcmp(d.v[0].msg, "cannot read the settings: it is not a regular file") == 0);
    settings_free(&s);
    diags_free(&d);
    CHECK_INT(settings_write(conf, "volume", "-3", err, sizeof err), -1);
    CHECK(strstr(err, "it is not a regular file") != NULL);
    struct history_entry *v, e = {.when = 1000, .minutes = 1};
    int n, bad, first;
    snprintf(e.routine, sizeof e.routine, "legs");
    CHECK_INT(history_read(hist, &v, &n, &bad, &first, err, sizeof err), -1);
    CHECK(strstr(err, "it is not a regular file") != NULL);
    CHECK_INT(history_append(hist, &e, err, sizeof err), -1);
    CHECK(strstr(err, "it is not a regular file") != NULL);
    struct resume_point p;
    CHECK_INT(resume_load(place, &p), -1);
    alarm(0);
    /* Folders. */
    snprintf(conf, sizeof conf, "%s/folder.conf", dir);
    mkdir(conf, 0755);
    d = (struct diags){0};
    CHECK_INT(settings_load(&s, keys, NKEYS, conf, &d), -1);
    CHECK(d.n == 1 && strcmp(d.v[0].msg, "cannot read the settings: it is a directory") == 0);
    settings_free(&s);
    diags_free(&d);
    CHECK_INT(history_read(conf, &v, &n, &bad, &first, err, sizeof err), -1);
    CHECK(strstr(err, "it is a directory") != NULL);
}

/* Files as other editors and tools leave them: CRLF endings and a
 * byte-order mark; values far longer than a line buffer; values that would
 * break the file's lines. */
static void test_edited(void)
{
    char path[512], err[512];
    snprintf(path, sizeof path, "%s/crlf.tsv", dir);
    write_text(path,
               "\xEF\xBB\xBF# when\troutine\r\n2025-11-29T10:00:00+0000\tlegs\t5.0\t1\t2\tcalf\r\n"
               "2025-11-30T10:00:00+0000\tback\t3.5\t2\t2\t-\r\n");
    struct history_entry *v;
    int n, bad, first;
    CHECK_INT(history_read(path, &v, &n, &bad, &first, err, sizeof err), 0);
    CHECK_INT(n, 2);
    CHECK_INT(bad, 0);
    if (n == 2) {
        CHECK_STR(v[0].areas, "calf");
        CHECK_STR(v[1].routine, "back");
    }
    free(v);

    /* A byte-order mark, CRLF, and a value of 3000 bytes read whole. */
    snprintf(path, sizeof path, "%s/bom.conf", dir);
    static char text[8192], device[3001];
    memset(device, 'd', 3000);
    snprintf(text, sizeof text, "\xEF\xBB\xBFvolume = -6\r\ndevice = %s\r\n", device);
    write_text(path, text);
    struct settings s;
    struct diags d = {0};
    CHECK_INT(settings_load(&s, keys, NKEYS, path, &d), 0);
    CHECK_INT(d.n, 0);
    CHECK(s.text[0] && strcmp(s.text[0], "-6") == 0);
    CHECK(s.text[3] && strcmp(s.text[3], device) == 0);
    settings_free(&s);
    diags_free(&d);
    /* The mark stays where it was and the first line is rewritten in place. */
    CHECK_INT(settings_write(path, "volume", "-3", err, sizeof err), 0);
    CHECK(strncmp(read_text(path), "\xEF\xBB\xBFvolume = -3\ndevice = ", 24) == 0);

    /* A newline, an escape, a value longer than any path: refused, as a
     * value and as a line of the file, the file as it was. */
    CHECK_INT(settings_value_check("device", "a\nvolume = 12", err, sizeof err), -1);
    CHECK_STR(err, "device takes no control characters, not 'a\\x0avolume = 12'");
    CHECK_INT(settings_value_check("device",
                                   "\xC2\x9B"
                                   "31m",
                                   err, sizeof err),
              -1);
    CHECK_INT(settings_write(path, "device", "a\nvolume = 12", err, sizeof err), -1);
    CHECK(strstr(read_text(path), "volume = 12") == NULL);
    static char huge[SETTINGS_MAX_VALUE + 2];
    memset(huge, 'x', SETTINGS_MAX_VALUE + 1);
    CHECK_INT(settings_value_check("device", huge, err, sizeof err), -1);
    CHECK_STR(err, "device takes at most 4095 bytes, not 4096");
    huge[SETTINGS_MAX_VALUE] = 0;
    CHECK_INT(settings_value_check("device", huge, err, sizeof err), 0);
    write_text(path, "device = \x1b[31mRED\x07\n");
    d = (struct diags){0};
    CHECK_INT(settings_load(&s, keys, NKEYS, path, &d), -1);
    CHECK(d.n == 1 && d.v[0].line == 1 && strstr(d.v[0].msg, "'\\x1b[31mRED\\x07'"));
    settings_free(&s);
    diags_free(&d);
}

/* A key that must also pass a check of its own (the start screen's areas). */
static int only_calves(const char *text, char *err, size_t errlen)
{
    if (strcmp(text, "calves") == 0)
        return 0;
    snprintf(err, errlen, "no body area '%s'", text);
    return -1;
}

static void test_checked_text(void)
{
    const struct settings_key areas = {"start-areas", SETTINGS_TEXT, .check = only_calves};
    char err[256];
    CHECK_INT(settings_parse(&areas, "start-areas", "calves", NULL, err, sizeof err), 0);
    CHECK_INT(settings_parse(&areas, "start-areas", "", NULL, err, sizeof err), 0);
    CHECK_INT(settings_parse(&areas, "start-areas", "neck", NULL, err, sizeof err), -1);
    CHECK_STR(err, "start-areas: no body area 'neck'");
}

/* rollout.conf behind a symbolic link, relative and through a second
 * link: written through to the file they lead to, beside it; the links
 * stay links. */
static void test_links(void)
{
    char target[512], link1[512], link2[512], err[256];
    snprintf(target, sizeof target, "%s/dotfiles/rollout.conf", dir);
    snprintf(link1, sizeof link1, "%s/dotfiles/link.conf", dir);
    snprintf(link2, sizeof link2, "%s/config/rollout.conf", dir);
    char folder[600];
    snprintf(folder, sizeof folder, "%s/dotfiles", dir);
    mkdir(folder, 0755);
    snprintf(folder, sizeof folder, "%s/config", dir);
    mkdir(folder, 0755);
    write_text(target, "# mine\nvolume = -6\n");
    CHECK_INT(symlink("rollout.conf", link1), 0);
    CHECK_INT(symlink("../dotfiles/link.conf", link2), 0);
    CHECK_INT(settings_write(link2, "volume", "-3", err, sizeof err), 0);
    struct stat st;
    CHECK(lstat(link2, &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(lstat(link1, &st) == 0 && S_ISLNK(st.st_mode));
    CHECK_STR(read_text(target), "# mine\nvolume = -3\n");
    /* A link to a file not there yet: the file is made where it leads. */
    snprintf(link1, sizeof link1, "%s/config/history.tsv", dir);
    CHECK_INT(symlink("../dotfiles/history.tsv", link1), 0);
    struct history_entry e = {.when = 1000, .minutes = 1};
    snprintf(e.routine, sizeof e.routine, "legs");
    CHECK_INT(history_append(link1, &e, err, sizeof err), 0);
    CHECK(lstat(link1, &st) == 0 && S_ISLNK(st.st_mode));
    snprintf(target, sizeof target, "%s/dotfiles/history.tsv", dir);
    CHECK(strstr(read_text(target), "\tlegs\t") != NULL);
}

/* No HOME, or an empty one: the password database's home, never the
 * current folder or the root. */
static void test_home(void)
{
    char buf[512], want[512];
    struct passwd *pw = getpwuid(getuid());
    CHECK(pw && pw->pw_dir[0] == '/');
    if (!pw)
        return;
    snprintf(want, sizeof want, "%s/.local/state/rollout/history.tsv",
             strcmp(pw->pw_dir, "/") == 0 ? "" : pw->pw_dir);
    char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    unsetenv("XDG_STATE_HOME");
    unsetenv("HOME");
    CHECK_STR(xdg_path(XDG_STATE, "rollout/history.tsv", buf, sizeof buf), want);
    setenv("HOME", "", 1);
    CHECK_STR(xdg_path(XDG_STATE, "rollout/history.tsv", buf, sizeof buf), want);
    setenv("HOME", "relative", 1);
    CHECK_STR(xdg_path(XDG_STATE, "rollout/history.tsv", buf, sizeof buf), want);
    char err[256];
    CHECK_INT(xdg_check("", err, sizeof err), -1);
    CHECK_INT(history_append("", &(struct history_entry){.when = 1}, err, sizeof err), -1);
    CHECK(strstr(err, "no home folder") != NULL);
    if (home)
        setenv("HOME", home, 1);
    free(home);
}

/* Outside text as a message quotes it: controls shown, cut at a character. */
static void test_visible(void)
{
    char buf[16];
    CHECK_STR(visible_str(buf, sizeof buf, "a\x1b[2Jb"), "a\\x1b[2Jb");
    CHECK_STR(visible_str(buf, sizeof buf, "\xC2\x9B"), "\\u009b");
    CHECK_STR(visible_str(buf, sizeof buf, "\x1b\x1b\x1b\x1b"), "\\x1b\\x1b\\x1b...");
    CHECK_STR(visible_str(buf, sizeof buf, "\x1b\x1b\x1b"), "\\x1b\\x1b\\x1b");
    /* Six wide characters, 18 bytes: four and the mark, never half of one. */
    CHECK_STR(visible_str(buf, sizeof buf,
                          "\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD\xE6\x96\x87"
                          "\xE4\xB8\xAD\xE6\x96\x87"),
              "\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD\xE6\x96\x87...");
    char out[128] = "";
    FILE *f = fmemopen(out, sizeof out, "w");
    visible_json(f, "a\"\x1b\xC2\x9B\xFF\n");
    fclose(f);
    CHECK_STR(out, "\"a\\\"\\u001b\\u009b\\ufffd\\n\"");
    CHECK(visible_has_control("ok\x7f"));
    CHECK(visible_has_control("\xC2\x85"));
    CHECK(!visible_has_control("caf\xC3\xA9 \xE2\x80\xAE"));
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/rollout-test-state-XXXXXX", P_tmpdir);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_settings_load();
    test_settings_write();
    test_settings_kinds();
    test_resume();
    test_history_run();
    test_history_file();
    test_report();
    test_xdg();
    test_not_files();
    test_edited();
    test_checked_text();
    test_links();
    test_home();
    test_visible();
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done("test_state");
}
