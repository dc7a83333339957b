/* main.c — the rollout command: parses arguments and hands each command to
 * the library. Nothing here decides anything about sound. */
#include <SDL.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "control.h"
#include "engine.h"
#include "out_file.h"
#include "out_sdl.h"
#include "session.h"
#include "view_sdl.h"
#include "view_term.h"

#ifndef ROLLOUT_VERSION
#define ROLLOUT_VERSION "0.1.0"
#endif

/* Exit codes, as the README and --help document them. */
enum {
    EXIT_OK = 0,
    EXIT_INVALID = 1, /* the routine or its cues are not valid */
    EXIT_USAGE = 2,   /* the command line is wrong */
    EXIT_IO = 3,      /* a file could not be written */
    EXIT_DEVICE = 4,  /* the audio device or the window could not be opened */
};

struct args {
    int rate;
    int64_t pace_ms;
    float gain_db[3];
    int mute[2];
    const char *start_at;
    const char *device;
    int buffer;
    const char *output;
    int bits;
    int tsv;
    int missing;
    const char *voices;
    int headless;
    const char *at;       /* shot: the moment, from the start or --start-at */
    int width, height;    /* shot: the picture's size */
    int paused;           /* shot: as it looks paused */
};

static const char usage_text[] =
    "Usage: rollout COMMAND [OPTION]... [ROUTINE]...\n"
    "Guided roll-out sessions: voice cues and a pacing click, mixed live.\n"
    "\n"
    "Commands:\n"
    "  play [ROUTINE]        play a session through the audio device\n"
    "                        (the default routine when none is named)\n"
    "  render ROUTINE -o FILE  write the session to FILE (.wav, .flac, .ogg, .opus)\n"
    "  shot ROUTINE --at TIME -o FILE\n"
    "                        draw the window as it looks at TIME into FILE (.png, .bmp)\n"
    "  plan ROUTINE          print the session's timeline\n"
    "  check ROUTINE...      check routines without playing them\n"
    "  cues ROUTINE          list the cues a routine speaks and their recordings\n"
    "  list                  list the bundled routines\n"
    "  devices               list the audio output devices\n"
    "\n"
    "ROUTINE is a path to a .roll file, the name of a bundled routine, or 'default'.\n"
    "\n"
    "Options:\n"
    "      --rate HZ            output sample rate (default 48000)\n"
    "      --pace SECONDS       time between clicks, overriding the routine (e.g. 1.5)\n"
    "      --volume DB          master volume in dB (default 0)\n"
    "      --click-volume DB    click volume in dB (default 0)\n"
    "      --voice-volume DB    voice volume in dB (default 0)\n"
    "      --mute click|voice   silence one of the two (for stems and analysis)\n"
    "      --start-at STEP      begin at a step: its number, id or name\n"
    "      --device NAME        play on this device (see 'rollout devices')\n"
    "      --buffer FRAMES      audio device buffer (default 1024)\n"
    "      --headless           play without a window (the default with no display)\n"
    "      --voices DIR         look for cue recordings in DIR first\n"
    "  -o, --output FILE        render, shot: the file to write\n"
    "      --at TIME            shot: the moment, e.g. 90, 1m30s or 1:30 (from the\n"
    "                           --start-at step when given)\n"
    "      --size WxH           shot: the picture's size in pixels (default 1280x720)\n"
    "      --paused             shot: as it looks while paused\n"
    "      --bits 16|24|32      render: sample size; 32 is float, WAV only (default 16)\n"
    "      --tsv                plan, cues: tab-separated output for tools\n"
    "      --missing            cues: only the cues with no recording\n"
    "  -h, --help               show this help and exit\n"
    "  -V, --version            show the version and exit\n"
    "\n"
    "Keys while playing: space pause, n or right next step, p or left back to the\n"
    "start of the step (twice: the step before), h hold 10 s longer, +/- or up/down\n"
    "volume, c click on/off, q quit; in the window also f full screen, Esc quit.\n"
    "\n"
    "Exit status: 0 success; 1 the routine or its cues are invalid; 2 usage error;\n"
    "3 a file could not be written; 4 the audio device or the window could not be\n"
    "opened.\n";

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "rollout: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, ".\nTry 'rollout --help' for more information.\n");
    va_end(ap);
}

