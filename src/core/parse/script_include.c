/* SPDX-License-Identifier: MIT */
/* script_include.c — the file-system side of include and music lines. */
#include "script_include.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"

int include_begin(struct include_files *F, const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) + 1 : 0;
    *F = (struct include_files){.prefix = malloc(dl + 1)};
    if (!F->prefix)
        return -1;
    memcpy(F->prefix, path, dl);
    F->prefix[dl] = '\0';
    F->root = realpath(dl > 1 ? F->prefix : dl ? "/" : ".", NULL);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        F->chain[0].dev = st.st_dev;
        F->chain[0].ino = st.st_ino;
    }
    F->chain[0].name = path;
    F->nchain = 1;
    return 0;
}

void include_end(struct include_files *F)
{
    free(F->read);
    free(F->prefix);
    free(F->root);
}

enum include_where include_find(const struct include_files *F, const char *from,
                                const char *written, struct include_place *pl)
{
    pl->rel = pl->name = NULL;
    pl->real[0] = '\0';
    pl->err = 0;

    /* By name: relative, and inside the top folder. */
    switch (path_join(from, written, &pl->rel)) {
    case PATH_JOIN_OK:
        break;
    case PATH_JOIN_ABSOLUTE:
        return INCLUDE_ABSOLUTE;
    case PATH_JOIN_ABOVE:
        return INCLUDE_ABOVE;
    case PATH_JOIN_NOMEM:
        return INCLUDE_NOMEM;
    }
    size_t pl_len = strlen(F->prefix), rl = strlen(pl->rel);
    if (!(pl->name = malloc(pl_len + rl + 1))) {
        free(pl->rel);
        pl->rel = NULL;
        return INCLUDE_NOMEM;
    }
    memcpy(pl->name, F->prefix, pl_len);
    memcpy(pl->name + pl_len, pl->rel, rl + 1);

    /* And again with links resolved. */
    if (!realpath(pl->name, pl->real)) {
        pl->err = errno;
        return INCLUDE_UNRESOLVED;
    }
    if (!F->root || !path_inside(pl->real, F->root))
        return INCLUDE_OUTSIDE;
    if (stat(pl->real, &pl->st) != 0) {
        pl->err = errno;
        return INCLUDE_UNREADABLE;
    }
    if (S_ISDIR(pl->st.st_mode))
        return INCLUDE_DIR;
    return S_ISREG(pl->st.st_mode) ? INCLUDE_OK : INCLUDE_NOT_REGULAR;
}

int include_reading(const struct include_files *F, const struct stat *st)
{
    for (int i = 0; i < F->nchain; i++)
        if (F->chain[i].dev == st->st_dev && F->chain[i].ino == st->st_ino)
            return 1;
    return 0;
}

struct include_file *include_known(const struct include_files *F, const struct stat *st)
{
    for (int i = 0; i < F->nread; i++)
        if (F->read[i].dev == st->st_dev && F->read[i].ino == st->st_ino)
            return &F->read[i];
    return NULL;
}

char *include_chain_text(const struct include_files *F, const char *last)
{
    size_t n = strlen(last) + 1;
    for (int i = 0; i < F->nchain; i++)
        n += strlen(F->chain[i].name) + 4;
    char *s = malloc(n);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (int i = 0; i < F->nchain; i++) {
        strcat(s, F->chain[i].name);
        strcat(s, " -> ");
    }
    strcat(s, last);
    return s;
}

void include_push(struct include_files *F, const struct stat *st, const char *name)
{
    F->chain[F->nchain].dev = st->st_dev;
    F->chain[F->nchain].ino = st->st_ino;
    F->chain[F->nchain].name = name;
    F->nchain++;
}

void include_pop(struct include_files *F)
{
    F->nchain--;
}

/* The array grows in powers of two from 8, so the count alone says when it
 * is full. */
struct include_file *include_keep(struct include_files *F, const struct include_file *e)
{
    int n = F->nread;
    if (n == 0 || (n >= 8 && (n & (n - 1)) == 0)) {
        void *v = realloc(F->read, (size_t)(n ? n * 2 : 8) * sizeof *F->read);
        if (!v)
            return NULL;
        F->read = v;
    }
    F->read[F->nread] = *e;
    return &F->read[F->nread++];
}
