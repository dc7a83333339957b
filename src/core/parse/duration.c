/* SPDX-License-Identifier: MIT */
/* duration.c — one grammar for how long something lasts. */
#include "duration.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "visible.h"

#define SHOW_BYTES 40 /* the duration quoted in a message is cut to this */

/* Units from the largest down; a duration's parts must follow this order. */
static const struct {
    const char *name;
    int64_t ms;
} units[] = {{"h", DURATION_HOUR_MS}, {"m", 60000}, {"s", 1000}, {"ms", 1}};

#define NUNITS ((int)(sizeof units / sizeof units[0]))

static int __attribute__((format(printf, 4, 5)))
fail(struct duration_error *e, int at, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->at = at;
    e->hint = hint;
    return -1;
}

/* The hint for a unit rollout does not know, aimed at what was meant. */
static const char *unit_hint(const char *u, int n)
{
    char w[8] = {0};
    for (int i = 0; i < n && i < 7; i++)
        w[i] = (char)ascii_lower((unsigned char)u[i]);
    if (strncmp(w, "milli", 5) == 0 || strncmp(w, "msec", 4) == 0)
        return "write milliseconds as 'ms', e.g. 500ms";
    if (strncmp(w, "sec", 3) == 0)
        return "write seconds as 's', e.g. 45s";
    if (strncmp(w, "min", 3) == 0)
        return "write minutes as 'm', e.g. 2m";
    if (w[0] == 'h' && n > 0)
        return "write hours as 'h', e.g. 1h";
    if (n <= 2 && (strcmp(w, "s") == 0 || strcmp(w, "m") == 0 || strcmp(w, "ms") == 0))
        return "write units in lower case: h, m, s, ms";
    return "units are h, m, s and ms";
}

/* A number at s[*i]: digits, then a point and at most three decimals. The
 * whole part stops growing past a day, so no input can overflow. Sets
 * *whole, *thousandths and *decimals (-1 with no point); -1 after an error. */
static int number(const char *s, int n, int *i, int64_t *whole, int64_t *thousandths, int *decimals,
                  struct duration_error *e)
{
    int start = *i;
    *whole = 0;
    *thousandths = 0;
    *decimals = -1;
    for (; *i < n && ascii_is_digit((unsigned char)s[*i]); (*i)++)
        if (*whole <= DURATION_MAX_MS)
            *whole = *whole * 10 + (s[*i] - '0');
    if (*i >= n || s[*i] != '.')
        return 0;
    int dot = (*i)++;
    int64_t frac = 0;
    int k = 0;
    for (; *i < n && ascii_is_digit((unsigned char)s[*i]); (*i)++, k++)
        if (k < 3)
            frac = frac * 10 + (s[*i] - '0');
    if (k == 0)
        return fail(e, dot, "e.g. 1.5s", "expected digits after the decimal point");
    if (k > 3)
        return fail(e, start, "e.g. 1.125s", "at most three decimals in a duration");
    for (int d = k; d < 3; d++)
        frac *= 10;
    *thousandths = frac;
    *decimals = k;
    return 0;
}

/* [h:]m:ss[.fff]: the fields after the first are below 60, and only the
 * last may have decimals. */
static int clock(const char *s, int n, int64_t *ms, struct duration_error *e)
{
    const char *example = "e.g. 1:30 or 1:02:03";
    int shown = visible_cut(s, n, SHOW_BYTES);
    int64_t total = 0;
    for (int i = 0, fields = 1;; fields++) {
        int64_t whole, frac;
        int decimals;
        if (i >= n || !ascii_is_digit((unsigned char)s[i]))
            return fail(e, i, example, "expected a number in time '%.*s'", shown, s);
        if (number(s, n, &i, &whole, &frac, &decimals, e) != 0)
            return -1;
        if (fields > 3)
            return fail(e, 0, example, "a time has at most three fields");
        if (fields > 1 && whole >= 60)
            return fail(e, i, example, "minutes and seconds in a time are below 60");
        total = total * 60 + whole * 1000 + frac;
        if (total > DURATION_MAX_MS)
            return fail(e, 0, NULL, "time '%.*s' is longer than 24 hours", shown, s);
        if (i == n)
            break;
        if (s[i] != ':' || decimals >= 0)
            return fail(e, i, example, "unexpected character in time '%.*s'", shown, s);
        i++;
    }
    *ms = total;
    return 0;
}