static int parse_number(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v) || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* "1.5", "1.5s" or "1500ms" to milliseconds. */
static int parse_pace(const char *s, int64_t *ms)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", s);
    size_t n = strlen(buf);
    double scale = 1000.0;
    if (n > 2 && strcmp(buf + n - 2, "ms") == 0) {
        buf[n - 2] = 0;
        scale = 1.0;
    } else if (n > 1 && buf[n - 1] == 's') {
        buf[n - 1] = 0;
    }
    double v;
    if (parse_number(buf, 0.0, 1e9, &v) != 0)
        return -1;
    double m = v * scale;
    if (m < 250.0 || m > 10000.0)
        return -1;
    *ms = (int64_t)llround(m);
    return 0;
}

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* Loads a session for a command; prints every diagnostic. */
static int load(struct session *s, const char *name, const struct args *a, int allow_missing)
{
    struct diags d = {0};
    struct session_opts o = {.rate = a->rate, .pace_ms = a->pace_ms, .voice_dir = a->voices,
                             .missing = allow_missing ? SESSION_MISSING_QUIET : SESSION_MISSING_ERROR};
    int rc = session_load(s, name, &o, &d);
    diags_print(&d, stderr);
    diags_free(&d);
    return rc;
}

static int64_t start_frame(const struct session *s, const char *step)
{
    if (!step)
        return 0;
    int i = script_step_find(s->routine, step);
    if (i < 0)
        return -1;
    return s->tl.steps[i].start;
}

static struct engine *make_engine(const struct session *s, const struct args *a, int64_t start)
{
    struct engine_opts eo = engine_defaults();
    memcpy(eo.gain_db, a->gain_db, sizeof eo.gain_db);
    eo.mute[ENGINE_CLICK] = a->mute[ENGINE_CLICK];
    eo.mute[ENGINE_VOICE] = a->mute[ENGINE_VOICE];
    eo.start = start;
    return engine_new(&s->tl, s->cues, &eo);
}

/* Loads the routine and makes an engine at the --start-at step. */
static int prepare(struct session *s, struct engine **e, const char *name, const struct args *a)
{
    if (load(s, name, a, 0) != 0) {
        session_free(s);
        return EXIT_INVALID;
    }
    int64_t start = start_frame(s, a->start_at);
    if (start < 0) {
        fprintf(stderr, "rollout: no step '%s' in %s.\n", a->start_at, s->path);
        session_free(s);
        return EXIT_USAGE;
    }
    *e = make_engine(s, a, start);
    if (!*e) {
        fprintf(stderr, "rollout: out of memory.\n");
        session_free(s);
        return EXIT_INVALID;
    }
    return EXIT_OK;
}

/* Opens the window for play when one is wanted and a display is there;
 * NULL otherwise, or on failure with *failed set and the error printed. */
static struct view_sdl *open_window(struct control *c, const struct session *s,
                                    const struct args *a, int *failed)
{
    *failed = 0;
    if (a->headless || !view_sdl_display_available())
        return NULL;
    char err[512];
    struct view_sdl *w = view_sdl_open(c, s->cue_frames, err, sizeof err);
    if (!w) {
        fprintf(stderr, "rollout: %s; or play with --headless.\n", err);
        *failed = 1;
    }
    return w;
}

