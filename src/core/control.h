/* SPDX-License-Identifier: MIT */
/* control.h — what a person can do to a playing session, in one place, so the
 * terminal and the window offer the same actions with the same effect. The
 * controller's side of the settings (volume, click on/off, paused) lives here,
 * and so does the timeline the views show: holding longer makes a new one,
 * which the engine takes over between two blocks. The engine only hears
 * commands. Main thread only. */
#ifndef ROLLOUT_CONTROL_H
#define ROLLOUT_CONTROL_H

#include "engine.h"

/* The keys, buttons and remotes step the volumes by this, within the
 * engine's range (ENGINE_GAIN_MIN_DB to ENGINE_GAIN_MAX_DB): the range the
 * command line and rollout.conf take, so a step never jumps to another. */
#define CONTROL_VOLUME_STEP_DB 3.0f
#define CONTROL_HOLD_MORE_MS   10000

struct report;

struct control {
    struct engine *engine;
    const struct timeline *tl; /* what the views show: the engine's, or the one it is taking */
    const int64_t *cue_frames; /* the length of each of tl's routine's cues */
    float volume_db;
    int click_muted;
    int muted; /* everything silenced: the mute key, or a remote's volume 0 */
    int paused;
    int quit;
    unsigned asks;          /* CONTROL_ASK_*: what the window (or play, for Again) is to take up */
    int64_t resume_at;      /* the frame the resume key goes to, or -1: none offered */
    int64_t held_at;        /* where the last Hold put its ten seconds in, or -1 */
    char resume_where[200]; /* ...its step and side, "Calves, left side" */
    unsigned resume_serial; /* the notice's serial when it offered it */
    float music_db;         /* the music bed's volume (ENGINE_MUSIC_DB until set) */
    int music;              /* a music bed plays under the session */
    int music_off;          /* the bed switched off with its key */
    int listen;             /* enum control_listen */
    char notice[256];       /* a sentence the views show until it is cleared, or "" */
    unsigned notice_serial; /* changes whenever notice does */
    /* What the session did, once it is over, for the end screen; NULL
     * while it plays (its owner sets it: play, when the session ends). */
    const struct report *report;

    /* A swap in flight: `tl` was made here; `before` was shown until then. */
    int64_t margin;           /* frames the engine may render before a command lands */
    struct timeline *made;    /* the newest timeline made here, or NULL */
    struct timeline *retired; /* one made here earlier, until the engine lets go */
    const struct timeline *before;
    int swapping;
    int loading; /* a new session is being landed */
    uint32_t rejected_seen;

    /* The clock of what is heard (control_set_clock), or NULL. */
    int64_t (*heard)(const void *ctx);
    const void *heard_ctx;

    /* The last media key or remote command, to tell an echo (control_act). */
    int echo_action;
    int echo_source;
    uint64_t echo_ms;
};

/* Spoken commands: not asked for; asked for, while the listener still
 * learns the room and hears nothing; heard; asked for, and no model or no
 * microphone to hear with. */
enum control_listen {
    CONTROL_LISTEN_OFF,
    CONTROL_LISTEN_SOON,
    CONTROL_LISTEN_ON,
    CONTROL_LISTEN_CANNOT
};

/* What a person can ask for, from any input. Keys, window buttons, media
 * keys, remotes on the session bus and spoken commands all end here. */
enum control_action {
    CONTROL_NONE, /* no action: what a table row's unset fields read as */
    CONTROL_PLAY_PAUSE,
    CONTROL_PLAY,
    CONTROL_PAUSE,
    CONTROL_NEXT,
    CONTROL_PREV,
    CONTROL_HOLD,
    CONTROL_LOUDER,
    CONTROL_QUIETER,
    CONTROL_MUTE,  /* toggles */
    CONTROL_CLICK, /* toggles the click */
    CONTROL_STOP,
    CONTROL_RESUME, /* to the place offered with control_offer_resume */
    CONTROL_SIDE,   /* the other side of the step, or the next step */
    CONTROL_MUSIC,  /* the music bed off and on */
    CONTROL_MUSIC_LOUDER,
    CONTROL_MUSIC_QUIETER,
    /* What only the window does: asked for in c->asks, which it takes up. */
    CONTROL_RAISE,      /* to the front */
    CONTROL_FULLSCREEN, /* full screen and back */
    CONTROL_HELP,       /* the help, shown or put away */
    CONTROL_BACK_OUT,   /* out of the help, else out of full screen; never quits */
    CONTROL_AGAIN,      /* the session over, once more: as it was, or the start screen first */
};

/* What the views are asked for, in c->asks; a view clears what it took up. */
enum {
    CONTROL_ASK_RAISE = 1 << 0,
    CONTROL_ASK_FULLSCREEN = 1 << 1,
    CONTROL_ASK_HELP = 1 << 2,
    CONTROL_ASK_BACK_OUT = 1 << 3,
    CONTROL_ASK_AGAIN = 1 << 4,
};

