/* SPDX-License-Identifier: MIT */
/* settings.c — reading and writing rollout.conf. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* asprintf */
#endif
#include "settings.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "path.h"
#include "safefile.h"
#include "script.h"
#include "suggest.h"
#include "visible.h"
#include "xdg.h"

#define SETTINGS_MAX_BYTES (1 << 20) /* a settings file is a few lines; this is not one */

int settings_find(const struct settings_key *const *keys, int nkeys, const char *name)
{
    for (int i = 0; i < nkeys; i++)
        if (strcmp(keys[i]->name, name) == 0)
            return i;
    return -1;
}

/* The whole of a number, or -1. */
static int number(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return errno || end == s || *end || !isfinite(*v) ? -1 : 0;
}

/* "yes" and its kin, or -1. */
static int boolean(const char *s)
{
    static const char *const yes[] = {"yes", "true", "on", "1"}, *const no[] = {"no", "false",
                                                                                "off", "0"};
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(s, yes[i]) == 0)
            return 1;
        if (strcasecmp(s, no[i]) == 0)
            return 0;
    }
    return -1;
}

/* Which of k's choices text is (0 for the first), or -1. */
static int choice(const struct settings_key *k, const char *text)
{
    for (int i = 0; k->choices && k->choices[i]; i++)
        if (strcmp(k->choices[i], text) == 0)
            return i;
    return -1;
}

const char *settings_takes(const struct settings_key *k, char *buf, size_t len)
{
    enum settings_kind kind = k->kind == SETTINGS_INT && k->choices ? SETTINGS_CHOICE : k->kind;
    switch (kind) {
    case SETTINGS_DB:
        snprintf(buf, len, "dB from %g to %g", k->lo, k->hi);
        break;
    case SETTINGS_INT:
        snprintf(buf, len, "a whole number from %g to %g", k->lo, k->hi);
        break;
    case SETTINGS_NUMBER:
        snprintf(buf, len, "a number from %g to %g", k->lo, k->hi);
        break;
    case SETTINGS_PACE:
        snprintf(buf, len, "seconds from %g to %g (e.g. 1 or 1.5s)", k->lo, k->hi);
        break;
    case SETTINGS_TEXT:
        snprintf(buf, len, "any text");
        break;
    case SETTINGS_BOOL:
        snprintf(buf, len, "yes or no");
        break;
    case SETTINGS_CHOICE:
    case SETTINGS_PICK: { /* "a, b or c" */
        size_t at = 0;
        buf[0] = 0;
        for (int i = 0; k->choices[i] && at < len; i++)
            at += (size_t)snprintf(buf + at, len - at, "%s%s",
                                   i == 0              ? ""
                                   : k->choices[i + 1] ? ", "
                                                       : " or ",
                                   k->choices[i]);
        break;
    }
    case SETTINGS_SIZE:
        snprintf(buf, len, "WIDTHxHEIGHT from %gx%g to %gx%g", k->lo, k->lo2, k->hi, k->hi2);
        break;
    }
    return buf;
}

int settings_value_check(const char *label, const char *text, char *err, size_t errlen)
{
    char quoted[80];
    size_t len = strlen(text);
    if (len > SETTINGS_MAX_VALUE) {
        snprintf(err, errlen, "%s takes at most %d bytes, not %zu", label, SETTINGS_MAX_VALUE, len);
        return -1;
    }
    if (visible_has_control(text)) {
        snprintf(err, errlen, "%s takes no control characters, not '%s'", label,
                 visible_str(quoted, sizeof quoted, text));
        return -1;
    }
    return 0;
}

