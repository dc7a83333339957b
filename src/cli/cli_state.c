/* SPDX-License-Identifier: MIT */
/* cli_state.c — what play keeps between runs: the place a session was
 * stopped (rollout play --resume) and the history of sessions (rollout
 * history). The files themselves are resume.c's and history.c's. */
#include "cli_state.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "show.h"
#include "visible.h"

int cli_resume_request(struct request *q, int n, char *routine, size_t len)
{
    if (n > 0 || q->start_at) {
        cli_usage_error("%s", "--resume goes on with the routine and step you stopped in: name "
                              "no routine and no --start-at");
        return CLI_EXIT_USAGE;
    }
    char path[4096];
    struct resume_point p;
    int rc = resume_load(resume_path(path, sizeof path), &p);
    if (rc != 0) {
        fprintf(stderr, "rollout: %s; 'rollout play' starts the default routine.\n",
                rc > 0 ? "there is nothing to resume: no session was stopped midway"
                       : "the place to resume from was not kept whole");
        return CLI_EXIT_INVALID;
    }
    snprintf(routine, len, "%s", p.routine);
    static char step[256];
    snprintf(step, sizeof step, "%s", p.step);
    q->routine = routine;
    q->start_at = step;
    q->start_side = p.side;
    q->resume = 1;
    return CLI_EXIT_OK;
}

void cli_offer_resume(struct control *c, const struct session *s, const struct request *q)
{
    char path[4096], here[PATH_MAX];
    struct resume_point p;
    if (q->start_at || s->composed || resume_load(resume_path(path, sizeof path), &p) != 0 ||
        !realpath(s->path, here) || strcmp(here, p.routine) != 0)
        return;
    int64_t at = resume_frame(&s->tl, &p);
    if (at <= 0)
        return;
    const struct tl_phase *ph = &s->tl.ph[timeline_phase_at(&s->tl, at)];
    char where[300];
    snprintf(where, sizeof where, "%s%s", s->routine->steps[ph->step].name,
             ph->side == SCRIPT_SIDE_LEFT    ? ", left side"
             : ph->side == SCRIPT_SIDE_RIGHT ? ", right side"
                                             : "");
    control_offer_resume(c, at, where);
}

void cli_offer_resume_poll(struct control *c, const struct engine_status *st)
{
    if (c->resume_at >= 0 && st->pos > (int64_t)CLI_RESUME_OFFER_S * c->tl->rate)
        control_withdraw_resume(c);
}

int cli_played_before(const char *name)
{
    struct diags d = {0};
    char *path = session_resolve(name ? name : "default", &d);
    diags_free(&d); /* said when it is loaded */
    if (!path)
        return 0;
    char file[4096], err[512];
    struct history_entry *v = NULL;
    int n = 0, bad, first_bad, found = 0;
    if (history_read(history_path(file, sizeof file), &v, &n, &bad, &first_bad, err, sizeof err) ==
        0) {
        char mine[256];
        history_routine_name(mine, sizeof mine, path);
        for (int i = 0; i < n && !found; i++)
            found = strcmp(v[i].routine, mine) == 0;
    }
    free(v);
    free(path);
    return found;
}

void cli_history_keep(const struct timeline *tl, const struct history_run *h, const char *routine,
                      time_t started, int preview)
{
    if (!h->stepped || preview)
        return;
    char path[4096], err[512];
    struct history_entry e;
    history_entry_make(&e, h, tl, routine, started);
    if (history_append(history_path(path, sizeof path), &e, err, sizeof err) != 0)
        cli_say("the session was not added to the history: %s", cli_clause(err));
}

void cli_report(struct report *r, const struct timeline *tl, const struct history_run *h,
                int preview)
{
    char path[4096], err[512];
    struct history_entry *v = NULL;
    int n = 0, bad, first_bad;
    int read =
        history_read(history_path(path, sizeof path), &v, &n, &bad, &first_bad, err, sizeof err);
    report_make(r, h, tl, v, n, preview, time(NULL));
    if (read != 0 && !preview)
        r->week[0] = 0;
    free(v);
}

void cli_resume_keep(const struct timeline *tl, const char *routine, int64_t pos, int composed)
{
    char path[4096], err[512];
    /* The place: kept when stopped in a step, forgotten when played out. A
     * session composed from areas is no routine's: no place in it is kept
     * (and the one kept before stays). */
    struct resume_point p;
    resume_path(path, sizeof path);
    if (composed)
        return;
    if (pos >= tl->length) {
        resume_clear(path);
        return;
    }
    if (resume_place(&p, tl, pos, routine) != 0)
        return; /* in the introduction: starting again is the same */
    if (resume_save(path, &p, err, sizeof err) != 0) {
        cli_say("the place was not kept: %s", cli_clause(err));
        return;
    }
    /* The summary line above said where; this says how, in a line that
     * fits the narrowest terminal rollout plays in. */
    struct winsize ws;
    int narrow = isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
                 ws.ws_col > 0 && ws.ws_col < 46;
    printf("%s\n", narrow ? "Go on with: rollout play --resume"
                          : "'rollout play --resume' goes on from there.");
    fflush(stdout);
}

int cli_history(char **names, int n, const struct args *a)
{
    (void)names, (void)n;
    const char *format = a->format ? a->format : "text";
    char path[4096], shown[4096], err[8400];
    struct history_entry *v;
    int count, bad, first_bad;
    history_path(path, sizeof path);
    visible_str(shown, sizeof shown, path);
    if (history_read(path, &v, &count, &bad, &first_bad, err, sizeof err) != 0) {
        cli_say("%s", err);
        return CLI_EXIT_IO;
    }
    if (bad)
        fprintf(stderr, "rollout: %s: %d damaged line%s skipped (the first is line %d).\n", shown,
                bad, bad == 1 ? "" : "s", first_bad);
    if (strcmp(format, "tsv") == 0) {
        for (int i = 0; i < count; i++) {
            history_print_tsv(stdout, &v[i]);
            putchar('\n');
        }
    } else if (strcmp(format, "json") == 0) {
        printf("[");
        for (int i = 0; i < count; i++) {
            printf(i ? ",\n " : "");
            history_print_json(stdout, &v[i]);
        }
        printf("]\n");
    } else if (count == 0) {
        printf("No sessions yet: 'rollout play' plays the default routine.\n");
    } else {
        int from = count > CLI_HISTORY_SHOWN ? count - CLI_HISTORY_SHOWN : 0;
        for (int i = from; i < count; i++) {
            char when[32];
            struct tm tm;
            localtime_r(&v[i].when, &tm);
            strftime(when, sizeof when, "%a %d %b %H:%M", &tm);
            /* The routine's name as a file named it: made visible, then
             * padded to its column by what it shows. */
            printf("%s  ", when);
            visible_put(stdout, v[i].routine);
            int w = visible_width(v[i].routine, strlen(v[i].routine));
            printf("%*s %5.1f min  %2d step%s  ", w < 16 ? 16 - w : 0, "", v[i].minutes, v[i].steps,
                   v[i].steps == 1 ? " " : "s");
            visible_put(stdout, v[i].areas[0] ? v[i].areas : "-");
            putchar('\n');
        }
        putchar('\n');
        history_summary(stdout, v, count, time(NULL));
    }
    free(v);
    return CLI_EXIT_OK;
}
