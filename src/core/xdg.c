/* SPDX-License-Identifier: MIT */
/* xdg.c — a person's folders, by the XDG base directory rules. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* getpwuid_r */
#endif
#include "xdg.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The home folder: $HOME when it is an absolute path, else the password
 * database's entry for this user. NULL when neither has one. */
static const char *home(char *buf, size_t len)
{
    const char *env = getenv("HOME");
    if (env && env[0] == '/')
        return env;
    struct passwd pw, *found = NULL;
    char scratch[4096];
    if (getpwuid_r(getuid(), &pw, scratch, sizeof scratch, &found) != 0 || !found || !pw.pw_dir ||
        pw.pw_dir[0] != '/' || (size_t)snprintf(buf, len, "%s", pw.pw_dir) >= len)
        return NULL;
    return buf;
}

char *xdg_path(enum xdg_kind kind, const char *name, char *buf, size_t len)
{
    static const char *const var[] = {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"};
    static const char *const fallback[] = {".config", ".local/state", ".local/share"};
    const char *xdg = getenv(var[kind]);
    char pw_home[PATH_MAX];
    const char *h;
    int n = -1;
    if (xdg && xdg[0] == '/')
        n = snprintf(buf, len, "%s/%s", xdg, name);
    else if ((h = home(pw_home, sizeof pw_home)))
        n = snprintf(buf, len, "%s/%s/%s", strcmp(h, "/") == 0 ? "" : h, fallback[kind], name);
    if (n < 0 || (size_t)n >= len)
        buf[0] = 0;
    return buf;
}

int xdg_check(const char *path, char *err, size_t errlen)
{
    if (path[0])
        return 0;
    snprintf(err, errlen,
             "there is no home folder to keep it in: HOME is not set and the "
             "password database names none");
    return -1;
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
