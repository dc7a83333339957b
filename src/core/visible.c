/* SPDX-License-Identifier: MIT */
/* visible.c — control characters made visible, columns counted as a
 * terminal counts them. Widths come from the C library's wcwidth under the
 * C.UTF-8 locale, whatever locale rollout runs in, so a column never
 * depends on the user's settings. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* wcwidth */
#endif
#include "visible.h"

#include <locale.h>
#include <pthread.h>
#include <string.h>
#include <stdint.h>
#include <wchar.h>

#define TAB_STOP 8

int visible_utf8_len(const unsigned char *s, size_t n)
{
    int len;
    unsigned char lo = 0x80, hi = 0xBF; /* the allowed range of the second byte */
    if (n == 0)
        return 0;
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
    if (n < (size_t)len || s[1] < lo || s[1] > hi)
        return 0;
    for (int i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

static uint32_t decode(const unsigned char *s, int len)
{
    static const unsigned char lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    uint32_t c = s[0] & lead_mask[len];
    for (int i = 1; i < len; i++)
        c = (c << 6) | (s[i] & 0x3F);
    return c;
}

/* Code points shown as \uXXXX: they steer or hide text rather than show it,
 * so a line could read differently from what it holds. */
static int hidden(uint32_t c)
{
    return (c >= 0x80 && c <= 0x9F) || c == 0x061C || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

static locale_t utf8_locale;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void open_locale(void)
{
    utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

/* Columns for a printable code point: 2 for wide ones, 0 for combining
 * marks, 1 for the rest (and for anything the C library does not know). */
static int char_width(uint32_t c)
{
    if (c < 0x80)
        return 1;
    pthread_once(&utf8_once, open_locale);
    if (!utf8_locale)
        return 1;
    locale_t was = uselocale(utf8_locale);
    int w = wcwidth((wchar_t)c);
    uselocale(was);
    return w < 0 ? 1 : w;
}

/* The character at s (n bytes left, col columns already shown): its shown
 * form into out (at least 9 bytes) unless out is NULL, its width into *w.
 * Returns the bytes it takes. */
static size_t next(const char *s, size_t n, int col, char *out, int *w)
{
    const unsigned char *u = (const unsigned char *)s;
    int len = visible_utf8_len(u, n);
    if (u[0] == '\t') {
        *w = TAB_STOP - col % TAB_STOP;
        if (out) {
            for (int i = 0; i < *w; i++)
                out[i] = ' ';
            out[*w] = '\0';
        }
        return 1;
    }
    if (len == 0 || u[0] < 0x20 || u[0] == 0x7F) {
        *w = 4;
        if (out)
            snprintf(out, 9, "\\x%02x", u[0]);
        return 1;
    }
    uint32_t c = decode(u, len);
    if (hidden(c)) {
        *w = 6;
        if (out)
            snprintf(out, 9, "\\u%04x", (unsigned)c);
        return (size_t)len;
    }
    *w = char_width(c);
    if (out) {
        for (int i = 0; i < len; i++)
            out[i] = s[i];
        out[len] = '\0';
    }
    return (size_t)len;
}

void visible_put(FILE *f, const char *s)
{
    size_t n = strlen(s);
    int col = 0;
    char shown[16];
    while (n > 0) {
        int w;
        size_t k = next(s, n, col, shown, &w);
        fputs(shown, f);
        col += w;
        s += k;
        n -= k;
    }
}

char *visible_str(char *buf, size_t len, const char *s)
{
    static const char cut[] = "...";
    size_t n = strlen(s), at = 0;
    int col = 0;
    if (len == 0)
        return buf;
    buf[0] = '\0';
    while (n > 0) {
        char shown[16];
        int w;
        size_t k = next(s, n, col, shown, &w);
        size_t sl = strlen(shown);
        /* Room for this character, and for the mark of a cut after it
         * unless it is the last. */
        if (at + sl + (n > k ? sizeof cut : 1) > len) {
            if (at + sizeof cut <= len)
                memcpy(buf + at, cut, sizeof cut);
            return buf;
        }
        memcpy(buf + at, shown, sl + 1);
        at += sl;
        col += w;
        s += k;
        n -= k;
    }
    return buf;
}

void visible_json(FILE *f, const char *s)
{
    fputc('"', f);
    const unsigned char *end = (const unsigned char *)s + strlen(s);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned char c = *p;
        int n = visible_utf8_len(p, (size_t)(end - p));
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
        else if (c == 0xC2 && p[1] <= 0x9F) /* U+0080 to U+009F, C1 controls */
            fprintf(f, "\\u%04x", p[1]);
        else
            fwrite(p, 1, (size_t)n, f);
        p += n;
    }
    fputc('"', f);
}

int visible_has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
            return 1;
    return 0;
}

int visible_width(const char *s, size_t n)
{
    int col = 0;
    while (n > 0 && *s) {
        int w;
        size_t k = next(s, n, col, NULL, &w);
        col += w;
        s += k;
        n -= k;
    }
    return col;
}

int visible_cut(const char *s, int n, int max)
{
    if (n <= max)
        return n;
    int k = max;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k;
}