int duration_parse(const char *s, int n, enum duration_form form, int64_t *ms,
                   struct duration_error *e)
{
    int shown = visible_cut(s, n, SHOW_BYTES);
    if (form == DURATION_ANY && memchr(s, ':', (size_t)n))
        return clock(s, n, ms, e);
    int i = 0, prev_unit = -1, decimal_part = -1;
    int carry_part = -1, carry_end = 0, carry_unit = 0; /* a part worth a larger unit */
    int64_t total = 0;
    if (n == 0)
        return fail(e, 0, "e.g. 45s, 1m30s, 1.5s", "expected a duration");
    if (s[0] == '-')
        return fail(e, 0, "e.g. 45s, 1m30s, 1.5s", "duration '%.*s' cannot be negative", shown, s);
    while (i < n) {
        int part = i;
        if (!ascii_is_digit((unsigned char)s[i]))
            return fail(e, i, "e.g. 45s, 1m30s, 1.5s", "expected a number in duration '%.*s'",
                        shown, s);
        int64_t whole, frac;
        int decimals;
        if (number(s, n, &i, &whole, &frac, &decimals, e) != 0)
            return -1;
        int dot = i - decimals - 1; /* where the point is, when there is one */
        int u = i;
        while (i < n && ascii_is_alpha((unsigned char)s[i]))
            i++;
        if (u == i && i < n)
            return fail(e, i, "e.g. 45s, 1m30s, 1.5s", "unexpected character in duration '%.*s'",
                        shown, s);
        if (u == i && form == DURATION_ANY && part == 0) {
            total = whole * 1000 + frac; /* a bare number: seconds */
            if (total > DURATION_MAX_MS)
                return fail(e, 0, NULL, "duration '%.*s' is longer than 24 hours", shown, s);
            break;
        }
        if (u == i) {
            snprintf(e->hint_buf, sizeof e->hint_buf, "add a unit: %.*ss", shown, s);
            return fail(e, 0, e->hint_buf, "duration '%.*s' has no unit", shown, s);
        }
        int k = -1;
        for (int j = 0; j < NUNITS; j++)
            if ((size_t)(i - u) == strlen(units[j].name) &&
                memcmp(s + u, units[j].name, (size_t)(i - u)) == 0)
                k = j;
        if (k < 0)
            return fail(e, u, unit_hint(s + u, i - u), "unknown unit '%.*s'",
                        i - u > SHOW_BYTES ? SHOW_BYTES : i - u, s + u);
        if (k <= prev_unit)
            return fail(e, part, "e.g. 1h30m, 1m30s, 1s500ms",
                        "duration parts must go from the largest unit to the smallest");
        if (decimal_part >= 0)
            return fail(e, decimal_part, "e.g. 1m30.5s, not 1.5m30s",
                        "only the last part of a duration may have a decimal point");
        if (decimals > 0 && units[k].ms == 1)
            return fail(e, dot, "e.g. 500ms", "milliseconds must be whole");
        int64_t value = whole * units[k].ms + frac * units[k].ms / 1000;
        if (prev_unit >= 0 && value >= units[prev_unit].ms && carry_part < 0) {
            carry_part = part;
            carry_end = i;
            carry_unit = prev_unit;
        }
        total += value;
        if (total > DURATION_MAX_MS)
            return fail(e, 0, NULL, "duration '%.*s' is longer than 24 hours", shown, s);
        prev_unit = k;
        if (decimals > 0)
            decimal_part = part;
    }
    /* 1m75s means 2m15s, but nobody writes that on purpose: it is far more
     * often 1m57s with two digits swapped, or a minute too many. An error,
     * with what it adds up to, lets the author say which. */
    if (carry_part >= 0) {
        static const char *const whole_unit[] = {"an hour", "a minute", "a second"};
        char sum[32];
        snprintf(e->hint_buf, sizeof e->hint_buf,
                 "it adds up to %s; write that if it is what you mean",
                 duration_text(total, sum, sizeof sum));
        return fail(e, carry_part, e->hint_buf, "in duration '%.*s', '%.*s' is %s or more", shown,
                    s, carry_end - carry_part, s + carry_part, whole_unit[carry_unit]);
    }
    *ms = total;
    return 0;
}

const char *duration_text(int64_t ms, char *buf, size_t size)
{
    if (ms > 0 && ms < 1000) {
        snprintf(buf, size, "%dms", (int)ms);
        return buf;
    }
    int h = (int)(ms / DURATION_HOUR_MS), m = (int)(ms / 60000 % 60), s = (int)(ms / 1000 % 60);
    int frac = (int)(ms % 1000);
    int n = 0;
    if (h)
        n += snprintf(buf + n, size - (size_t)n, "%dh", h);
    if (m)
        n += snprintf(buf + n, size - (size_t)n, "%dm", m);
    if (s || frac || n == 0) {
        n += snprintf(buf + n, size - (size_t)n, "%d", s);
        if (frac) {
            char f[8];
            snprintf(f, sizeof f, ".%03d", frac);
            for (int k = 3; f[k] == '0'; k--)
                f[k] = '\0';
            n += snprintf(buf + n, size - (size_t)n, "%s", f);
        }
        snprintf(buf + n, size - (size_t)n, "s");
    }
    return buf;
}