static int cmd_play(const char *name, const struct args *a)
{
    struct session s;
    struct engine *e;
    int rc = prepare(&s, &e, name ? name : "default", a);
    if (rc != EXIT_OK)
        return rc;

    /* rollout handles its own signals: a flag, and the loop below fades out. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    catch_signals();
    char err[512];
    struct control c;
    control_init(&c, e, &s.tl, 2 * (int64_t)a->buffer, a->gain_db[ENGINE_MASTER],
                 a->mute[ENGINE_CLICK]);
    struct out_sdl *out = NULL;
    struct view_sdl *win = NULL;
    int win_failed = 0;
    if (SDL_Init(SDL_INIT_AUDIO) != 0) {
        snprintf(err, sizeof err, "cannot start SDL's audio: %s", SDL_GetError());
    } else {
        /* The window before the sound, so a session never starts unseen. */
        win = open_window(&c, &s, a, &win_failed);
        if (!win_failed)
            out = out_sdl_open(e, &(struct out_sdl_opts){a->rate, a->buffer, a->device}, err,
                               sizeof err);
    }
    if (!out) {
        if (!win_failed)
            fprintf(stderr,
                    "rollout: %s. Try another --device (see 'rollout devices'), another driver "
                    "(SDL_AUDIODRIVER), or 'rollout render' to a file.\n",
                    err);
        view_sdl_close(win);
        SDL_Quit();
        engine_free(e);
        session_free(&s);
        return EXIT_DEVICE;
    }
    if (win)
        view_sdl_set_output(win, out);

    /* With the window, the terminal still takes keys and logs, a few times
     * a second; without it, it is the view. */
    struct view_term *v = view_term_open(&c, out_sdl_latency(out));
    struct engine_status st;
    Uint32 term_due = 0;
    for (;;) {
        if (got_signal && !c.quit)
            control_quit(&c);
        if (win) {
            view_sdl_poll(win, 100);
            if ((int32_t)(SDL_GetTicks() - term_due) >= 0) {
                view_term_poll(v, 0);
                term_due = SDL_GetTicks() + 250;
            }
        } else {
            view_term_poll(v, 100);
        }
        engine_status(e, &st);
        if (st.ended)
            break;
    }
    /* The last block rendered is still in the device: let it play out. */
    SDL_Delay((Uint32)(1000 * (int64_t)out_sdl_latency(out) / a->rate + 50));
    out_sdl_close(out);
    view_sdl_close(win);
    view_term_close(v);
    SDL_Quit();
    /* The device is closed: nothing reads the engine or its timelines now. */
    engine_free(e);
    control_free(&c);
    session_free(&s);
    return EXIT_OK;
}

/* "90", "90s", "1500ms", "1m30s", "2m", "1:30" or "1:02:03" to milliseconds. */
static int parse_time(const char *s, int64_t *ms)
{
    double total = 0;
    if (strchr(s, ':')) {
        int parts = 0;
        const char *p = s;
        for (;;) {
            char *end;
            errno = 0;
            double v = strtod(p, &end);
            if (errno || end == p || v < 0 || !isfinite(v) || ++parts > 3)
                return -1;
            if (parts > 1 && v >= 60)
                return -1;
            total = total * 60 + v;
            if (*end == 0)
                break;
            if (*end != ':')
                return -1;
            p = end + 1;
        }
        if (parts < 2)
            return -1;
    } else {
        const char *p = s;
        int units = 0;
        while (*p) {
            char *end;
            errno = 0;
            double v = strtod(p, &end);
            if (errno || end == p || v < 0 || !isfinite(v))
                return -1;
            double scale = 1;
            if (strncmp(end, "ms", 2) == 0) {
                scale = 0.001;
                end += 2;
            } else if (*end == 'h') {
                scale = 3600;
                end++;
            } else if (*end == 'm') {
                scale = 60;
                end++;
            } else if (*end == 's') {
                end++;
            } else if (*end != 0 || units) {
                return -1;
            }
            units++;
            total += v * scale;
            p = end;
        }
        if (!units)
            return -1;
    }
    if (total > 86400.0)
        return -1;
    *ms = (int64_t)llround(total * 1000.0);
    return 0;
}

static int has_extension(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcasecmp(path + n - e, ext) == 0;
}

