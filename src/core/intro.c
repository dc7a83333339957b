/* SPDX-License-Identifier: MIT */
/* intro.c — how a session begins (session_intro, session.h): in a file of
 * its own because it is pure, so the web build, which reads no files,
 * gives a composed session the same introduction. */
#include "session.h"

#include <stdlib.h>
#include <string.h>

#include "phrase.h"

/* The word rollout's phrases name a ball by ("roller" for "foam roller"),
 * or NULL when it has none for it. */
static const char *ball_kind(const char *ball)
{
    static const char *const kinds[] = {"lacrosse", "tennis", "golf", "baseball", "roller"};
    for (size_t i = 0; ball && i < sizeof kinds / sizeof kinds[0]; i++)
        if (strstr(ball, kinds[i]))
            return kinds[i];
    return NULL;
}

int session_intro(struct routine *r, enum session_intro how)
{
    if (how == SESSION_INTRO_AUTO || how == SESSION_INTRO_FULL)
        return 0;
    /* "Let's roll, with a lacrosse ball.", then "Have a foam roller ready
     * too." when a later step needs another kind. */
    const char *kind[2] = {NULL, NULL};
    for (int s = 0; s < r->nsteps; s++) {
        const char *k = ball_kind(r->steps[s].ball ? r->steps[s].ball : r->ball);
        if (!kind[0])
            kind[0] = k;
        else if (k && !kind[1] && strcmp(k, kind[0]) != 0)
            kind[1] = k;
    }
    int cue[2], n = 0;
    if (how == SESSION_INTRO_SHORT) {
        /* Both kinds in one line where rollout has it, else in two. */
        char id[64];
        snprintf(id, sizeof id, "%s.%s.%s", PHRASE_START, kind[0] ? kind[0] : "",
                 kind[1] ? kind[1] : "");
        int both = kind[1] ? script_cue_find(r, id) : -1;
        snprintf(id, sizeof id, "%s%s%s", PHRASE_START, kind[0] ? "." : "", kind[0] ? kind[0] : "");
        if ((cue[n] = both >= 0 ? both : script_cue_find(r, id)) >= 0)
            n++;
        snprintf(id, sizeof id, "%s%s", PHRASE_ALSO, kind[1] ? kind[1] : "");
        if (kind[1] && both < 0 && (cue[n] = script_cue_find(r, id)) >= 0)
            n++;
    }
    struct script_phase *v = NULL;
    if (n > 0 && !(v = calloc((size_t)n, sizeof *v)))
        return -1;
    /* Where a message about them points: where the introduction was, or
     * the first step. */
    const struct script_phase *was = r->nintro ? &r->intro[0] : NULL;
    const struct script_step *first = r->nsteps ? &r->steps[0] : NULL;
    for (int i = 0; i < n; i++)
        v[i] = (struct script_phase){.kind = SCRIPT_PHASE_SAY,
                                     .ms = -1,
                                     .cue = cue[i],
                                     .line = was     ? was->line
                                             : first ? first->line
                                                     : 0,
                                     .col = was     ? was->col
                                            : first ? first->col
                                                    : 0,
                                     .file = was     ? was->file
                                             : first ? first->file
                                                     : r->path};
    free(r->intro);
    r->intro = v;
    r->nintro = n;
    return 0;
}
