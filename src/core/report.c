/* SPDX-License-Identifier: MIT */
/* report.c — what a session did, and its week. */
#include "report.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "area.h"
#include "show.h"

void report_make(struct report *r, const struct history_run *h, const struct timeline *tl,
                 const struct history_entry *past, int npast, int preview, time_t now)
{
    memset(r, 0, sizeof *r);
    const struct routine *rt = tl->routine;
    r->nsteps = tl->nsteps;
    r->steps = history_run_steps(h, tl);
    show_clock(r->played, sizeof r->played, h->played, tl->rate);

    /* Each step a side of which was rolled whole, in the session's order,
     * with the sides it had: steps with the same sides said together,
     * "Calves and hamstrings, both sides". */
    int kind[256], nk = 0;
    for (int i = 0; i < tl->nsteps && i < h->nsteps && i < 256; i++) {
        unsigned d = h->done[i];
        kind[i] = -1;
        if (!d)
            continue;
        const struct script_step *s = &rt->steps[i];
        /* The side each bit stands for: the step's first side, then its other. */
        enum script_side first = SCRIPT_SIDE_NONE;
        for (int p = 0; p < tl->nph; p++)
            if (tl->ph[p].step == i) {
                first = tl->ph[p].side;
                break;
            }
        enum script_side other = first == SCRIPT_SIDE_LEFT    ? SCRIPT_SIDE_RIGHT
                                 : first == SCRIPT_SIDE_RIGHT ? SCRIPT_SIDE_LEFT
                                                              : SCRIPT_SIDE_NONE;
        kind[i] = first == SCRIPT_SIDE_NONE ? 0
                  : (d & 3) == 3            ? 1
                                            : 2 + (((d & 1) ? first : other) == SCRIPT_SIDE_RIGHT);
        nk = i + 1;
        int k = s->area ? area_find(s->area) : -1;
        if (k >= 0 && k < HISTORY_AREAS) {
            if (d & 1)
                r->lit[k] |= (unsigned char)(1u << first);
            if (d & 2)
                r->lit[k] |= (unsigned char)(1u << other);
        }
    }
    static const char *const sides[] = {"", ", both sides", ", left side", ", right side"};
    int told[4] = {0};
    for (int i = 0; i < nk; i++) {
        int g = kind[i];
        if (g < 0 || told[g])
            continue;
        told[g] = 1;
        int all = 0, n = 0;
        for (int j = i; j < nk; j++)
            all += kind[j] == g;
        size_t len = strlen(r->rolled);
        snprintf(r->rolled + len, sizeof r->rolled - len, "%s", len ? "; " : "");
        for (int j = i; j < nk; j++) {
            if (kind[j] != g)
                continue;
            const char *name = rt->steps[j].name;
            len = strlen(r->rolled);
            snprintf(r->rolled + len, sizeof r->rolled - len, "%s%s",
                     n == 0         ? ""
                     : n == all - 1 ? " and "
                                    : ", ",
                     name);
            /* In the middle of a list a name is a word of the sentence:
             * "calves", but "IT band". */
            char *c = r->rolled + len + (n == 0 ? 0 : n == all - 1 ? 5 : 2);
            if ((n > 0 || len > 0) && c[0] && islower((unsigned char)c[1]))
                c[0] = (char)tolower((unsigned char)c[0]);
            n++;
        }
        len = strlen(r->rolled);
        snprintf(r->rolled + len, sizeof r->rolled - len, "%s", sides[g]);
    }

    if (preview) {
        snprintf(r->week, sizeof r->week, "A preview: not kept in the history");
        return;
    }
    struct history_week w = {0};
    for (int i = 0; i < npast; i++)
        history_week_add(&w, &past[i], now);
    if (h->stepped) { /* kept in the history: the week has it too */
        struct history_entry e;
        history_entry_make(&e, h, tl, "", now);
        history_week_add(&w, &e, now);
    }
    history_week_said(r->week, sizeof r->week, &w);
    r->week[0] = (char)toupper((unsigned char)r->week[0]);
}
