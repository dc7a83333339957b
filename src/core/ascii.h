/* SPDX-License-Identifier: MIT */
/* ascii.h — character classes of the ASCII a routine's words are made of,
 * the same in every locale (ctype.h's are not). */
#ifndef ROLLOUT_ASCII_H
#define ROLLOUT_ASCII_H

static inline int ascii_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static inline int ascii_is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether a and b are the same string, ignoring the case of ASCII letters. */
static inline int ascii_same_nocase(const char *a, const char *b)
{
    while (*a && ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b))
        a++, b++;
    return ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b);
}

#endif
