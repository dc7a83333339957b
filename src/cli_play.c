/* cli_play.c — rollout play: the session through the audio device, with the
 * window or the terminal as its view; and rollout devices. */
#include <SDL.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "control.h"
#include "out_sdl.h"
#include "view_sdl.h"
#include "view_term.h"

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

/* The device can vanish mid-session: headphones unplugged, the sound server
 * restarted. The engine then stops being pulled and waits at its frame; we
 * say so, try the device again every second, and when it opens, fade back
 * in from that same frame. */
struct device_watch {
    int lost;
    Uint32 retry_at;
};

static void watch_device(struct device_watch *w, struct out_sdl *out, struct engine *e,
                         struct view_term *v)
{
    if (!w->lost) {
        if (!out_sdl_lost(out))
            return;
        w->lost = 1;
        w->retry_at = SDL_GetTicks();
        view_term_note(v, "the audio device stopped; waiting for it to come back (q quits).");
    }
    if ((int32_t)(SDL_GetTicks() - w->retry_at) < 0)
        return;
    char err[512];
    if (out_sdl_reopen(out, err, sizeof err) != 0) {
        w->retry_at = SDL_GetTicks() + 1000;
        return;
    }
    w->lost = 0;
    engine_fade_in(e);
    struct engine_status st;
    engine_status(e, &st);
    char at[16], msg[64];
    snprintf(msg, sizeof msg, "audio is back; carrying on from %s.",
             view_term_clock(at, st.pos, out_sdl_rate(out)));
    view_term_note(v, msg);
}

int cli_play(char **names, int n, const struct args *a)
{
    const char *name = n ? names[0] : NULL;
    struct session s;
    struct engine *e;
    int rc = cli_prepare(&s, &e, name ? name : "default", a);
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
    /* Events too: SDL reports a removed audio device with one. */
    if (SDL_Init(SDL_INIT_AUDIO | SDL_INIT_EVENTS) != 0) {
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
    struct device_watch watch = {0};
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
        watch_device(&watch, out, e, v);
        engine_status(e, &st);
        /* A session whose device is gone cannot play out its fade: quit now. */
        if (st.ended || (watch.lost && c.quit))
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

int cli_devices(char **names, int n, const struct args *a)
{
    (void)names, (void)n, (void)a;
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
