/* SPDX-License-Identifier: MIT */
/* script.c — the routine parser: one line at a time, lexed (script_lex.c),
 * then one function per statement. Every problem becomes a diagnostic with its
 * line and column, and parsing goes on so an author sees them all at once.
 *
 *     script.c ──▶ script_lex.c      a line's tokens, and what is wrong with its bytes
 *        │    ──▶ script_include.c  where an include or music path leads; each file once
 *        │    ──▶ duration.c        45s, 1m30s, 1.5s
 *        └────▶ strmap.c, suggest.c, path.c
 *
 * Includes. `include "FILE" [STEP...]` inserts steps of another file where it
 * stands. Each file gets its own parser (struct parser), so its messages carry
 * its own name, line and quoted text; what must be counted or shared across
 * files (errors, limits, the files being read and read already) is in one
 * struct unit.
 *
 *     a.roll ──include──▶ lib/legs.roll ──include──▶ lib/feet.roll
 *     parser (depth 0)    parser (depth 1)           parser (depth 2)
 *        └────────────── struct unit: counts, chain, file cache ─┘
 *
 * - An included file is parsed whole, as a routine of its own, then only its
 *   steps are copied in (all, or those named); its title, header lines and
 *   introduction are read but not used. The cues those steps speak join the
 *   including routine's table, where an id must keep one text across files.
 * - Where a path may lead is script_include.h's to say. Only regular files
 *   are opened, with O_NONBLOCK, so a FIFO or a device can neither hang nor
 *   be read.
 * - Each file is read and parsed once, however often it is included (a
 *   library used step by step), so its own messages appear once. A file that
 *   is being read and is met again is a cycle; more than INCLUDE_MAX_DEPTH
 *   files deep is an error. */
#include "script.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "area.h"
#include "ascii.h"
#include "duration.h"
#include "path.h"
#include "phrase.h"
#include "script_include.h"
#include "script_lex.h"
#include "strmap.h"
#include "suggest.h"
#include "visible.h"

#define MAX_SCRIPT_BYTES (1024 * 1024)
#define MAX_ERRORS       100   /* past this the file is probably not a routine at all */
#define MAX_STEPS        1000  /* a day of one-minute steps is 1440; nobody rolls that long */
#define MAX_PHASES       20000 /* in the whole routine */
#define MAX_CUES         10000
#define NO_SRC           ((size_t)-1) /* a diagnostic about the whole file */
#define MAX_INCLUDES     100          /* include statements in all its files */

/* ---- the parser ---- */

/* What the parser knows about a user cue beyond struct script_cue. */
struct cue_extra {
    size_t off;                /* start of the line that first named it (in its file) */
    int text_line;             /* where its text was first given; 0 while it has none */
    const char *text_file;     /* and in which file */
    int order_line, order_col; /* where it first appears in this file: its own
                                  place, or the include that brought it in */
};

/* A run of diagnostics made while reading an include: they sort as one, at
 * the include's place in this file. */
struct diag_block {
    int from, to;
    long long key;
};

/* Shared by the parsers of one routine and every file it includes. */
struct unit {
    struct diags *d;
    struct routine *top; /* the routine being built: its pace applies everywhere */
    int errors, warnings;
    int stop; /* too many errors, or a limit */
    int nomem;
    int nphases_all; /* phases in every file so far */
    int nincludes;
    char **names; /* every file's name as shown; the routine takes them */
    int nnames;
    struct include_files files; /* where they are, which are being read */
};

struct parser {
    struct unit *U;
    struct diags *d;
    const char *file; /* its name in messages, owned by U */
    char *rel;        /* its path from the top routine's folder, for includes */
    int depth;        /* 0 for the routine itself */
    int height;       /* how many files deep its includes go */
    const char *text;
    size_t len;
    struct routine *r;
    /* r->cues holds only the routine's own cues until the end. A reference
     * to builtin phrase k is stored as -2 - k and renumbered then. */
    struct cue_extra *cue_extra;
    struct strmap cue_map, step_map;
    int title_line, about_line, author_line, ball_line, pace_line,
        music_line;   /* 0: not given yet */
    int cur;          /* index of the step being read, -1 outside one */
    int intro_closed; /* a step or an include has been read */
    size_t step_off;  /* its line, for diagnostics made when it ends */
    int step_id_col;
    int announce_line;       /* its announce statement, 0 when none */
    int step_dup;            /* its id repeats an earlier one: no default announcement */
    int phase_lines;         /* its phase lines, even those with errors */
    int area_col, sides_col; /* where its area= and sides= values are; 0: not given */
    struct diag_block *blocks;
    int nblocks;
    char quote[LEX_MAX_LINE + 1];
};

/* ---- small helpers ---- */

/* Arrays grow in powers of two from 8, so the count alone says when one is
 * full. Returns the array to use, or NULL when out of memory (v stays valid). */
static void *append(struct parser *P, void *v, int n, size_t size)
{
    if (n != 0 && (n < 8 || (n & (n - 1)) != 0))
        return v;
    size_t cap = n == 0 ? 8 : (size_t)n * 2;
    void *nv = realloc(v, cap * size);
    if (!nv)
        P->U->nomem = 1;
    return nv;
}

