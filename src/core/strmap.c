/* SPDX-License-Identifier: MIT */
/* strmap.c — a string index. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"

static unsigned hash(const char *s, int nocase)
{
    unsigned h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned)(nocase ? ascii_lower((unsigned char)*s) : (unsigned char)*s)) *
            16777619u;
    return h;
}

int strmap_get(const struct strmap *m, const char *key)
{
    if (!m->cap)
        return -1;
    unsigned mask = (unsigned)m->cap - 1;
    for (unsigned i = hash(key, m->nocase) & mask; m->key[i]; i = (i + 1) & mask)
        if (m->nocase ? ascii_same_nocase(m->key[i], key) : strcmp(m->key[i], key) == 0)
            return m->val[i];
    return -1;
}

/* Into a map with room to spare. */
static void insert(struct strmap *m, const char *key, int val)
{
    unsigned mask = (unsigned)m->cap - 1;
    unsigned i = hash(key, m->nocase) & mask;
    while (m->key[i])
        i = (i + 1) & mask;
    m->key[i] = key;
    m->val[i] = val;
    m->n++;
}

int strmap_put(struct strmap *m, const char *key, int val)
{
    if (2 * (m->n + 1) > m->cap) {
        struct strmap bigger = {.cap = m->cap ? m->cap * 2 : 64, .nocase = m->nocase};
        bigger.key = calloc((size_t)bigger.cap, sizeof *bigger.key);
        bigger.val = calloc((size_t)bigger.cap, sizeof *bigger.val);
        if (!bigger.key || !bigger.val) {
            free(bigger.key);
            free(bigger.val);
            return -1;
        }
        for (int i = 0; i < m->cap; i++)
            if (m->key[i])
                insert(&bigger, m->key[i], m->val[i]);
        free(m->key);
        free(m->val);
        *m = bigger;
    }
    insert(m, key, val);
    return 0;
}

void strmap_free(struct strmap *m)
{
    free(m->key);
    free(m->val);
}