int settings_parse(const struct settings_key *k, const char *label, const char *text, void *target,
                   char *err, size_t errlen)
{
    char buf[SETTINGS_MAX_VALUE + 1], quoted[80];
    double v = 0;
    int ok = 1;
    char *at = target ? (char *)target + k->offset : NULL;
    switch (k->kind) {
    case SETTINGS_DB: {
        snprintf(buf, sizeof buf, "%s", text);
        size_t n = strlen(buf);
        if (n > 2 && strcasecmp(buf + n - 2, "dB") == 0) /* "-6dB" or "-6 dB" */
            buf[n - 2] = 0;
        n = strlen(buf);
        while (n && buf[n - 1] == ' ')
            buf[--n] = 0;
        ok = number(buf, &v) == 0 && v >= k->lo && v <= k->hi;
        if (ok && at) {
            float f = (float)v;
            memcpy(at, &f, sizeof f);
        }
        break;
    }
    case SETTINGS_INT:
        ok = number(text, &v) == 0 && v == floor(v) && v >= k->lo && v <= k->hi &&
             (!k->choices || choice(k, text) >= 0);
        if (ok && at) {
            int i = (int)v;
            memcpy(at, &i, sizeof i);
        }
        break;
    case SETTINGS_NUMBER:
        ok = number(text, &v) == 0 && v >= k->lo && v <= k->hi;
        if (ok && at)
            memcpy(at, &v, sizeof v);
        break;
    case SETTINGS_PACE: {
        int64_t ms;
        ok = script_pace_parse(text, &ms) == 0;
        if (ok && at)
            memcpy(at, &ms, sizeof ms);
        break;
    }
    case SETTINGS_TEXT:
        if (k->check && text[0] && k->check(text, buf, sizeof buf) != 0) {
            snprintf(err, errlen, "%s: %s", label, buf);
            return -1;
        }
        if (at) {
            const char *t = text[0] ? text : NULL;
            memcpy(at, &t, sizeof t);
        }
        break;
    case SETTINGS_BOOL: {
        int b = boolean(text);
        ok = b >= 0;
        if (ok && at)
            memcpy(at, &b, sizeof b);
        break;
    }
    case SETTINGS_CHOICE:
    case SETTINGS_PICK: {
        int i = choice(k, text);
        ok = i >= 0;
        if (ok && at && k->kind == SETTINGS_CHOICE) {
            memcpy(at, &k->choices[i], sizeof k->choices[i]);
        } else if (ok && at) {
            int one = 1;
            memcpy(at + (size_t)i * sizeof one, &one, sizeof one);
        }
        break;
    }
    case SETTINGS_SIZE: {
        int w, h, n = 0;
        ok = sscanf(text, "%dx%d%n", &w, &h, &n) == 2 && !text[n] && w >= k->lo && w <= k->hi &&
             h >= k->lo2 && h <= k->hi2;
        if (ok && at) {
            int wh[2] = {w, h};
            memcpy(at, wh, sizeof wh);
        }
        break;
    }
    }
    if (!ok)
        snprintf(err, errlen, "%s takes %s, not '%s'", label, settings_takes(k, buf, sizeof buf),
                 visible_str(quoted, sizeof quoted, text));
    return ok ? 0 : -1;
}

const char *settings_format(const struct settings_key *k, const void *target, char *buf, size_t len)
{
    const char *at = (const char *)target + k->offset;
    buf[0] = 0;
    switch (k->kind) {
    case SETTINGS_DB: {
        float f;
        memcpy(&f, at, sizeof f);
        snprintf(buf, len, "%g", (double)f);
        break;
    }
    case SETTINGS_INT:
    case SETTINGS_BOOL: {
        int i;
        memcpy(&i, at, sizeof i);
        if (k->kind == SETTINGS_INT)
            snprintf(buf, len, "%d", i);
        else
            snprintf(buf, len, "%s", i ? "yes" : "no");
        break;
    }
    case SETTINGS_NUMBER: {
        double d;
        memcpy(&d, at, sizeof d);
        snprintf(buf, len, "%g", d);
        break;
    }
    case SETTINGS_PACE: {
        int64_t ms;
        memcpy(&ms, at, sizeof ms);
        if (ms > 0)
            snprintf(buf, len, "%gs", (double)ms / 1000.0);
        break;
    }
    case SETTINGS_TEXT:
    case SETTINGS_CHOICE: {
        const char *t;
        memcpy(&t, at, sizeof t);
        snprintf(buf, len, "%s", t ? t : "");
        break;
    }
    case SETTINGS_PICK: { /* the choices taken, ',' between them */
        size_t n = 0;
        for (int i = 0; k->choices[i]; i++) {
            int on;
            memcpy(&on, at + (size_t)i * sizeof on, sizeof on);
            if (on && n < len)
                n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "," : "", k->choices[i]);
        }
        break;
    }
    case SETTINGS_SIZE: {
        int wh[2];
        memcpy(wh, at, sizeof wh);
        snprintf(buf, len, "%dx%d", wh[0], wh[1]);
        break;
    }
    }
    return buf;
}

/* The file's bytes, NUL-terminated; NULL with *missing set when it is not
 * there (or its folder is a file), NULL with *why saying why when it
 * cannot be read ("it is a directory"). */