static char *copy_n(struct parser *P, const char *s, size_t n)
{
    char *c = malloc(n + 1);
    if (!c) {
        P->U->nomem = 1;
        return NULL;
    }
    memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

static char *copy_word(struct parser *P, const struct lex_token *t)
{
    return copy_n(P, t->p, (size_t)t->len);
}

/* A text token's string with \" and \\ resolved. A bad escape was reported
 * by the lexer and is kept as written. */
static char *copy_text(struct parser *P, const struct lex_token *t)
{
    char *s = malloc((size_t)t->len + 1);
    if (!s) {
        P->U->nomem = 1;
        return NULL;
    }
    int n = 0;
    for (int i = 0; i < t->len; i++) {
        if (t->p[i] == '\\' && i + 1 < t->len && (t->p[i + 1] == '"' || t->p[i + 1] == '\\'))
            i++;
        s[n++] = t->p[i];
    }
    s[n] = '\0';
    return s;
}

/* suggest_nearest for n bytes of a line. */
static const char *nearest(const char *p, int n, const char *const *cands, int ncands)
{
    char word[SUGGEST_MAX_WORD + 1];
    if (n > SUGGEST_MAX_WORD)
        return NULL;
    memcpy(word, p, (size_t)n);
    word[n] = '\0';
    return suggest_nearest(word, cands, ncands);
}

/* ---- diagnostics ---- */

/* The column a terminal shows byte column col of the line at off in: the
 * parser counts bytes, people count what they see (visible.h). A column
 * just past the end, where something missing is reported, is one more. */
static int display_col(const struct parser *P, size_t off, int col)
{
    if (off == NO_SRC || col <= 0)
        return col;
    size_t n = 0;
    while (off + n < P->len && P->text[off + n] != '\n' && n < LEX_MAX_LINE)
        n++;
    size_t before = (size_t)col - 1;
    if (before <= n)
        return visible_width(P->text + off, before) + 1;
    return visible_width(P->text + off, n) + (int)(before - n) + 1;
}

/* Copies the line starting at off into P->quote, for a diagnostic to show. */
static const char *quote_line(struct parser *P, size_t off)
{
    if (off == NO_SRC)
        return NULL;
    size_t n = 0;
    while (off + n < P->len && P->text[off + n] != '\n' && n < LEX_MAX_LINE)
        n++;
    memcpy(P->quote, P->text + off, n);
    P->quote[n] = '\0';
    return P->quote;
}

static void __attribute__((format(printf, 7, 0)))
vreport(struct parser *P, enum diag_severity sev, int line, size_t off, int col, const char *hint,
        const char *fmt, va_list ap)
{
    struct unit *U = P->U;
    if (U->stop)
        return;
    if (sev == DIAG_ERROR && U->errors == MAX_ERRORS) {
        diags_add(P->d, DIAG_NOTE, P->file, 0, 0, NULL, NULL, "too many errors, giving up");
        U->stop = 1;
        return;
    }
    if (sev == DIAG_ERROR)
        U->errors++;
    else
        U->warnings++;
    /* Most messages fit the buffer; one naming a chain of files may not. */
    char buf[512], *msg = buf;
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (n >= (int)sizeof buf && (msg = malloc((size_t)n + 1)) != NULL)
        vsnprintf(msg, (size_t)n + 1, fmt, again);
    else if (!msg)
        msg = buf;
    va_end(again);
    diags_add(P->d, sev, P->file, line, line ? col : 0, quote_line(P, off), hint, "%s", msg);
    if (msg != buf)
        free(msg);
}

/* At byte column col of line L. */
static void __attribute__((format(printf, 5, 6)))
error_at(struct parser *P, const struct lex_line *L, int col, const char *hint, const char *fmt,
         ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(P, DIAG_ERROR, L->no, L->off, display_col(P, L->off, col), hint, fmt, ap);
    va_end(ap);
}

static void __attribute__((format(printf, 5, 6)))
warn_at(struct parser *P, const struct lex_line *L, int col, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(P, DIAG_WARNING, L->no, L->off, display_col(P, L->off, col), hint, fmt, ap);
    va_end(ap);
}

/* A diagnostic about a line other than the current one (line 0: the file),
 * at a column already counted as shown (the routine's own col fields). */
static void __attribute__((format(printf, 7, 8)))
report(struct parser *P, enum diag_severity sev, int line, size_t off, int col, const char *hint,
       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(P, sev, line, off, col, hint, fmt, ap);
    va_end(ap);
}

/* Past a limit the rest of the file is not read: one error, then stop. */
static int over_limit(struct parser *P, const struct lex_line *L, int col, int count, int max,
                      const char *what)
{
    if (count < max)
        return 0;
    error_at(P, L, col, NULL, "a routine can have at most %d %s", max, what);
    P->U->stop = 1;
    return 1;
}

static void map_put(struct parser *P, struct strmap *m, const char *key, int val)
{
    if (strmap_put(m, key, val) != 0)
        P->U->nomem = 1;
}

/* ---- tokens ---- */

/* A statement has read what it takes: anything left over is a mistake. */
static void finish(struct parser *P, struct lex_line *L)
{
    const struct lex_token *t = lex_next(L);
    if (!t)
        return;
    if (t->kind == LEX_TEXT)
        error_at(P, L, t->col, NULL, "unexpected text after the statement");
    else
        error_at(P, L, t->col, NULL, "unexpected '%.*s' after the statement", lex_shown(t), t->p);
    L->i = L->ntok;
}

/* A word that starts with a digit, or a minus and a digit: a duration,
 * or meant as one ("hold -5s" is one error, not a missing duration and a
 * bad cue id). */
static int starts_duration(const struct lex_token *t)
{
    if (!t || t->kind != LEX_WORD)
        return 0;
    int at = t->p[0] == '-' && t->len > 1;
    return ascii_is_digit((unsigned char)t->p[at]);
}

/* ---- durations ---- */

/* Reads a duration such as 1m30s or 1.5s into *ms. Returns 0 after reporting
 * the first thing wrong with it. */
static int duration(struct parser *P, const struct lex_line *L, const struct lex_token *t,
                    int64_t *ms)
{
    struct duration_error e;
    if (t->kind != LEX_WORD) {
        error_at(P, L, t->col, "e.g. 45s", "expected a duration, found text");
        return 0;
    }
    if (duration_parse(t->p, t->len, DURATION_UNITS, ms, &e) != 0) {
        error_at(P, L, t->col + e.at, e.hint, "%s", e.msg);
        return 0;
    }
    return 1;
}

/* A pace from a statement or a step's pace=; -1 after an error. */
static int64_t pace_value(struct parser *P, const struct lex_line *L, const struct lex_token *t)
{
    int64_t ms;
    char buf[32];
    if (!duration(P, L, t, &ms))
        return -1;
    if (ms < SCRIPT_PACE_MIN_MS || ms > SCRIPT_PACE_MAX_MS) {
        char lo[16], hi[16];
        error_at(P, L, t->col, NULL, "pace %s is outside %s to %s",
                 duration_text(ms, buf, sizeof buf),
                 duration_text(SCRIPT_PACE_MIN_MS, lo, sizeof lo),
                 duration_text(SCRIPT_PACE_MAX_MS, hi, sizeof hi));
        return -1;
    }
    if (ms < 1000)
        warn_at(P, L, t->col, "the guidance is to roll at most one inch per second",
                "pace %s is faster than one click a second", duration_text(ms, buf, sizeof buf));
    return ms;
}

int script_pace_parse(const char *s, int64_t *ms)
{
    struct duration_error e;
    int64_t v;
    if (duration_parse(s, (int)strlen(s), DURATION_ANY, &v, &e) != 0 || v < SCRIPT_PACE_MIN_MS ||
        v > SCRIPT_PACE_MAX_MS)
        return -1;
    *ms = v;
    return 0;
}

/* ---- cues ---- */

/* Letters, digits and the separators allowed after the first letter. */
static int valid_id(const struct lex_token *t, const char *seps)
{
    if (t->kind != LEX_WORD || !ascii_is_alpha((unsigned char)t->p[0]))
        return 0;
    for (int i = 1; i < t->len; i++) {
        unsigned char c = (unsigned char)t->p[i];
        if (!ascii_is_alpha(c) && !ascii_is_digit(c) && (c == '\0' || !strchr(seps, c)))
            return 0;
    }
    return 1;
}

static int builtin_index(const char *id)
{
    const struct phrase *ph = phrase_find(id);
    return ph ? (int)(ph - phrase_table) : -1;
}

/* "line 4" for a place in this file, "lib/legs.roll:4" for one in another. */
static const char *where(const struct parser *P, const char *file, int line, char *buf, size_t size)
{
    if (!file || file == P->file)
        snprintf(buf, size, "line %d", line);
    else
        snprintf(buf, size, "%.200s:%d", file, line);
    return buf;
}

/* Names cue id, with its text or (text NULL) alone. Returns its reference
 * (see struct parser), or -1 after an error. why_hint, if set, explains a
 * clash the author did not write directly. */
static int name_cue(struct parser *P, const struct lex_line *L, int col, char *id, char *text,
                    int text_col, const char *why_hint)
{
    struct routine *r = P->r;
    int k = strmap_get(&P->cue_map, id);
    if (k < 0) {
        int b = builtin_index(id);
        if (b >= 0) {
            if (text) {
                char hint[160];
                snprintf(hint, sizeof hint,
                         "write '%s' alone to use rollout's words, or choose another id", id);
                error_at(P, L, col, hint, "cue id '%s' is reserved for rollout's own words", id);
            }
            free(id);
            free(text);
            return text ? -1 : -2 - b;
        }
        if (over_limit(P, L, col, r->ncues, MAX_CUES, "cues")) {
            free(id);
            free(text);
            return -1;
        }
        void *v = append(P, r->cues, r->ncues, sizeof *r->cues);
        if (v)
            r->cues = v;
        void *x = append(P, P->cue_extra, r->ncues, sizeof *P->cue_extra);
        if (x)
            P->cue_extra = x;
        if (!v || !x) {
            free(id);
            free(text);
            return -1;
        }
        k = r->ncues++;
        r->cues[k] = (struct script_cue){.id = id,
                                         .text = text,
                                         .line = L->no,
                                         .col = display_col(P, L->off, col),
                                         .file = P->file};
        P->cue_extra[k] = (struct cue_extra){.off = L->off,
                                             .text_line = text ? L->no : 0,
                                             .text_file = text ? P->file : NULL,
                                             .order_line = L->no,
                                             .order_col = col};
        map_put(P, &P->cue_map, id, k);
        return k;
    }
    struct script_cue *c = &r->cues[k];
    if (text && !c->text) {
        c->text = text;
        P->cue_extra[k].text_line = L->no;
        P->cue_extra[k].text_file = P->file;
        text = NULL;
    } else if (text && strcmp(text, c->text) != 0) {
        char hint[400], at[240];
        where(P, P->cue_extra[k].text_file, P->cue_extra[k].text_line, at, sizeof at);
        if (why_hint)
            snprintf(hint, sizeof hint, "first defined at %s; %s", at, why_hint);
        else
            snprintf(hint, sizeof hint, "first defined at %s: \"%.60s%s\"", at, c->text,
                     strlen(c->text) > 60 ? "..." : "");
        error_at(P, L, why_hint ? col : text_col, hint, "cue '%s' already has a different text",
                 id);
        k = -1;
    }
    free(id);
    free(text);
    return k;
}

/* Reads CUE ["TEXT"] for a statement; -1 when there is none or after an
 * error. example is a whole statement, for hints. */
static int cue_arg(struct parser *P, struct lex_line *L, int required, const char *example)
{
    const struct lex_token *id = lex_peek(L);
    if (!id) {
        if (required)
            error_at(P, L, L->endcol, example, "expected a cue: an id, then its text in quotes");
        return -1;
    }
    if (id->kind == LEX_TEXT) {
        lex_next(L);
        error_at(P, L, id->col, example, "text needs a cue id before it");
        return -1;
    }
    lex_next(L);
    const struct lex_token *text =
        lex_peek(L) && lex_peek(L)->kind == LEX_TEXT ? lex_next(L) : NULL;
    if (!valid_id(id, "._-")) {
        error_at(P, L, id->col,
                 "a cue id starts with a letter and uses letters, digits, '.', '_' and '-'",
                 "invalid cue id '%.*s'", lex_shown(id), id->p);
        return -1;
    }
    if (text && text->len == 0) {
        error_at(P, L, text->col, NULL, "a cue's text cannot be empty");
        return -1;
    }
    char *cid = copy_word(P, id);
    char *ctext = text ? copy_text(P, text) : NULL;
    if (!cid || (text && !ctext)) {
        free(cid);
        free(ctext);
        return -1;
    }
    return name_cue(P, L, id->col, cid, ctext, text ? text->col : 0, NULL);
}

/* ---- the routine's statements ---- */

/* Statements about the whole routine come before the first step: a pace or
 * ball further down would look as if it applied to the step above it. */
static int header_ok(struct parser *P, const struct lex_line *L, const struct lex_token *kw,
                     int *seen, const char *step_hint)
{
    if (P->cur >= 0 || P->intro_closed) {
        error_at(P, L, kw->col, step_hint, "'%.*s' must come before the first %s", kw->len, kw->p,
                 P->cur >= 0 ? "step" : "include");
        return 0;
    }
    if (*seen) {
        char hint[48];
        snprintf(hint, sizeof hint, "first given at line %d", *seen);
        error_at(P, L, kw->col, hint, "'%.*s' is given twice", kw->len, kw->p);
        return 0;
    }
    *seen = L->no;
    return 1;
}

/* Reads a "TEXT" argument; NULL after an error. */
static char *text_arg(struct parser *P, struct lex_line *L, const char *what, const char *example)
{
    const struct lex_token *t = lex_next(L);
    if (!t) {
        error_at(P, L, L->endcol, example, "expected %s in double quotes", what);
        return NULL;
    }
    if (t->kind == LEX_WORD) {
        error_at(P, L, t->col, example, "%s must be in double quotes", what);
        L->i = L->ntok; /* the rest is the same unquoted text */
        return NULL;
    }
    if (t->len == 0) {
        error_at(P, L, t->col, example, "%s cannot be empty", what);
        return NULL;
    }
    return copy_text(P, t);
}

static void st_routine(struct parser *P, struct lex_line *L, const struct lex_token *kw)
{
    if (!header_ok(P, L, kw, &P->title_line, "move it to the top of the file"))
        return;
    P->r->title = text_arg(P, L, "the title", "e.g. routine \"Calf reset\"");
    finish(P, L);
}

static void st_about(struct parser *P, struct lex_line *L, const struct lex_token *kw)
{
    if (!header_ok(P, L, kw, &P->about_line, "move it to the top of the file"))
        return;
    P->r->about = text_arg(P, L, "the description", "e.g. about \"Two minutes a leg.\"");
    finish(P, L);
}

static void st_author(struct parser *P, struct lex_line *L, const struct lex_token *kw)
{
    if (!header_ok(P, L, kw, &P->author_line, "move it to the top of the file"))
        return;
    P->r->author = text_arg(P, L, "who wrote the routine", "e.g. author \"Sam Okafor\"");
    finish(P, L);
}

/* ball WORD or ball "TEXT", for the routine or a step's ball=. */
static char *ball_value(struct parser *P, const struct lex_line *L, const struct lex_token *t)
{
    if (t->len == 0) {
        error_at(P, L, t->col, NULL, "the ball cannot be empty");
        return NULL;
    }
    return t->kind == LEX_TEXT ? copy_text(P, t) : copy_word(P, t);
}

static void st_ball(struct parser *P, struct lex_line *L, const struct lex_token *kw)
{
    if (!header_ok(P, L, kw, &P->ball_line,
                   "to change one step's ball, write ball=WORD on its step line"))
        return;
    const struct lex_token *t = lex_next(L);
    if (!t)
        error_at(P, L, L->endcol, "e.g. ball lacrosse, or ball \"foam roller\"",
                 "expected the ball");
    else
        P->r->ball = ball_value(P, L, t);
    finish(P, L);
}

static void st_pace(struct parser *P, struct lex_line *L, const struct lex_token *kw)
{
    if (!header_ok(P, L, kw, &P->pace_line,
                   "to change one step's pace, write pace=DURATION on its step line"))
        return;
    const struct lex_token *t = lex_next(L);
    if (!t) {
        error_at(P, L, L->endcol, "e.g. pace 1s", "expected a duration after 'pace'");
        return;
    }
    int64_t ms = pace_value(P, L, t);
    if (ms > 0)
        P->r->pace_ms = ms;
    finish(P, L);
}

/* ---- steps ---- */

/* Sides used inconsistently, within one step: a two-sided area rolled with
 * no side, or a midline one with sides. Found when the step ends, so the
 * order of area= and sides= on its line does not matter. */
static void check_sides(struct parser *P, const struct script_step *st)
{
    int paired = area_paired(area_find(st->area));
    const char *id = st->id ? st->id : "";
    if (paired == 1 && st->sides == SCRIPT_SIDES_NONE)
        report(P, DIAG_WARNING, st->line, P->step_off,
               display_col(P, P->step_off, P->sides_col ? P->sides_col : P->area_col),
               "add sides=both, or write one step with sides=left and one with sides=right",
               "step '%s' has no side, but area '%s' has a left and a right", id, st->area);
    else if (paired == 0 && st->sides != SCRIPT_SIDES_NONE)
        report(P, DIAG_WARNING, st->line, P->step_off, display_col(P, P->step_off, P->sides_col),
               "leave out sides=: the back and the chest are rolled once, with no side",
               "step '%s' has sides=%s, but area '%s' is in the middle of the body", id,
               script_sides_name(st->sides), st->area);
}

static void end_step(struct parser *P)
{
    if (P->cur < 0)
        return;
    struct script_step *st = &P->r->steps[P->cur];
    if (P->phase_lines == 0) /* a broken phase line was reported already */
        report(P, DIAG_WARNING, st->line, P->step_off, st->col,
               "add roll, hold, rest or say lines under it", "step '%s' has no phases",
               st->id ? st->id : "");
    check_sides(P, st);
    /* A name can be empty here only after an error (a NUL byte in it). */
    if (P->announce_line || P->step_dup || !st->id || !st->name || !st->name[0])
        return;

    /* No announce line: the step is announced by name, as cue ID.name. */
    size_t idlen = strlen(st->id), namelen = strlen(st->name);
    char *id = malloc(idlen + sizeof ".name");
    char *text = malloc(namelen + 2);
    if (!id || !text) {
        P->U->nomem = 1;
        free(id);
        free(text);
        return;
    }
    memcpy(id, st->id, idlen);
    memcpy(id + idlen, ".name", sizeof ".name");
    memcpy(text, st->name, namelen + 1);
    if (!strchr(".!?", st->name[namelen - 1]))
        memcpy(text + namelen, ".", 2);
    char why[120];
    snprintf(why, sizeof why, "step '%s' is announced with it; add an announce line to the step",
             st->id);
    struct lex_line at = {.no = st->line, .off = P->step_off};
    st->announce = name_cue(P, &at, P->step_id_col, id, text, 0, why);
}

static const char *const step_settings[] = {"area", "sides", "ball", "pace"};
static const char *const sides_names[] = {"none", "left", "right", "both"};

/* One key=VALUE (or key="TEXT") on a step line. *given holds a bit per key. */
static void step_setting(struct parser *P, struct lex_line *L, const struct lex_token *t,
                         unsigned *given)
{
    struct script_step *st = &P->r->steps[P->cur];
    const char *eq = t->kind == LEX_WORD ? memchr(t->p, '=', (size_t)t->len) : NULL;
    if (!eq) {
        if (t->kind == LEX_TEXT)
            error_at(P, L, t->col, "step settings are written key=value, e.g. area=calf",
                     "unexpected text after the step's name");
        else
            error_at(P, L, t->col, "step settings are written key=value, e.g. area=calf",
                     "expected a setting such as area=calf, found '%.*s'", lex_shown(t), t->p);
        return;
    }
    int keylen = (int)(eq - t->p), key = -1;
    for (int k = 0; k < 4; k++)
        if ((size_t)keylen == strlen(step_settings[k]) &&
            memcmp(t->p, step_settings[k], (size_t)keylen) == 0)
            key = k;
    /* The value: the rest of the word, or the "TEXT" right after the '='. */
    struct lex_token v = {
        .kind = LEX_WORD, .p = eq + 1, .len = t->len - keylen - 1, .col = t->col + keylen + 1};
    if (v.len == 0 && lex_peek(L) && lex_peek(L)->kind == LEX_TEXT && lex_peek(L)->glued)
        v = *lex_next(L);
    if (key < 0) {
        const char *near = nearest(t->p, keylen, step_settings, 4);
        char hint[64];
        if (near)
            snprintf(hint, sizeof hint, "did you mean '%s'?", near);
        else
            snprintf(hint, sizeof hint, "step settings are area=, sides=, ball= and pace=");
        error_at(P, L, t->col, hint, "unknown step setting '%.*s'",
                 keylen > LEX_SHOW_BYTES ? LEX_SHOW_BYTES : keylen, t->p);
        return;
    }
    if (*given & (1u << key)) {
        error_at(P, L, t->col, NULL, "'%s' is given twice on this step", step_settings[key]);
        return;
    }
    *given |= 1u << key;
    if (v.len == 0 && v.kind == LEX_WORD) {
        char hint[64];
        snprintf(hint, sizeof hint, "write the value right after the '=', e.g. %s",
                 key == 0   ? "area=calf"
                 : key == 1 ? "sides=both"
                 : key == 2 ? "ball=tennis"
                            : "pace=1s");
        error_at(P, L, v.col, hint, "'%s=' needs a value", step_settings[key]);
        return;
    }
    if (key == 2) {
        st->ball = ball_value(P, L, &v);
        return;
    }
    if (v.kind == LEX_TEXT) {
        error_at(P, L, v.col, NULL, "'%s=' takes a word, not text in quotes", step_settings[key]);
        return;
    }
    if (key == 0) {
        P->area_col = v.col;
        st->area = copy_word(P, &v);
        if (st->area && area_find(st->area) < 0) {
            char hint[300];
            const char *near = nearest(v.p, v.len, area_keys, area_count);
            int n = near ? snprintf(hint, sizeof hint, "did you mean '%s'? ", near) : 0;
            n += snprintf(hint + n, sizeof hint - (size_t)n, "known areas:");
            for (int i = 0; i < area_count; i++)
                n += snprintf(hint + n, sizeof hint - (size_t)n, "%s %s", i ? "," : "",
                              area_keys[i]);
            warn_at(P, L, v.col, hint, "unknown body area '%.*s'", lex_shown(&v), v.p);
        }
    } else if (key == 1) {
        int s = -1;
        for (int k = 0; k < 4; k++)
            if (lex_word_is(&v, sides_names[k]))
                s = k;
        if (s < 0) {
            const char *near = nearest(v.p, v.len, sides_names, 4);
            char hint[80];
            int n = near ? snprintf(hint, sizeof hint, "did you mean '%s'? ", near) : 0;
            snprintf(hint + n, sizeof hint - (size_t)n, "sides is one of none, left, right, both");
            error_at(P, L, v.col, hint, "unknown sides value '%.*s'", lex_shown(&v), v.p);
        } else {
            st->sides = (enum script_sides)s;
            P->sides_col = v.col;
        }
    } else {
        int64_t ms = pace_value(P, L, &v);
        if (ms > 0)
            st->pace_ms = ms;
    }
}

static void st_step(struct parser *P, struct lex_line *L, const struct lex_token *kw)
{
    struct routine *r = P->r;
    end_step(P);
    if (over_limit(P, L, kw->col, r->nsteps, MAX_STEPS, "steps"))
        return;
    /* The step exists even when its line is wrong, so the phases under it
     * are not also reported as outside a step. */
    void *v = append(P, r->steps, r->nsteps, sizeof *r->steps);
    if (!v)
        return;
    r->steps = v;
    P->cur = r->nsteps++;
    P->intro_closed = 1;
    P->step_off = L->off;
    P->step_id_col = kw->col;
    P->announce_line = 0;
    P->step_dup = 0;
    P->phase_lines = 0;
    P->area_col = P->sides_col = 0;
    struct script_step *st = &r->steps[P->cur];
    *st = (struct script_step){
        .announce = -1, .line = L->no, .col = display_col(P, L->off, kw->col), .file = P->file};

    const char *example = "e.g. step calves \"Calves\" area=calf";
    const struct lex_token *t = lex_peek(L);
    if (!t) {
        error_at(P, L, L->endcol, example, "expected a step id and a name");
        return;
    }
    if (t->kind == LEX_TEXT)
        error_at(P, L, t->col, example, "expected a step id before the name");
    else {
        lex_next(L);
        P->step_id_col = t->col;
        if (!valid_id(t, "_-"))
            error_at(P, L, t->col,
                     "a step id starts with a letter and uses letters, digits, '_' and '-'",
                     "invalid step id '%.*s'", lex_shown(t), t->p);
        else if ((st->id = copy_word(P, t))) {
            int other = strmap_get(&P->step_map, st->id);
            if (other >= 0) {
                char at[240], hint[260];
                snprintf(hint, sizeof hint, "first used at %s",
                         where(P, r->steps[other].file, r->steps[other].line, at, sizeof at));
                error_at(P, L, t->col, hint, "step id '%s' is already used", st->id);
                P->step_dup = 1;
            } else
                map_put(P, &P->step_map, st->id, P->cur);
        }
    }

    t = lex_next(L);
    if (!t)
        error_at(P, L, L->endcol, example, "expected the step's name in double quotes");
    else if (t->kind == LEX_WORD && !memchr(t->p, '=', (size_t)t->len)) {
        error_at(P, L, t->col, example, "the step's name must be in double quotes");
        while (lex_peek(L) && lex_peek(L)->kind == LEX_WORD &&
               !memchr(lex_peek(L)->p, '=', (size_t)lex_peek(L)->len))
            lex_next(L); /* the rest of an unquoted name */
    } else if (t->kind == LEX_WORD) {
        error_at(P, L, t->col, example, "expected the step's name in double quotes");
        L->i--; /* a setting: read it below */
    } else if (t->len == 0)
        error_at(P, L, t->col, example, "the step's name cannot be empty");
    else
        st->name = copy_text(P, t);

    unsigned given = 0;
    while ((t = lex_next(L)))
        step_setting(P, L, t, &given);
}

/* ---- phases ---- */

static const char *const phase_names[] = {"say", "roll", "hold", "rest"};

/* col: the byte column of the phase's keyword, for the limit's error. */
static void add_phase(struct parser *P, const struct lex_line *L, struct script_phase ph, int col)
{
    struct routine *r = P->r;
    if (over_limit(P, L, col, P->U->nphases_all, MAX_PHASES, "phases"))
        return;
    P->U->nphases_all++;
    if (P->cur < 0) {
        void *v = append(P, r->intro, r->nintro, sizeof *r->intro);
        if (v) {
            r->intro = v;
            r->intro[r->nintro++] = ph;
        }
    } else {
        struct script_step *st = &r->steps[P->cur];
        void *v = append(P, st->phases, st->nphases, sizeof *st->phases);
        if (v) {
            st->phases = v;
            st->phases[st->nphases++] = ph;
        }
    }
}

/* say [DURATION] CUE ["TEXT"]; roll|hold|rest DURATION [CUE ["TEXT"]]. */
static void st_phase(struct parser *P, struct lex_line *L, const struct lex_token *kw,
                     enum script_phase_kind kind)
{
    static const char *const examples[] = {
        "e.g. say calves.setup \"Sit with one leg straight.\"",
        "e.g. roll 45s calves.roll \"Roll slowly up and down the calf.\"",
        "e.g. hold 20s calves.hold \"Stay on the sore spot.\"",
        "e.g. rest 10s calves.rest \"Move the ball to the other leg.\"",
    };
    const char *name = phase_names[kind];
    struct script_phase ph = {.kind = kind,
                              .ms = -1,
                              .cue = -1,
                              .line = L->no,
                              .col = display_col(P, L->off, kw->col),
                              .file = P->file};
    int ok = 1;
    if (P->cur >= 0)
        P->phase_lines++;
    if (P->cur < 0 && P->intro_closed) {
        error_at(P, L, kw->col, "an include ends the step above it: start a new step first",
                 "'%s' must be inside a step", name);
        ok = 0;
    } else if (P->cur < 0 && (kind == SCRIPT_PHASE_ROLL || kind == SCRIPT_PHASE_HOLD)) {
        error_at(P, L, kw->col, "only say and rest may come before the first step",
                 "'%s' must be inside a step", name);
        ok = 0;
    }

    const struct lex_token *dur = lex_peek(L);
    if (starts_duration(dur)) {
        lex_next(L);
        if (!duration(P, L, dur, &ph.ms))
            ok = 0;
        else if (ph.ms == 0) {
            error_at(P, L, dur->col, NULL, "'%s' needs a duration longer than zero", name);
            ok = 0;
        }
    } else if (kind != SCRIPT_PHASE_SAY) {
        error_at(P, L, dur ? dur->col : L->endcol, examples[kind], "'%s' needs a duration", name);
        ok = 0;
    }

    ph.cue = cue_arg(P, L, kind == SCRIPT_PHASE_SAY, examples[kind]);
    if (kind == SCRIPT_PHASE_SAY && ph.cue == -1)
        ok = 0;
    finish(P, L);

    if (ok && kind == SCRIPT_PHASE_ROLL) {
        /* An included file's steps roll at the including routine's pace. */
        int64_t pace =
            P->r->steps[P->cur].pace_ms ? P->r->steps[P->cur].pace_ms : P->U->top->pace_ms;
        if (ph.ms < 5 * pace) {
            char a[32], b[32], hint[64];
            snprintf(hint, sizeof hint, "roll for at least %s",
                     duration_text(5 * pace, a, sizeof a));
            warn_at(P, L, dur->col, hint, "a %s roll is shorter than five clicks at a %s pace",
                    duration_text(ph.ms, a, sizeof a), duration_text(pace, b, sizeof b));
        }
    }
    if (ok)
        add_phase(P, L, ph, kw->col);
}

static void st_say(struct parser *P, struct lex_line *L, const struct lex_token *kw)
{
    st_phase(P, L, kw, SCRIPT_PHASE_SAY);
}

static void st_roll(struct parser *P, struct lex_line *L, const struct lex_token *kw)
{
    st_phase(P, L, kw, SCRIPT_PHASE_ROLL);
}

static void st_hold(struct parser *P, struct lex_line *L, const struct lex_token *kw)
{
    st_phase(P, L, kw, SCRIPT_PHASE_HOLD);
}

static void st_rest(struct parser *P, struct lex_line *L, const struct lex_token *kw)
{
    st_phase(P, L, kw, SCRIPT_PHASE_REST);
}

static void st_announce(struct parser *P, struct lex_line *L, const struct lex_token *kw)
{
    int ok = 1;
    if (P->cur < 0) {
        error_at(P, L, kw->col,
                 "announce says what is spoken when a step starts; put it under a step line",
                 "'announce' must be inside a step");
        ok = 0;
    } else if (P->announce_line) {
        char hint[48];
        snprintf(hint, sizeof hint, "first given at line %d", P->announce_line);
        error_at(P, L, kw->col, hint, "'announce' is given twice in this step");
        ok = 0;
    }
    int cue = cue_arg(P, L, 1, "e.g. announce calves.next \"Next, the calves.\"");
    finish(P, L);
    if (ok) {
        P->announce_line = L->no;
        P->r->steps[P->cur].announce = cue;
    }
}

/* ---- include ---- */

static struct parser *parser_new(struct unit *U, const char *file, char *rel, const char *text,
                                 size_t len, int depth);
static void parser_free(struct parser *P);
static void parse_file(struct parser *P);

/* Reads and parses the file at pl as an include of P, taking pl's name and
 * rel. Returns the file read, or NULL when it could not be (reported). */
static struct include_file *read_included(struct parser *P, const struct lex_line *L, int col,
                                          struct include_place *pl)
{
    struct unit *U = P->U;
    char *text = NULL, *name = pl->name, *rel = pl->rel;
    size_t len = 0;
    struct stat st;
    int err = 0;
    pl->name = pl->rel = NULL;
    enum path_read res = path_read(pl->real, MAX_SCRIPT_BYTES, &text, &len, &st, &err);
    const char *why = res == PATH_READ_DIR           ? "it is a directory"
                      : res == PATH_READ_NOT_REGULAR ? "it is not a regular file"
                      : res == PATH_READ_TOO_BIG     ? "it is larger than 1 MiB"
                                                     : strerror(err);
    if (res == PATH_READ_NOMEM)
        U->nomem = 1;
    else if (res != PATH_READ_OK)
        error_at(P, L, col, NULL, "cannot include '%s': %s", name, why);
    void *names = res == PATH_READ_OK ? append(P, U->names, U->nnames, sizeof *U->names) : NULL;
    if (!names) {
        free(text);
        free(name);
        free(rel);
        return NULL;
    }
    U->names = names;
    U->names[U->nnames++] = name;
    struct parser *S = parser_new(U, name, rel, text, len, P->depth + 1);
    if (!S) {
        free(text);
        return NULL;
    }
    int errors = U->errors;
    include_push(&U->files, &st, name);
    parse_file(S);
    include_pop(&U->files);
    /* Kept only now: the includes inside S have kept theirs meanwhile. */
    struct include_file *e =
        include_keep(&U->files, &(struct include_file){.dev = st.st_dev,
                                                       .ino = st.st_ino,
                                                       .P = S,
                                                       .text = text,
                                                       .height = S->height,
                                                       .failed = U->errors > errors || U->nomem});
    if (!e) {
        U->nomem = 1;
        parser_free(S);
        free(text);
    }
    return e;
}

/* Brings cue ref of the included parser S into P's table. The cue keeps the
 * place where S named it; a clash with P's text for the same id is reported
 * there, in S's file. */
static int merge_cue(struct parser *P, const struct lex_line *L, int col, struct parser *S, int ref)
{
    if (ref < 0)
        return ref; /* none, or a builtin phrase: the same in every file */
    struct routine *r = P->r;
    const struct script_cue *c = &S->r->cues[ref];
    const struct cue_extra *x = &S->cue_extra[ref];
    int k = strmap_get(&P->cue_map, c->id);
    if (k < 0) {
        if (over_limit(P, L, col, r->ncues, MAX_CUES, "cues"))
            return -1;
        void *v = append(P, r->cues, r->ncues, sizeof *r->cues);
        if (v)
            r->cues = v;
        void *e = append(P, P->cue_extra, r->ncues, sizeof *P->cue_extra);
        if (e)
            P->cue_extra = e;
        char *id = copy_n(P, c->id, strlen(c->id));
        char *text = c->text ? copy_n(P, c->text, strlen(c->text)) : NULL;
        if (!v || !e || !id || (c->text && !text)) {
            free(id);
            free(text);
            return -1;
        }
        k = r->ncues++;
        r->cues[k] = (struct script_cue){
            .id = id, .text = text, .line = c->line, .col = c->col, .file = c->file};
        P->cue_extra[k] = (struct cue_extra){.off = NO_SRC,
                                             .text_line = x->text_line,
                                             .text_file = x->text_file,
                                             .order_line = L->no,
                                             .order_col = col};
        map_put(P, &P->cue_map, r->cues[k].id, k);
        return k;
    }
    struct script_cue *pc = &r->cues[k];
    if (!c->text)
        return k;
    if (!pc->text) {
        pc->text = copy_n(P, c->text, strlen(c->text));
        P->cue_extra[k].text_line = x->text_line;
        P->cue_extra[k].text_file = x->text_file;
    } else if (strcmp(pc->text, c->text) != 0) {
        char at[240], hint[400];
        snprintf(hint, sizeof hint, "first defined at %s: \"%.60s%s\"",
                 where(S, P->cue_extra[k].text_file, P->cue_extra[k].text_line, at, sizeof at),
                 pc->text, strlen(pc->text) > 60 ? "..." : "");
        report(S, DIAG_ERROR, c->line, x->off, c->col, hint,
               "cue '%s' already has a different text", c->id);
        return -1;
    }
    return k;
}

/* Appends a copy of S's step j to P's routine; col is where the include
 * names it (the step's id, or the file when all steps come in). */
static void merge_step(struct parser *P, const struct lex_line *L, int col, struct parser *S, int j)
{
    struct routine *r = P->r;
    const struct script_step *src = &S->r->steps[j];
    if (over_limit(P, L, col, r->nsteps, MAX_STEPS, "steps"))
        return;
    int other = strmap_get(&P->step_map, src->id);
    if (other >= 0) {
        char at[240], hint[260];
        snprintf(hint, sizeof hint, "first used at %s",
                 where(P, r->steps[other].file, r->steps[other].line, at, sizeof at));
        error_at(P, L, col, hint, "step id '%s' is already used", src->id);
        return;
    }
    void *v = append(P, r->steps, r->nsteps, sizeof *r->steps);
    if (!v)
        return;
    r->steps = v;
    struct script_step st = *src;
    st.id = copy_n(P, src->id, strlen(src->id));
    st.name = copy_n(P, src->name, strlen(src->name));
    st.area = src->area ? copy_n(P, src->area, strlen(src->area)) : NULL;
    st.ball = src->ball ? copy_n(P, src->ball, strlen(src->ball)) : NULL;
    st.phases = src->nphases ? malloc((size_t)src->nphases * sizeof *st.phases) : NULL;
    if (src->nphases && !st.phases)
        P->U->nomem = 1;
    if (st.phases)
        memcpy(st.phases, src->phases, (size_t)src->nphases * sizeof *st.phases);
    int idx = r->nsteps++;
    r->steps[idx] = st; /* owned by the routine from here, even when incomplete */
    if (P->U->nomem)
        return;
    map_put(P, &P->step_map, r->steps[idx].id, idx);
    r->steps[idx].announce = merge_cue(P, L, col, S, src->announce);
    for (int i = 0; i < st.nphases; i++)
        r->steps[idx].phases[i].cue = merge_cue(P, L, col, S, src->phases[i].cue);
}

/* The steps of an included file, for a hint: "calves, hamstrings". */
static void step_list(const struct routine *r, char *buf, size_t size)
{
    int n = snprintf(buf, size, r->nsteps ? "its steps are" : "it has no steps");
    for (int i = 0; i < r->nsteps && (size_t)n < size; i++)
        n += snprintf(buf + n, size - (size_t)n, "%s %s", i ? "," : "", r->steps[i].id);
    if ((size_t)n >= size && size > 4)
        memcpy(buf + size - 4, "...", 4);
}

/* The path after a keyword, in double quotes: NULL, said why, when it is
 * missing, not quoted, or empty. `what` names it in the messages. */
static const struct lex_token *quoted_path(struct parser *P, struct lex_line *L, const char *what,
                                           const char *example)
{
    const struct lex_token *t = lex_next(L);
    if (!t) {
        error_at(P, L, L->endcol, example, "expected %s, in double quotes", what);
        return NULL;
    }
    if (t->kind == LEX_WORD) {
        error_at(P, L, t->col, example, "%s must be in double quotes", what);
        L->i = L->ntok;
        return NULL;
    }
    if (t->len == 0) {
        error_at(P, L, t->col, example, "%s cannot be empty", what);
        return NULL;
    }
    return t;
}

/* The step ids after an include's file, each a valid id, into ids (room
 * for a line's worth). How many there are, or -1 after an error. */
static int step_ids(struct parser *P, struct lex_line *L, const struct lex_token **ids)
{
    int nids = 0, ok = 1;
    for (const struct lex_token *id; (id = lex_next(L));) {
        if (id->kind == LEX_TEXT) {
            error_at(P, L, id->col, "after the file, name the steps to include by their ids",
                     "expected a step id, found text");
            ok = 0;
        } else if (!valid_id(id, "_-")) {
            error_at(P, L, id->col,
                     "a step id starts with a letter and uses letters, digits, '_' and '-'",
                     "invalid step id '%.*s'", lex_shown(id), id->p);
            ok = 0;
        } else
            ids[nids++] = id;
    }
    if (L->overflow) {
        error_at(P, L, L->endcol, "split the list over two include lines",
                 "too many step ids on one include line");
        ok = 0;
    }
    return ok ? nids : -1;
}

/* Says so when the path written at t leads out of the routine's folder:
 * by name (absolute, or a ".." too many: above_hint) or through a link (to
 * real). what names the statement, thing what it names ("file", "music"),
 * example a good path. 1 when it said so. */
static int said_outside(struct parser *P, const struct lex_line *L, const struct lex_token *t,
                        const char *written, enum include_where w, const char *real,
                        const char *what, const char *thing, const char *example,
                        const char *above_hint)
{
    char hint[PATH_MAX + 64];
    switch (w) {
    case INCLUDE_ABSOLUTE:
        snprintf(hint, sizeof hint, "name it relative to this file's folder, e.g. %s", example);
        error_at(P, L, t->col, hint, "%s path '%.200s' is absolute", what, written);
        return 1;
    case INCLUDE_ABOVE:
    case INCLUDE_OUTSIDE:
        if (w == INCLUDE_OUTSIDE)
            snprintf(hint, sizeof hint, "it leads to %s; copy the %s into the folder instead", real,
                     thing);
        error_at(P, L, t->col, w == INCLUDE_ABOVE ? above_hint : hint,
                 "%s path '%.200s' leads outside the routine's folder", what, written);
        return 1;
    default:
        return 0;
    }
}

/* The file written at t, read and parsed once for the whole routine; NULL,
 * said why, when it cannot be used. *block_from is set once the path is
 * good by name: what is said after that is about reading the file. */
static struct include_file *find_included(struct parser *P, const struct lex_line *L,
                                          const struct lex_token *t, const char *written,
                                          int *block_from)
{
    struct unit *U = P->U;
    struct include_place pl;
    struct include_file *e = NULL;
    enum include_where w = include_find(&U->files, P->rel, written, &pl);
    char above[300];
    snprintf(above, sizeof above,
             "an included file must be in the routine's folder (%.200s) or below it",
             U->files.prefix[0] ? U->files.prefix : "./");
    if (w == INCLUDE_NOMEM)
        U->nomem = 1;
    else if (w == INCLUDE_ABSOLUTE || w == INCLUDE_ABOVE) /* by name: not a reading */
        said_outside(P, L, t, written, w, NULL, "include", "file", "lib/legs.roll", above);
    *block_from = P->d->n;
    switch (w) {
    case INCLUDE_ABSOLUTE:
    case INCLUDE_ABOVE:
    case INCLUDE_NOMEM:
        break;
    case INCLUDE_UNRESOLVED:
    case INCLUDE_UNREADABLE:
        error_at(P, L, t->col, NULL, "cannot include '%s': %s", pl.name, strerror(pl.err));
        break;
    case INCLUDE_OUTSIDE:
        said_outside(P, L, t, written, w, pl.real, "include", "file", "lib/legs.roll", NULL);
        break;
    case INCLUDE_DIR:
    case INCLUDE_NOT_REGULAR:
        error_at(P, L, t->col, NULL, "cannot include '%s': %s", pl.name,
                 w == INCLUDE_DIR ? "it is a directory" : "it is not a regular file");
        break;
    case INCLUDE_OK:
        if (include_reading(&U->files, &pl.st)) {
            char *chain = include_chain_text(&U->files, pl.name);
            error_at(P, L, t->col, NULL, "include cycle: %s", chain ? chain : pl.name);
            free(chain);
            break;
        }
        e = include_known(&U->files, &pl.st);
        if (P->depth + 1 + (e ? e->height : 0) > INCLUDE_MAX_DEPTH) {
            char *chain = include_chain_text(&U->files, pl.name);
            error_at(P, L, t->col, chain, "includes are nested more than %d deep",
                     INCLUDE_MAX_DEPTH);
            free(chain);
            e = NULL;
        } else if (!e)
            e = read_included(P, L, t->col, &pl);
        break;
    }
    free(pl.name);
    free(pl.rel);
    return e;
}

/* Copies the steps of the included file e into P: all of them, or those
 * named in ids, in the order named. */
static void take_steps(struct parser *P, const struct lex_line *L, const struct lex_token *t,
                       const struct include_file *e, const struct lex_token **ids, int nids)
{
    struct unit *U = P->U;
    struct parser *S = e->P;
    if (e->height + 1 > P->height)
        P->height = e->height + 1;
    if (nids == 0) {
        if (S->r->nsteps == 0)
            warn_at(P, L, t->col, NULL, "%s has no steps to include", S->file);
        for (int j = 0; j < S->r->nsteps && !U->stop && !U->nomem; j++)
            merge_step(P, L, t->col, S, j);
    }
    for (int i = 0; i < nids && !U->stop && !U->nomem; i++) {
        char id[LEX_MAX_LINE + 1];
        memcpy(id, ids[i]->p, (size_t)ids[i]->len);
        id[ids[i]->len] = '\0';
        int j = strmap_get(&S->step_map, id);
        if (j >= 0) {
            merge_step(P, L, ids[i]->col, S, j);
            continue;
        }
        const char **cands = malloc((size_t)(S->r->nsteps + 1) * sizeof *cands);
        for (int k = 0; cands && k < S->r->nsteps; k++)
            cands[k] = S->r->steps[k].id;
        const char *near = cands ? suggest_nearest(id, cands, S->r->nsteps) : NULL;
        char hint[300];
        if (near)
            snprintf(hint, sizeof hint, "did you mean '%s'?", near);
        else
            step_list(S->r, hint, sizeof hint);
        error_at(P, L, ids[i]->col, hint, "no step '%s' in %s", id, S->file);
        free(cands);
    }
}

/* include "FILE" [STEP...]: ends the step above it and inserts steps of FILE. */
static void st_include(struct parser *P, struct lex_line *L, const struct lex_token *kw)
{
    struct unit *U = P->U;
    end_step(P);
    P->cur = -1;
    P->intro_closed = 1;

    const struct lex_token *t = quoted_path(P, L, "the file to include",
                                            "e.g. include \"lib/legs.roll\" calves hamstrings");
    if (!t)
        return;
    const struct lex_token *ids[LEX_MAX_TOKENS];
    int nids = step_ids(P, L, ids);
    if (nids < 0 || memchr(t->p, '\0', (size_t)t->len) || /* a NUL is reported already */
        over_limit(P, L, kw->col, U->nincludes++, MAX_INCLUDES, "includes"))
        return;
    char *written = copy_text(P, t);
    if (!written)
        return;
    int block_from = P->d->n;
    struct include_file *e = find_included(P, L, t, written, &block_from);
    free(written);
    if (e && !e->failed && !U->stop && !U->nomem)
        take_steps(P, L, t, e, ids, nids);
    /* What was said while reading it sorts at this line, as one block. */
    if (P->d->n > block_from) {
        void *b = append(P, P->blocks, P->nblocks, sizeof *P->blocks);
        if (b) {
            P->blocks = b;
            P->blocks[P->nblocks++] = (struct diag_block){
                .from = block_from, .to = P->d->n, .key = (long long)L->no * 65536 + kw->col};
        }
    }
}

/* music "PATH": the routine's own music bed (a file, a folder or an .m3u),
 * named as an include is: relative to this file's folder and inside the
 * routine's folder. Whether it can be played is for the player to say: music
 * never stops a session, so a file that is not there is no error here. */
static void st_music(struct parser *P, struct lex_line *L, const struct lex_token *kw)
{
    struct unit *U = P->U;
    const char *example = "e.g. music \"music/calm.flac\"";
    if (!header_ok(P, L, kw, &P->music_line, "move it to the top of the file"))
        return;
    const struct lex_token *t = quoted_path(P, L, "the music's file or folder", example);
    if (!t || memchr(t->p, '\0', (size_t)t->len)) /* a NUL is reported already */
        return;
    char *written = copy_text(P, t);
    if (!written)
        return;
    struct include_place pl;
    enum include_where w = include_find(&U->files, P->rel, written, &pl);
    if (w == INCLUDE_NOMEM)
        U->nomem = 1;
    else if (!said_outside(P, L, t, written, w, pl.real, "music", "music", "music/calm.flac",
                           "the music must be in the routine's folder or below it") &&
             P->depth == 0) {
        /* Inside the folder, there or not, a file or a folder. An included
         * file's music is not the routine's. */
        free(P->r->music);
        P->r->music = pl.name;
        pl.name = NULL;
    }
    free(pl.name);
    free(pl.rel);
    free(written);
    finish(P, L);
}

static const struct statement {
    const char *word;
    void (*parse)(struct parser *, struct lex_line *, const struct lex_token *);
} statements[] = {
    {"routine", st_routine},   {"about", st_about}, {"author", st_author},
    {"ball", st_ball},         {"pace", st_pace},   {"step", st_step},
    {"announce", st_announce}, {"say", st_say},     {"roll", st_roll},
    {"hold", st_hold},         {"rest", st_rest},   {"include", st_include},
    {"music", st_music},
};

#define NSTATEMENTS ((int)(sizeof statements / sizeof statements[0]))

static void parse_line(struct parser *P, struct lex_line *L)
{
    lex_line(L);
    for (int i = 0; i < L->nerr; i++) {
        char msg[64];
        const struct lex_error *e = &L->err[i];
        error_at(P, L, e->col, lex_error_hint(e), "%s", lex_error_text(e, msg, sizeof msg));
    }
    const struct lex_token *kw = lex_next(L);
    if (!kw)
        return;
    const char *list =
        "a line starts with routine, about, ball, pace, step, announce, say, roll, hold, rest "
        "or include";
    if (kw->kind == LEX_TEXT) {
        error_at(P, L, kw->col, list, "expected a statement, found text");
        return;
    }
    for (int i = 0; i < NSTATEMENTS; i++)
        if (lex_word_is(kw, statements[i].word)) {
            statements[i].parse(P, L, kw);
            return;
        }
    const char *words[NSTATEMENTS];
    for (int i = 0; i < NSTATEMENTS; i++)
        words[i] = statements[i].word;
    const char *near = nearest(kw->p, kw->len, words, NSTATEMENTS);
    char hint[128];
    if (near)
        snprintf(hint, sizeof hint, "did you mean '%s'?", near);
    error_at(P, L, kw->col, near ? hint : list, "unknown statement '%.*s'", lex_shown(kw), kw->p);
}

/* ---- the whole routine ---- */

/* Ids named alone and never given a text anywhere in the file. */
static void check_cues_have_text(struct parser *P)
{
    struct routine *r = P->r;
    const char **ids = malloc(((size_t)r->ncues + (size_t)phrase_count) * sizeof *ids);
    if (!ids) {
        P->U->nomem = 1;
        return;
    }
    int n = 0;
    for (int i = 0; i < r->ncues; i++)
        if (r->cues[i].text)
            ids[n++] = r->cues[i].id;
    for (int i = 0; i < phrase_count; i++)
        ids[n++] = phrase_table[i].id;
    for (int i = 0; i < r->ncues; i++) {
        const struct script_cue *c = &r->cues[i];
        if (c->text)
            continue;
        /* Most often the words were left out, not the id misspelt: say how
         * to add them first, and the cue it is near only as the other way. */
        const char *near = nearest(c->id, (int)strlen(c->id), ids, n);
        char hint[256];
        int k = snprintf(hint, sizeof hint,
                         "add its words in quotes where it is first used: %.60s \"...\"", c->id);
        if (near)
            snprintf(hint + k, sizeof hint - (size_t)k,
                     ", or name a cue that has words, such as '%.60s'", near);
        report(P, DIAG_ERROR, c->line, P->cue_extra[i].off, c->col, hint,
               "cue '%s' is never given a text", c->id);
    }
    free(ids);
}

static void check_length(struct parser *P)
{
    const struct routine *r = P->r;
    int64_t total = 0;
    for (int i = 0; i < r->nintro; i++)
        total += r->intro[i].ms > 0 ? r->intro[i].ms : 0;
    for (int s = 0; s < r->nsteps; s++) {
        int64_t step = 0;
        for (int i = 0; i < r->steps[s].nphases; i++)
            step += r->steps[s].phases[i].ms > 0 ? r->steps[s].phases[i].ms : 0;
        total += r->steps[s].sides == SCRIPT_SIDES_BOTH ? 2 * step : step;
    }
    char buf[32];
    if (total > DURATION_HOUR_MS)
        report(P, DIAG_WARNING, 0, NO_SRC, 0, "check the durations; sides=both counts twice",
               "the phases add up to %s, more than an hour", duration_text(total, buf, sizeof buf));
}

/* Sides used inconsistently, across the routine: a two-sided area rolled on
 * one side and never on the other. Reported at the first such step, in
 * whichever file it was written. */
static size_t line_offset(const struct parser *P, int line)
{
    size_t pos = P->len >= 3 && memcmp(P->text, LEX_BOM, 3) == 0 ? 3 : 0;
    for (int no = 1; no < line; no++) {
        const char *nl = memchr(P->text + pos, '\n', P->len - pos);
        if (!nl)
            return NO_SRC;
        pos = (size_t)(nl - P->text) + 1;
    }
    return pos;
}

static void check_balance(struct parser *P)
{
    const struct routine *r = P->r;
    for (int a = 0; a < area_count; a++) {
        if (area_paired(a) != 1)
            continue;
        int first[2] = {-1, -1}, has[2] = {0, 0}; /* left, right */
        for (int s = 0; s < r->nsteps; s++) {
            enum script_sides sd = r->steps[s].sides;
            if (area_find(r->steps[s].area) != a || sd == SCRIPT_SIDES_NONE)
                continue;
            for (int k = 0; k < 2; k++)
                if (sd == SCRIPT_SIDES_BOTH || sd == (k ? SCRIPT_SIDES_RIGHT : SCRIPT_SIDES_LEFT)) {
                    has[k] = 1;
                    if (first[k] < 0)
                        first[k] = s;
                }
        }
        for (int k = 0; k < 2; k++) {
            if (!has[k] || has[!k])
                continue;
            const struct script_step *st = &r->steps[first[k]];
            struct parser *Q = P;
            for (int i = 0; i < P->U->files.nread; i++)
                if (P->U->files.read[i].P->file == st->file)
                    Q = P->U->files.read[i].P;
            char hint[160];
            snprintf(hint, sizeof hint,
                     "add a step with area=%s sides=%s, or make this one sides=both", area_keys[a],
                     k ? "left" : "right");
            report(Q, DIAG_WARNING, st->line, line_offset(Q, st->line), st->col, hint,
                   "area '%s' is rolled on the %s side only", area_keys[a], k ? "right" : "left");
        }
    }
}

struct cue_order {
    int line, col, old;
};

static int by_position(const void *a, const void *b)
{
    const struct cue_order *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->old < y->old ? -1 : x->old > y->old;
}

static int renumber(int ref, const int *index, int nuser)
{
    if (ref >= 0)
        return index[ref];
    if (ref <= -2)
        return nuser + (-2 - ref);
    return -1;
}

/* Puts the routine's own cues in order of first appearance (a default
 * announcement is made when its step ends but belongs at the step's line),
 * appends the builtin phrases, and renumbers every reference. */
static void finish_cues(struct parser *P)
{
    struct routine *r = P->r;
    int nuser = r->ncues;
    struct cue_order *order = malloc(((size_t)nuser + 1) * sizeof *order);
    int *index = malloc(((size_t)nuser + 1) * sizeof *index);
    struct script_cue *cues = calloc((size_t)nuser + (size_t)phrase_count, sizeof *cues);
    if (!order || !index || !cues) {
        P->U->nomem = 1;
        goto out;
    }
    for (int i = 0; i < nuser; i++)
        order[i] = (struct cue_order){P->cue_extra[i].order_line, P->cue_extra[i].order_col, i};
    qsort(order, (size_t)nuser, sizeof *order, by_position);
    for (int i = 0; i < nuser; i++) {
        cues[i] = r->cues[order[i].old];
        index[order[i].old] = i;
    }
    for (int i = 0; i < phrase_count; i++) {
        struct script_cue *c = &cues[nuser + i];
        c->id = copy_n(P, phrase_table[i].id, strlen(phrase_table[i].id));
        c->text = copy_n(P, phrase_table[i].text, strlen(phrase_table[i].text));
        c->builtin = 1;
    }
    free(r->cues);
    r->cues = cues;
    r->ncues = nuser + phrase_count;
    cues = NULL;
    for (int i = 0; i < r->nintro; i++)
        r->intro[i].cue = renumber(r->intro[i].cue, index, nuser);
    for (int s = 0; s < r->nsteps; s++) {
        struct script_step *st = &r->steps[s];
        st->announce = renumber(st->announce, index, nuser);
        for (int i = 0; i < st->nphases; i++)
            st->phases[i].cue = renumber(st->phases[i].cue, index, nuser);
    }
out:
    free(order);
    free(index);
    free(cues);
}

/* The sort key of diagnostic i: its line and column in this file; a block
 * made while reading an include sorts at the include; anything about the
 * whole file, or about another file, goes last. */
static long long diag_key(const struct parser *P, int i)
{
    for (int b = 0; b < P->nblocks; b++)
        if (i >= P->blocks[b].from && i < P->blocks[b].to)
            return P->blocks[b].key;
    const struct diag *g = &P->d->v[i];
    if (!g->line || (g->file && strcmp(g->file, P->file) != 0))
        return LLONG_MAX;
    return (long long)g->line * 65536 + g->col;
}

/* Diagnostics found late (a cue never given a text, a step's default
 * announcement) go back among the others in line order. Stable, so a block
 * keeps its own order. */
static void sort_diags(struct parser *P, int from)
{
    struct diags *d = P->d;
    if (d->n - from < 2)
        return;
    long long *key = malloc((size_t)(d->n - from) * sizeof *key);
    if (!key)
        return; /* unsorted is still every message */
    for (int i = from; i < d->n; i++)
        key[i - from] = diag_key(P, i);
    for (int i = from + 1; i < d->n; i++) {
        struct diag g = d->v[i];
        long long k = key[i - from];
        int j = i;
        for (; j > from && key[j - 1 - from] > k; j--) {
            d->v[j] = d->v[j - 1];
            key[j - from] = key[j - 1 - from];
        }
        d->v[j] = g;
        key[j - from] = k;
    }
    free(key);
}

static struct parser *parser_new(struct unit *U, const char *file, char *rel, const char *text,
                                 size_t len, int depth)
{
    struct parser *P = calloc(1, sizeof *P);
    struct routine *r = calloc(1, sizeof *r);
    if (!P || !r) {
        U->nomem = 1;
        free(P);
        free(r);
        free(rel);
        return NULL;
    }
    *P = (struct parser){.U = U,
                         .d = U->d,
                         .file = file,
                         .rel = rel,
                         .depth = depth,
                         .text = text,
                         .len = len,
                         .r = r,
                         .cur = -1};
    P->step_map.nocase = 1; /* --start-at finds steps ignoring case */
    r->pace_ms = 1000;
    return P;
}

static void parser_free(struct parser *P)
{
    if (!P)
        return;
    strmap_free(&P->cue_map);
    strmap_free(&P->step_map);
    free(P->cue_extra);
    free(P->rel);
    free(P->blocks);
    script_free(P->r);
    free(P);
}

/* Every line of P's file, then what can only be checked at its end. An
 * included file is checked as a file of steps: it needs no title. */
static void parse_file(struct parser *P)
{
    struct unit *U = P->U;
    int first_diag = P->d->n;
    const char *text = P->text;
    size_t len = P->len;
    if (len > MAX_SCRIPT_BYTES) {
        report(P, DIAG_ERROR, 0, NO_SRC, 0, NULL, "the routine is larger than 1 MiB");
        len = 0;
    }
    size_t pos = 0;
    if (len >= 3 && memcmp(text, LEX_BOM, 3) == 0)
        pos = 3; /* a UTF-8 byte order mark, as some editors write */
    struct lex_line *L = malloc(sizeof *L);
    if (!L)
        U->nomem = 1;
    for (int no = 1; pos < len && L && !U->stop && !U->nomem; no++) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t n = end - pos;
        if (n > 0 && text[pos + n - 1] == '\r')
            n--;
        L->no = no;
        L->off = pos;
        L->p = text + pos;
        L->len = (int)(n > LEX_MAX_LINE ? LEX_MAX_LINE : n);
        if (n > LEX_MAX_LINE)
            report(P, DIAG_ERROR, no, NO_SRC, LEX_MAX_LINE + 1, NULL,
                   "line is longer than %d bytes", LEX_MAX_LINE);
        else
            parse_line(P, L);
        pos = nl ? end + 1 : len;
    }
    free(L);
    if (!U->stop && !U->nomem) {
        end_step(P);
        if (P->depth == 0 && !P->title_line)
            report(P, DIAG_ERROR, 0, NO_SRC, 0, "add a line at the top: routine \"TITLE\"",
                   "the routine has no title");
        check_cues_have_text(P);
    }
    if (P->depth > 0)
        sort_diags(P, first_diag); /* the routine's own are sorted after its last checks */
}

