/* SPDX-License-Identifier: MIT */
/* suggest.h — the "did you mean" of messages: which of the words rollout
 * knows a mistyped one was most likely meant to be. */
#ifndef ROLLOUT_SUGGEST_H
#define ROLLOUT_SUGGEST_H

#define SUGGEST_MAX_WORD 64 /* bytes; a longer word is not a typo of anything */

/* The candidate nearest to word when it is close enough to be a typo: at
 * most two edits away, ignoring case, where swapping two neighbours counts
 * as one edit, and fewer edits than word is long. NULL when none is. */
const char *suggest_nearest(const char *word, const char *const *cands, int ncands);

#endif
