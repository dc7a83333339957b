/* SPDX-License-Identifier: MIT */
/* show.h — what a person is shown of a playing session, worked out once for
 * every view: the step, side and phase labels, the countdown and what it
 * counts to, the words being spoken, what comes next, the clocks and the
 * pulse. The window and the terminal draw a struct show and decide nothing
 * themselves, so they cannot disagree. No SDL; a pure function of its input. */
#ifndef ROLLOUT_SHOW_H
#define ROLLOUT_SHOW_H

#include <stddef.h>
#include <stdint.h>

#include "timeline.h"

struct report;

/* What a view knows: the timeline, the frame being heard, the controls. */
struct show_input {
    const struct timeline *tl;
    const int64_t *cue_frames; /* each cue's length, to tell what is being said; or NULL */
    int64_t now;               /* the frame being heard */
    int paused;
    float volume_db;
    int click_muted;
    int listen;                  /* enum control_listen */
    int music;                   /* a music bed plays under the session... */
    int music_off;               /* ...switched off with its key... */
    float music_db;              /* ...at this volume */
    const char *notice;          /* a sentence every view shows, or NULL */
    int help;                    /* the window's help is shown over it */
    const struct report *report; /* once the session is over, what it did; or NULL */
    const char *resume;          /* the place offered to go on from (its step and side), or NULL */
    int notice_offers;           /* the notice is the offer's own words */
};

struct control;

/* A view's input, from the control: the session it shows, at the frame
 * heard now (control_heard), the help over it or not. */
void show_input_of(struct show_input *in, const struct control *c, int help);

/* Each kind of phase has its colour, 0xRRGGBB, in the window (its word,
 * count and pulse) and on a colour terminal (its word), beside the word
 * itself, so that what to do reads from across a room and never rests on
 * colour alone. Chosen on the window's ground for contrast (4.5:1 or more)
 * and to stay apart for people with protanopia and deuteranopia
 * (test_show measures both; docs/benchmarks.md gives the figures). */
#define SHOW_GROUND        0x11161Bu /* the window's background */
#define SHOW_COLOUR_LISTEN 0xF2F4F5u /* the introduction, words to listen to, the end */
#define SHOW_COLOUR_READY  0x56B4E9u /* getting ready, setting up: sky blue */
#define SHOW_COLOUR_ROLL   0xFFB000u /* rolling: amber, rollout's own colour */
#define SHOW_COLOUR_HOLD   0x009E73u /* holding: bluish green */
#define SHOW_COLOUR_SWITCH 0xD55E00u /* switching sides: vermilion */
#define SHOW_COLOUR_REST   0x2EC4B6u /* resting: teal */

struct show {
    int phase; /* index into tl->ph */
    int step;  /* index into the routine's steps; -1 in the introduction and at the end */
    int nsteps;
    int intro; /* in the introduction, before the first step */
    int done;  /* the closing words, or past them */
    int over;  /* past them: the session has ended */

    char header[160]; /* "Step 2 of 4", "Introduction", "Finished" */
    const char *name; /* the muscle; the routine's title in the introduction */
    enum script_side side;
    const char *side_label;  /* "LEFT", "RIGHT", or "" */
    const char *phase_label; /* "LISTEN", "GET READY", "SET UP", "ROLL", "HOLD", "REST",
                                "SWITCH SIDES", "DONE" */
    uint32_t colour;         /* the phase's: SHOW_COLOUR_* */

    int64_t count_end;    /* the frame the countdown reaches zero at */
    char count[16];       /* the countdown, "0:23"; "" when nothing is counted */
    const char *count_to; /* what it counts to, when the label does not say: "until
                             the first step" in the introduction; else "" */

    const char *words;  /* what is being said, else the phase's own words; or "" */
    int speaking;       /* words are being said now */
    char next[160];     /* "Next: hold 20 s", "Next: Calves", ...; or "" */
    char equipment[48]; /* "Lacrosse ball", or "" */

    char elapsed[16], total[16]; /* "3:52", "12:08" */
    int64_t now, length;         /* the same, in frames (now within 0..length) */
    int pulse;                   /* 1 lit on a click, 0 between, -1 no clicks in this phase */

    int paused;
    char volume[24];       /* "volume -3 dB", or "" at 0 dB */
    const char *click;     /* "click off", or "" */
    char fast[24];         /* "fast ×8" with --fast, or "" */
    const char *listening; /* "listening" while spoken commands are heard, or "" */
    int spoken;            /* spoken commands are on: heard now, or once the room is learnt */

    char title[200]; /* a window title: "rollout - Calves, left" */

    /* What else the views draw, as the input had it. */
    const struct timeline *tl;
    int click_off;        /* the click is off */
    int listen;           /* enum control_listen */
    int music;            /* a music bed plays under the session */
    char music_state[24]; /* "music -12 dB", "music off"; "" with no music */
    const char *notice;   /* "" when there is none */
    int help;
    const struct report *report; /* what the session did, once it is over; or NULL */
    char resume[200];            /* "Calves, left side": the place offered to go on from, or "" */
    int notice_offers;           /* the notice says the same as the offer */

    int64_t changes; /* the next frame at which any of this changes by itself */
};

#define SHOW_PULSE_MS 250 /* the pulse is lit this long from each click */

void show_make(struct show *s, const struct show_input *in);

/* Whether a and b look the same: everything shown but the frame itself, so
 * a view redraws only when what it shows has changed. */
int show_same(const struct show *a, const struct show *b);

/* "m:ss", or "h:mm:ss" from an hour, for a frame count (whole seconds, cut). */
const char *show_clock(char *buf, size_t len, int64_t frames, int rate);

/* The cue being said at frame now, or -1; *ends (if not NULL) is its last
 * frame + 1. cue_frames may be NULL: then nothing is being said. */
int show_spoken_cue(const struct timeline *tl, const int64_t *cue_frames, int64_t now,
                    int64_t *ends);

/* The terminal's lines. Columns a UTF-8 string takes: one a character (the
 * words shown are in European languages; no wide characters). */
int show_columns(const char *s);

/* Appends s to out (of size len, holding a string), at most cols columns of
 * it; when s is longer, its end is cut and marked with the ellipsis. */
void show_fit(char *out, size_t len, const char *s, int cols, const char *ellipsis);

/* The terminal's status line in cols columns: where, the phase and its
 * countdown, a bar, the clock ("2/4 Calves, left  ROLL 0:23  [###--]
 * 3:52/12:08"). Shortened in order: the bar, what the countdown counts
 * to, the total time, the clock, and only then the step's name; its side
 * is never cut. */
void show_status_line(char *out, size_t len, const struct show *s, int cols, const char *ellipsis);

#endif
