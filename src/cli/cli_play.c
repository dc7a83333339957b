/* SPDX-License-Identifier: MIT */
/* cli_play.c — rollout play: the session through the audio device, with the
 * window or the terminal as its view; and rollout devices. */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "action.h"
#include "cli.h"
#include "cli_state.h"
#include "show.h"
#include "control.h"
#include "listen.h"
#include "mpris.h"
#include "music.h"
#include "out_sdl.h"
#include "view_sdl.h"
#include "view_term.h"

/* The frame the device is playing, for the control's clock. */
static int64_t heard(const void *out)
{
    return out_sdl_heard(out);
}

/* Opens the window for play when one is wanted and a display is there;
 * NULL otherwise, or on failure with *failed set and the error printed. */
static struct view_sdl *open_window(struct control *c, const struct args *a, int *failed)
{
    *failed = 0;
    char why[512];
    int display = a->headless ? 0 : view_sdl_display_check(why, sizeof why);
    if (display < 0)
        fprintf(stderr, "rollout: %s; playing in the terminal.\n", why);
    if (display != 1)
        return NULL;
    char err[512];
    struct view_sdl *w = view_sdl_open(c, err, sizeof err);
    if (!w) {
        fprintf(stderr, "rollout: %s; or play with --headless.\n", cli_clause(err));
        *failed = 1;
    }
    return w;
}

/* The device can vanish mid-session: headphones unplugged, the sound server
 * restarted. The engine then stops being pulled and waits at its frame; we
 * say so, try the device again every second, and when it opens, fade back
 * in from that same frame. */
struct device_watch {
    int lost;
    uint64_t retry_at;
};

static void watch_device(struct device_watch *w, struct out_sdl *out, struct engine *e,
                         struct view_term *v)
{
    if (!w->lost) {
        if (!out_sdl_lost(out))
            return;
        w->lost = 1;
        w->retry_at = cli_now_ms();
        view_term_note(v, "the audio device stopped; waiting for it to come back (q quits).");
    }
    if (cli_now_ms() < w->retry_at)
        return;
    char err[512];
    if (out_sdl_reopen(out, err, sizeof err) != 0) {
        w->retry_at = cli_now_ms() + 1000;
        return;
    }
    w->lost = 0;
    engine_fade_in(e);
    struct engine_status st;
    engine_status(e, &st);
    char at[16], msg[64];
    snprintf(msg, sizeof msg, "audio is back; carrying on from %s.",
             show_clock(at, sizeof at, st.pos, out_sdl_rate(out)));
    view_term_note(v, msg);
}

/* --watch: the routine's files (itself and what it includes) as they were
 * when last read. When one changes, the routine is loaded again and play
 * carries on from the start of the same step; a routine that no longer
 * loads has its errors shown, and the last good one plays on. */
#define WATCH_MAX_FILES 64
#define WATCH_EVERY_MS  500

struct file_watch {
    int n;
    char *path[WATCH_MAX_FILES];
    struct stat st[WATCH_MAX_FILES];
    int ok[WATCH_MAX_FILES];
    uint64_t due;
};

static void watch_forget(struct file_watch *w)
{
    for (int i = 0; i < w->n; i++)
        free(w->path[i]);
    w->n = 0;
}

static void watch_files(struct file_watch *w, const struct routine *r)
{
    watch_forget(w);
    for (int i = 0; i < r->nfiles && w->n < WATCH_MAX_FILES; i++)
        if ((w->path[w->n] = strdup(r->files[i])))
            w->n++;
    for (int i = 0; i < w->n; i++)
        w->ok[i] = stat(w->path[i], &w->st[i]) == 0;
}

/* Whether any file changed since the last look; the look is remembered. */
static int watch_changed(struct file_watch *w)
{
    if (cli_now_ms() < w->due)
        return 0;
    w->due = cli_now_ms() + WATCH_EVERY_MS;
    int changed = 0;
    for (int i = 0; i < w->n; i++) {
        struct stat st;
        int ok = stat(w->path[i], &st) == 0;
        if (ok != w->ok[i] ||
            (ok && (st.st_mtim.tv_sec != w->st[i].st_mtim.tv_sec ||
                    st.st_mtim.tv_nsec != w->st[i].st_mtim.tv_nsec ||
                    st.st_size != w->st[i].st_size || st.st_ino != w->st[i].st_ino)))
            changed = 1;
        w->ok[i] = ok;
        w->st[i] = st;
    }
    return changed;
}

