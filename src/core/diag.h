/* SPDX-License-Identifier: MIT */
/* diag.h — diagnostics: errors and warnings about a routine, each tied to a
 * file, line and column, collected rather than printed so a caller can show
 * them all at once (as text for people, or as JSON for tools). */
#ifndef ROLLOUT_DIAG_H
#define ROLLOUT_DIAG_H

#include <stdio.h>

/* A note is told but not counted: why the list stops short, say. */
enum diag_severity { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

#define DIAGS_MAX_WARNINGS 100 /* listed; the rest are counted */

struct diag {
    enum diag_severity severity;
    char *file;    /* as the user named it; NULL when there is none (a routine
                      not found): the message is then said as rollout's own */
    int line, col; /* 1-based; 0 when the message is about the whole file. The
                      column is counted as a terminal shows the line (see
                      visible.h): a tab to the next multiple of 8, a wide
                      character two */
    char *msg;     /* one sentence, no trailing period */
    char *src;     /* the offending source line, without its newline; may be NULL */
    char *hint;    /* may be NULL */
};

struct diags {
    struct diag *v;
    int n, cap;
    int errors, warnings; /* every one, listed or not */
    int unlisted;         /* warnings past DIAGS_MAX_WARNINGS: counted, not kept */
    char *unlisted_file;  /* the file of the first of them */
};

/* Appends a diagnostic; src is the whole source line (copied up to its end or
 * newline), or NULL. Out of memory drops the message but still counts it;
 * so does a warning past the first DIAGS_MAX_WARNINGS. */
void diags_add(struct diags *d, enum diag_severity sev, const char *file, int line, int col,
               const char *src, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

/* Prints every diagnostic as
 *   file:line:col: error: message
 *       the source line
 *       ^
 *   hint: ...
 * ("rollout: error: message" for one with no file), with control
 * characters made visible (visible.h), then a note of the warnings not
 * listed. A hint that diagnostics quoting no line share, one after the
 * other, is printed once, after the last of them. */
void diags_print(const struct diags *d, FILE *f);

/* Prints every diagnostic as one JSON document, for editors and tools:
 *   {"errors":N,"warnings":N,"unlisted_warnings":N,"column_unit":"display",
 *    "diagnostics":[{"file":"a.roll"|null,"line":3,
 *    "column":9,"severity":"error","message":"...","hint":"..."|null,
 *    "source":"the line"|null}, ...]}
 * on one line. file is null for a message about no file (a routine not
 * found); line and column are null for a message about a whole file
 * (and column alone when only the line is known). Strings are escaped (C0
 * and C1 controls as \u00XX); a byte that is not UTF-8 becomes U+FFFD, so
 * the output is always valid. "errors" and "warnings" count every one, the
 * unlisted warnings too; a note counts as neither. */
void diags_print_json(const struct diags *d, FILE *f);

void diags_free(struct diags *d);

#endif
