/* control.h — what a person can do to a playing session, in one place, so the
 * terminal and the window offer the same actions with the same effect. The
 * controller's side of the settings (volume, click on/off, paused) lives here;
 * the engine only hears commands. */
#ifndef ROLLOUT_CONTROL_H
#define ROLLOUT_CONTROL_H

#include "engine.h"

#define CONTROL_VOLUME_STEP_DB 3.0f
#define CONTROL_VOLUME_MIN_DB (-30.0f)
#define CONTROL_VOLUME_MAX_DB 6.0f

struct control {
    struct engine *engine;
    float volume_db;
    int click_muted;
    int paused;
    int quit;
};

void control_init(struct control *c, struct engine *e, float volume_db, int click_muted);
void control_toggle_pause(struct control *c);
void control_next(struct control *c);
void control_prev(struct control *c);
/* steps: +1 louder, -1 quieter, by CONTROL_VOLUME_STEP_DB, within limits. */
void control_volume(struct control *c, int steps);
void control_toggle_click(struct control *c);
void control_quit(struct control *c);

#endif