static int cmd_shot(const char *name, const struct args *a)
{
    int64_t at_ms = 0;
    if (!a->output || !a->at) {
        usage_error("%s", "shot needs a moment and a file: --at TIME -o FILE.png");
        return EXIT_USAGE;
    }
    if (!has_extension(a->output, ".png") && !has_extension(a->output, ".bmp")) {
        usage_error("shot writes .png or .bmp files, not '%s'", a->output);
        return EXIT_USAGE;
    }
    if (parse_time(a->at, &at_ms) != 0) {
        usage_error("--at takes a time such as 90, 1m30s or 1:30, not '%s'", a->at);
        return EXIT_USAGE;
    }
    struct session s;
    if (load(&s, name, a, 0) != 0) {
        session_free(&s);
        return EXIT_INVALID;
    }
    int64_t start = start_frame(&s, a->start_at);
    if (start < 0) {
        fprintf(stderr, "rollout: no step '%s' in %s.\n", a->start_at, s.path);
        session_free(&s);
        return EXIT_USAGE;
    }
    int64_t now = start + timeline_ms_to_frames(at_ms, s.rate);
    if (now > s.tl.length) {
        char len[16];
        fprintf(stderr, "rollout: --at %s is past the end of the session (%s).\n", a->at,
                view_term_clock(len, s.tl.length, s.rate));
        session_free(&s);
        return EXIT_USAGE;
    }
    struct view_sdl_state st = {.tl = &s.tl, .cue_frames = s.cue_frames, .now = now,
                                .paused = a->paused, .volume_db = a->gain_db[ENGINE_MASTER],
                                .click_muted = a->mute[ENGINE_CLICK]};
    char err[512];
    int why = 0;
    int rc = EXIT_OK;
    if (view_sdl_shot(&st, a->width, a->height, a->output, &why, err, sizeof err) != 0) {
        fprintf(stderr, "rollout: %s.\n", err);
        rc = why == 2 ? EXIT_IO : EXIT_DEVICE;
    }
    session_free(&s);
    return rc;
}

static int cmd_render(const char *name, const struct args *a)
{
    if (!a->output) {
        usage_error("%s", "render needs an output file: -o FILE");
        return EXIT_USAGE;
    }
    char err[512];
    struct out_file_opts fo = {.rate = a->rate, .bits = a->bits};
    if (out_file_check(a->output, &fo, err, sizeof err) != OUT_FILE_OK) {
        fprintf(stderr, "rollout: %s.\n", err);
        return EXIT_USAGE;
    }
    struct session s;
    struct engine *e;
    int rc = prepare(&s, &e, name, a);
    if (rc != EXIT_OK)
        return rc;
    fo.title = s.routine->title;
    enum out_file_result r = out_file_render(e, a->output, &fo, err, sizeof err);
    if (r != OUT_FILE_OK)
        fprintf(stderr, "rollout: %s.\n", err);
    engine_free(e);
    session_free(&s);
    return r == OUT_FILE_OK ? EXIT_OK : r == OUT_FILE_FORMAT ? EXIT_USAGE : EXIT_IO;
}