static char *slurp(const char *path, size_t *len, int *missing, const char **why)
{
    char *buf;
    struct stat st;
    int err;
    enum path_read r = path_read(path, SETTINGS_MAX_BYTES, &buf, len, &st, &err);
    *missing = r == PATH_READ_OPEN && (err == ENOENT || err == ENOTDIR);
    *why = r == PATH_READ_TOO_BIG ? "it is far too big to be a settings file"
                                  : path_read_reason(r, err);
    return r == PATH_READ_OK ? buf : NULL;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

int settings_load(struct settings *s, const struct settings_key *const *keys, int nkeys,
                  const char *path, struct diags *d)
{
    *s = (struct settings){.keys = keys,
                           .nkeys = nkeys,
                           .path = strdup(path),
                           .text = calloc((size_t)nkeys, sizeof *s->text),
                           .line = calloc((size_t)nkeys, sizeof *s->line)};
    if (!s->path || !s->text || !s->line) {
        diags_add(d, DIAG_ERROR, path, 0, 0, NULL, NULL, "out of memory");
        return -1;
    }
    size_t len = 0;
    int missing;
    const char *why;
    char *buf = slurp(path, &len, &missing, &why);
    if (!buf) {
        if (missing)
            return 0;
        diags_add(d, DIAG_ERROR, path, 0, 0, NULL, NULL, "cannot read the settings: %s", why);
        return -1;
    }
    const char *names[64];
    int nnames = nkeys < 64 ? nkeys : 64;
    for (int i = 0; i < nnames; i++)
        names[i] = keys[i]->name;
    int errors = 0, lineno = 0;
    /* Each line is cut out of buf where it stands, however long. */
    for (char *p = buf + path_bom(buf, len), *next; p < buf + len; p = next) {
        char *nl = memchr(p, '\n', (size_t)(buf + len - p));
        next = nl ? nl + 1 : buf + len;
        lineno++;
        if (memchr(p, 0, (size_t)((nl ? nl : buf + len) - p))) {
            diags_add(d, DIAG_ERROR, path, lineno, 0, NULL, NULL,
                      "a NUL byte: this is not a text file");
            errors++;
            break;
        }
        if (nl)
            *nl = 0;
        char *line = trim(p);
        if (!line[0] || line[0] == '#')
            continue;
        char *eq = strchr(line, '=');
        if (!eq) {
            diags_add(d, DIAG_ERROR, path, lineno, 0, line, "a setting reads: volume = -6",
                      "expected 'key = value'");
            errors++;
            continue;
        }
        *eq = 0;
        char *key = trim(line), *value = trim(eq + 1);
        int i = settings_find(keys, nkeys, key);
        if (i < 0) {
            const char *near = suggest_nearest(key, names, nnames);
            char hint[128];
            snprintf(hint, sizeof hint, "did you mean '%s'?", near ? near : "");
            diags_add(d, DIAG_WARNING, path, lineno, 0, NULL, near ? hint : NULL,
                      "unknown setting '%s', left alone", key);
            continue;
        }
        char err[512];
        if (settings_value_check(key, value, err, sizeof err) != 0 ||
            settings_parse(keys[i], key, value, NULL, err, sizeof err) != 0) {
            diags_add(d, DIAG_ERROR, path, lineno, 0, NULL, NULL, "%s", err);
            errors++;
            continue;
        }
        free(s->text[i]);
        s->text[i] = strdup(value);
        s->line[i] = lineno;
    }
    free(buf);
    return errors ? -1 : 0;
}

void settings_free(struct settings *s)
{
    for (int i = 0; s->text && i < s->nkeys; i++)
        free(s->text[i]);
    free(s->text);
    free(s->line);
    free(s->path);
    *s = (struct settings){0};
}

/* Whether line sets key: "key = ..." with any spaces. */
static int sets_key(const char *line, size_t n, const char *key)
{
    size_t k = strlen(key), i = 0;
    while (i < n && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (n - i < k || strncmp(line + i, key, k) != 0)
        return 0;
    for (i += k; i < n && (line[i] == ' ' || line[i] == '\t'); i++)
        ;
    return i < n && line[i] == '=';
}

int settings_write(const char *path, const char *key, const char *value, char *err, size_t errlen)
{
    if (xdg_check(path, err, errlen) != 0)
        return -1;
    if (value && settings_value_check(key, value, err, errlen) != 0)
        return -1;
    size_t len = 0;
    int missing;
    const char *why;
    char *old = slurp(path, &len, &missing, &why);
    if (!old && !missing) {
        snprintf(err, errlen, "cannot read '%s': %s", path, why);
        return -1;
    }
    if (missing && xdg_make_parents(path) != 0) {
        snprintf(err, errlen, "cannot make the folder for '%s': %s", path, strerror(errno));
        return -1;
    }
    char *mine = NULL;
    int n = value ? asprintf(&mine, "%s = %s\n", key, value) : 0;
    struct safefile f;
    if (n < 0 || safefile_open(&f, path, err, errlen) != 0) {
        if (n < 0)
            snprintf(err, errlen, "out of memory writing '%s'", path);
        free(old);
        return -1;
    }
    int bad = 0, done = 0;
    static const char header[] =
        "# rollout settings, one 'key = value' a line; 'man rollout' tells each key.\n"
        "# An option on the command line wins over its key here.\n";
    if (missing) /* a new file says what it is */
        bad |= safefile_write(&f, header, sizeof header - 1) != 0;
    /* A byte-order mark stays where it is, and the line after it is a line. */
    size_t bom = old ? path_bom(old, len) : 0;
    bad |= safefile_write(&f, old, bom) != 0;
    for (const char *p = old ? old + bom : NULL; p && p < old + len;) {
        const char *nl = memchr(p, '\n', (size_t)(old + len - p));
        size_t line = nl ? (size_t)(nl - p) : (size_t)(old + len - p);
        if (sets_key(p, line, key)) {
            if (!done)
                bad |= safefile_write(&f, mine, (size_t)n) != 0; /* in its place, once */
            done = 1;
        } else {
            bad |= safefile_write(&f, p, line) != 0;
            bad |= safefile_write(&f, "\n", 1) != 0;
        }
        p += line + (nl ? 1 : 0);
    }
    if (!done)
        bad |= safefile_write(&f, mine, (size_t)n) != 0;
    int failed = errno; /* free may touch errno */
    free(old);
    free(mine);
    errno = failed;
    return safefile_finish(&f, bad, err, errlen);
}
