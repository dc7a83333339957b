/* SPDX-License-Identifier: MIT */
/* strmap.h — a string index, so a long routine's cues and steps are found
 * by name without a search: open addressing, the capacity a power of two
 * kept at least twice the count. Keys are borrowed, never copied. */
#ifndef ROLLOUT_STRMAP_H
#define ROLLOUT_STRMAP_H

struct strmap {
    const char **key;
    int *val;
    int cap, n;
    int nocase; /* keys match ignoring the case of ASCII letters */
};

/* The value of key, or -1. */
int strmap_get(const struct strmap *m, const char *key);

/* Adds key (which must stay valid while the map is used). 0, or -1 when
 * out of memory (the map stays as it was). */
int strmap_put(struct strmap *m, const char *key, int val);

void strmap_free(struct strmap *m);

#endif