/* A transcript fit for one TSV field: tabs and newlines become spaces. */
static void print_field(const char *s)
{
    for (; *s; s++)
        putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void plan_tsv(const struct session *s)
{
    const struct timeline *tl = &s->tl;
    const struct routine *r = s->routine;
    printf("frame\tseconds\tkind\tdetail\n");
    for (int i = 0; i < tl->nev; i++) {
        const struct tl_event *ev = &tl->ev[i];
        printf("%lld\t%.6f\t%s\t", (long long)ev->frame, (double)ev->frame / tl->rate,
               timeline_kind_name(ev->kind));
        switch (ev->kind) {
        case TL_STEP:
            printf("%d %s ", ev->arg + 1, r->steps[ev->arg].id);
            print_field(r->steps[ev->arg].name);
            break;
        case TL_SIDE: printf("%s", script_side_name((enum side)ev->arg)); break;
        case TL_PHASE: {
            const struct tl_phase *p = &tl->ph[ev->arg];
            printf("%s %lld", timeline_phase_name(p->kind), (long long)(p->end - p->start));
            break;
        }
        case TL_CUE:
            printf("%s ", r->cues[ev->arg].id);
            print_field(r->cues[ev->arg].text);
            break;
        case TL_CLICK: printf("%d", ev->arg); break;
        case TL_END: break;
        }
        putchar('\n');
    }
}

static void plan_text(const struct session *s)
{
    const struct timeline *tl = &s->tl;
    const struct routine *r = s->routine;
    char t[16];
    printf("%s — %s, %d steps, %d Hz\n", r->title, view_term_clock(t, tl->length, tl->rate),
           r->nsteps, tl->rate);
    int step = -2;
    int e = 0;
    for (int i = 0; i < tl->nph; i++) {
        const struct tl_phase *p = &tl->ph[i];
        double at = (double)p->start / tl->rate;
        if (p->step != step && p->kind != TLP_DONE) {
            step = p->step;
            if (step < 0) {
                printf("\n%3d:%06.3f  Introduction\n", (int)(at / 60), fmod(at, 60));
            } else {
                const struct script_step *st = &r->steps[step];
                printf("\n%3d:%06.3f  Step %d of %d: %s", (int)(at / 60), fmod(at, 60), step + 1,
                       r->nsteps, st->name);
                if (st->area)
                    printf(" [%s]", st->area);
                if (st->sides != SIDES_NONE)
                    printf(", %s", script_sides_name(st->sides));
                printf("\n");
            }
        } else if (p->kind == TLP_DONE) {
            printf("\n");
        }
        printf("%3d:%06.3f    %-6s %6.1f s", (int)(at / 60), fmod(at, 60),
               timeline_phase_name(p->kind), (double)(p->end - p->start) / tl->rate);
        if (p->side != SIDE_NONE)
            printf("  %-5s", script_side_name(p->side));
        if (p->kind == TLP_ROLL) {
            int64_t clicks = (p->end - p->start + p->pace - 1) / p->pace;
            printf("  %lld clicks %.3f s apart", (long long)clicks, (double)p->pace / tl->rate);
        }
        /* What is said while this phase plays. */
        while (e < tl->nev && tl->ev[e].frame < p->end) {
            const struct tl_event *ev = &tl->ev[e++];
            if (ev->kind == TL_CUE && ev->frame >= p->start)
                printf("  \"%s\"", r->cues[ev->arg].text);
        }
        printf("\n");
    }
    printf("%3d:%06.3f  End\n", (int)((double)tl->length / tl->rate / 60),
           fmod((double)tl->length / tl->rate, 60));
}

static int cmd_plan(const char *name, const struct args *a)
{
    struct session s;
    if (load(&s, name, a, 0) != 0) {
        session_free(&s);
        return EXIT_INVALID;
    }
    if (a->tsv)
        plan_tsv(&s);
    else
        plan_text(&s);
    session_free(&s);
    return EXIT_OK;
}

static int cmd_check(char **names, int n, const struct args *a)
{
    int bad = 0;
    for (int i = 0; i < n; i++) {
        struct session s;
        struct diags d = {0};
        struct session_opts o = {.rate = a->rate, .pace_ms = a->pace_ms, .voice_dir = a->voices};
        int rc = session_load(&s, names[i], &o, &d);
        diags_print(&d, stderr);
        if (rc == 0) {
            char t[16];
            printf("%s: ok, %d steps, %s%s\n", s.path, s.routine->nsteps,
                   view_term_clock(t, s.tl.length, s.tl.rate),
                   d.warnings ? " (with warnings)" : "");
        } else {
            printf("%s: %d error%s\n", s.path ? s.path : names[i], d.errors,
                   d.errors == 1 ? "" : "s");
            bad = 1;
        }
        diags_free(&d);
        session_free(&s);
    }
    return bad ? EXIT_INVALID : EXIT_OK;
}

static int cmd_cues(const char *name, const struct args *a)
{
    struct session s;
    if (load(&s, name, a, 1) != 0) {
        session_free(&s);
        return EXIT_INVALID;
    }
    const struct routine *r = s.routine;
    for (int i = 0; i < r->ncues; i++) {
        const char *path = s.cue_paths[i];
        const char *status = !path ? "missing" : !s.cues[i].data ? "unreadable" : "found";
        if (a->missing && path)
            continue;
        if (a->tsv) {
            printf("%s\t%s\t", r->cues[i].id, path ? path : "");
            print_field(r->cues[i].text);
            printf("\t%s\n", status);
        } else {
            printf("%-22s %-10s %6.1f s  %s\n", r->cues[i].id, status,
                   (double)s.cue_frames[i] / s.rate, r->cues[i].text);
        }
    }
    session_free(&s);
    return EXIT_OK;
}

static int cmd_list(void)
{
    char pattern[4200];
    snprintf(pattern, sizeof pattern, "%s/routines", session_data_dir());
    struct dirent **names;
    int n = scandir(pattern, &names, NULL, alphasort);
    if (n < 0) {
        fprintf(stderr, "rollout: cannot list %s: %s.\n", pattern, strerror(errno));
        return EXIT_INVALID;
    }
    for (int i = 0; i < n; i++) {
        const char *f = names[i]->d_name;
        size_t len = strlen(f);
        if (len > 5 && strcmp(f + len - 5, ".roll") == 0) {
            char path[8400];
            snprintf(path, sizeof path, "%s/%s", pattern, f);
            struct diags d = {0};
            struct routine *r = script_load(path, &d);
            printf("%-20.*s %s%s\n", (int)(len - 5), f, r ? r->title : "(has errors)",
                   strcmp(f, "default.roll") == 0 ? "  (default)" : "");
            script_free(r);
            diags_free(&d);
        }
        free(names[i]);
    }
    free(names);
    return EXIT_OK;
}

static int cmd_devices(void)
{
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_AUDIO) != 0) {
        fprintf(stderr, "rollout: cannot start SDL's audio: %s.\n", SDL_GetError());
        return EXIT_DEVICE;
    }
    printf("driver: %s\n", SDL_GetCurrentAudioDriver());
    if (out_sdl_list() == 0)
        printf("(no named output devices; the default device may still work)\n");
    SDL_Quit();
    return EXIT_OK;
}

