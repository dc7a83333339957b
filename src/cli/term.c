/* SPDX-License-Identifier: MIT */
/* term.c — raw keys on a terminal, its width, and Ctrl-Z. */
#include "term.h"

#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Set by the handlers, read and cleared by term_events. */
static volatile sig_atomic_t resized, stop_asked, continued;

static void on_signal(int sig)
{
    if (sig == SIGWINCH)
        resized = 1;
    else if (sig == SIGTSTP)
        stop_asked = 1;
    else if (sig == SIGCONT)
        continued = 1;
}

static void catch (int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL); /* no SA_RESTART: a wait for keys ends at once */
}

static void read_width(struct term *t)
{
    struct winsize ws;
    t->cols = ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col : 80;
}

static void raw_keys(struct term *t)
{
    struct termios raw = t->saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    t->keys = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
}

int term_redraws(int fd)
{
    const char *term = getenv("TERM");
    return isatty(fd) && !(term && strcmp(term, "dumb") == 0);
}

void term_open(struct term *t)
{
    memset(t, 0, sizeof *t);
    t->live = term_redraws(STDOUT_FILENO);
    read_width(t);
    if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &t->saved) == 0)
        raw_keys(t);
}

void term_follow(struct term *t)
{
    if (t->live || t->keys) {
        catch (SIGWINCH);
        catch (SIGCONT);
    }
    /* Ctrl-Z is ours only while the keys are raw: the terminal must be put
     * back before the shell gets it. */
    if (t->keys)
        catch (SIGTSTP);
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

int term_events(struct term *t)
{
    int ev = 0;
    if (resized) {
        resized = 0;
        read_width(t);
        ev |= TERM_RESIZED;
    }
    if (stop_asked) {
        stop_asked = 0;
        ev |= TERM_STOP;
    }
    if (continued) {
        /* Stopped by something other than our Ctrl-Z (kill -STOP), or the
         * shell changed the modes while we were away: raw again. */
        continued = 0;
        if (t->keys)
            raw_keys(t);
        read_width(t);
        ev |= TERM_CONTINUED;
    }
    return ev;
}

void term_suspend(struct term *t)
{
    if (t->keys)
        tcsetattr(STDIN_FILENO, TCSANOW, &t->saved);
    signal(SIGTSTP, SIG_DFL);
    raise(SIGTSTP); /* stops here until fg */
    catch (SIGTSTP);
    continued = 0;
    if (t->keys)
        raw_keys(t);
    read_width(t);
}

void term_close(struct term *t)
{
    if (t->keys) {
        tcsetattr(STDIN_FILENO, TCSANOW, &t->saved);
        signal(SIGTSTP, SIG_DFL);
    }
    t->keys = 0;
}
