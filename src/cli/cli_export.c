/* SPDX-License-Identifier: MIT */
/* cli_export.c — the commands that write a session to a file: rollout render (the whole
 * session as audio) and rollout shot (the window at one moment, as a picture). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_state.h"
#include "term.h"
#include "show.h"
#include "music.h"
#include "options.h"
#include "out_file.h"
#include "view_sdl.h"
#include "view_term.h"

static int has_extension(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcasecmp(path + n - e, ext) == 0;
}

int cli_shot(char **names, int n, const struct args *a)
{
    const char *name = n ? names[0] : NULL;
    int64_t at_ms = 0;
    if (a->start_screen)
        return cli_shot_start(a);
    if (!a->output || !a->at) {
        cli_usage_error("%s", "shot needs a moment and a file: --at TIME -o FILE.png");
        return CLI_EXIT_USAGE;
    }
    if (!has_extension(a->output, ".png") && !has_extension(a->output, ".bmp")) {
        cli_usage_error("shot writes .png or .bmp files, not '%s'", a->output);
        return CLI_EXIT_USAGE;
    }
    int at_end = strcmp(a->at, "end") == 0; /* the end screen */
    if (!at_end && cli_parse_time(a->at, &at_ms) != 0) {
        cli_usage_error("--at takes a time such as 90, 1m30s or 1:30, or 'end', not '%s'", a->at);
        return CLI_EXIT_USAGE;
    }
    /* A picture needs no sound: a cue not recorded yet is drawn all the same. */
    struct request q;
    cli_request(&q, a, name, SESSION_MISSING_DRAFT);
    struct session s;
    int64_t start;
    int rc = cli_load(&s, &q, &start);
    if (rc != CLI_EXIT_OK)
        return rc;
    int64_t now = at_end ? s.tl.length : start + timeline_ms_to_frames(at_ms, s.rate);
    if (now > s.tl.length) {
        char len[16];
        fprintf(stderr, "rollout: --at %s is past the end of the session (%s).\n", a->at,
                show_clock(len, sizeof len, s.tl.length, s.rate));
        session_free(&s);
        return CLI_EXIT_USAGE;
    }
    struct show_input st = {.tl = &s.tl,
                            .cue_frames = s.cue_frames,
                            .now = now,
                            .paused = a->paused,
                            .volume_db = a->gain_db[ENGINE_MASTER],
                            .click_muted = a->mute[ENGINE_CLICK],
                            .listen = a->listen ? CONTROL_LISTEN_ON : CONTROL_LISTEN_OFF,
                            .help = a->help_screen};
    /* At the end, what the session did, played through from the start
     * (or the --start-at step), with the week from the history. */
    struct history_run run = {0};
    struct report report;
    if (now >= s.tl.length) {
        history_track(&run, &s.tl, &(struct engine_status){.pos = now, .run_from = start});
        cli_report(&report, &s.tl, &run, a->fast > 1.0 || a->draft);
        st.report = &report;
    }
    char err[512];
    rc = CLI_EXIT_OK;
    /* A signal lets the picture be drawn, then keeps it from replacing
     * the file, as render does. */
    cli_catch_signals();
    enum view_sdl_shot_result shot =
        view_sdl_shot(&st, a->size[0], a->size[1], a->output, &cli_signal, err, sizeof err);
    if (shot != VIEW_SDL_SHOT_OK) {
        cli_say("%s", cli_clause(err));
        rc = shot == VIEW_SDL_SHOT_WRITE ? CLI_EXIT_IO : CLI_EXIT_DEVICE;
    }
    history_run_free(&run);
    session_free(&s);
    return shot == VIEW_SDL_SHOT_INTERRUPTED ? cli_die_of_signal() : rc;
}

/* More than this off the peaks, render says so. The loudness target
 * alone takes up to 4 dB off the loudest syllables and clicks of the
 * bundled routines (docs/benchmarks.md), which is no news. */
#define CLI_LIMITED_SAY_DB 6.0f

