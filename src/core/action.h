/* SPDX-License-Identifier: MIT */
/* action.h — everything a person can do to a playing session, declared
 * once (action.c): its keys, in the window and the terminal, its button,
 * its media key, its remote's verb (MPRIS) and its spoken phrase. Every
 * input looks its action up here and hands it to control_act: a key in
 * either view, a button, a media key, a remote, a spoken command. The
 * window's help and buttons, the terminal's key line and --help's list of
 * keys are drawn from the same rows, so they cannot disagree. */
#ifndef ROLLOUT_ACTION_H
#define ROLLOUT_ACTION_H

#include <stddef.h>

#include "control.h"

/* Where a key is read. */
enum action_view { ACTION_IN_WINDOW = 1, ACTION_IN_TERMINAL = 2, ACTION_IN_BOTH = 3 };

/* The window's buttons, left to right (two rows of four on a screen taller
 * than it is wide). */
enum action_button {
    ACTION_BUTTON_BACK,
    ACTION_BUTTON_PAUSE,
    ACTION_BUTTON_NEXT,
    ACTION_BUTTON_HOLD,
    ACTION_BUTTON_CLICK,
    ACTION_BUTTON_QUIETER,
    ACTION_BUTTON_LOUDER,
    ACTION_BUTTON_QUIT,
    ACTION_BUTTONS
};

struct action {
    enum control_action act;
    /* Keys, by name, space-separated. A printable key is its character
     * ("n", "+"); the others: space, Esc, Left, Right, Up, Down, F1, F11,
     * Pause, KP+, KP-. `keys` are shown in the help; `also` are taken too. */
    const char *keys, *also;
    enum action_view where; /* the views its keys are read in */
    int repeats;            /* a key held down does it again */
    const char *media;      /* the window's media key (MPRIS's name for it), or NULL */
    const char *remote;     /* MPRIS methods that do it, space-separated, or NULL */
    const char *say;        /* what to say after "rollout", or NULL */
    /* What the help shows: its words, or NULL when it is shown in the row
     * of `with` (louder and quieter are one row; CONTROL_NONE: nowhere). */
    const char *what;
    enum control_action with;
    /* The terminal's key line: the word beside its keys, or NULL; those of
     * lower `keep` go first when the line is narrow. */
    const char *term;
    int keep;
    /* Its button: where (ACTION_BUTTONS: none), its label, and its label
     * while what it toggles is on (paused, click off), or NULL. */
    enum action_button button;
    const char *label, *label_on;
};

extern const struct action action_table[];
extern const int action_count;

/* The row of an action, or NULL. */
const struct action *action_of(enum control_action a);
/* The action a key (by name) does in a view, or NULL. */
const struct action *action_for_key(const char *key, enum action_view view);
/* The action of a media key (AudioPlay, AudioNext, ...), or NULL. */
const struct action *action_for_media(const char *key);
/* The action of an MPRIS method, or NULL. */
const struct action *action_for_remote(const char *method);
/* The action of a phrase said after "rollout" ("pause"), or NULL. */
const struct action *action_for_phrase(const char *phrase);
/* The action on a button, or NULL. */
const struct action *action_on_button(enum action_button b);

/* A key's name as a person reads it: Left as "←", space as "space". */
const char *action_key_shown(const char *key);

/* The keys of a's help row (its own and its `with` rows'), as shown:
 * "↑  ↓", "space". Returns buf. */
const char *action_keys_shown(const struct action *a, char *buf, size_t len);

/* The phrases of a's help row, each after `before`: "rollout louder /
 * rollout quieter" after "rollout "; "" when it has none. Returns buf. */
const char *action_phrases(const struct action *a, const char *before, char *buf, size_t len);

/* The terminal's key line in at most cols columns (UTF-8 counted as one a
 * character): "space pause  n next  p back ..." as wide as fits, then
 * shorter words, then only the keys of the actions most kept. music: the
 * music's keys are shown too; paused: space says "resume". Returns buf. */
const char *action_key_line(char *buf, size_t len, int cols, int music, int paused);

#endif
