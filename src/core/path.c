/* SPDX-License-Identifier: MIT */
/* path.c — files named by a routine, reached safely. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* open, fstat, read */
#endif

#include "path.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* O_NONBLOCK so that opening a FIFO by mistake does not wait for a writer;
 * fstat then turns it away (and sockets and devices) before anything reads
 * it. The flag has no effect on the regular files read afterwards. */
int path_open(const char *path, struct stat *st, enum path_read *why, int *err)
{
    *err = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        *err = errno;
        *why = PATH_READ_OPEN;
        return -1;
    }
    if (fstat(fd, st) != 0) {
        *err = errno;
        *why = PATH_READ_ERROR;
    } else if (!S_ISREG(st->st_mode)) {
        *why = S_ISDIR(st->st_mode) ? PATH_READ_DIR : PATH_READ_NOT_REGULAR;
    } else {
        *why = PATH_READ_OK;
        return fd;
    }
    close(fd);
    return -1;
}

enum path_read path_read(const char *path, size_t max, char **out, size_t *len, struct stat *st,
                         int *err)
{
    *out = NULL;
    *len = 0;
    enum path_read res;
    int fd = path_open(path, st, &res, err);
    if (fd < 0)
        return res;
    /* Room for one byte past the limit, so that a file that grew since
     * fstat is still caught, and for the NUL after it. */
    size_t cap = ((size_t)st->st_size < max ? (size_t)st->st_size : max) + 2;
    size_t n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        res = PATH_READ_NOMEM;
        goto out;
    }
    for (;;) {
        if (n + 1 == cap) {
            if (n > max)
                break;
            size_t bigger = cap * 2 > max + 2 ? max + 2 : cap * 2;
            char *b = realloc(buf, bigger);
            if (!b) {
                res = PATH_READ_NOMEM;
                goto out;
            }
            buf = b;
            cap = bigger;
        }
        ssize_t got = read(fd, buf + n, cap - 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            *err = errno;
            res = PATH_READ_ERROR;
            goto out;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    if (n > max)
        res = PATH_READ_TOO_BIG;
out:
    close(fd);
    if (res != PATH_READ_OK) {
        free(buf);
        return res;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return res;
}

const char *path_read_reason(enum path_read r, int err)
{
    switch (r) {
    case PATH_READ_DIR:
        return "it is a directory";
    case PATH_READ_NOT_REGULAR:
        return "it is not a regular file";
    case PATH_READ_TOO_BIG:
        return "it is far larger than such a file can be";
    case PATH_READ_NOMEM:
        return "out of memory";
    case PATH_READ_OK:
    case PATH_READ_OPEN:
    case PATH_READ_ERROR:
        break;
    }
    return strerror(err);
}

size_t path_bom(const char *text, size_t n)
{
    return n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

enum path_join path_join(const char *from, const char *written, char **out)
{
    *out = NULL;
    if (written[0] == '/')
        return PATH_JOIN_ABSOLUTE;
    size_t fl = strlen(from), wl = strlen(written);
    char *buf = malloc(fl + wl + 3);
    char *res = malloc(fl + wl + 3);
    if (!buf || !res) {
        free(buf);
        free(res);
        return PATH_JOIN_NOMEM;
    }
    const char *slash = strrchr(from, '/');
    size_t dl = slash ? (size_t)(slash - from) : 0;
    memcpy(buf, from, dl);
    buf[dl] = '/';
    memcpy(buf + dl + 1, written, wl + 1);
    /* res grows part by part; ".." drops the last part written. */
    size_t n = 0;
    for (char *p = buf; *p;) {
        size_t pl = strcspn(p, "/");
        if ((pl == 1 && p[0] == '.') || pl == 0) {
            /* nothing */
        } else if (pl == 2 && p[0] == '.' && p[1] == '.') {
            if (n == 0) {
                free(buf);
                free(res);
                return PATH_JOIN_ABOVE;
            }
            while (n > 0 && res[n - 1] != '/')
                n--;
            if (n > 0)
                n--; /* its slash */
        } else {
            if (n > 0)
                res[n++] = '/';
            memcpy(res + n, p, pl);
            n += pl;
        }
        p += pl;
        if (*p == '/')
            p++;
    }
    if (n == 0)
        res[n++] = '.'; /* the folder itself: refused later as a directory */
    res[n] = '\0';
    free(buf);
    *out = res;
    return PATH_JOIN_OK;
}

int path_inside(const char *real, const char *root)
{
    size_t n = strlen(root);
    return strncmp(real, root, n) == 0 && (real[n] == '/' || (n > 0 && root[n - 1] == '/'));
}
