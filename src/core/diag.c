/* SPDX-License-Identifier: MIT */
/* diag.c — collects errors and warnings and prints them the way compilers do:
 * where, what, the line itself, a caret under the column, and a hint. */
#include "diag.h"
#include "visible.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static char *copy_n(const char *s, size_t n)
{
    char *c = malloc(n + 1);
    if (c) {
        memcpy(c, s, n);
        c[n] = '\0';
    }
    return c;
}

/* The source line up to its newline, without the \r of a CRLF ending. */
static char *copy_line(const char *s)
{
    size_t n = strcspn(s, "\n");
    if (n > 0 && s[n - 1] == '\r')
        n--;
    return copy_n(s, n);
}

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static char *vformat(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    char *s = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (s)
        vsnprintf(s, (size_t)len + 1, fmt, again);
    va_end(again);
    return s;
}

static void diag_free(struct diag *g)
{
    free(g->file);
    free(g->msg);
    free(g->src);
    free(g->hint);
}

void diags_add(struct diags *d, enum diag_severity sev, const char *file, int line, int col,
               const char *src, const char *hint, const char *fmt, ...)
{
    /* Counted first: a message lost to a failed malloc must still fail the run. */
    if (sev == DIAG_ERROR)
        d->errors++;
    else if (sev == DIAG_WARNING && d->warnings++ - d->unlisted >= DIAGS_MAX_WARNINGS) {
        if (!d->unlisted++ && file)
            d->unlisted_file = copy_n(file, strlen(file));
        return;
    }

    struct diag g = {.severity = sev, .line = line, .col = col};
    va_list ap;
    va_start(ap, fmt);
    g.msg = vformat(fmt, ap);
    va_end(ap);
    g.file = file ? copy_n(file, strlen(file)) : NULL;
    g.src = src ? copy_line(src) : NULL;
    g.hint = hint ? copy_n(hint, strlen(hint)) : NULL;
    if (!g.msg || (file && !g.file) || (src && !g.src) || (hint && !g.hint))
        goto drop;

    if (d->n == d->cap) {
        int cap = d->cap ? d->cap * 2 : 16;
        struct diag *v = realloc(d->v, (size_t)cap * sizeof *v);
        if (!v)
            goto drop;
        d->v = v;
        d->cap = cap;
    }
    d->v[d->n++] = g;
    return;
drop:
    diag_free(&g);
}

static const char *severity_name(enum diag_severity s)
{
    return s == DIAG_ERROR ? "error" : s == DIAG_WARNING ? "warning" : "note";
}

/* Whether diagnostic i's hint is the next one's too, neither quoting a
 * line: every cue not recorded yet, say. Such a run has its hint said
 * once, after the last of them, not the same words under each. */
static int hint_goes_on(const struct diags *d, int i)
{
    const struct diag *g = &d->v[i], *next = i + 1 < d->n ? &d->v[i + 1] : NULL;
    return next && g->hint && next->hint && !g->src && !next->src &&
           strcmp(g->hint, next->hint) == 0;
}

void diags_print(const struct diags *d, FILE *f)
{
    for (int i = 0; i < d->n; i++) {
        const struct diag *g = &d->v[i];
        const char *sev = severity_name(g->severity);
        visible_put(f, g->file ? g->file : "rollout");
        if (g->line > 0 && g->col > 0)
            fprintf(f, ":%d:%d: %s: ", g->line, g->col, sev);
        else if (g->line > 0)
            fprintf(f, ":%d: %s: ", g->line, sev);
        else
            fprintf(f, ": %s: ", sev);
        visible_put(f, g->msg);
        fputc('\n', f);
        if (g->src && g->line > 0) {
            /* The line as visible_put shows it, tabs expanded, so the caret
             * lands under the column whatever came before it. */
            fputs("    ", f);
            visible_put(f, g->src);
            fputc('\n', f);
            if (g->col > 0)
                fprintf(f, "    %*s^\n", g->col - 1, "");
        }
        if (g->hint && !hint_goes_on(d, i)) {
            fputs("    hint: ", f);
            visible_put(f, g->hint);
            fputc('\n', f);
        }
    }
    if (d->unlisted) {
        visible_put(f, d->unlisted_file ? d->unlisted_file : "rollout");
        fprintf(f, ": note: %d more warning%s not listed (%d in all)\n", d->unlisted,
                d->unlisted == 1 ? "" : "s", d->warnings);
    }
}

/* A JSON string, or null. */
static void json_string(FILE *f, const char *s)
{
    if (s)
        visible_json(f, s);
    else
        fputs("null", f);
}

static void json_number(FILE *f, int n)
{
    if (n > 0)
        fprintf(f, "%d", n);
    else
        fputs("null", f);
}

void diags_print_json(const struct diags *d, FILE *f)
{
    fprintf(f,
            "{\"errors\":%d,\"warnings\":%d,\"unlisted_warnings\":%d,\"column_unit\":\"display\","
            "\"diagnostics\":[",
            d->errors, d->warnings, d->unlisted);
    for (int i = 0; i < d->n; i++) {
        const struct diag *g = &d->v[i];
        fputs(i ? ",{\"file\":" : "{\"file\":", f);
        json_string(f, g->file);
        fputs(",\"line\":", f);
        json_number(f, g->line);
        fputs(",\"column\":", f);
        json_number(f, g->line > 0 ? g->col : 0);
        fprintf(f, ",\"severity\":\"%s\",\"message\":", severity_name(g->severity));
        json_string(f, g->msg);
        fputs(",\"hint\":", f);
        json_string(f, g->hint);
        fputs(",\"source\":", f);
        json_string(f, g->line > 0 ? g->src : NULL);
        fputc('}', f);
    }
    fputs("]}\n", f);
}

void diags_free(struct diags *d)
{
    for (int i = 0; i < d->n; i++)
        diag_free(&d->v[i]);
    free(d->v);
    free(d->unlisted_file);
    *d = (struct diags){0};
}
