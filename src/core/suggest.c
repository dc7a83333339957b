/* SPDX-License-Identifier: MIT */
/* suggest.c — the "did you mean" of messages. */
#include "suggest.h"

#include <limits.h>
#include <string.h>

#include "ascii.h"

/* Edit distance, ignoring case, where swapping two neighbours counts as one
 * edit ("hodl" is one from "hold"); anything over SUGGEST_MAX_WORD bytes
 * just counts as far. */
static int distance(const char *a, int na, const char *b)
{
    int nb = (int)strlen(b);
    if (na > SUGGEST_MAX_WORD || nb > SUGGEST_MAX_WORD)
        return INT_MAX;
    int rows[3][SUGGEST_MAX_WORD + 1]; /* the rows for a[..i-2], a[..i-1] and a[..i] */
    int *two = rows[0], *prev = rows[1], *cur = rows[2];
    for (int j = 0; j <= nb; j++)
        prev[j] = j;
    for (int i = 1; i <= na; i++) {
        cur[0] = i;
        for (int j = 1; j <= nb; j++) {
            int ca = ascii_lower((unsigned char)a[i - 1]);
            int cb = ascii_lower((unsigned char)b[j - 1]);
            int best = prev[j - 1] + (ca != cb);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ca == ascii_lower((unsigned char)b[j - 2]) &&
                ascii_lower((unsigned char)a[i - 2]) == cb && two[j - 2] + 1 < best)
                best = two[j - 2] + 1;
            cur[j] = best;
        }
        int *t = two;
        two = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb];
}

const char *suggest_nearest(const char *word, const char *const *cands, int ncands)
{
    int n = (int)strlen(word);
    const char *best = NULL;
    int bestd = 3;
    for (int i = 0; i < ncands; i++) {
        int dist = distance(word, n, cands[i]);
        if (dist < bestd) {
            best = cands[i];
            bestd = dist;
        }
    }
    return best && bestd < n ? best : NULL;
}
