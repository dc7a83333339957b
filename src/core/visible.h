/* SPDX-License-Identifier: MIT */
/* visible.h — text from outside (a routine's lines, names and transcripts,
 * a file name) as it may safely reach a terminal: control characters made
 * visible instead of obeyed, and widths in the columns a terminal gives
 * each character (two for CJK and emoji). What a person sees and where a
 * caret points are worked out by the same rules. */
#ifndef ROLLOUT_VISIBLE_H
#define ROLLOUT_VISIBLE_H

#include <stddef.h>
#include <stdio.h>

/* Writes s as it is shown:
 *   a tab               spaces to the next multiple of 8 columns from the start
 *   C0 control, DEL     \x1b (an ESC), \x07 (a BEL), ...
 *   a byte not UTF-8    \xff
 *   C1 control, and the marks that reorder or hide text (bidirectional
 *   overrides and isolates, zero-width marks, a byte-order mark)   \u009b
 *   anything else       as it is */
void visible_put(FILE *f, const char *s);

/* s as visible_put shows it, into buf (len bytes, NUL-terminated), for a
 * message that quotes outside text. Cut at a character, with "..." at the
 * end, when it does not fit. Returns buf. */
char *visible_str(char *buf, size_t len, const char *s);

/* Writes s as one JSON string, quotes and all: '"' and '\\' escaped, C0
 * and C1 controls and DEL as \u00XX (\n, \t, \r by name), a byte that is
 * not UTF-8 as U+FFFD, so the document stays valid whatever s holds. */
void visible_json(FILE *f, const char *s);

/* Whether s holds a control character (C0, DEL or C1): a value that must
 * stay on one line and reach a terminal as text. */
int visible_has_control(const char *s);

/* The columns the first n bytes of s take when put (n stops at a NUL). */
int visible_width(const char *s, size_t n);

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0: no overlong
 * forms, no surrogates, nothing past U+10FFFF. */
int visible_utf8_len(const unsigned char *s, size_t n);

/* How many of the n bytes of s to quote in a message: at most max, never
 * cutting a UTF-8 character in two. */
int visible_cut(const char *s, int n, int max);

#endif