/* The progress bar on a terminal: redrawn when the percentage changes, so
 * at most 101 times whatever the session's length. */
#define BAR_WIDTH 30

struct progress {
    int rate;
    int percent; /* last drawn; -1 before the first */
};

static void draw_progress(void *user, int64_t done, int64_t total)
{
    struct progress *p = user;
    int percent = total > 0 ? (int)(done * 100 / total) : 100;
    if (percent == p->percent)
        return;
    p->percent = percent;
    char bar[BAR_WIDTH + 1], at[16], len[16];
    int full = percent * BAR_WIDTH / 100;
    for (int i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < full ? '#' : '-';
    bar[BAR_WIDTH] = '\0';
    /* \r and erase to the end: the bar is redrawn in place on one line. */
    fprintf(stderr, "\r[%s] %3d%%  %s of %s\033[K", bar, percent,
            show_clock(at, sizeof at, done, p->rate), show_clock(len, sizeof len, total, p->rate));
}

/* "23.4 MB": decimal units, as file managers and phones show sizes. */
static const char *file_size(char *buf, size_t len, const char *path)
{
    struct stat st;
    double b = stat(path, &st) == 0 ? (double)st.st_size : 0.0;
    if (b >= 1e9)
        snprintf(buf, len, "%.1f GB", b / 1e9);
    else if (b >= 1e6)
        snprintf(buf, len, "%.1f MB", b / 1e6);
    else
        snprintf(buf, len, "%.1f kB", b / 1e3);
    return buf;
}

/* A new engine and bed at `from`, made as the first were: the mix is
 * deterministic, so each pass hears the same samples. */
static int again(struct session *s, struct engine **e, struct music **bed, const struct args *a,
                 int64_t from, struct out_file_opts *fo)
{
    int had_bed = *bed != NULL; /* none playable was said the first time */
    engine_free(*e);
    cli_music_close(*bed); /* after the engine that read it */
    *bed = NULL;
    fo->music = NULL;
    *e = cli_engine(s, a, from);
    if (!*e) {
        fprintf(stderr, "rollout: out of memory.\n");
        return CLI_EXIT_IO;
    }
    if (!had_bed)
        return CLI_EXIT_OK;
    cli_music_hush();
    *bed = cli_music_open(a, s->routine->music, s->rate, 0);
    if (*bed) {
        engine_set_music(*e, music_ring(*bed));
        fo->music = *bed;
    }
    return CLI_EXIT_OK;
}

/* The passes before the file: the mix measured (EBU R128) as it stands,
 * then again with the gain that should bring it to target, through the
 * limiter, which takes a little off; the second reading corrects the
 * gain for that. fo->gain_db is left at the gain to render with, and *e
 * at a fresh engine. An exit code. */
static int measure(struct session *s, struct engine **e, struct music **bed, const struct args *a,
                   int64_t from, double target, struct out_file_opts *fo)
{
    char err[512];
    for (int pass = 0; pass < 2; pass++) {
        double lufs;
        if (out_file_measure(*e, a->output, fo, &lufs, err, sizeof err) != 0) {
            if (!cli_signal)
                cli_say("%s", cli_clause(err));
            return CLI_EXIT_IO;
        }
        if (!isfinite(lufs))
            return again(s, e, bed, a, from, fo); /* silence stays silence */
        fo->gain_db += (float)(target - lufs);
        int rc = again(s, e, bed, a, from, fo);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    return CLI_EXIT_OK;
}

/* Said once, when the volumes asked for more than the limiter lets
 * through: the file has lost some of its peaks, and a louder volume only
 * squeezes them harder. */
static void say_limited(const struct args *a, float limited)
{
    if (limited < CLI_LIMITED_SAY_DB)
        return;
    fprintf(stderr,
            "rollout: '%s' was limited by up to %.1f dB to stay under %.0f dBTP; "
            "a lower volume keeps its peaks whole.\n",
            a->output, limited, (double)LIMITER_CEILING_DB);
}

int cli_render(char **names, int n, const struct args *a)
{
    const char *name = n ? names[0] : NULL;
    if (!a->output) {
        cli_usage_error("%s", "render needs an output file: -o FILE");
        return CLI_EXIT_USAGE;
    }
    char err[512];
    struct out_file_opts fo = {
        .rate = a->rate, .bits = a->bits, .channels = a->channels, .kbps = a->kbps};
    double target = OUT_FILE_LOUDNESS_LUFS;
    int normalise = out_file_lossy(a->output);
    if (a->loudness && (normalise = cli_loudness(a->loudness, &target, err, sizeof err)) < 0) {
        cli_usage_error("--loudness: %s", err);
        return CLI_EXIT_USAGE;
    }
    target += out_file_codec_loss(a->output); /* what is heard, decoded, is the target */
    if (out_file_check(a->output, &fo, err, sizeof err) != OUT_FILE_OK) {
        cli_say("%s", cli_clause(err));
        return CLI_EXIT_USAGE;
    }
    if (cli_tags_check(a) != CLI_EXIT_OK)
        return CLI_EXIT_USAGE;
    /* From here a signal only sets the flag: the render stops between two
     * blocks and removes its temporary file, instead of dying with it. */
    cli_catch_signals();
    struct session s;
    struct engine *e;
    struct request q;
    cli_request(&q, a, name, a->draft ? SESSION_MISSING_DRAFT : SESSION_MISSING_ERROR);
    int rc = cli_prepare(&s, &e, &q, a);
    if (rc != CLI_EXIT_OK)
        return cli_signal ? cli_die_of_signal() : rc;
    fo.title = s.routine->title;
    fo.stop = &cli_signal;
    /* The bed is decoded in this thread, ahead of each block. */
    struct music *bed = cli_music_open(a, s.routine->music, s.rate, 0);
    if (bed) {
        engine_set_music(e, music_ring(bed));
        fo.music = bed;
    }
    /* Progress and the closing line are for a person watching a terminal. */
    int show = !a->quiet && term_redraws(STDERR_FILENO);
    struct progress pr = {.rate = s.rate, .percent = -1};
    if (show) {
        fo.progress = draw_progress;
        fo.user = &pr;
    }
    struct engine_status st;
    engine_status(e, &st);
    int64_t frames = s.tl.length - st.pos;
    float limited = 0.0f;
    fo.limited_db = &limited;
    if (normalise)
        rc = measure(&s, &e, &bed, a, st.pos, target, &fo);
    struct cli_tags tags = {0};
    if (rc == CLI_EXIT_OK)
        rc = cli_tags_prepare(&tags, a, &s, st.pos, &fo);
    enum out_file_result r = rc == CLI_EXIT_OK ? out_file_render(e, a->output, &fo, err, sizeof err)
                             : cli_signal      ? OUT_FILE_STOPPED
                                               : OUT_FILE_IO;
    if (r == OUT_FILE_OK)
        rc = cli_tags_lrc(&tags, &s);
    if (show)
        fputs("\r\033[K", stderr);
    if (r == OUT_FILE_OK)
        say_limited(a, limited);
    if (r == OUT_FILE_OK && show) {
        char len[16], size[32], more[4200];
        cli_put(
            stderr, "wrote %s: %s, %s%s", a->output, show_clock(len, sizeof len, frames, s.rate),
            file_size(size, sizeof size, a->output), cli_tags_summary(&tags, more, sizeof more));
    } else if (r == OUT_FILE_STOPPED) {
        cli_say("interrupted: '%s' was not written", a->output);
    } else if (r != OUT_FILE_OK && rc == CLI_EXIT_OK) {
        cli_say("%s", cli_clause(err));
    }
    cli_tags_free(&tags);
    engine_free(e);
    cli_music_close(bed); /* after the engine that read it */
    session_free(&s);
    if (r == OUT_FILE_STOPPED)
        return cli_die_of_signal();
    if (r == OUT_FILE_OK)
        return rc;
    return r == OUT_FILE_FORMAT ? CLI_EXIT_USAGE : CLI_EXIT_IO;
}
