/* control.c — a person's actions, turned into engine commands. */
#include "control.h"

void control_init(struct control *c, struct engine *e, float volume_db, int click_muted)
{
    *c = (struct control){.engine = e, .volume_db = volume_db, .click_muted = click_muted};
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

void control_quit(struct control *c)
{
    c->quit = 1;
    engine_stop(c->engine);
}
