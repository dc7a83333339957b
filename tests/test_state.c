/* test_state.c — what rollout keeps between runs: rollout.conf read line by
 * line (errors and warnings at their lines, the table's kinds and limits),
 * a setting rewritten in place with the rest of the file kept; the resume
 * point found again by step and side in an edited routine, and lost when
 * its step is gone; the history read past damaged lines, and its summary
 * at a fixed "now". Everything in a scratch folder of its own. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "history.h"
#include "resume.h"
#include "settings.h"
#include "timeline.h"
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
    struct diags d = {0};
    struct routine *r = script_parse("t.roll", text, strlen(text), &d);
    if (!r)
        diags_print(&d, stderr);
    diags_free(&d);
    return r;
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
    test_xdg();
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done("test_state");
}
