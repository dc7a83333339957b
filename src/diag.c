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

/* Length of the valid UTF-8 sequence at s, or 0: no overlong forms, no
 * surrogates, nothing past U+10FFFF (the parser's own rule). */
static int utf8_len(const unsigned char *s)
{
    int len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        len = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        len = 3;
        lo = s[0] == 0xE0 ? 0xA0 : 0x80;
        hi = s[0] == 0xED ? 0x9F : 0xBF;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        len = 4;
        lo = s[0] == 0xF0 ? 0x90 : 0x80;
        hi = s[0] == 0xF4 ? 0x8F : 0xBF;
    } else
        return 0;
    if (s[1] < lo || s[1] > hi) /* also stops at the terminating NUL */
        return 0;
    for (int i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

/* A JSON string, or null. */
static void json_string(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned char c = *p;
        int n = utf8_len(p);
        if (n == 0) {
            fputs("\\ufffd", f);
            p++;
            continue;
        }
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c < 0x20 || c == 0x7F)
            fprintf(f, "\\u%04x", c);
        else
            fwrite(p, 1, (size_t)n, f);
        p += n;
    }
    fputc('"', f);
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
    fprintf(f, "{\"errors\":%d,\"warnings\":%d,\"diagnostics\":[", d->errors, d->warnings);
    for (int i = 0; i < d->n; i++) {
        const struct diag *g = &d->v[i];
        fputs(i ? ",{\"file\":" : "{\"file\":", f);
        json_string(f, g->file);
        fputs(",\"line\":", f);
        json_number(f, g->line);
        fputs(",\"column\":", f);
        json_number(f, g->line > 0 ? g->col : 0);
        fprintf(f, ",\"severity\":\"%s\",\"message\":",
                g->severity == DIAG_ERROR ? "error" : "warning");
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
    *d = (struct diags){0};
}
