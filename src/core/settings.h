/* settings.h — rollout.conf: settings that stick between sessions, one
 * `key = value` a line. The keys are a table the caller owns: each names a
 * kind of value, its limits, and where the value goes in the caller's own
 * options struct, so a new setting is one more row and nothing here
 * changes. A key is also the long option that overrides it. */
#ifndef ROLLOUT_SETTINGS_H
#define ROLLOUT_SETTINGS_H

#include <stddef.h>

#include "diag.h"

enum settings_kind {
    SETTINGS_DB,   /* float, decibels in [lo, hi] */
    SETTINGS_INT,  /* int, a whole number in [lo, hi] */
    SETTINGS_PACE, /* int64_t milliseconds: a duration (duration.h) the routine's pace may be */
    SETTINGS_TEXT, /* const char *: any text; empty means the default */
    SETTINGS_BOOL, /* int: yes/no, true/false, on/off, 1/0 */
};

struct settings_key {
    const char *name; /* in the file; also the long option, --name */
    enum settings_kind kind;
    double lo, hi;        /* DB, INT, PACE: the values allowed */
    size_t offset;        /* where the value goes in the caller's struct */
    const char *commands; /* the commands it applies to, space-separated */
    const char *help;     /* what it is, in a few words */
};

/* A settings file as read: for each key of the table, the text of its last
 * line in the file (NULL when the file does not set it) and that line. */
struct settings {
    const struct settings_key *keys;
    int nkeys;
    char *path;
    char **text;
    int *line;
};

/* Reads path against the table. A file that is not there sets nothing. A
 * line that is not `key = value`, or a value its key does not take, is an
 * error at its line; an unknown key is a warning (with the nearest known
 * one as a hint). Returns 0, or -1 when d has errors; s is filled either
 * way and must be freed. */
int settings_load(struct settings *s, const struct settings_key *keys, int nkeys, const char *path,
                  struct diags *d);
void settings_free(struct settings *s);

/* The key called name, or NULL. */
const struct settings_key *settings_find(const struct settings_key *keys, int nkeys,
                                         const char *name);

/* Checks text as a value of k and, when target is not NULL, stores it at
 * k->offset in target (TEXT stores text itself: it must outlive target).
 * 0, or -1 with one sentence in err. */
int settings_parse(const struct settings_key *k, const char *text, void *target, char *err,
                   size_t errlen);

/* The value of k in target as the file would hold it; "" for a TEXT that
 * is not set or a PACE of 0 (the routine's). */
const char *settings_format(const struct settings_key *k, const void *target, char *buf,
                            size_t len);

/* Sets key to value in the file at path, keeping every other line as it
 * is: the key's line is rewritten in its place, or appended; a NULL value
 * removes it. Written whole beside the file, then renamed over it
 * (safefile.h), its folder made if need be. 0, or -1 with one sentence in
 * err. */
int settings_write(const char *path, const char *key, const char *value, char *err, size_t errlen);

#endif
