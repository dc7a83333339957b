/* SPDX-License-Identifier: MIT */
/* script_lex.c — one line of a routine split into tokens. */
#include "script_lex.h"

#include <stdio.h>
#include <string.h>

#include "visible.h"

static void fail(struct lex_line *L, enum lex_problem what, int col, unsigned char byte)
{
    if (L->nerr < LEX_MAX_ERRORS)
        L->err[L->nerr++] = (struct lex_error){.what = what, .col = col, .byte = byte};
}

/* A routine is UTF-8 text: the first bad byte of a line is recorded, once. */
static void check_bytes(struct lex_line *L)
{
    const unsigned char *s = (const unsigned char *)L->p;
    for (int i = 0; i < L->len;) {
        int n = visible_utf8_len(s + i, (size_t)(L->len - i));
        if (n == 0) {
            fail(L, LEX_BAD_UTF8, i + 1, s[i]);
            return;
        }
        if (s[i] == 0) {
            fail(L, LEX_NUL, i + 1, 0);
            return;
        }
        if ((s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7F) {
            fail(L, LEX_CONTROL, i + 1, s[i]);
            return;
        }
        /* C1 controls, U+0080 to U+009F (CSI, OSC, NEL): as able to steer a
         * terminal as ESC is. */
        if (n == 2 && s[i] == 0xC2 && s[i + 1] <= 0x9F) {
            fail(L, LEX_C1_CONTROL, i + 1, s[i + 1]);
            return;
        }
        /* Two files joined end to end: the second one's byte-order mark. */
        if (n == 3 && memcmp(s + i, LEX_BOM, 3) == 0) {
            fail(L, LEX_MID_BOM, i + 1, 0);
            return;
        }
        i += n;
    }
}

/* Reads a "text" token starting at the quote s[*i]; leaves *i past it. An
 * unterminated text runs to the end of the line, so the statement around it
 * is still understood and only the quote is reported. */
static void lex_text(struct lex_line *L, int *i, struct lex_token *t)
{
    const char *s = L->p;
    int open = *i, j = open + 1;
    t->kind = LEX_TEXT;
    t->p = s + j;
    for (; j < L->len && s[j] != '"'; j++) {
        if (s[j] != '\\' || j + 1 >= L->len)
            continue;
        if (s[j + 1] != '"' && s[j + 1] != '\\')
            fail(L, LEX_BAD_ESCAPE, j + 1, (unsigned char)s[j + 1]);
        j++;
    }
    t->len = j - (open + 1);
    if (j >= L->len) {
        fail(L, LEX_UNCLOSED, open + 1, 0);
        *i = L->len;
    } else
        *i = j + 1;
}

/* The bytes of the blank at s[i] (n in all), or 0. A stray \r, \v or \f, or
 * a byte-order mark past the start, is recorded by check_bytes; counting it
 * as a blank here keeps it from also garbling the statement. */
static int blank_len(const char *s, int i, int n)
{
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f')
        return 1;
    return n - i >= 3 && memcmp(s + i, LEX_BOM, 3) == 0 ? 3 : 0;
}

void lex_line(struct lex_line *L)
{
    const char *s = L->p;
    int i = 0;
    L->ntok = 0;
    L->i = 0;
    L->endcol = 1;
    L->overflow = 0;
    L->nerr = 0;
    check_bytes(L);
    while (i < L->len) {
        int before = i;
        for (int k; i < L->len && (k = blank_len(s, i, L->len)) > 0;)
            i += k;
        if (i >= L->len || s[i] == '#')
            break;
        struct lex_token t = {.col = i + 1, .glued = i == before && L->ntok > 0};
        if (s[i] == '"')
            lex_text(L, &i, &t);
        else {
            t.kind = LEX_WORD;
            t.p = s + i;
            while (i < L->len && !blank_len(s, i, L->len) && s[i] != '"' && s[i] != '#')
                i++;
            t.len = (int)(s + i - t.p);
        }
        if (L->ntok < LEX_MAX_TOKENS)
            L->tok[L->ntok++] = t;
        else
            L->overflow = 1;
        L->endcol = i + 1;
    }
}

const struct lex_token *lex_peek(const struct lex_line *L)
{
    return L->i < L->ntok ? &L->tok[L->i] : NULL;
}

const struct lex_token *lex_next(struct lex_line *L)
{
    return L->i < L->ntok ? &L->tok[L->i++] : NULL;
}

int lex_word_is(const struct lex_token *t, const char *w)
{
    return t->kind == LEX_WORD && (size_t)t->len == strlen(w) &&
           memcmp(t->p, w, (size_t)t->len) == 0;
}

int lex_shown(const struct lex_token *t)
{
    return visible_cut(t->p, t->len, LEX_SHOW_BYTES);
}

const char *lex_error_text(const struct lex_error *e, char *buf, size_t size)
{
    switch (e->what) {
    case LEX_BAD_UTF8:
        snprintf(buf, size, "invalid UTF-8 byte 0x%02X", e->byte);
        break;
    case LEX_NUL:
        snprintf(buf, size, "NUL byte in the routine");
        break;
    case LEX_CONTROL:
        snprintf(buf, size, "control character 0x%02X in the routine", e->byte);
        break;
    case LEX_C1_CONTROL:
        snprintf(buf, size, "control character U+%04X in the routine", e->byte);
        break;
    case LEX_MID_BOM:
        snprintf(buf, size, "byte-order mark in the middle of the file");
        break;
    case LEX_BAD_ESCAPE:
        snprintf(buf, size, "unknown escape '\\%c'", e->byte);
        break;
    case LEX_UNCLOSED:
        snprintf(buf, size, "text has no closing quote");
        break;
    }
    return buf;
}

const char *lex_error_hint(const struct lex_error *e)
{
    switch (e->what) {
    case LEX_BAD_UTF8:
        return "save the routine as UTF-8 text";
    case LEX_NUL:
        return "a routine is plain text";
    case LEX_MID_BOM:
        return "delete it: only the very start of a file may have one";
    case LEX_BAD_ESCAPE:
        return "in text, write \\\" for a quote and \\\\ for a backslash";
    case LEX_UNCLOSED:
        return "text is written in double quotes, on one line";
    case LEX_CONTROL:
    case LEX_C1_CONTROL:
        break;
    }
    return NULL;
}