struct routine *script_parse(const char *path, const char *text, size_t len, struct diags *d)
{
    const char *file = path ? path : "(routine)";
    struct unit U = {.d = d};
    int first_diag = d->n;

    U.names = malloc(8 * sizeof *U.names);
    char *name = U.names ? malloc(strlen(file) + 1) : NULL;
    struct parser *P = NULL;
    if (name) {
        strcpy(name, file);
        U.names[U.nnames++] = name;
    }
    /* The top folder, as written for messages and resolved for the checks. */
    if (name && include_begin(&U.files, name) == 0) {
        const char *base = file + strlen(U.files.prefix);
        char *rel = malloc(strlen(base) + 1);
        if (rel)
            P = parser_new(&U, name, strcpy(rel, base), text, len, 0);
    }
    if (!P) {
        diags_add(d, DIAG_ERROR, file, 0, 0, NULL, NULL, "out of memory");
        include_end(&U.files);
        free(name);
        free(U.names);
        return NULL;
    }

    struct routine *r = P->r;
    U.top = r;
    r->path = copy_n(P, file, strlen(file));
    parse_file(P);
    if (!U.stop && !U.nomem) {
        if (r->nsteps == 0)
            report(P, DIAG_WARNING, 0, NO_SRC, 0, "add a step: step ID \"NAME\"",
                   "the routine has no steps");
        check_balance(P);
        check_length(P);
    }
    if (!U.errors && !U.stop && !U.nomem)
        finish_cues(P);
    if (U.nomem)
        diags_add(d, DIAG_ERROR, file, 0, 0, NULL, NULL, "out of memory");
    sort_diags(P, first_diag);

