/* SPDX-License-Identifier: MIT */
/* request.c — one loader for every way a session is asked for. */
#include "request.h"

#include <stdio.h>
#include <string.h>

#include "compose.h"
#include "resume.h"

/* Composed for areas and minutes: every routine's steps for those areas
 * (or the named routine's), fitted to the minutes. */
static enum request_result composed(struct session *s, const struct request *q, struct diags *d,
                                    char *err, size_t errlen)
{
    unsigned char set[64] = {0};
    if (q->areas && !q->areas[strspn(q->areas, " ,")]) {
        snprintf(err, errlen, "--areas needs a list of areas, e.g. --areas calves,hamstrings");
        return REQUEST_CANNOT;
    }
    if (q->areas && compose_parse_areas(q->areas, set, err, errlen) < 0)
        return REQUEST_CANNOT;
    if (q->minutes > 0 && q->opts.speed > 1.0) {
        snprintf(err, errlen, "--minutes and --fast do not go together: --minutes sets the length");
        return REQUEST_CANNOT;
    }
    struct compose_req cq = {.routine = q->routine,
                             .areas = q->areas ? set : NULL,
                             .target_ms = (int64_t)(q->minutes * 60000.0 + 0.5)};
    int rc = compose_session_load(s, &cq, &q->opts, d, err, errlen);
    return rc == 0 ? REQUEST_OK : rc == -2 ? REQUEST_CANNOT : REQUEST_INVALID;
}

enum request_result request_load(struct session *s, const struct request *q, int64_t *start,
                                 struct diags *d, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    err[0] = 0;
    *start = 0;
    enum request_result r;
    if (q->areas || q->minutes > 0) {
        r = composed(s, q, d, err, errlen);
    } else {
        r = session_load(s, q->routine ? q->routine : "default", &q->opts, d) == 0
                ? REQUEST_OK
                : REQUEST_INVALID;
    }
    if (r != REQUEST_OK) {
        session_free(s);
        return r;
    }
    if (!q->start_at)
        return REQUEST_OK;
    /* A place kept when a session stopped: the step by its id and the
     * side, wherever they are in the routine now. */
    struct resume_point p = {.side = (enum script_side)q->start_side};
    snprintf(p.step, sizeof p.step, "%s", q->start_at);
    int step = script_step_find(s->routine, q->start_at);
    *start = q->resume ? resume_frame(&s->tl, &p) : step >= 0 ? s->tl.steps[step].start : -1;
    if (*start >= 0)
        return REQUEST_OK;
    if (q->resume)
        snprintf(err, errlen, "%s has changed since you stopped: it has no step '%s' now", s->path,
                 q->start_at);
    else
        snprintf(err, errlen, "no step '%s' in %s", q->start_at, s->path);
    *start = 0;
    session_free(s);
    return q->resume ? REQUEST_STEP_GONE : REQUEST_CANNOT;
}
