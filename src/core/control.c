/* SPDX-License-Identifier: MIT */
/* control.c — a person's actions, turned into engine commands. */
#include "control.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void control_init(struct control *c, struct engine *e, const struct timeline *tl,
                  const int64_t *cue_frames, int64_t margin, float volume_db, int click_muted)
{
    *c = (struct control){.engine = e,
                          .tl = tl,
                          .cue_frames = cue_frames,
                          .margin = margin,
                          .volume_db = volume_db,
                          .click_muted = click_muted,
                          .resume_at = -1,
                          .held_at = -1,
                          .music_db = ENGINE_MUSIC_DB};
}

void control_toggle_pause(struct control *c)
{
    control_set_paused(c, !c->paused);
}

void control_again(struct control *c)
{
    c->paused = 0;
    if (engine_again(c->engine) == 0)
        control_notice(c, "again, from the start");
}

void control_set_paused(struct control *c, int paused)
{
    c->paused = paused != 0;
    engine_pause(c->engine, c->paused);
}

void control_next(struct control *c)
{
    engine_next_step(c->engine);
}

void control_prev(struct control *c)
{
    engine_prev_step(c->engine);
}

static void set_muted(struct control *c, int muted)
{
    if (c->muted != muted) {
        c->muted = muted;
        engine_set_mute(c->engine, ENGINE_MASTER, muted);
    }
}

void control_toggle_mute(struct control *c)
{
    set_muted(c, !c->muted);
}

void control_next_side(struct control *c)
{
    engine_next_side(c->engine);
}

/* A volume a step louder (+) or quieter (-) than db, within the engine's
 * range: the one the command line and rollout.conf take too, so from any
 * volume they allow, louder is never quieter. */
static float step_db(float db, int steps)
{
    float to = db + (float)steps * CONTROL_VOLUME_STEP_DB;
    return to < ENGINE_GAIN_MIN_DB   ? ENGINE_GAIN_MIN_DB
           : to > ENGINE_GAIN_MAX_DB ? ENGINE_GAIN_MAX_DB
                                     : to;
}

/* Louder or quieter brings the sound back, as on any player. */
void control_volume(struct control *c, int steps)
{
    set_muted(c, 0);
    c->volume_db = step_db(c->volume_db, steps);
    engine_set_gain(c->engine, ENGINE_MASTER, c->volume_db);
}

double control_volume_gain(const struct control *c)
{
    return c->muted ? 0.0 : pow(10.0, (double)c->volume_db / 20.0);
}

void control_volume_to(struct control *c, double gain)
{
    if (!(gain > 0.0)) { /* 0, negative, or not a number */
        set_muted(c, 1);
        return;
    }
    double want = 20.0 * log10(gain), now = (double)c->volume_db;
    double d = (want - now) / CONTROL_VOLUME_STEP_DB;
    int steps = (int)lround(fmax(-100.0, fmin(100.0, d)));
    if (steps == 0 && fabs(want - now) > 0.01) /* a nudge: one step its way */
        steps = want > now ? 1 : -1;
    control_volume(c, steps);
}

void control_toggle_click(struct control *c)
{
    c->click_muted = !c->click_muted;
    engine_set_mute(c->engine, ENGINE_CLICK, c->click_muted);
}

static void music_notice(struct control *c)
{
    char msg[64];
    if (c->music_off)
        snprintf(msg, sizeof msg, "music off");
    else
        snprintf(msg, sizeof msg, "music %+g dB", (double)c->music_db);
    control_notice(c, msg);
}

void control_music_volume(struct control *c, int steps)
{
    c->music_db = step_db(c->music_db, steps);
    engine_set_gain(c->engine, ENGINE_MUSIC, c->music_db);
    if (c->music_off) {
        c->music_off = 0;
        engine_set_mute(c->engine, ENGINE_MUSIC, 0);
    }
    music_notice(c);
}

void control_toggle_music(struct control *c)
{
    c->music_off = !c->music_off;
    engine_set_mute(c->engine, ENGINE_MUSIC, c->music_off);
    music_notice(c);
}

static void free_timeline(struct timeline *tl)
{
    if (tl) {
        timeline_free(tl);
        free(tl);
    }
}

int control_hold_longer(struct control *c)
{
    control_poll(c);
    if (c->swapping || c->loading)
        return -1;
    struct engine_status st;
    engine_status(c->engine, &st);
    if (st.ended)
        return -1;
    /* Hold means "stay on this spot": while rolling it stops on it, while
     * holding it stays longer; anywhere else there is no spot to stay on. */
    enum tl_phase_kind now = c->tl->ph[timeline_phase_at(c->tl, control_heard(c))].kind;
    if (now != TLP_ROLL && now != TLP_HOLD) {
        control_notice(c, "hold works while rolling or holding");
        return -1;
    }
    /* Far enough ahead that the engine cannot have rendered it yet. */
    int64_t at = st.pos + c->margin;
    if (at >= c->tl->length)
        return -1;
    struct timeline *tl = malloc(sizeof *tl);
    int64_t frames = timeline_ms_to_frames(CONTROL_HOLD_MORE_MS, c->tl->rate);
    if (!tl || timeline_insert_hold(c->tl, tl, at, frames) != 0) {
        free(tl);
        return -1;
    }
    if (engine_swap_timeline(c->engine, tl, at) != 0) {
        free_timeline(tl);
        return -1;
    }
    c->before = c->tl;
    c->retired = c->made;
    c->made = tl;
    c->tl = tl;
    c->swapping = 1;
    c->held_at = at;
    return 0;
}

