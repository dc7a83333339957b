/* safefile.c — write, sync, rename. */
#include "safefile.h"

#include <errno.h>
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

int safefile_open(struct safefile *f, const char *path, char *err, size_t errlen)
{
    size_t len = strlen(path) + sizeof ".tmp-XXXXXX";
    *f = (struct safefile){.path = path, .tmp = malloc(len), .fd = -1};
    if (!f->tmp) {
        snprintf(err, errlen, "out of memory writing '%s'", path);
        return -1;
    }
    snprintf(f->tmp, len, "%s.tmp-XXXXXX", path);
    f->fd = mkstemp(f->tmp);
    if (f->fd < 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, safefile_reason(errno));
        free(f->tmp);
        f->tmp = NULL;
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
        ok = rename(f->tmp, f->path) == 0;
    if (!ok) {
        snprintf(err, errlen, "cannot write '%s': %s", f->path, safefile_reason(errno));
        unlink(f->tmp);
    }
    free(f->tmp);
    f->tmp = NULL;
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
    f->fd = -1;
    f->tmp = NULL;
}

const char *safefile_reason(int err)
{
    if (err == ENOSPC || err == EDQUOT)
        return "no space left on device";
    return strerror(err);
}

char *safefile_read(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *b = cap > 2 * max + 8192 ? NULL : realloc(buf, cap);
            if (!b) {
                free(buf);
                fclose(f);
                errno = EFBIG;
                return NULL;
            }
            buf = b;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad || n > max) {
        free(buf);
        errno = bad ? EIO : EFBIG;
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
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
