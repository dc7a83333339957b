/* SPDX-License-Identifier: MIT */
/* cli.c — the steps the rollout commands share. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compose.h"
#include "duration.h"
#include "resume.h"
#include "visible.h"

volatile sig_atomic_t cli_signal;

static void on_signal(int sig)
{
    cli_signal = sig;
}

void cli_catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

int cli_die_of_signal(void)
{
    int sig = cli_signal;
    fflush(stdout);
    /* Dying of the signal, rather than exiting with a status, tells a shell
     * running rollout in a loop that the user interrupted it. */
    signal(sig, SIG_DFL);
    raise(sig);
    return 128 + sig;
}

uint64_t cli_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

/* "rollout: MSG." on stderr, MSG made visible: it quotes what was typed
 * or read (an area, a value, a path), and no message may put a control
 * character on the terminal, whoever composed it. */
static void say(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static void say(const char *fmt, va_list ap)
{
    char msg[8192];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    int ended = n && (msg[n - 1] == '.' || msg[n - 1] == '?');
    fputs("rollout: ", stderr);
    visible_put(stderr, msg);
    fputs(ended ? "\n" : ".\n", stderr);
}

void cli_put(FILE *f, const char *fmt, ...)
{
    char line[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    /* Line by line: a newline the format asks for stays one. */
    for (char *p = line, *nl;; p = nl + 1) {
        if ((nl = strchr(p, '\n')))
            *nl = 0;
        visible_put(f, p);
        fputc('\n', f);
        if (!nl)
            break;
    }
}

void cli_say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(fmt, ap);
    va_end(ap);
}

void cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(fmt, ap);
    va_end(ap);
    fputs("rollout: 'rollout --help' tells more.\n", stderr);
}

void cli_request(struct request *q, const struct args *a, const char *name,
                 enum session_missing missing)
{
    static const char *const intros[] = {"auto", "full", "short", "none"};
    enum session_intro intro = SESSION_INTRO_AUTO;
    for (int i = 0; a->intro && i < 4; i++)
        if (strcmp(a->intro, intros[i]) == 0)
            intro = (enum session_intro)i;
    *q = (struct request){.routine = name,
                          .areas = a->areas,
                          .minutes = a->minutes,
                          .start_at = a->start_at,
                          .opts = {.rate = a->rate,
                                   .pace_ms = a->pace_ms,
                                   .speed = a->fast,
                                   .voice_dir = a->voices,
                                   .missing = missing,
                                   .intro = intro}};
}

int cli_load(struct session *s, const struct request *q, int64_t *start)
{
    struct diags d = {0};
    char err[512];
    enum request_result r = request_load(s, q, start, &d, err, sizeof err);
    diags_print(&d, stderr);
    diags_free(&d);
    switch (r) {
    case REQUEST_OK:
        break;
    case REQUEST_INVALID:
        return CLI_EXIT_INVALID;
    case REQUEST_CANNOT: /* it quotes what was asked, and a path: made visible */
        cli_say("%s", err);
        return CLI_EXIT_USAGE;
    case REQUEST_STEP_GONE: /* the step and the path come from the resume file */
        cli_say("%s. 'rollout play %s' plays it from the start", err,
                q->routine ? q->routine : "default");
        return CLI_EXIT_INVALID;
    }
    if (s->fit && !s->fit->met) {
        char fit[512];
        compose_fit_describe(s->fit, fit, sizeof fit);
        fprintf(stderr, "rollout: --minutes: %s.\n", fit);
    }
    return CLI_EXIT_OK;
}

struct engine *cli_engine(const struct session *s, const struct args *a, int64_t start)
{
    struct engine_opts eo = engine_defaults();
    memcpy(eo.gain_db, a->gain_db, sizeof eo.gain_db);
    eo.mute[ENGINE_CLICK] = a->mute[ENGINE_CLICK];
    eo.mute[ENGINE_VOICE] = a->mute[ENGINE_VOICE];
    eo.start = start;
    return engine_new(&s->tl, s->cues, &eo);
}

int cli_prepare(struct session *s, struct engine **e, const struct request *q, const struct args *a)
{
    int64_t start;
    int rc = cli_load(s, q, &start);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (s->drafted)
        fprintf(stderr,
                "rollout: a draft: %d of %d cues have no recording, and each is a silent slot "
                "as long as its words would take.\n",
                s->drafted, s->routine->ncues);
    *e = cli_engine(s, a, start);
    if (!*e) {
        fprintf(stderr, "rollout: out of memory.\n");
        session_free(s);
        return CLI_EXIT_INVALID;
    }
    return CLI_EXIT_OK;
}

int cli_parse_time(const char *s, int64_t *ms)
{
    struct duration_error e;
    return duration_parse(s, (int)strlen(s), DURATION_ANY, ms, &e);
}

void cli_print_field(const char *s)
{
    /* One field: tabs and line breaks become spaces; then, as everywhere a
     * routine's text is printed, control characters are made visible. */
    char *f = strdup(s);
    if (!f)
        return;
    for (char *p = f; *p; p++)
        if (*p == '\t' || *p == '\n' || *p == '\r')
            *p = ' ';
    visible_put(stdout, f);
    free(f);
}

int cli_temp_dir(char *dir, size_t len, const char *name)
{
    const char *tmpdir = getenv("TMPDIR");
    snprintf(dir, len, "%s/%s.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp", name);
    if (mkdtemp(dir))
        return 0;
    snprintf(dir, len, "/tmp/%s.XXXXXX", name); /* a TMPDIR that is not there */
    return mkdtemp(dir) ? 0 : -1;
}

char *cli_clause(char *msg)
{
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '.' || msg[n - 1] == ' ' || msg[n - 1] == '\n'))
        msg[--n] = 0;
    return msg;
}