    /* The routine keeps every file name its steps and cues point to. */
    r->files = U.names;
    r->nfiles = U.nnames;
    int failed = U.errors || U.stop || U.nomem;
    for (int i = 0; i < U.files.nread; i++) {
        parser_free(U.files.read[i].P);
        free(U.files.read[i].text);
    }
    include_end(&U.files);
    P->r = NULL;
    parser_free(P);
    if (failed) {
        script_free(r);
        return NULL;
    }
    return r;
}

struct routine *script_load(const char *path, struct diags *d)
{
    char *buf = NULL;
    size_t len = 0;
    struct stat st;
    int err = 0;
    switch (path_read(path, MAX_SCRIPT_BYTES, &buf, &len, &st, &err)) {
    case PATH_READ_OK:
        break;
    case PATH_READ_OPEN:
        diags_add(d, DIAG_ERROR, path, 0, 0, NULL, NULL, "cannot open the routine: %s",
                  strerror(err));
        return NULL;
    case PATH_READ_ERROR:
        diags_add(d, DIAG_ERROR, path, 0, 0, NULL, NULL, "cannot read the routine: %s",
                  strerror(err));
        return NULL;
    case PATH_READ_DIR:
        diags_add(d, DIAG_ERROR, path, 0, 0, NULL, NULL, "this is a directory, not a routine file");
        return NULL;
    case PATH_READ_NOT_REGULAR:
        diags_add(d, DIAG_ERROR, path, 0, 0, NULL, NULL, "this is not a regular file");
        return NULL;
    case PATH_READ_TOO_BIG:
        diags_add(d, DIAG_ERROR, path, 0, 0, NULL, NULL, "the routine is larger than 1 MiB");
        return NULL;
    case PATH_READ_NOMEM:
        diags_add(d, DIAG_ERROR, path, 0, 0, NULL, NULL, "out of memory");
        return NULL;
    }
    struct routine *r = script_parse(path, buf, len, d);
    free(buf);
    return r;
}