int control_load(struct control *c, const struct timeline *tl, const struct cue_audio *cues,
                 const int64_t *cue_frames, int64_t at)
{
    control_poll(c);
    if (c->swapping || c->loading)
        return -1;
    if (engine_load(c->engine, tl, cues, at) != 0)
        return -1;
    /* What was made here belongs to the old session: it goes once the
     * engine has let go. */
    free_timeline(c->retired);
    c->retired = c->made;
    c->made = NULL;
    c->tl = tl;
    c->cue_frames = cue_frames;
    c->loading = 1;
    return 0;
}

void control_poll(struct control *c)
{
    struct engine_status st;
    engine_status(c->engine, &st);
    if (c->loading && (st.tl == c->tl || st.ended)) {
        free_timeline(c->retired);
        c->retired = NULL;
        c->loading = 0;
    }
    if (!c->swapping)
        return;
    if (st.tl == c->tl) { /* taken: the one before is let go */
        free_timeline(c->retired);
        c->retired = NULL;
        c->swapping = 0;
    } else if (st.rejected != c->rejected_seen) { /* too late: back to the one before */
        c->rejected_seen = st.rejected;
        free_timeline(c->made);
        c->made = c->retired;
        c->retired = NULL;
        c->tl = c->before;
        c->swapping = 0;
    }
}

void control_quit(struct control *c)
{
    c->quit = 1;
    engine_stop(c->engine);
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int control_act(struct control *c, enum control_action a, enum control_source from)
{
    return control_act_at(c, a, from, now_ms());
}

int control_act_at(struct control *c, enum control_action a, enum control_source from, uint64_t now)
{
    if (from == CONTROL_FROM_MEDIA_KEY || from == CONTROL_FROM_REMOTE) {
        int echo = c->echo_ms && (int)a == c->echo_action && (int)from != c->echo_source &&
                   now - c->echo_ms < CONTROL_ECHO_MS;
        c->echo_action = (int)a;
        c->echo_source = (int)from;
        c->echo_ms = now;
        if (echo) {
            c->echo_ms = 0; /* a third press is a press again */
            return 1;
        }
    }
    /* Over, "go on" means once more. */
    struct engine_status st;
    engine_status(c->engine, &st);
    if (st.ended && (a == CONTROL_PLAY_PAUSE || a == CONTROL_PLAY))
        a = CONTROL_AGAIN;
    switch (a) {
    case CONTROL_NONE:
        break;
    case CONTROL_PLAY_PAUSE:
        control_toggle_pause(c);
        break;
    case CONTROL_PLAY:
        control_set_paused(c, 0);
        break;
    case CONTROL_PAUSE:
        control_set_paused(c, 1);
        break;
    case CONTROL_NEXT:
        control_next(c);
        break;
    case CONTROL_PREV:
        control_prev(c);
        break;
    case CONTROL_HOLD:
        return control_hold_longer(c);
    case CONTROL_LOUDER:
        control_volume(c, +1);
        break;
    case CONTROL_QUIETER:
        control_volume(c, -1);
        break;
    case CONTROL_MUTE:
        control_toggle_mute(c);
        break;
    case CONTROL_CLICK:
        control_toggle_click(c);
        break;
    case CONTROL_STOP:
        control_quit(c);
        break;
    case CONTROL_RESUME:
        return control_resume(c);
    case CONTROL_SIDE:
        control_next_side(c);
        break;
    case CONTROL_MUSIC:
        control_toggle_music(c);
        break;
    case CONTROL_MUSIC_LOUDER:
        control_music_volume(c, +1);
        break;
    case CONTROL_MUSIC_QUIETER:
        control_music_volume(c, -1);
        break;
    case CONTROL_RAISE:
        c->asks |= CONTROL_ASK_RAISE;
        break;
    case CONTROL_FULLSCREEN:
        c->asks |= CONTROL_ASK_FULLSCREEN;
        break;
    case CONTROL_HELP:
        c->asks |= CONTROL_ASK_HELP;
        break;
    case CONTROL_BACK_OUT:
        c->asks |= CONTROL_ASK_BACK_OUT;
        break;
    case CONTROL_AGAIN:
        c->asks |= CONTROL_ASK_AGAIN;
        break;
    }
    return 0;
}

void control_hush(struct control *c, int on)
{
    engine_hush(c->engine, on);
}

void control_notice(struct control *c, const char *text)
{
    snprintf(c->notice, sizeof c->notice, "%s", text);
    c->notice_serial++;
}

void control_offer_resume(struct control *c, int64_t at, const char *where)
{
    char msg[256];
    c->resume_at = at;
    snprintf(c->resume_where, sizeof c->resume_where, "%s", where);
    snprintf(msg, sizeof msg, "r goes on from %s, where you stopped", where);
    control_notice(c, msg);
    c->resume_serial = c->notice_serial;
}

int control_resume(struct control *c)
{
    if (c->resume_at < 0 || engine_seek(c->engine, c->resume_at) != 0)
        return -1;
    control_withdraw_resume(c);
    return 0;
}

void control_withdraw_resume(struct control *c)
{
    if (c->resume_at >= 0 && c->notice_serial == c->resume_serial)
        control_notice(c, "");
    c->resume_at = -1;
}

void control_free(struct control *c)
{
    free_timeline(c->made);
    free_timeline(c->retired);
    c->made = c->retired = NULL;
}

void control_set_clock(struct control *c, int64_t (*heard)(const void *ctx), const void *ctx)
{
    c->heard = heard;
    c->heard_ctx = ctx;
}

int64_t control_heard(const struct control *c)
{
    struct engine_status st;
    engine_status(c->engine, &st);
    int64_t now = st.ended || !c->heard ? st.pos : c->heard(c->heard_ctx);
    return now < 0 ? 0 : now;
}
