/* diag.c — collects errors and warnings and prints them the way compilers do:
 * where, what, the line itself, a caret under the column, and a hint. */
#include "diag.h"

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
    else
        d->warnings++;

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

/* Spaces up to the column, so the caret sits under the byte it names. A tab
 * is copied as a tab, and each UTF-8 character takes one space rather than
 * one per byte, so the caret lines up in a terminal. */
static void print_caret(FILE *f, const char *src, int col)
{
    size_t len = strlen(src);
    fputs("    ", f);
    for (int i = 0; i < col - 1; i++) {
        unsigned char c = (size_t)i < len ? (unsigned char)src[i] : ' ';
        if (c == '\t')
            fputc('\t', f);
        else if ((c & 0xC0) != 0x80) /* not a UTF-8 continuation byte */
            fputc(' ', f);
    }
    fputs("^\n", f);
}

void diags_print(const struct diags *d, FILE *f)
{
    for (int i = 0; i < d->n; i++) {
        const struct diag *g = &d->v[i];
        const char *sev = g->severity == DIAG_ERROR ? "error" : "warning";
        const char *file = g->file ? g->file : "(routine)";
        if (g->line > 0 && g->col > 0)
            fprintf(f, "%s:%d:%d: %s: %s\n", file, g->line, g->col, sev, g->msg);
        else if (g->line > 0)
            fprintf(f, "%s:%d: %s: %s\n", file, g->line, sev, g->msg);
        else
            fprintf(f, "%s: %s: %s\n", file, sev, g->msg);
        if (g->src && g->line > 0) {
            fprintf(f, "    %s\n", g->src);
            if (g->col > 0)
                print_caret(f, g->src, g->col);
        }
        if (g->hint)
            fprintf(f, "    hint: %s\n", g->hint);
    }
}

void diags_free(struct diags *d)
{
    for (int i = 0; i < d->n; i++)
        diag_free(&d->v[i]);
    free(d->v);
    *d = (struct diags){0};
}