void script_free(struct routine *r)
{
    if (!r)
        return;
    free(r->path);
    free(r->title);
    free(r->about);
    free(r->author);
    free(r->ball);
    free(r->music);
    free(r->intro);
    for (int s = 0; s < r->nsteps; s++) {
        struct script_step *st = &r->steps[s];
        free(st->id);
        free(st->name);
        free(st->area);
        free(st->ball);
        free(st->phases);
    }
    free(r->steps);
    for (int i = 0; i < r->ncues; i++) {
        free(r->cues[i].id);
        free(r->cues[i].text);
    }
    free(r->cues);
    for (int i = 0; i < r->nfiles; i++)
        free(r->files[i]);
    free(r->files);
    free(r);
}

int script_cue_find(const struct routine *r, const char *id)
{
    for (int i = 0; i < r->ncues; i++)
        if (strcmp(r->cues[i].id, id) == 0)
            return i;
    return -1;
}

int script_step_find(const struct routine *r, const char *key)
{
    if (!key || !*key)
        return -1;
    for (int i = 0; i < r->nsteps; i++)
        if (ascii_same_nocase(r->steps[i].id, key))
            return i;
    for (int i = 0; i < r->nsteps; i++)
        if (ascii_same_nocase(r->steps[i].name, key))
            return i;
    long n = 0;
    for (const char *p = key; *p; p++) {
        if (!ascii_is_digit((unsigned char)*p) || n > r->nsteps)
            return -1;
        n = n * 10 + (*p - '0');
    }
    return n >= 1 && n <= r->nsteps ? (int)n - 1 : -1;
}

const char *script_sides_name(enum script_sides s)
{
    return (unsigned)s < 4 ? sides_names[s] : "?";
}

const char *script_side_name(enum script_side s)
{
    return (unsigned)s < 3 ? sides_names[s] : "?";
}

const char *script_phase_name(enum script_phase_kind k)
{
    return (unsigned)k < 4 ? phase_names[k] : "?";
}