/* Loads the routine again into *next, as the same request asked for it
 * (a draft stays a draft), and hands it to the engine at the step playing
 * now. The place a stopped session may go on from, while it is offered, is
 * found again in the routine as it is now. Returns 1 if it did, 0 if the
 * routine has errors (shown, and the old one plays on), -1 if it must be
 * tried again shortly. */
static int reload(struct session *cur, struct session *next, struct control *c,
                  const struct request *q, struct view_term *v)
{
    struct diags d = {0};
    struct request again = *q;
    again.start_at = NULL; /* the step playing now, found below */
    again.resume = 0;
    int64_t start;
    char err[512];
    int rc = request_load(next, &again, &start, &d, err, sizeof err) == REQUEST_OK ? 0 : -1;
    view_term_note(v, rc == 0 ? "the routine changed: reloading." : "the routine changed, but:");
    diags_print(&d, stderr);
    char first[256] = "";
    for (int i = 0; i < d.n && !first[0]; i++)
        if (d.v[i].severity == DIAG_ERROR)
            snprintf(first, sizeof first, "%s:%d: %s", d.v[i].file, d.v[i].line, d.v[i].msg);
    diags_free(&d);
    if (rc != 0) {
        session_free(next);
        control_notice(c, first);
        view_term_note(v, "playing on with the routine as it was.");
        return 0;
    }

    /* The same step, found by its id, else by its place. */
    struct engine_status st;
    engine_status(c->engine, &st);
    int k = timeline_step_at(c->tl, st.pos);
    int64_t at = 0;
    const struct timeline *tl = &next->tl;
    if (k >= 0) {
        int same = script_step_find(next->routine, cur->routine->steps[k].id);
        if (same < 0)
            same = k < tl->nsteps ? k : tl->nsteps - 1;
        at = same >= 0 ? tl->steps[same].start : 0;
    } else if (c->tl->ph[timeline_phase_at(c->tl, st.pos)].kind == TLP_DONE) {
        at = tl->nsteps ? tl->steps[tl->nsteps - 1].end : 0; /* the last words */
    }
    control_notice(c, "");
    if (control_load(c, tl, next->cues, next->cue_frames, at) != 0) {
        session_free(next);
        return -1; /* a hold being taken up: try again on the next look */
    }
    if (c->resume_at >= 0) { /* its frame was the old timeline's */
        control_withdraw_resume(c);
        cli_offer_resume(c, next, q);
    }
    return 1;
}

/* Without a window: waits up to timeout_ms for a key, the session bus or a
 * spoken command, whichever comes first. (The window waits in SDL for its
 * events and the keyboard, and hands over often enough for the others.) */
static void wait_inputs(const struct view_term *v, const struct mpris *bus,
                        const struct listener *ears, int timeout_ms)
{
    struct pollfd p[3] = {{.fd = view_term_input_fd(v), .events = POLLIN}};
    mpris_pollfd(bus, &p[1]);
    p[2] = (struct pollfd){.fd = listener_fd(ears), .events = POLLIN};
    poll(p, 3, timeout_ms); /* a negative fd is skipped */
}

#define HEARD_SHOWN_MS 3000

/* What the listener shows: once it first listens, what to say (in the
 * terminal; the window's help lists it); then each command heard, for a
 * while, unless something else has taken its place by then. */
struct spoken {
    int told;        /* what to say has been said */
    uint64_t until;  /* when the last notice goes, or 0 */
    unsigned serial; /* ...which is the control's notice with this serial */
    int hushed;      /* rollout's own voice and music are hushed for a command */
};

/* Whether the listener hears now, for the views; once it first does, what
 * to say. */
static void spoken_listening(struct control *c, struct spoken *sp, struct view_term *v, int hearing)
{
    c->listen = hearing ? CONTROL_LISTEN_ON : CONTROL_LISTEN_SOON;
    if (!hearing || sp->told)
        return;
    sp->told = 1;
    char msg[sizeof c->notice];
    int len = snprintf(msg, sizeof msg, "listening: say \"rollout\" and then");
    for (int w = 0; w < LISTEN_WORDS && len > 0 && (size_t)len < sizeof msg; w++)
        len += snprintf(msg + len, sizeof msg - (size_t)len, "%s%s",
                        w == 0                  ? " "
                        : w == LISTEN_WORDS - 1 ? " or "
                                                : ", ",
                        listen_verb(w));
    view_term_note(v, msg);
}

/* A spoken command, taken up: it acts as its key does, answered by the
 * earcon and shown as "heard: ...". rollout's own voice does not reach the
 * recogniser: the listener takes what the device played out of what the
 * microphone heard. */
