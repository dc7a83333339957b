/* SPDX-License-Identifier: MIT */
/* term.h — the terminal as play and record use it: single keys without
 * Enter or echo when standard input is a terminal, restored afterwards and
 * again around Ctrl-Z; whether standard output is one (a status can be
 * redrawn in place) and how wide it is, followed as it is resized. */
#ifndef ROLLOUT_TERM_H
#define ROLLOUT_TERM_H

#include <stddef.h>
#include <termios.h>

struct term {
    int keys; /* stdin is a terminal, now in raw mode */
    int live; /* stdout is a terminal that can redraw in place (term_redraws) */
    int cols; /* its width in columns (80 when it cannot be told) */
    struct termios saved;
};

void term_open(struct term *t);

/* Whether fd is a terminal that can redraw a line in place: a terminal, and
 * not one whose TERM says "dumb" (Emacs's shell, some IDE consoles), which
 * shows cursor and erase sequences as text. A dumb one gets plain lines. */
int term_redraws(int fd);

/* Follows the terminal: catches SIGWINCH, SIGTSTP and SIGCONT, each only
 * setting a flag that term_events reads. */
void term_follow(struct term *t);

/* Waits up to timeout_ms for keys and reads what came, at most len bytes;
 * returns how many (0 on none, and always 0 without a terminal, after the
 * wait). A signal ends the wait early. */
int term_read(const struct term *t, char *buf, size_t len, int timeout_ms);

enum {
    TERM_RESIZED = 1,   /* cols has been read again */
    TERM_STOP = 2,      /* Ctrl-Z: call term_suspend once the screen is tidy */
    TERM_CONTINUED = 4, /* back after a stop: raw keys are on again */
};

/* What happened to the terminal since the last call: TERM_* bits. */
int term_events(struct term *t);

/* Puts the terminal back, stops the process as Ctrl-Z asked, and on `fg`
 * takes raw keys again and reads the width. Returns once continued. */
void term_suspend(struct term *t);

/* Puts the terminal back as it was. */
void term_close(struct term *t);

#endif
