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

/* O_NONBLOCK so that opening a FIFO by mistake does not hang; it has no
 * effect on the regular files read afterwards. */
enum path_read path_read(const char *path, size_t max, char **out, size_t *len, struct stat *st,
                         int *err)
{
    *out = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *err = errno;
        return PATH_READ_OPEN;
    }
    enum path_read res = PATH_READ_OK;
    char *buf = NULL;
    size_t n = 0;
    if (fstat(fd, st) != 0) {
        *err = errno;
        res = PATH_READ_ERROR;
        goto out;
    }
    if (!S_ISREG(st->st_mode)) {
        res = S_ISDIR(st->st_mode) ? PATH_READ_DIR : PATH_READ_NOT_REGULAR;
        goto out;
    }
    /* Read one byte past the limit so a file that grew since fstat is still caught. */
    size_t cap = (size_t)st->st_size < max ? (size_t)st->st_size + 1 : max + 1;
    buf = malloc(cap);
    if (!buf) {
        res = PATH_READ_NOMEM;
        goto out;
    }
    for (;;) {
        if (n == cap) {
            if (cap > max)
                break;
            size_t bigger = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *b = realloc(buf, bigger);
            if (!b) {
                res = PATH_READ_NOMEM;
                goto out;
            }
            buf = b;
            cap = bigger;
        }
        ssize_t got = read(fd, buf + n, cap - n);
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
    *out = buf;
    *len = n;
    return res;
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
