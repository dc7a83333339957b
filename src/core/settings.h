/* SPDX-License-Identifier: MIT */
/* settings.h — rollout.conf: settings that stick between sessions, one
 * `key = value` a line; and the values themselves, as the command line
 * takes them too. The keys are a table the caller owns (the option table,
 * src/cli/options.c): each names a kind of value, its limits, and where the
 * value goes in the caller's own struct, so a new setting is one more row
 * and nothing here changes. */
#ifndef ROLLOUT_SETTINGS_H
#define ROLLOUT_SETTINGS_H

#include <stddef.h>

#include "diag.h"

/* The kinds of value a setting or an option takes. Each names what is
 * stored at the key's offset. */
enum settings_kind {
    SETTINGS_DB,     /* float: decibels in [lo, hi]: "-6", "-6dB", "-6 dB" */
    SETTINGS_INT,    /* int: a whole number in [lo, hi]; one of choices when it has them */
    SETTINGS_NUMBER, /* double: a number in [lo, hi] */
    SETTINGS_PACE,   /* int64_t milliseconds: a duration (duration.h) the routine's pace may be */
    SETTINGS_TEXT,   /* const char *: any text; empty means the default */
    SETTINGS_BOOL,   /* int: yes/no, true/false, on/off, 1/0 */
    SETTINGS_CHOICE, /* const char *: one of choices (the table's own string) */
    SETTINGS_PICK,   /* int[]: for the i-th of choices, element i set to 1 */
    SETTINGS_SIZE,   /* int[2]: WIDTHxHEIGHT, the width in [lo, hi], the height in [lo2, hi2] */
};

/* The longest value the file holds, in bytes: the longest path the system
 * opens. No value there holds a control character either: each is one
 * line of the file, and reaches a terminal as text. */
#define SETTINGS_MAX_VALUE 4095

/* A value with a name: what kind it is, the values it may take, and where
 * it goes in the caller's own struct. */
struct settings_key {
    const char *name; /* in the file */
    enum settings_kind kind;
    double lo, hi;              /* DB, INT, NUMBER, PACE, SIZE: the values allowed */
    double lo2, hi2;            /* SIZE: the height's */
    const char *const *choices; /* CHOICE, PICK, INT: the values taken, NULL-terminated */
    size_t offset;              /* where the value goes in the caller's struct */
    /* TEXT: what else a value must be (a list of body areas, say), or
     * NULL for any text: 0, or -1 with one sentence in err. */
    int (*check)(const char *text, char *err, size_t errlen);
};

/* A settings file as read: for each key of the table, the text of its last
 * line in the file (NULL when the file does not set it) and that line. */
struct settings {
    const struct settings_key *const *keys;
    int nkeys;
    char *path;
    char **text;
    int *line;
};

/* Reads path against the table. A file that is not there sets nothing; a
 * folder, a FIFO or a device in its place is an error, said without
 * waiting on it. A line that is not `key = value`, or a value its key does
 * not take, is an error at its line; an unknown key is a warning (with the
 * nearest known one as a hint). Lines may end in CRLF, and the file may
 * begin with a UTF-8 byte-order mark. Returns 0, or -1 when d has errors;
 * s is filled either way and must be freed. */
int settings_load(struct settings *s, const struct settings_key *const *keys, int nkeys,
                  const char *path, struct diags *d);
void settings_free(struct settings *s);

/* The index of the key called name, or -1. */
int settings_find(const struct settings_key *const *keys, int nkeys, const char *name);

/* Checks text as a value the file can hold: one line, no control
 * character, at most SETTINGS_MAX_VALUE bytes. 0, or -1 with one sentence
 * in err naming it as label. (The command line takes any text: it is never
 * written into the file but by `rollout config`, which checks it so.) */
int settings_value_check(const char *label, const char *text, char *err, size_t errlen);

/* Checks text as a value of k and, when target is not NULL, stores it at
 * k->offset in target (TEXT stores text itself: it must outlive target).
 * 0, or -1 with one sentence in err naming the value as label ("volume",
 * "--volume"), the text quoted as it may reach a terminal (visible.h). */
int settings_parse(const struct settings_key *k, const char *label, const char *text, void *target,
                   char *err, size_t errlen);

/* What k takes, in a few words for a person: "dB from -60 to 12", "yes or
 * no", "16, 24 or 32". */
const char *settings_takes(const struct settings_key *k, char *buf, size_t len);

/* The value of k in target as the file would hold it; "" for a TEXT that
 * is not set or a PACE of 0 (the routine's). */
const char *settings_format(const struct settings_key *k, const void *target, char *buf,
                            size_t len);

/* Sets key to value in the file at path, keeping every other line as it
 * is: the key's line is rewritten in its place, or appended; a NULL value
 * removes it. Written whole beside the file, then renamed over it
 * (safefile.h: through a symbolic link to its target), its folder made if
 * need be. A value settings_value_check refuses is refused. 0, or -1 with
 * one sentence in err. */
int settings_write(const char *path, const char *key, const char *value, char *err, size_t errlen);

#endif
