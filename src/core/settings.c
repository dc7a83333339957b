/* settings.c — reading and writing rollout.conf. */
#include "settings.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "safefile.h"
#include "script.h"
#include "suggest.h"
#include "xdg.h"

#define SETTINGS_MAX_BYTES (1 << 20) /* a settings file is a few lines; this is not one */

const struct settings_key *settings_find(const struct settings_key *keys, int nkeys,
                                         const char *name)
{
    for (int i = 0; i < nkeys; i++)
        if (strcmp(keys[i].name, name) == 0)
            return &keys[i];
    return NULL;
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

int settings_parse(const struct settings_key *k, const char *text, void *target, char *err,
                   size_t errlen)
{
    char buf[256];
    double v = 0;
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
        if (number(buf, &v) != 0 || v < k->lo || v > k->hi) {
            snprintf(err, errlen, "%s takes dB from %g to %g, not '%s'", k->name, k->lo, k->hi,
                     text);
            return -1;
        }
        if (at) {
            float f = (float)v;
            memcpy(at, &f, sizeof f);
        }
        return 0;
    }
    case SETTINGS_INT:
        if (number(text, &v) != 0 || v != floor(v) || v < k->lo || v > k->hi) {
            snprintf(err, errlen, "%s takes a whole number from %g to %g, not '%s'", k->name, k->lo,
                     k->hi, text);
            return -1;
        }
        if (at) {
            int i = (int)v;
            memcpy(at, &i, sizeof i);
        }
        return 0;
    case SETTINGS_PACE: {
        int64_t ms;
        if (script_pace_parse(text, &ms) != 0) {
            snprintf(err, errlen, "%s takes seconds from %g to %g (e.g. 1 or 1.5s), not '%s'",
                     k->name, k->lo, k->hi, text);
            return -1;
        }
        if (at)
            memcpy(at, &ms, sizeof ms);
        return 0;
    }
    case SETTINGS_TEXT:
        if (at) {
            const char *s = text[0] ? text : NULL;
            memcpy(at, &s, sizeof s);
        }
        return 0;
    case SETTINGS_BOOL: {
        int b = boolean(text);
        if (b < 0) {
            snprintf(err, errlen, "%s takes yes or no, not '%s'", k->name, text);
            return -1;
        }
        if (at)
            memcpy(at, &b, sizeof b);
        return 0;
    }
    }
    snprintf(err, errlen, "%s: unknown kind of setting", k->name);
    return -1;
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
    case SETTINGS_PACE: {
        int64_t ms;
        memcpy(&ms, at, sizeof ms);
        if (ms > 0)
            snprintf(buf, len, "%gs", (double)ms / 1000.0);
        break;
    }
    case SETTINGS_TEXT: {
        const char *s;
        memcpy(&s, at, sizeof s);
        snprintf(buf, len, "%s", s ? s : "");
        break;
    }
    }
    return buf;
}

/* The file's bytes, NUL-terminated; NULL with *missing set when it is not
 * there, NULL with errno otherwise. */
static char *slurp(const char *path, size_t *len, int *missing)
{
    char *buf = safefile_read(path, SETTINGS_MAX_BYTES, len);
    *missing = !buf && (errno == ENOENT || errno == ENOTDIR); /* ENOTDIR: its folder is a file */
    return buf;
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

int settings_load(struct settings *s, const struct settings_key *keys, int nkeys, const char *path,
                  struct diags *d)
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
    char *buf = slurp(path, &len, &missing);
    if (!buf) {
        if (missing)
            return 0;
        diags_add(d, DIAG_ERROR, path, 0, 0, NULL, NULL, "cannot read the settings: %s",
                  errno == EFBIG ? "it is far too big to be a settings file" : strerror(errno));
        return -1;
    }
    const char *names[64];
    int nnames = nkeys < 64 ? nkeys : 64;
    for (int i = 0; i < nnames; i++)
        names[i] = keys[i].name;
    int errors = 0, lineno = 0;
    for (char *p = buf, *next; p < buf + len; p = next) {
        char *nl = memchr(p, '\n', (size_t)(buf + len - p));
        next = nl ? nl + 1 : buf + len;
        lineno++;
        char src[1024];
        snprintf(src, sizeof src, "%.*s", (int)(nl ? nl - p : buf + len - p), p);
        if (memchr(p, 0, (size_t)(next - p))) {
            diags_add(d, DIAG_ERROR, path, lineno, 0, NULL, NULL,
                      "a NUL byte: this is not a text file");
            errors++;
            break;
        }
        char *line = trim(src);
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
        const struct settings_key *k = settings_find(keys, nkeys, key);
        if (!k) {
            const char *near = suggest_nearest(key, names, nnames);
            char hint[128];
            snprintf(hint, sizeof hint, "did you mean '%s'?", near ? near : "");
            diags_add(d, DIAG_WARNING, path, lineno, 0, NULL, near ? hint : NULL,
                      "unknown setting '%s', left alone", key);
            continue;
        }
        char err[256];
        if (settings_parse(k, value, NULL, err, sizeof err) != 0) {
            diags_add(d, DIAG_ERROR, path, lineno, 0, NULL, NULL, "%s", err);
            errors++;
            continue;
        }
        int i = (int)(k - keys);
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
    size_t len = 0;
    int missing;
    char *old = slurp(path, &len, &missing);
    if (!old && !missing) {
        snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
        return -1;
    }
    if (missing && xdg_make_parents(path) != 0) {
        snprintf(err, errlen, "cannot make the folder for '%s': %s", path, strerror(errno));
        return -1;
    }
    char mine[1024];
    int n = value ? snprintf(mine, sizeof mine, "%s = %s\n", key, value) : 0;
    if (n < 0 || (size_t)n >= sizeof mine) {
        snprintf(err, errlen, "the value for %s is too long", key);
        free(old);
        return -1;
    }
    struct safefile f;
    if (safefile_open(&f, path, err, errlen) != 0) {
        free(old);
        return -1;
    }
    int bad = 0, done = 0;
    static const char header[] =
        "# rollout settings, one 'key = value' a line; 'man rollout' tells each key.\n"
        "# An option on the command line wins over its key here.\n";
    if (missing) /* a new file says what it is */
        bad |= safefile_write(&f, header, sizeof header - 1) != 0;
    for (const char *p = old; p && p < old + len;) {
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
    int why = errno; /* free may touch errno */
    free(old);
    errno = why;
    return safefile_finish(&f, bad, err, errlen);
}
