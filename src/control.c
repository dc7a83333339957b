/* control.c — a person's actions, turned into engine commands. */
#include "control.h"

#include <stdio.h>
#include <stdlib.h>

void control_init(struct control *c, struct engine *e, const struct timeline *tl,
                  const int64_t *cue_frames, int64_t margin, float volume_db, int click_muted)
{
    *c = (struct control){.engine = e, .tl = tl, .cue_frames = cue_frames, .margin = margin,
                          .volume_db = volume_db, .click_muted = click_muted};
}

void control_toggle_pause(struct control *c)
{
    c->paused = !c->paused;
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

void control_next_side(struct control *c)
{
    engine_next_side(c->engine);
}

void control_volume(struct control *c, int steps)
{
    float db = c->volume_db + (float)steps * CONTROL_VOLUME_STEP_DB;
    if (db < CONTROL_VOLUME_MIN_DB)
        db = CONTROL_VOLUME_MIN_DB;
    if (db > CONTROL_VOLUME_MAX_DB)
        db = CONTROL_VOLUME_MAX_DB;
    c->volume_db = db;
    engine_set_gain(c->engine, ENGINE_MASTER, db);
}

void control_toggle_click(struct control *c)
{
    c->click_muted = !c->click_muted;
    engine_set_mute(c->engine, ENGINE_CLICK, c->click_muted);
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

void control_notice(struct control *c, const char *text)
{
    snprintf(c->notice, sizeof c->notice, "%s", text);
    c->notice_serial++;
}

void control_free(struct control *c)
{
    free_timeline(c->made);
    free_timeline(c->retired);
    c->made = c->retired = NULL;
}
