/* SPDX-License-Identifier: MIT */
/* safefile.c — write, sync, rename. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* readlink, lstat */
#endif
#include "safefile.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static mode_t file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

#define MAX_LINKS 40 /* as the kernel follows them; more is a loop */

/* The file path's symbolic links lead to, as a new string: path itself
 * when it is no link (or is not there yet). A link whose target is not
 * there leads to that target, which is then made. NULL with errno set. */
static char *final_target(const char *path)
{
    char *at = strdup(path);
    for (int hops = 0; at; hops++) {
        struct stat st;
        if (lstat(at, &st) != 0 || !S_ISLNK(st.st_mode))
            return at;
        if (hops == MAX_LINKS) {
            free(at);
            errno = ELOOP;
            return NULL;
        }
        char link[PATH_MAX];
        ssize_t n = readlink(at, link, sizeof link - 1);
        if (n < 0) {
            free(at);
            return NULL;
        }
        link[n] = '\0';
        /* A relative target is from the link's own folder. */
        const char *slash = strrchr(at, '/');
        size_t dl = link[0] != '/' && slash ? (size_t)(slash - at) + 1 : 0;
        char *next = malloc(dl + (size_t)n + 1);
        if (next) {
            memcpy(next, at, dl);
            memcpy(next + dl, link, (size_t)n + 1);
        }
        free(at);
        at = next;
    }
    return NULL;
}

int safefile_open(struct safefile *f, const char *path, char *err, size_t errlen)
{
    *f = (struct safefile){.path = path, .fd = -1};
    f->target = final_target(path);
    if (!f->target) {
        snprintf(err, errlen, "cannot write '%s': %s", path, safefile_reason(errno));
        return -1;
    }
    size_t len = strlen(f->target) + sizeof ".tmp-XXXXXX";
    f->tmp = malloc(len);
    if (!f->tmp) {
        snprintf(err, errlen, "out of memory writing '%s'", path);
        free(f->target);
        f->target = NULL;
        return -1;
    }
    snprintf(f->tmp, len, "%s.tmp-XXXXXX", f->target);
    f->fd = mkstemp(f->tmp);
    if (f->fd < 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, safefile_reason(errno));
        free(f->tmp);
        free(f->target);
        f->tmp = f->target = NULL;
        return -1;
    }
    fchmod(f->fd, file_mode());
    return 0;
}

int safefile_commit(struct safefile *f, char *err, size_t errlen)
{
    /* Everything is on the disk before the new file takes the name, so a
     * crash leaves the old file or the new one, never a part of one. */
    int ok = fsync(f->fd) == 0;
    ok &= close(f->fd) == 0;
    f->fd = -1;
    if (ok)
        ok = rename(f->tmp, f->target) == 0;
    if (!ok) {
        snprintf(err, errlen, "cannot write '%s': %s", f->path, safefile_reason(errno));
        unlink(f->tmp);
    }
    free(f->tmp);
    free(f->target);
    f->tmp = f->target = NULL;
    return ok ? 0 : -1;
}

void safefile_abort(struct safefile *f)
{
    if (f->fd >= 0)
        close(f->fd);
    if (f->tmp) {
        unlink(f->tmp);
        free(f->tmp);
    }
    free(f->target);
    f->fd = -1;
    f->tmp = f->target = NULL;
}

const char *safefile_reason(int err)
{
    if (err == ENOSPC || err == EDQUOT)
        return "no space left on device";
    return strerror(err);
}

int safefile_write(struct safefile *f, const void *s, size_t n)
{
    const char *p = s;
    while (n) {
        ssize_t w = write(f->fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = ENOSPC; /* no progress: nothing fits */
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int safefile_end(struct safefile *f, int ok, char *err, size_t errlen)
{
    if (ok)
        return safefile_commit(f, err, errlen);
    safefile_abort(f);
    return -1;
}

int safefile_finish(struct safefile *f, int failed, char *err, size_t errlen)
{
    if (failed)
        snprintf(err, errlen, "cannot write '%s': %s", f->path, safefile_reason(errno));
    return safefile_end(f, !failed, err, errlen);
}