static void spoken_take(struct control *c, struct spoken *sp, const struct listener_heard *h)
{
    const struct action *a = action_for_phrase(listen_verb(h->word));
    if (a)
        control_act(c, a->act, CONTROL_FROM_VOICE);
    engine_earcon(c->engine);
    char msg[64];
    snprintf(msg, sizeof msg, "heard: %s", listen_verb(h->word));
    control_notice(c, msg);
    sp->serial = c->notice_serial;
    sp->until = cli_now_ms() + HEARD_SHOWN_MS;
}

/* From the wake word until the verb is decided, the session's own voice
 * and music step aside; the clicks go on (control_hush). */
static void spoken_hush(struct control *c, struct spoken *sp, int awake)
{
    if (awake != sp->hushed)
        control_hush(c, awake);
    sp->hushed = awake;
}

/* The last notice's time is up. */
static void spoken_expire(struct control *c, struct spoken *sp)
{
    if (!sp->until || cli_now_ms() < sp->until)
        return;
    sp->until = 0;
    if (c->notice_serial == sp->serial)
        control_notice(c, "");
}

/* A preview is no session: --fast or --draft is an author hearing a
 * routine, and the history keeps only what a runner rolled. */
static int previews(const struct args *a)
{
    return a->fast > 1.0 || a->draft;
}

/* A session being played, and everything playing it holds. */
struct player {
    const struct args *a;
    struct request q; /* the session asked for: a reload or Again asks again */
    char kept[4096];  /* --resume: the routine's file, as kept */
    int chooses;      /* the window's start screen asks what to play, first and after Again */
    /* The session playing; with --watch, the one it replaced until the
     * engine lets go of it. */
    struct session *s, *old;
    struct engine *e;
    struct control c;
    struct out_sdl *out;
    struct music *bed;
    struct view_sdl *win;
    struct view_term *term;
    struct mpris *bus;
    struct listener *ears;
    struct spoken sp;
    struct device_watch device;
    struct file_watch files;
    struct history_run played;
    time_t started;
    int logged;           /* the run is in the history already */
    struct report report; /* what the run did, once it is over */
    struct engine_status st;
    int said_over;
    unsigned notice_seen;
    uint64_t term_due;
};

/* The session asked for, however it is asked: the command line; the place
 * kept when a session was stopped (--resume); the areas typed at a prompt
 * (--ask); the start screen and Again, later. An exit code; *none when the
 * prompt was left without an answer, and nothing is to be played. */
static int play_ask(struct player *p, char **names, int n, int *none)
{
    const struct args *a = p->a;
    cli_request(&p->q, a, n ? names[0] : NULL,
                a->draft ? SESSION_MISSING_DRAFT : SESSION_MISSING_ERROR);
    if (a->resume) {
        int r = cli_resume_request(&p->q, n, p->kept, sizeof p->kept);
        if (r != CLI_EXIT_OK)
            return r;
    }
    if (a->ask) {
        const char *list = cli_ask_areas();
        *none = !list;
        if (!list)
            return isatty(STDIN_FILENO) ? CLI_EXIT_OK : CLI_EXIT_USAGE;
        p->q.areas = list[0] ? list : NULL;
    }
    /* A routine played before begins with the short introduction. */
    if (p->q.opts.intro == SESSION_INTRO_AUTO && !p->q.areas && p->q.minutes <= 0 &&
        cli_played_before(p->q.routine))
        p->q.opts.intro = SESSION_INTRO_SHORT;
    if (a->watch && (p->q.areas || p->q.minutes > 0)) {
        cli_usage_error("%s", "--watch follows a routine file as it is edited; it does not go "
                              "with --areas or --minutes");
        return CLI_EXIT_USAGE;
    }
    /* With no routine, areas or question, the window's start screen asks
     * what is sore (--minutes is the length it opens with). */
    p->chooses = !n && !a->areas && !a->ask && !a->watch && !a->resume;
    return CLI_EXIT_OK;
}

/* Opens what plays the session: it loaded, the window (and its start
 * screen), the music, the device, the terminal, the session bus and the
 * microphone. An exit code; unless p->out is open then, nothing is left
 * open and nothing is to be played. */
