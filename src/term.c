/* term.c — raw keys on a terminal. */
#include "term.h"

#include <poll.h>
#include <string.h>
#include <unistd.h>

void term_open(struct term *t)
{
    memset(t, 0, sizeof *t);
    t->live = isatty(STDOUT_FILENO);
    if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &t->saved) == 0) {
        struct termios raw = t->saved;
        raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
        raw.c_cc[VMIN] = 0;
        raw.c_cc[VTIME] = 0;
        t->keys = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
    }
}

int term_read(const struct term *t, char *buf, size_t len, int timeout_ms)
{
    if (!t->keys) {
        poll(NULL, 0, timeout_ms);
        return 0;
    }
    struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
    if (poll(&pfd, 1, timeout_ms) <= 0)
        return 0;
    ssize_t n = read(STDIN_FILENO, buf, len);
    return n > 0 ? (int)n : 0;
}

void term_close(struct term *t)
{
    if (t->keys)
        tcsetattr(STDIN_FILENO, TCSANOW, &t->saved);
    t->keys = 0;
}