enum { OPT_RATE = 256, OPT_PACE, OPT_VOLUME, OPT_CLICK_VOL, OPT_VOICE_VOL, OPT_MUTE,
       OPT_START_AT, OPT_DEVICE, OPT_BUFFER, OPT_HEADLESS, OPT_BITS, OPT_TSV, OPT_MISSING,
       OPT_VOICES, OPT_AT, OPT_SIZE, OPT_PAUSED };

static const struct option long_opts[] = {
    {"rate", required_argument, 0, OPT_RATE},
    {"pace", required_argument, 0, OPT_PACE},
    {"volume", required_argument, 0, OPT_VOLUME},
    {"click-volume", required_argument, 0, OPT_CLICK_VOL},
    {"voice-volume", required_argument, 0, OPT_VOICE_VOL},
    {"mute", required_argument, 0, OPT_MUTE},
    {"start-at", required_argument, 0, OPT_START_AT},
    {"device", required_argument, 0, OPT_DEVICE},
    {"buffer", required_argument, 0, OPT_BUFFER},
    {"headless", no_argument, 0, OPT_HEADLESS},
    {"voices", required_argument, 0, OPT_VOICES},
    {"at", required_argument, 0, OPT_AT},
    {"size", required_argument, 0, OPT_SIZE},
    {"paused", no_argument, 0, OPT_PAUSED},
    {"output", required_argument, 0, 'o'},
    {"bits", required_argument, 0, OPT_BITS},
    {"tsv", no_argument, 0, OPT_TSV},
    {"missing", no_argument, 0, OPT_MISSING},
    {"help", no_argument, 0, 'h'},
    {"version", no_argument, 0, 'V'},
    {0, 0, 0, 0},
};