static int play_open(struct player *p, char **names, int n)
{
    const struct args *a = p->a;
    int none = 0;
    int rc = play_ask(p, names, n, &none);
    if (rc != CLI_EXIT_OK || none)
        return rc;
    p->s = calloc(1, sizeof *p->s);
    rc = p->s ? cli_prepare(p->s, &p->e, &p->q, a) : CLI_EXIT_INVALID;
    if (rc != CLI_EXIT_OK) {
        free(p->s);
        return rc;
    }
    if (p->s->composed)
        cli_announce(p->s);

    /* rollout handles its own signals: a flag, and the loop fades out. */
    cli_catch_signals();
    char err[512];
    struct control *c = &p->c;
    control_init(c, p->e, &p->s->tl, p->s->cue_frames, 2 * (int64_t)a->buffer,
                 a->gain_db[ENGINE_MASTER], a->mute[ENGINE_CLICK]);
    c->music_db = a->gain_db[ENGINE_MUSIC];
    cli_offer_resume(c, p->s, &p->q);
    int win_failed = 0;
    if (out_sdl_init(err, sizeof err) == 0) {
        /* The window before the sound, so a session never starts unseen. */
        p->win = open_window(c, a, &win_failed);
        if (p->win && p->chooses &&
            (rc = cli_start_screen(p->win, c, p->s, &p->e, &p->q, a)) != CLI_EXIT_OK)
            win_failed = 1;
        /* The bed, once the engine that plays it is the one that stays: its
         * decoder thread fills the ring, the callback only copies from it. */
        if (!win_failed && !c->quit &&
            (p->bed = cli_music_open(a, p->s->routine->music, p->s->rate, 1))) {
            engine_set_music(p->e, music_ring(p->bed));
            c->music = 1;
        }
        if (!win_failed && !c->quit)
            p->out = out_sdl_open(p->e, &(struct out_sdl_opts){a->rate, a->buffer, a->device}, err,
                                  sizeof err);
    }
    if (!p->out) {
        if (!win_failed && !c->quit)
            fprintf(stderr,
                    "rollout: %s. Try another --device (see 'rollout devices'), another driver "
                    "(SDL_AUDIODRIVER), or 'rollout render' to a file.\n",
                    cli_clause(err));
        view_sdl_close(p->win);
        out_sdl_quit();
        engine_free(p->e);
        music_free(p->bed);
        session_free(p->s);
        free(p->s);
        /* Quit on the start screen, or its session would not load. */
        return rc != CLI_EXIT_OK ? rc : c->quit ? CLI_EXIT_OK : CLI_EXIT_DEVICE;
    }
    /* What every view shows is what the device says is heard. */
    control_set_clock(c, heard, p->out);

    /* With the window, the terminal still takes keys and logs, a few times
     * a second; without it, it is the view. */
    p->term = view_term_open(c);

    /* Headset buttons, media keys the desktop takes, phone remotes. */
    char why[256];
    p->bus = mpris_open(c, &(struct mpris_opts){view_sdl_art, p->win != NULL}, why, sizeof why);
    if (a->verbose)
        fprintf(stderr, p->bus ? "rollout: on the session bus as %s.\n" : "rollout: %s.\n",
                p->bus ? mpris_name(p->bus) : why);
    /* Spoken commands, when asked for; play goes on without them if the
     * model or the microphone is missing. */
    if (a->listen && !(p->ears = listener_start(NULL, p->out, why, sizeof why)))
        view_term_note(p->term, why);
    c->listen = p->ears     ? CONTROL_LISTEN_SOON
                : a->listen ? CONTROL_LISTEN_CANNOT
                            : CONTROL_LISTEN_OFF;
    p->notice_seen = c->notice_serial;
    if (a->watch)
        watch_files(&p->files, p->s->routine);
    p->started = time(NULL);
    return CLI_EXIT_OK;
}

/* The routine's files changed: loaded again, and played on from there. */
static void play_reload(struct player *p)
{
    struct session *next = calloc(1, sizeof *next);
    int r = next ? reload(p->s, next, &p->c, &p->q, p->term) : 0;
    if (r == 1) {
        p->old = p->s;
        p->s = next;
        watch_files(&p->files, p->s->routine);
        return;
    }
    free(next);
    if (r < 0 && p->files.n > 0)
        p->files.ok[0] = -1; /* counts as a change at the next look */
}

/* The session is over: what it did is worked out and kept in the history
 * at once, so that the week on the end screen counts it. */
static void play_over(struct player *p)
{
    cli_report(&p->report, p->c.tl, &p->played, previews(p->a));
    cli_history_keep(p->c.tl, &p->played, p->s->path, p->started, previews(p->a));
    p->logged = 1;
    p->c.report = &p->report;
    control_notice(&p->c, "over: space or Again plays it again, q quits");
}

/* Again: the run just over was a session of its own; this is another. */
static void play_again(struct player *p)
{
    p->c.report = NULL;
    history_run_free(&p->played);
    p->played = (struct history_run){0};
    p->logged = 0;
    p->started = time(NULL);
}

/* One turn: waits for an input or the next thing due, then takes up what
 * came from every input and every view. 0 once the session is done. */
