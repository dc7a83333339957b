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

/* Loads the routine again into *next and hands it to the engine at the
 * step playing now. Returns 1 if it did, 0 if the routine has errors (shown,
 * and the old one plays on), -1 if it must be tried again shortly. */
static int reload(struct session *cur, struct session *next, struct control *c,
                  const struct args *a, struct view_term *v)
{
    struct diags d = {0};
    struct session_opts o = {
        .rate = a->rate, .pace_ms = a->pace_ms, .speed = a->fast, .voice_dir = a->voices};
    int rc = session_load(next, cur->path, &o, &d);
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

/* Spoken commands: what each verb does, as a key would. */
static const enum control_action spoken_action[LISTEN_WORDS] = {
    [LISTEN_PAUSE] = CONTROL_PAUSE,     [LISTEN_CONTINUE] = CONTROL_PLAY,
    [LISTEN_NEXT] = CONTROL_NEXT,       [LISTEN_BACK] = CONTROL_PREV,
    [LISTEN_HOLD] = CONTROL_HOLD,       [LISTEN_LOUDER] = CONTROL_LOUDER,
    [LISTEN_QUIETER] = CONTROL_QUIETER, [LISTEN_STOP] = CONTROL_STOP,
};

#define HEARD_SHOWN_MS 3000

/* What the listener shows: once it first listens, what to say (in the
 * terminal; the window's help lists it); then each command heard, for a
 * while, unless something else has taken its place by then. */
struct spoken {
    int told;        /* what to say has been said */
    uint64_t until;  /* when the last notice goes, or 0 */
    unsigned serial; /* ...which is the control's notice with this serial */
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
    control_act(c, spoken_action[h->word], CONTROL_FROM_VOICE);
    engine_earcon(c->engine);
    char msg[64];
    snprintf(msg, sizeof msg, "heard: %s", listen_verb(h->word));
    control_notice(c, msg);
    sp->serial = c->notice_serial;
    sp->until = cli_now_ms() + HEARD_SHOWN_MS;
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

int cli_play(char **names, int n, const struct args *given)
{
    const char *name = n ? names[0] : NULL;
    /* --resume: the routine, step and side kept when a session was stopped. */
    struct args resumed, asked;
    char kept[4096];
    const struct args *a = given;
    if (given->resume) {
        int r = cli_resume_args(given, n, &resumed, kept, sizeof kept);
        if (r != CLI_EXIT_OK)
            return r;
        a = &resumed;
        name = kept;
    }
    if (a->ask) { /* the areas typed at a prompt, as if given with --areas */
        const char *list = cli_ask_areas();
        if (!list)
            return isatty(STDIN_FILENO) ? CLI_EXIT_OK : CLI_EXIT_USAGE;
        asked = *a;
        asked.areas = list[0] ? list : NULL;
        a = &asked;
    }
    /* The session playing; with --watch, the one it replaced until the
     * engine lets go of it, and the next one being loaded. */
    struct session *s = calloc(1, sizeof *s), *old = NULL, *next = NULL;
    struct engine *e;
    int rc = s ? cli_prepare(s, &e, name ? name : "default", a) : CLI_EXIT_INVALID;
    if (rc != CLI_EXIT_OK) {
        free(s);
        return rc;
    }
    if (a->areas || a->minutes > 0)
        cli_announce(s);

    /* rollout handles its own signals: a flag, and the loop below fades out. */
    cli_catch_signals();
    char err[512];
    struct control c;
    control_init(&c, e, &s->tl, s->cue_frames, 2 * (int64_t)a->buffer, a->gain_db[ENGINE_MASTER],
                 a->mute[ENGINE_CLICK]);
    c.music_db = a->gain_db[ENGINE_MUSIC];
    cli_offer_resume(&c, s, a);
    struct out_sdl *out = NULL;
    struct music *bed = NULL;
    struct view_sdl *win = NULL;
    int win_failed = 0;
    if (out_sdl_init(err, sizeof err) == 0) {
        /* The window before the sound, so a session never starts unseen. */
        win = open_window(&c, a, &win_failed);
        /* No routine named: the start screen asks what is sore first. */
        if (win && !name && !a->areas && !a->ask && !a->watch &&
            (rc = cli_start_screen(win, &c, s, &e, a)) != CLI_EXIT_OK)
            win_failed = 1;
        /* The bed, once the engine that plays it is the one that stays: its
         * decoder thread fills the ring, the callback only copies from it. */
        if (!win_failed && !c.quit && (bed = cli_music_open(a, s->routine->music, s->rate, 1)))
            engine_set_music(e, bed);
        if (!win_failed && !c.quit)
            out = out_sdl_open(e, &(struct out_sdl_opts){a->rate, a->buffer, a->device}, err,
                               sizeof err);
    }
    if (!out) {
        if (!win_failed && !c.quit)
            fprintf(stderr,
                    "rollout: %s. Try another --device (see 'rollout devices'), another driver "
                    "(SDL_AUDIODRIVER), or 'rollout render' to a file.\n",
                    cli_clause(err));
        view_sdl_close(win);
        out_sdl_quit();
        engine_free(e);
        music_free(bed);
        session_free(s);
        free(s);
        /* Quit on the start screen, or its session would not load. */
        return rc != CLI_EXIT_OK ? rc : c.quit ? CLI_EXIT_OK : CLI_EXIT_DEVICE;
    }
    if (win)
        view_sdl_set_output(win, out);

    /* With the window, the terminal still takes keys and logs, a few times
     * a second; without it, it is the view. */
    struct view_term *v = view_term_open(&c, out);

    /* Headset buttons, media keys the desktop takes, phone remotes. */
    char why[256];
    struct mpris *bus =
        mpris_open(&c, &(struct mpris_opts){view_sdl_art, win != NULL}, why, sizeof why);
    if (a->verbose)
        fprintf(stderr, bus ? "rollout: on the session bus as %s.\n" : "rollout: %s.\n",
                bus ? mpris_name(bus) : why);
    /* Spoken commands, when asked for; play goes on without them if the
     * model or the microphone is missing. */
    struct listener *ears = NULL;
    if (a->listen && !(ears = listener_start(NULL, out, why, sizeof why)))
        view_term_note(v, why);
    c.listen = ears ? CONTROL_LISTEN_SOON : a->listen ? CONTROL_LISTEN_CANNOT : CONTROL_LISTEN_OFF;
    struct spoken sp = {0};
    int said_over = 0;
    unsigned notice_seen = c.notice_serial;
    struct engine_status st;
    uint64_t term_due = 0;
    struct device_watch watch = {0};
    struct file_watch files = {0};
    if (a->watch)
        watch_files(&files, s->routine);
    struct history_run played = {0};
    time_t started = time(NULL);
    for (;;) {
        if (cli_signal && !c.quit)
            control_quit(&c);
        if (win) {
            view_sdl_poll(win, bus ? 30 : 100);
            /* A notice at once, so that a log misses none. */
            if (cli_now_ms() >= term_due || c.notice_serial != notice_seen) {
                view_term_poll(v, 0);
                term_due = cli_now_ms() + 250;
                notice_seen = c.notice_serial;
            }
        } else {
            wait_inputs(v, bus, ears, 100);
        }
        if (ears)
            spoken_listening(&c, &sp, v, listener_hearing(ears));
        struct listener_heard h;
        while (listener_take(ears, &h))
            spoken_take(&c, &sp, &h);
        spoken_expire(&c, &sp);
        if (!win)
            view_term_poll(v, 0);
        char said[800];
        while (cli_music_take(said, sizeof said))
            view_term_note(v, said);
        mpris_poll(bus, out_sdl_heard(out));
        watch_device(&watch, out, e, v);
        if (a->watch && !old && watch_changed(&files)) {
            next = calloc(1, sizeof *next);
            int r = next ? reload(s, next, &c, a, v) : 0;
            if (r == 1) {
                old = s;
                s = next;
                watch_files(&files, s->routine);
            } else {
                free(next);
                if (r < 0 && files.n > 0)
                    files.ok[0] = -1; /* counts as a change at the next look */
            }
            next = NULL;
        }
        if (win && !name && !a->areas && !a->ask && !a->watch)
            cli_again(win, &c, &s, &old, a);
        control_poll(&c);
        if (old && !c.loading) { /* the engine has let go of it */
            session_free(old);
            free(old);
            old = NULL;
        }
        engine_status(e, &st);
        history_track(&played, c.tl, &st);
        cli_offer_resume_poll(&c, &st);
        /* A session whose device is gone cannot play out its fade: quit now. */
        /* Over: the terminal is done; the window stays, offering Again and
         * Quit, until it is closed. */
        if ((st.ended && (!win || c.quit)) || (watch.lost && c.quit))
            break;
        if (st.ended != said_over) {
            said_over = st.ended;
            if (said_over)
                control_notice(&c, "over: space or Again plays it again, q quits");
        }
    }
    listener_stop(ears); /* its microphone before SDL's audio stops */
    mpris_close(bus);    /* before the window it may raise */
    out_sdl_close(out);
    view_sdl_close(win);
    view_term_close(v);
    cli_session_end(c.tl, &played, s->path, started, st.pos, s->composed);
    history_run_free(&played);
    /* A volume chosen with the keys, the buttons or a remote is the one
     * wanted next time too. */
    if (c.volume_db != a->gain_db[ENGINE_MASTER]) {
        char db[32];
        snprintf(db, sizeof db, "%g", (double)c.volume_db);
        cli_settings_remember("volume", db);
    }
    if (bed && c.music_db != a->gain_db[ENGINE_MUSIC]) {
        char db[32];
        snprintf(db, sizeof db, "%g", (double)c.music_db);
        cli_settings_remember("music-volume", db);
    }
    out_sdl_quit();
    /* The device is closed: nothing reads the engine, its timelines or the
     * music's ring now; the decoder thread stops with the bed. */
    engine_free(e);
    cli_music_close(bed);
    control_free(&c);
    watch_forget(&files);
    cli_again_forget();
    session_free(s);
    free(s);
    if (old) {
        session_free(old);
        free(old);
    }
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
