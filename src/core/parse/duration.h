/* SPDX-License-Identifier: MIT */
/* duration.h — how long something lasts, as a person writes it: in a
 * routine, on the command line and in the settings file, one grammar.
 *
 *     duration = part {part}          45s  1m30s  1.5s  500ms  1h  1h2m3.5s
 *     part     = number unit          units h, m, s, ms, largest first; only
 *                                     the last part may have decimals (at
 *                                     most three), milliseconds are whole
 *
 * Where a unit cannot be mistaken (the command line, the settings file) two
 * more forms are read: a bare number is seconds (90, 28.3), and a clock is
 * minutes and seconds or hours, minutes and seconds (1:30, 1:02:03.5). A
 * routine asks for the unit, so "rest 30" is an error that says so. Nothing
 * is longer than DURATION_MAX_MS. */
#ifndef ROLLOUT_DURATION_H
#define ROLLOUT_DURATION_H

#include <stddef.h>
#include <stdint.h>

#define DURATION_HOUR_MS (3600 * (int64_t)1000)
#define DURATION_MAX_MS  (24 * DURATION_HOUR_MS)

enum duration_form {
    DURATION_UNITS, /* a routine: parts with units only */
    DURATION_ANY    /* also bare seconds and a clock */
};

/* What is wrong with a duration, for a message: the byte offset in the
 * written text it is about, the sentence, and a hint (may be NULL). */
struct duration_error {
    int at;
    const char *hint;
    char msg[128];
    char hint_buf[96];
};

/* Reads the n bytes of s as a duration into *ms. 0, or -1 with the first
 * thing wrong with it in *e. */
int duration_parse(const char *s, int n, enum duration_form form, int64_t *ms,
                   struct duration_error *e);

/* Writes ms as a routine would: 45s, 1m30s, 1.5s, 500ms, 1h. */
const char *duration_text(int64_t ms, char *buf, size_t size);

#endif
