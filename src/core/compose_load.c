/* SPDX-License-Identifier: MIT */
/* compose_load.c — composing from the files a person has (compose.h): the
 * routines read from their folders, the cues found and decoded between
 * compose_routine and compose_finish. The web build holds its routines and
 * decodes its cues itself, and calls the two halves without this file. */
#define _POSIX_C_SOURCE 200809L /* scandir, alphasort */
#include "compose.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Every routine a person has: theirs, then the bundled ones, each by file
 * name. A routine with errors is left out: `rollout list` shows it as such. */
static int load_all(struct routine ***out, const char *default_path)
{
    char bundled[PATH_MAX];
    snprintf(bundled, sizeof bundled, "%s/routines", session_data_dir());
    const char *dirs[2] = {session_user_dir(), bundled};
    struct routine **v = NULL;
    int n = 0;
    for (int k = 0; k < 2; k++) {
        struct dirent **files;
        int nf = scandir(dirs[k], &files, NULL, alphasort);
        for (int i = 0; i < nf; i++) {
            const char *f = files[i]->d_name;
            size_t len = strlen(f);
            char path[PATH_MAX + 256];
            snprintf(path, sizeof path, "%s/%s", dirs[k], f);
            if (len > 5 && strcmp(f + len - 5, ".roll") == 0 && strcmp(path, default_path) != 0) {
                struct diags d = {0};
                struct routine *r = script_load(path, &d);
                diags_free(&d);
                struct routine **w = r ? realloc(v, ((size_t)n + 1) * sizeof *v) : NULL;
                if (w) {
                    v = w;
                    v[n++] = r;
                } else {
                    script_free(r);
                }
            }
            free(files[i]);
        }
        if (nf >= 0)
            free(files);
    }
    *out = v;
    return n;
}

int compose_session_load(struct session *s, const struct compose_req *q,
                         const struct session_opts *o, struct diags *d, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    char *path = session_resolve(q->routine ? q->routine : "default", d);
    if (!path)
        return -1;
    struct routine *base = script_load(path, d);
    if (!base) {
        free(path);
        return -1;
    }
    /* Composed from every routine, the default one is among them, first, so
     * that of two steps as complete it is the one a runner knows. */
    struct routine **all = NULL;
    int nall = 1, one_each = !q->routine && q->areas;
    if (one_each) {
        struct routine **rest = NULL;
        int nrest = load_all(&rest, path);
        all = malloc(((size_t)nrest + 1) * sizeof *all);
        if (all) {
            all[0] = base;
            memcpy(all + 1, rest, (size_t)nrest * sizeof *rest);
            nall = nrest + 1;
        } else {
            for (int i = 0; i < nrest; i++)
                script_free(rest[i]);
        }
        free(rest);
    }
    const struct routine *const *src =
        all ? (const struct routine *const *)all : (const struct routine *const *)&base;
    struct routine *r = compose_routine(src, nall, q, o->intro, err, errlen);
    for (int i = 1; i < nall; i++)
        script_free(all[i]);
    free(all);
    script_free(base);
    if (!r) {
        free(path);
        return -2;
    }

    /* Its cues are looked for as a routine's in the folder of the one named,
     * or, composed from every routine, among a person's own. */
    char where[PATH_MAX + 32];
    if (one_each)
        snprintf(where, sizeof where, "%s/sore-today.roll", session_user_dir());
    else
        snprintf(where, sizeof where, "%s", path);
    free(path);
    if (session_adopt(s, where, r, o, d) != 0) {
        session_free(s);
        return -1;
    }
    s->composed = 1;
    s->fit_free = compose_fit_free;
    if (compose_finish(s->routine, s->cue_frames, o, q->target_ms, where, &s->fit, d) != 0 ||
        session_compile(s, o, d) != 0) {
        session_free(s);
        return -1;
    }
    return 0;
}