static int parse_args(int argc, char **argv, struct args *a)
{
    double v;
    int c;
    while ((c = getopt_long(argc, argv, "o:hV", long_opts, NULL)) != -1) {
        switch (c) {
        case OPT_RATE:
            if (parse_number(optarg, 8000, 192000, &v) != 0 || v != floor(v)) {
                usage_error("--rate takes a whole number of Hz from 8000 to 192000, not '%s'",
                            optarg);
                return -1;
            }
            a->rate = (int)v;
            break;
        case OPT_PACE:
            if (parse_pace(optarg, &a->pace_ms) != 0) {
                usage_error("--pace takes seconds from 0.25 to 10 (e.g. 1 or 1.5s), not '%s'",
                            optarg);
                return -1;
            }
            break;
        case OPT_VOLUME:
        case OPT_CLICK_VOL:
        case OPT_VOICE_VOL:
            if (parse_number(optarg, -60, 12, &v) != 0) {
                usage_error("volumes are in dB from -60 to 12, not '%s'", optarg);
                return -1;
            }
            a->gain_db[c == OPT_VOLUME ? ENGINE_MASTER : c == OPT_CLICK_VOL ? ENGINE_CLICK
                                                                              : ENGINE_VOICE] =
                (float)v;
            break;
        case OPT_MUTE:
            if (strcmp(optarg, "click") == 0)
                a->mute[ENGINE_CLICK] = 1;
            else if (strcmp(optarg, "voice") == 0)
                a->mute[ENGINE_VOICE] = 1;
            else {
                usage_error("--mute takes 'click' or 'voice', not '%s'", optarg);
                return -1;
            }
            break;
        case OPT_START_AT: a->start_at = optarg; break;
        case OPT_DEVICE: a->device = optarg; break;
        case OPT_BUFFER:
            if (parse_number(optarg, 64, 16384, &v) != 0 || v != floor(v)) {
                usage_error("--buffer takes a whole number of frames from 64 to 16384, not '%s'",
                            optarg);
                return -1;
            }
            a->buffer = (int)v;
            break;
        case OPT_HEADLESS: a->headless = 1; break;
        case OPT_AT: a->at = optarg; break;
        case OPT_SIZE: {
            int w, h, n = 0;
            if (sscanf(optarg, "%dx%d%n", &w, &h, &n) != 2 || optarg[n] || w < 320 || h < 200 ||
                w > 7680 || h > 4320) {
                usage_error("--size takes WIDTHxHEIGHT from 320x200 to 7680x4320, not '%s'",
                            optarg);
                return -1;
            }
            a->width = w;
            a->height = h;
            break;
        }
        case OPT_PAUSED: a->paused = 1; break;
        case OPT_VOICES: a->voices = optarg; break;
        case 'o': a->output = optarg; break;
        case OPT_BITS:
            if (strcmp(optarg, "16") && strcmp(optarg, "24") && strcmp(optarg, "32")) {
                usage_error("--bits takes 16, 24 or 32, not '%s'", optarg);
                return -1;
            }
            a->bits = atoi(optarg);
            break;
        case OPT_TSV: a->tsv = 1; break;
        case OPT_MISSING: a->missing = 1; break;
        case 'h': fputs(usage_text, stdout); exit(EXIT_OK);
        case 'V': printf("rollout %s\n", ROLLOUT_VERSION); exit(EXIT_OK);
        default:
            fprintf(stderr, "Try 'rollout --help' for more information.\n");
            return -1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct args a = {.rate = 48000, .buffer = 1024, .bits = 16, .width = 1280, .height = 720};
    if (parse_args(argc, argv, &a) != 0)
        return EXIT_USAGE;
    if (optind >= argc) {
        usage_error("%s",
                    "no command given: play, render, shot, plan, check, cues, list or devices");
        return EXIT_USAGE;
    }
    const char *cmd = argv[optind++];
    char **rest = argv + optind;
    int nrest = argc - optind;

    /* How many routines each command takes. */
    static const struct {
        const char *name;
        int min, max;
    } commands[] = {
        {"play", 0, 1}, {"render", 1, 1}, {"plan", 1, 1},    {"check", 1, INT_MAX},
        {"cues", 1, 1}, {"list", 0, 0},   {"devices", 0, 0},   {"shot", 1, 1},
    };
    int c = 0, n = (int)(sizeof commands / sizeof commands[0]);
    while (c < n && strcmp(cmd, commands[c].name) != 0)
        c++;
    if (c == n) {
        usage_error("unknown command '%s'", cmd);
        return EXIT_USAGE;
    }
    if (nrest < commands[c].min || nrest > commands[c].max) {
        usage_error("'%s' takes %s", cmd,
                    commands[c].max == 0   ? "no routine"
                    : commands[c].min == 0 ? "at most one routine"
                    : commands[c].max == 1 ? "one routine"
                                           : "one or more routines");
        return EXIT_USAGE;
    }
    switch (c) {
    case 0: return cmd_play(nrest ? rest[0] : NULL, &a);
    case 1: return cmd_render(rest[0], &a);
    case 2: return cmd_plan(rest[0], &a);
    case 3: return cmd_check(rest, nrest, &a);
    case 4: return cmd_cues(rest[0], &a);
    case 5: return cmd_list();
    case 6: return cmd_devices();
    default: return cmd_shot(rest[0], &a);
    }
}
