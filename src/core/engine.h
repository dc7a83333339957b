/* SPDX-License-Identifier: MIT */
/* engine.h — the one function that makes sound. engine_render mixes the
 * timeline's clicks and cues into stereo float; the SDL callback, the file
 * writer and the tests all pull it. The engine has no SDL in it.
 *
 * Threads: one thread renders (the audio thread, or the writer); one other
 * thread, the controller, sends commands and reads the status. Neither waits
 * for the other. */
#ifndef ROLLOUT_ENGINE_H
#define ROLLOUT_ENGINE_H

#include <stdint.h>

#include "cues.h"
#include "timeline.h"

enum engine_bus { ENGINE_CLICK, ENGINE_VOICE, ENGINE_MASTER, ENGINE_MUSIC };
#define ENGINE_BUSES   4
#define ENGINE_MUTABLE 2 /* the buses a person can silence: ENGINE_CLICK, ENGINE_VOICE */

/* A bus's gain is held within these; the command line, the settings and
 * the keys take the same range (src/cli/options.c). */
#define ENGINE_GAIN_MIN_DB (-60.0f)
#define ENGINE_GAIN_MAX_DB 12.0f

/* The output rates the engine renders at; cues are resampled to it. */
#define ENGINE_RATE_MIN     8000
#define ENGINE_RATE_MAX     192000
#define ENGINE_RATE_DEFAULT 48000

/* Back (the previous-step command) in the first seconds of a step goes to
 * the step before; later, to the start of this one. */
#define ENGINE_BACK_RESTART_MS 3000

#define ENGINE_DUCK_DB (-8.0f) /* the click bus while the voice speaks */
#define ENGINE_FADE_MS 10      /* pause, resume, seek and stop */

/* The music bed (music.h): ducked under speech from a cue's first frame
 * (the attack) until after its last (the release), faded back in after the
 * ring ran dry, and faded out over the session's last seconds. */
#define ENGINE_MUSIC_DB         (-12.0f) /* its bus's gain unless asked otherwise */
#define ENGINE_MUSIC_DUCK_DB    (-12.0f) /* under speech */
#define ENGINE_MUSIC_ATTACK_MS  40
#define ENGINE_MUSIC_RELEASE_MS 400
#define ENGINE_MUSIC_RETURN_MS  50   /* back in after running dry */
#define ENGINE_MUSIC_END_MS     4000 /* the fade-out at the session's end */

/* The hush: from the moment the wake word "rollout" is heard until its verb
 * is decided, rollout's own voice and music step aside, so that the verb is
 * heard over less of them. The click does not: it is the pace, and moving
 * or muting it would be felt in the roller; it is short and sharp, and the
 * echo canceller takes it out best of all (bench/listen.sh measures both).
 * A hush nobody lifts lifts itself after ENGINE_HUSH_MAX_MS. It is live
 * only, like the earcon: a render never has one, and no frame moves. */
#define ENGINE_HUSH_DB      (-24.0f)
#define ENGINE_HUSH_DOWN_MS 20
#define ENGINE_HUSH_UP_MS   200
#define ENGINE_HUSH_MAX_MS  2500

struct ring;

struct engine_opts {
    float gain_db[ENGINE_BUSES]; /* per bus, ENGINE_CLICK .. ENGINE_MUSIC */
    int mute[ENGINE_MUTABLE];    /* ENGINE_CLICK, ENGINE_VOICE: silence the bus */
    int64_t start;               /* frame to begin at */
};

/* What the controller sees. A copy, consistent in itself. */
struct engine_status {
    int64_t pos;               /* the next frame to be rendered */
    int64_t run_from;          /* play has run unbroken from this frame to pos: the start, or
                                  where the last seek landed */
    int paused;                /* pause asked for (the fade may still be running) */
    int ended;                 /* the session is over or was stopped: nothing more sounds */
    uint32_t renders;          /* how many times engine_render has run */
    const struct timeline *tl; /* the timeline being played */
    uint32_t rejected;         /* timeline swaps that came too late */
};

/* The engine reads tl and cues (one per timeline cue, in cue-table order)
 * and never changes them: they must outlive it. */
struct engine *engine_new(const struct timeline *tl, const struct cue_audio *cues,
                          const struct engine_opts *o);
void engine_free(struct engine *e);

/* Fills out with frames stereo frames. Returns how many of them belong to the
 * session: fewer than frames only at the end, where the rest are zeros.
 * A loud volume can take them past full scale: every output runs them
 * through the limiter (limiter.h) before they are heard or written.
 * Allocates nothing, locks nothing, never waits. */
int engine_render(struct engine *e, float *out, int frames);

/* Controller commands. They take effect at the start of the next render,
 * with a short fade where the sound would otherwise jump. Each returns 0, or
 * -1 if the command queue is full (the audio thread is not running). */
int engine_pause(struct engine *e, int paused);
int engine_next_step(struct engine *e);
/* Back to the start of the step, or to the step before when the step began
 * less than three seconds ago. */
int engine_prev_step(struct engine *e);
/* To the start of the next side: the other side of a two-sided step from
 * its first side, else the next step. Step and side commands sent while a
 * seek is under way count from where it lands, so two quick presses make
 * two moves. */
int engine_next_side(struct engine *e);
int engine_set_gain(struct engine *e, enum engine_bus bus, float db);
/* Plays the frames in `bed` (a bed's music_ring) as the music from the next
 * render on (NULL: none). The engine only reads from it; it must outlive
 * the engine, or be replaced and the status's renders seen to move on
 * before it is freed. */
int engine_set_music(struct engine *e, struct ring *bed);
/* Silences a bus, or brings it back, with a short fade; ENGINE_MASTER
 * silences everything. */
int engine_set_mute(struct engine *e, enum engine_bus bus, int muted);
int engine_stop(struct engine *e);
/* Once the session is over, plays it again from its first frame; before
 * that, does nothing. */
int engine_again(struct engine *e);
/* To frame `at` of the timeline playing, fading out and in as the step
 * commands do (play's resume key). */
int engine_seek(struct engine *e, int64_t at);
/* Sounds the earcon that answers a spoken command, when no click would
 * sound under it. Live only: it is no part of the session. */
int engine_earcon(struct engine *e);
/* Hushes the voice and music buses (on), or lets them back (off); see
 * ENGINE_HUSH_DB. */
int engine_hush(struct engine *e, int on);
/* Starts again from silence where it stands, as after a device came back:
 * the sound fades in instead of resuming mid-wave. */
int engine_fade_in(struct engine *e);

/* Plays another session from now on: fades out, then lands at frame `at` of
 * tl with its cues, and fades in, as a seek does. Step commands wait until
 * it has landed. The status shows tl once it has; the old timeline and
 * cues may be freed from then on. */
int engine_load(struct engine *e, const struct timeline *tl, const struct cue_audio *cues,
                int64_t at);

/* Plays tl from now on instead of the timeline in use. tl must equal it
 * before frame `at` (as timeline_insert_hold makes it). The engine takes it
 * if it has not yet rendered frame `at`, and rejects it otherwise; the status
 * tells which. The old timeline may be freed once the status shows tl. */
int engine_swap_timeline(struct engine *e, const struct timeline *tl, int64_t at);

void engine_status(const struct engine *e, struct engine_status *s);

/* The default options: every bus at 0 dB but the music's (ENGINE_MUSIC_DB),
 * nothing muted, from the start. */
struct engine_opts engine_defaults(void);

#endif
