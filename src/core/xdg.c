/* xdg.c — a person's folders, by the XDG base directory rules. */
#include "xdg.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *xdg_path(enum xdg_kind kind, const char *name, char *buf, size_t len)
{
    const char *var = kind == XDG_CONFIG ? "XDG_CONFIG_HOME" : "XDG_STATE_HOME";
    const char *fallback = kind == XDG_CONFIG ? ".config" : ".local/state";
    const char *xdg = getenv(var), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(buf, len, "%s/%s", xdg, name);
    else
        n = snprintf(buf, len, "%s/%s/%s", home && *home ? home : ".", fallback, name);
    if (n < 0 || (size_t)n >= len)
        buf[0] = 0;
    return buf;
}

int xdg_make_parents(const char *path)
{
    char dir[PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir) {
        errno = ENAMETOOLONG;
        return -1;
    }
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = 0;
    /* Each folder from the top down; one that is there already is fine. */
    for (char *p = dir + 1;; p++) {
        if (*p == '/' || *p == 0) {
            char c = *p;
            *p = 0;
            if (mkdir(dir, 0777) != 0 && errno != EEXIST)
                return -1;
            *p = c;
            if (!c)
                break;
        }
    }
    struct stat st;
    if (stat(dir, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}