static int play_tick(struct player *p)
{
    struct control *c = &p->c;
    if (cli_signal && !c->quit)
        control_quit(c);
    if (p->win) {
        view_sdl_poll(p->win, p->bus ? 30 : 100);
        /* A notice at once, so that a log misses none. */
        if (cli_now_ms() >= p->term_due || c->notice_serial != p->notice_seen) {
            view_term_poll(p->term, 0);
            p->term_due = cli_now_ms() + 250;
            p->notice_seen = c->notice_serial;
        }
    } else {
        wait_inputs(p->term, p->bus, p->ears, 100);
    }
    if (p->ears)
        spoken_listening(c, &p->sp, p->term, listener_hearing(p->ears));
    struct listener_heard h;
    while (listener_take(p->ears, &h))
        spoken_take(c, &p->sp, &h);
    spoken_hush(c, &p->sp, listener_awake(p->ears));
    spoken_expire(c, &p->sp);
    if (!p->win)
        view_term_poll(p->term, 0);
    char said[800];
    while (cli_music_take(said, sizeof said))
        view_term_note(p->term, said);
    mpris_poll(p->bus);
    watch_device(&p->device, p->out, p->e, p->term);
    if (p->a->watch && !p->old && watch_changed(&p->files))
        play_reload(p);
    if (p->win && p->chooses)
        cli_again(p->win, c, &p->s, &p->old, &p->q);
    control_poll(c);
    if (p->old && !c->loading) { /* the engine has let go of it */
        session_free(p->old);
        free(p->old);
        p->old = NULL;
    }
    engine_status(p->e, &p->st);
    history_track(&p->played, c->tl, &p->st);
    cli_offer_resume_poll(c, &p->st);
    if (p->st.ended != p->said_over) {
        p->said_over = p->st.ended;
        if (p->said_over)
            play_over(p);
        else
            play_again(p);
    }
    /* Over: the terminal is done; the window stays, offering Again and
     * Done, until it is closed. A session whose device is gone cannot play
     * out its fade: quit now. */
    return !((p->st.ended && (!p->win || c->quit)) || (p->device.lost && c->quit));
}

/* Closes everything in the order that keeps each safe, keeps the history,
 * the place to go on from and the volumes chosen. */
static void play_close(struct player *p)
{
    const struct args *a = p->a;
    struct control *c = &p->c;
    listener_stop(p->ears); /* its microphone before SDL's audio stops */
    mpris_close(p->bus);    /* before the window it may raise */
    out_sdl_close(p->out);
    view_sdl_close(p->win);
    view_term_close(p->term, &p->played);
    if (!p->logged)
        cli_history_keep(c->tl, &p->played, p->s->path, p->started, previews(a));
    cli_resume_keep(c->tl, p->s->path, p->st.pos, p->s->composed);
    history_run_free(&p->played);
    /* A volume chosen with the keys, the buttons or a remote is the one
     * wanted next time too. */
    if (c->volume_db != a->gain_db[ENGINE_MASTER]) {
        char db[32];
        snprintf(db, sizeof db, "%g", (double)c->volume_db);
        cli_settings_remember("volume", db);
    }
    if (p->bed && c->music_db != a->gain_db[ENGINE_MUSIC]) {
        char db[32];
        snprintf(db, sizeof db, "%g", (double)c->music_db);
        cli_settings_remember("music-volume", db);
    }
    out_sdl_quit();
    /* The device is closed: nothing reads the engine, its timelines or the
     * music's ring now; the decoder thread stops with the bed. */
    engine_free(p->e);
    cli_music_close(p->bed);
    control_free(c);
    watch_forget(&p->files);
    cli_again_forget();
    session_free(p->s);
    free(p->s);
    if (p->old) {
        session_free(p->old);
        free(p->old);
    }
}

int cli_play(char **names, int n, const struct args *a)
{
    struct player p = {.a = a};
    int rc = play_open(&p, names, n);
    if (rc != CLI_EXIT_OK || !p.out)
        return rc;
    while (play_tick(&p))
        ;
    play_close(&p);
    return CLI_EXIT_OK;
}

int cli_devices(char **names, int n, const struct args *a)
{
    (void)names, (void)n, (void)a;
    char err[512];
    if (out_sdl_init(err, sizeof err) != 0) {
        fprintf(stderr, "rollout: %s.\n", cli_clause(err));
        return CLI_EXIT_DEVICE;
    }
    printf("driver: %s\n", out_sdl_driver());
    if (out_sdl_list() == 0)
        printf("(no named output devices; the default device may still work)\n");
    out_sdl_quit();
    return CLI_EXIT_OK;
}
