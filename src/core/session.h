/* SPDX-License-Identifier: MIT */
/* session.h — everything a command needs before sound can start: the
 * routine found and parsed, every cue found and decoded at the output rate,
 * the timeline compiled. Shared by play, render, plan, check and cues. */
#ifndef ROLLOUT_SESSION_H
#define ROLLOUT_SESSION_H

#include <stdint.h>

#include "cues.h"
#include "diag.h"
#include "script.h"
#include "timeline.h"

#define SESSION_MAX_HOURS 24

struct compose_fit;

struct session {
    char *path; /* the routine file */
    struct routine *routine;
    struct cue_audio *cues; /* one per routine cue */
    int64_t *cue_frames;
    char **cue_paths; /* the file each cue came from, or NULL */
    struct timeline tl;
    int rate;
    struct compose_fit *fit;                /* what --minutes changed (compose.h), or NULL... */
    void (*fit_free)(struct compose_fit *); /* ...and how it is freed: compose.c's, so a
                                               session never calls up into compose */
    int composed; /* made from areas (compose.h), not played as a file is */
    int drafted;  /* SESSION_MISSING_DRAFT: the cues given a silent slot */
};

/* A cue with no recording is an error for playing; a warning for an author
 * checking a routine not yet recorded (the cue then takes no time); nothing
 * at all when listing cues. In a draft (play --draft, render --draft, shot)
 * it is a silent slot as long as its words would take to say
 * (session_draft_frames). An unreadable recording is an error, except when
 * listing. */
enum session_missing {
    SESSION_MISSING_ERROR,
    SESSION_MISSING_WARN,
    SESSION_MISSING_QUIET,
    SESSION_MISSING_DRAFT,
};

/* How long a draft gives a cue with no recording: its words at 150 a minute
 * (0.4 s each: a calm coach's pace; the bundled synthetic voice says about
 * 220) plus the 80 ms of silence every recording is padded with, in frames
 * at rate. Words are runs of letters and digits. */
#define SESSION_DRAFT_WORD_MS 400
#define SESSION_DRAFT_PAD_MS  80
int64_t session_draft_frames(const char *text, int rate);

/* How a session begins (`intro` in rollout.conf, --intro): the routine's
 * whole introduction; a short one, said in rollout's own phrases (phrase.h):
 * what is coming, then the ball or roller to have ready; or none, the first
 * step at once. AUTO is the whole one for a routine as written and the
 * short one for a session composed for areas or minutes; play asks for the
 * short one for a routine its history says was played before. */
enum session_intro {
    SESSION_INTRO_AUTO,
    SESSION_INTRO_FULL,
    SESSION_INTRO_SHORT,
    SESSION_INTRO_NONE,
};

struct session_opts {
    int rate;
    int64_t pace_ms;              /* > 0 overrides the routine's pace */
    double speed;                 /* > 1 plays the routine that much faster (--fast) */
    const char *voice_dir;        /* searched first for cues, or NULL */
    enum session_missing missing; /* what a cue with no recording is */
    enum session_intro intro;
};

/* Where bundled routines and the voice pack live: $ROLLOUT_DATA_DIR, else
 * the data folder beside the installed program (../share/rollout); the
 * source tree only for a program run from its build tree. */
const char *session_data_dir(void);

/* Where the page is (rollout serve): web/ in the data folder, or the
 * build tree's web/ for a program run from its build tree. The path may
 * not be there: the page is built only with the wasm32 toolchain. */
const char *session_web_dir(void);

/* Where a person's own routines live: $XDG_DATA_HOME/rollout/routines, or
 * ~/.local/share/rollout/routines. */
const char *session_user_dir(void);

/* Turns a name into a routine file: a path to a file; or the name of one of
 * the person's routines, else of a bundled one ("default" among them).
 * Returns a new string, or NULL with the error said in d: rollout's own,
 * as no file was read. */
char *session_resolve(const char *name, struct diags *d);

/* Loads and compiles. Problems with the routine and its cues go to d, each at
 * its line. Returns 0, or -1 when there were errors (d says which). */
/* Gives r the introduction `how` asks for (AUTO: the whole one). The short
 * one is a line of rollout's own (phrase.h) with the kind of ball or roller
 * the steps use first, and a second line for a second kind. 0, or -1 when
 * out of memory (r unchanged). */
int session_intro(struct routine *r, enum session_intro how);

int session_load(struct session *s, const char *name, const struct session_opts *o,
                 struct diags *d);

/* The two halves of session_load, for a routine made in memory (compose.h):
 * session_adopt takes r (the session owns it from now on, even on failure)
 * and finds and decodes its cues, looking for them as for a routine file at
 * path; session_compile lays out its timeline and checks it: the length
 * limit, and every cue against its phase. Each returns 0, or -1 with d
 * saying why; free s with session_free either way. */
int session_adopt(struct session *s, const char *path, struct routine *r,
                  const struct session_opts *o, struct diags *d);
int session_compile(struct session *s, const struct session_opts *o, struct diags *d);

void session_free(struct session *s);

/* The cue search path for the routine at path: opts' voice_dir, then the
 * routine's own audio/ folder, then the bundled voice pack. Returns how many
 * folders it wrote, or -1 when one's name is longer than 4095 bytes, which
 * no system call would take. */
int session_voice_dirs(const char *path, const char *voice_dir, char dirs[3][4096]);

#endif