enum control_source {
    CONTROL_FROM_KEY,       /* the keyboard or a window button */
    CONTROL_FROM_MEDIA_KEY, /* a media key that reached the window */
    CONTROL_FROM_REMOTE,    /* MPRIS: a headset, a phone, the desktop's widget */
    CONTROL_FROM_VOICE,     /* a spoken command */
};

/* A desktop may hand one press of a media key both to the focused window
 * and, through MPRIS, to the player. A media key and a remote command asking
 * for the same thing within this many milliseconds are one press. */
#define CONTROL_ECHO_MS 400

/* tl is the session's timeline; margin the frames the engine can render
 * between reading its status and taking a command (two device buffers). */
void control_init(struct control *c, struct engine *e, const struct timeline *tl,
                  const int64_t *cue_frames, int64_t margin, float volume_db, int click_muted);
void control_toggle_pause(struct control *c);
void control_next(struct control *c);
void control_prev(struct control *c);
/* To the other side of a two-sided step; from its second side (or a step
 * with one), to the next step. */
void control_next_side(struct control *c);
/* steps: +1 louder, -1 quieter, by CONTROL_VOLUME_STEP_DB, within the
 * engine's range. */
void control_volume(struct control *c, int steps);
void control_toggle_click(struct control *c);
/* The music bed: steps louder (+1) or quieter (-1) by CONTROL_VOLUME_STEP_DB
 * within the engine's range, switching it back on; or off and on again.
 * Each says what it did in a notice. */
void control_music_volume(struct control *c, int steps);
void control_toggle_music(struct control *c);
/* Ten seconds more of holding, on the spot: a hold playing now lasts
 * longer, a roll stops for a hold and then carries on. Anywhere else (the
 * introduction, getting ready, switching sides) it does nothing but say so
 * in a notice. Returns 0, or -1 when it is not done now (not rolling or
 * holding, another still being taken up, or out of memory). */
int control_hold_longer(struct control *c);
void control_quit(struct control *c);
void control_set_paused(struct control *c, int paused);
/* The session once more from its start, once it is over. */
void control_again(struct control *c);
void control_toggle_mute(struct control *c);

/* The master volume as a linear gain, as MPRIS has it: 0 when muted. */
double control_volume_gain(const struct control *c);
/* Moves the master volume towards a linear gain in the keys' steps: the
 * nearest step, and at least one step when the gain asked for differs from
 * the present one (a remote nudging by 0.05 is heard). 0 or less mutes. */
void control_volume_to(struct control *c, double gain);

/* Does what a person asked for, from whichever input. Returns 0 if done,
 * 1 if taken for the echo of the same press through another path (see
 * CONTROL_ECHO_MS), -1 if it cannot be done now. */
int control_act(struct control *c, enum control_action a, enum control_source from);
/* The same at a given time on a monotonic clock in milliseconds (tests). */
int control_act_at(struct control *c, enum control_action a, enum control_source from,
                   uint64_t now_ms);

/* Offers the place a session of this routine was stopped at last time:
 * frame `at`, told as `where` ("Calves, right side") in a notice until it
 * is taken or withdrawn. */
void control_offer_resume(struct control *c, int64_t at, const char *where);
/* Goes to the place offered; 0, or -1 when none is. */
int control_resume(struct control *c);
/* Takes the offer back (play went on past the start). */
void control_withdraw_resume(struct control *c);

/* Someone has said the wake word and is saying a verb (on), or the verb
 * is decided, or was not one (off): rollout's own voice and music step
 * aside meanwhile, so that it is heard over less of them (engine_hush). */
void control_hush(struct control *c, int on);

/* Shows a sentence in every view until the next one; "" clears it. */
void control_notice(struct control *c, const char *text);

/* Moves to a reloaded session, at frame `at` of its timeline tl. Returns 0,
 * or -1 while a hold is still being taken up (try again shortly). The old
 * session may be freed once c->loading is 0 again (control_poll). */
int control_load(struct control *c, const struct timeline *tl, const struct cue_audio *cues,
                 const int64_t *cue_frames, int64_t at);

/* What tells the frame being heard: the device, which knows its latency
 * (out_sdl_heard). Until it is set, and once the session is over, the
 * engine's position is. */
void control_set_clock(struct control *c, int64_t (*heard)(const void *ctx), const void *ctx);
/* The frame being heard now. */
int64_t control_heard(const struct control *c);

/* Call often: finishes a swap the engine has taken up or turned down. */
void control_poll(struct control *c);

/* Frees the timelines made here. Only once the engine is gone. */
void control_free(struct control *c);

#endif
