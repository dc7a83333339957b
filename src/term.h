/* term.h — the terminal as play and record use it: single keys without
 * Enter or echo when standard input is a terminal, restored afterwards; and
 * whether standard output is one (a status line can be redrawn in place). */
#ifndef ROLLOUT_TERM_H
#define ROLLOUT_TERM_H

#include <stddef.h>
#include <termios.h>

struct term {
    int keys; /* stdin is a terminal, now in raw mode */
    int live; /* stdout is a terminal */
    struct termios saved;
};

void term_open(struct term *t);

/* Waits up to timeout_ms for keys and reads what came, at most len bytes;
 * returns how many (0 on none, and always 0 without a terminal, after the
 * wait). A signal ends the wait early. */
int term_read(const struct term *t, char *buf, size_t len, int timeout_ms);

/* Puts the terminal back as it was. */
void term_close(struct term *t);

#endif
